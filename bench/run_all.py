"""Run every bench/bench_*.py script in turn; each prints its figures against their floors and
appends them to results.jsonl. At the end, every figure of this run in one table.

    python bench/run_all.py [--before COMMIT] [--only start health ...]

The 5000-account demo book (`--size`) is written once and handed to every script that takes `--book`
(writing it is a minute or two of the run, and each script used to write its own).

`--before COMMIT` measures that commit's code with the same scripts in the same run: its tree
is checked out into a temporary folder, it writes its own book (an older schema), and each of
the scripts behind the speed goals (BEFORE: start and memory, stalls, health, My week, calendar)
runs once against it (PYTHONPATH) and once against this checkout, in turn, so both meet the
same machine; the other scripts run on this checkout only. The table then shows both, each with its floor and ratio. A script the
older code cannot run (a name it did not have yet) is reported and skipped for that side.
"""

import argparse
import json
import os
import subprocess
import sys
import tempfile
import time
from pathlib import Path

HERE = Path(__file__).resolve().parent
ROOT = HERE.parent
RESULTS = HERE / "results.jsonl"
TODAY = "2026-11-25"
BEFORE = ("bench_start.py", "bench_stall.py", "bench_health.py", "bench_my_week.py", "bench_calendar.py")


def book_args(script: str, size: int, book: Path) -> list[str]:
    """How a script is handed the written book (the scripts that take one: one size, the book's)."""
    if script in ("bench_health.py", "bench_my_week.py", "bench_calendar.py", "bench_stall.py",
                  "bench_workspace.py", "bench_seasons.py"):
        return ["--sizes", str(size), "--book", str(book)]
    if script == "bench_find.py":
        return ["--accounts", str(size), "--book", str(book)]
    if script == "bench_start.py":
        return ["--sizes", "60", str(size), "--book", str(book)]
    if script == "bench_poll.py" and size == 5000:
        return ["--book", str(book)]
    return []


def write_book(folder: Path, size: int, env: dict[str, str]) -> Path:
    path = folder / f"demo-{size}.sqlite3"
    t0 = time.perf_counter()
    subprocess.run([sys.executable, "-m", "csplanner", "demo", "--db", str(path), "--accounts", str(size),
                    "--today", TODAY], env=env, check=True, stdout=subprocess.DEVNULL, cwd=folder)
    print(f"  ({size}-account book written in {time.perf_counter() - t0:.0f} s)", flush=True)
    return path


def run(script: Path, env: dict[str, str], size: int, book: Path) -> bool:
    extra = book_args(script.name, size, book)
    return subprocess.run([sys.executable, str(script), *extra], cwd=HERE, env=env).returncode == 0


def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--before", metavar="COMMIT", help="also measure this commit's code, in turn")
    parser.add_argument("--only", nargs="+", metavar="NAME", help="e.g. start health my_week (default: all)")
    parser.add_argument("--size", type=int, default=5000, help="accounts in the shared book (default 5000)")
    args = parser.parse_args()
    scripts = sorted(HERE.glob("bench_*.py"))
    if args.only:
        scripts = [s for s in scripts if any(name in s.stem for name in args.only)]
    seen = RESULTS.stat().st_size if RESULTS.exists() else 0
    failed = 0
    with tempfile.TemporaryDirectory(prefix="csplanner-bench-") as tmp:
        folder = Path(tmp)
        sides = [("after", dict(os.environ, PYTHONPATH=str(ROOT)), folder / "after")]
        if args.before:
            before = folder / "before-tree"
            subprocess.run(["git", "worktree", "add", "--detach", "-q", str(before), args.before], cwd=ROOT, check=True)
            commit = subprocess.run(["git", "rev-parse", "--short", args.before], cwd=ROOT, capture_output=True,
                                    text=True, check=True).stdout.strip()
            sides.insert(0, ("before", dict(os.environ, PYTHONPATH=str(before), BENCH_COMMIT=commit),
                             folder / "before"))
        try:
            books = {}
            for name, env, place in sides:
                place.mkdir()
                print(f"=== {name}: writing the book", flush=True)
                books[name] = write_book(place, args.size, env)
            for script in scripts:
                for name, env, _ in sides:
                    if name == "before" and script.name not in BEFORE:
                        continue
                    print(f"\n=== {script.name} ({name})", flush=True)
                    if not run(script, env, args.size, books[name]):
                        print(f"  {script.name} failed on the {name} code; its figures are missing", flush=True)
                        failed += name == "after"
        finally:
            if args.before:
                subprocess.run(["git", "worktree", "remove", "--force", str(before)], cwd=ROOT)
    table(seen)
    return 1 if failed else 0


def table(seen: int) -> None:
    with RESULTS.open("rb") as fh:
        fh.seek(seen)
        lines = [json.loads(line) for line in fh.read().decode("utf-8").splitlines() if line.strip()]
    commits = list(dict.fromkeys(r["commit"] for r in lines))
    machine = lines[0]["machine"] if lines else "?"
    print(f"\n=== every figure of this run ({machine}); value / floor = ratio")
    by_figure: dict[str, dict[str, dict]] = {}
    for r in lines:
        by_figure.setdefault(r["figure"], {})[r["commit"]] = r
    print(f"  {'figure':<40}" + "".join(f" {c:>28}" for c in commits))
    for figure, rows in by_figure.items():
        print(f"  {figure:<40}" + "".join(f" {cell(rows.get(c)):>28}" for c in commits))


def cell(r: dict | None) -> str:
    if r is None:
        return "-"
    value = f"{r['value']:.1f} {r['unit']}" if r["unit"] != "s" else f"{r['value']:.2f} s"
    if not r["floor"]:
        return value
    return f"{value} / {r['floor']:.1f} = {r['value'] / r['floor']:.2f}x"


if __name__ == "__main__":
    sys.exit(main())
