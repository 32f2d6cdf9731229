"""Mutation score of the core's rule modules: how many deliberate mistakes the tests catch.

    python tools/mutation.py [--jobs N] [--survivors] [MODULE ...]   (what `make mutation` runs)

mutmut (configured in pyproject.toml, [tool.mutmut]) changes one operator, constant or condition
at a time in a copy of the package under mutants/ and runs the tests of tests/core that cover
it. Each module is run on its own, every mutant afresh, so a score never comes from a stale
cache. Prints one row per module: killed of total and the percentage (a timeout counts as
killed: the tests did notice). Mutants listed in EQUIVALENT change nothing a user or a caller
could observe; they are left out of the total, each with its reason.
"""

import argparse
import json
import subprocess
import sys
import time
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
TARGET = 90.0  # per cent killed, per module

# module shown in the table -> the mutmut name prefix of its mutants
MODULES = {
    "core/health.py": "csplanner.core.health",
    "core/calendar.py": "csplanner.core.calendar",
    "core/week.py": "csplanner.core.week",
    "core/templates.py": "csplanner.core.templates",
    "core/validate.py": "csplanner.core.validate",
    "core/present/": "csplanner.core.present",  # a package: every module in it
    # issue 9: read-models moving into core go here
    # issue 11: the CSV parsing and the search-query escaping modules go here
    # (each also needs its file in [tool.mutmut] only_mutate in pyproject.toml)
}

# Truly equivalent mutants: mutant name -> (a piece of the mutated line, to notice when the
# numbering moves after an edit, and why no test can tell the mutant from the original).
EQUIVALENT: dict[str, tuple[str, str]] = {}

KILLED = {1, 3, 36, -24, 24, 152, 255}  # exit codes mutmut reads as killed or timed out
NOT_RUN = {None, 33, 5}  # not checked, no tests


def meta(prefix: str) -> dict[str, int | None]:
    """Exit code per mutant of a module, or of every module of a package."""
    base = ROOT / "mutants" / prefix.replace(".", "/")
    files = [base.with_suffix(".py.meta")] if base.with_suffix(".py.meta").exists() else sorted(base.rglob("*.py.meta"))
    codes: dict[str, int | None] = {}
    for path in files:
        codes.update(json.loads(path.read_text(encoding="utf-8"))["exit_code_by_key"])
    return {k: v for k, v in codes.items() if k.startswith(prefix + ".")}


def stale_equivalents(names: list[str]) -> list[str]:
    """Equivalent entries whose mutant no longer shows the recorded change (code moved)."""
    stale = []
    for name in names:
        fragment, _ = EQUIVALENT[name]
        shown = subprocess.run([sys.executable, "-m", "mutmut", "show", name], cwd=ROOT,
                               capture_output=True, text=True).stdout
        added = [line for line in shown.splitlines() if line.startswith("+") and not line.startswith("+++")]
        if not any(fragment in line for line in added):
            stale.append(name)
    return stale


def run(prefix: str, jobs: int) -> float:
    log = ROOT / "mutants" / f"{prefix}.log"
    log.parent.mkdir(exist_ok=True)
    start = time.monotonic()
    with log.open("w", encoding="utf-8") as out:
        done = subprocess.run([sys.executable, "-m", "mutmut", "run", "--max-children", str(jobs), prefix + ".*"],
                              cwd=ROOT, stdout=out, stderr=subprocess.STDOUT)
    if done.returncode != 0:
        sys.exit(f"mutmut failed on {prefix} (exit {done.returncode}); see {log.relative_to(ROOT)}")
    return time.monotonic() - start


def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("modules", nargs="*", help="e.g. health calendar (default: all)")
    parser.add_argument("--jobs", type=int, default=1, help="mutants tested at once (default 1)")
    parser.add_argument("--survivors", action="store_true", help="list every surviving mutant")
    parser.add_argument("--no-run", action="store_true", help="only print the scores of the last run")
    args = parser.parse_args()
    chosen = {k: v for m in args.modules for k, v in MODULES.items() if m in k} if args.modules else MODULES
    if not chosen:
        parser.error(f"no module matches {args.modules}; modules: {', '.join(MODULES)}")

    rows = []
    for shown, prefix in chosen.items():
        took = 0.0 if args.no_run else run(prefix, args.jobs)
        codes = meta(prefix)
        equivalent = [k for k in codes if k in EQUIVALENT]
        counted = {k: v for k, v in codes.items() if k not in EQUIVALENT}
        killed = sum(1 for v in counted.values() if v in KILLED)
        survivors = sorted((k for k, v in counted.items() if v not in KILLED), key=_natural)
        rows.append((shown, killed, len(counted), equivalent, survivors, took))
        if not args.no_run:
            print(f"{shown}: {killed} of {len(counted)} killed in {took:.0f} s", flush=True)

    print()
    print(f"| module | killed of total | % | equivalent (not counted) |")
    print("|---|---|---|---|")
    failing = []
    for shown, killed, total, equivalent, survivors, _ in rows:
        pct = 100.0 * killed / total if total else 0.0
        print(f"| {shown} | {killed} of {total} | {pct:.1f} % | {len(equivalent)} |")
        if pct < TARGET:
            failing.append(shown)
    for shown, _, _, equivalent, survivors, _ in rows:
        if args.survivors and survivors:
            print(f"\n{shown} — not killed:")
            for name in survivors:
                print(f"  {name}  ({_status(MODULES[shown], name)})")
        for name in stale_equivalents(equivalent):
            print(f"warning: {name} is listed as equivalent but no longer shows "
                  f"'{EQUIVALENT[name][0]}'; update EQUIVALENT in tools/mutation.py")
    if failing:
        print(f"\nbelow {TARGET:.0f} %: {', '.join(failing)}")
    return 0


def _status(prefix: str, name: str) -> str:
    code = meta(prefix).get(name)
    return {0: "survived", None: "not checked", 33: "no tests", 5: "no tests"}.get(code, f"exit {code}")


def _natural(name: str) -> tuple[str, int]:
    head, _, n = name.rpartition("__mutmut_")
    return head, int(n) if n.isdigit() else 0


if __name__ == "__main__":
    sys.exit(main())
