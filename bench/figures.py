"""What every bench script prints and keeps: a figure, its floor measured in the same run, their
ratio against the goal, and a line in bench/results.jsonl (date, commit, machine, figure, value,
floor, unit) so the trend is visible across commits."""

import json
import os
import platform
import statistics
import subprocess
import time
from collections.abc import Callable
from datetime import datetime, timezone
from pathlib import Path

HERE = Path(__file__).resolve().parent
RESULTS = HERE / "results.jsonl"


def commit() -> str:
    if os.environ.get("BENCH_COMMIT"):  # measuring another checkout's code with these scripts
        return os.environ["BENCH_COMMIT"]
    try:
        return subprocess.run(["git", "rev-parse", "--short", "HEAD"], cwd=HERE, capture_output=True,
                              text=True, check=True).stdout.strip()
    except (OSError, subprocess.CalledProcessError):
        return "unknown"


def record(figure: str, value: float, floor: float | None, unit: str) -> None:
    line = {"date": datetime.now(timezone.utc).isoformat(timespec="seconds"), "commit": commit(),
            "machine": f"{platform.node()} {platform.machine()} {os.cpu_count()} cpu",
            "figure": figure, "value": round(value, 4), "floor": None if floor is None else round(floor, 4),
            "unit": unit}
    with RESULTS.open("a", encoding="utf-8") as out:
        out.write(json.dumps(line) + "\n")


def show(figure: str, label: str, value: float, floor: float | None, unit: str = "ms",
         goal: str = "", floor_label: str = "floor") -> None:
    """Print one figure with its floor and ratio, and append it to results.jsonl.
    `goal`: e.g. "<= 3x" (a ratio) or "< 16 ms" (an absolute budget, for figures a person feels)."""
    fmt = (lambda v: f"{v:8.1f} {unit}") if unit == "ms" else (lambda v: f"{v:8.2f} {unit}")
    versus = f"   {floor_label} {fmt(floor)}   = {value / floor:5.2f}x" if floor else " " * (len(floor_label) + 25)
    print(f"  {label:<42} {fmt(value)}{versus}" + (f"  (goal {goal})" if goal else ""), flush=True)
    record(figure, value, floor, unit)


def alternate(a: Callable[[], object], b: Callable[[], object], runs: int) -> tuple[float, float]:
    """Median seconds of `a` and of `b`, run alternately (a b a b …) so drift hits both alike."""
    ta, tb = [], []
    for _ in range(runs):
        t0 = time.perf_counter()
        a()
        ta.append(time.perf_counter() - t0)
        t0 = time.perf_counter()
        b()
        tb.append(time.perf_counter() - t0)
    return statistics.median(ta), statistics.median(tb)


def demo_book(path: Path, size: int, today: object, book: Path | None = None):  # noqa: ANN201
    """The demo book of `size` accounts at `path`, opened: written afresh, or copied from `book`
    (one written before with `csplanner demo --accounts SIZE --today 2026-11-25`, to save minutes)."""
    import shutil

    from csplanner import demo
    from csplanner.core.db import open_database

    if book is not None:
        shutil.copyfile(book, path)
        return open_database(path)
    db = open_database(path)
    demo.generate(db, accounts=size, seed=1, today=today)
    return db
