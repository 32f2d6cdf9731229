"""Time the demo generator: 500 accounts and 5000 (the benchmark's heavy CSM) into temporary files.

Prints seconds (wall clock and this process's CPU, which other work on the machine does not
inflate), rows per second and file size for each, against the floor: sqlite3 inserting as many
rows (an id, a text, a date and a number each) in one transaction with executemany. Target:
5000 accounts in under 20 s on a 2-core laptop; it fails (exit 1) above 60 s, the hard limit
("well under a minute").

    .venv/bin/python bench/bench_demo.py [--sizes 500 5000]
"""

import argparse
import sqlite3
import sys
import tempfile
import time
from datetime import date
from pathlib import Path

from figures import show

from csplanner import demo
from csplanner.core.db import open_database

SIZES = (500, 5000)
TODAY = date(2026, 11, 25)  # fixed, so every run writes the same rows
TARGET_S = 20.0
LIMIT_S = 60.0


def run(accounts: int, folder: Path) -> tuple[float, float, demo.DemoSummary, int]:
    path = folder / f"demo-{accounts}.sqlite3"
    db = open_database(path)
    try:
        start, cpu = time.perf_counter(), time.process_time()
        summary = demo.generate(db, accounts=accounts, seed=1, today=TODAY)
        seconds, cpu = time.perf_counter() - start, time.process_time() - cpu
        with db.engine.connect() as conn:
            conn.exec_driver_sql("PRAGMA wal_checkpoint(TRUNCATE)")
    finally:
        db.dispose()
    return seconds, cpu, summary, path.stat().st_size


def floor(rows: int, folder: Path) -> float:
    """sqlite3 alone writing as many rows, in one transaction."""
    path = folder / f"floor-{rows}.sqlite3"
    con = sqlite3.connect(path)
    con.execute("CREATE TABLE t (id INTEGER PRIMARY KEY, title TEXT, day DATE, n INTEGER)")
    start = time.perf_counter()
    with con:
        con.executemany("INSERT INTO t (title, day, n) VALUES (?, ?, ?)",
                        ((f"Row {i} of the floor", "2026-11-25", i) for i in range(rows)))
    seconds = time.perf_counter() - start
    con.close()
    return seconds


def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--sizes", type=int, nargs="+", default=list(SIZES))
    args = parser.parse_args()
    worst = 0.0
    print(f"{'accounts':>8} {'rows':>9} {'seconds':>8} {'cpu s':>6} {'rows/s':>9} {'file MB':>8}  rows per table")
    with tempfile.TemporaryDirectory(prefix="csplanner-bench-") as tmp:
        for accounts in args.sizes:
            seconds, cpu, s, size = run(accounts, Path(tmp))
            tables = (
                f"stakeholders {s.stakeholders}, notes {s.notes}, milestones {s.milestones}, "
                f"obstacles {s.obstacles}, links {s.obstacle_links}, check-ins {s.checkins}"
            )
            print(f"{accounts:>8} {s.total:>9} {seconds:>8.2f} {cpu:>6.2f} {s.total / seconds:>9.0f} {size / 1e6:>8.1f}  {tables}")
            show(f"demo_s_{accounts}", f"demo, {accounts} accounts ({s.total} rows)", seconds, floor(s.total, Path(tmp)),
                 "s", goal=f"< {TARGET_S:.0f} s", floor_label="sqlite3 rows")
            if accounts == max(args.sizes):
                worst = seconds
    verdict = "ok" if worst < TARGET_S else ("over target" if worst < LIMIT_S else "TOO SLOW")
    print(f"{max(args.sizes)} accounts: {worst:.2f} s (target < {TARGET_S:.0f} s, limit {LIMIT_S:.0f} s): {verdict}")
    return 0 if worst < LIMIT_S else 1


if __name__ == "__main__":
    sys.exit(main())
