"""Time the demo generator: 500 accounts and 5000 (the benchmark's heavy CSM) into temporary files.

Prints seconds (wall clock and this process's CPU, which other work on the machine does not
inflate), rows per second and file size for each. Target: 5000 accounts in under 20 s on a
2-core laptop; it fails (exit 1) above 60 s, the hard limit ("well under a minute").
"""

import sys
import tempfile
import time
from datetime import date
from pathlib import Path

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


def main() -> int:
    worst = 0.0
    print(f"{'accounts':>8} {'rows':>9} {'seconds':>8} {'cpu s':>6} {'rows/s':>9} {'file MB':>8}  rows per table")
    with tempfile.TemporaryDirectory(prefix="csplanner-bench-") as tmp:
        for accounts in SIZES:
            seconds, cpu, s, size = run(accounts, Path(tmp))
            tables = (
                f"stakeholders {s.stakeholders}, notes {s.notes}, milestones {s.milestones}, "
                f"obstacles {s.obstacles}, links {s.obstacle_links}, check-ins {s.checkins}"
            )
            print(f"{accounts:>8} {s.total:>9} {seconds:>8.2f} {cpu:>6.2f} {s.total / seconds:>9.0f} {size / 1e6:>8.1f}  {tables}")
            if accounts == max(SIZES):
                worst = seconds
    verdict = "ok" if worst < TARGET_S else ("over target" if worst < LIMIT_S else "TOO SLOW")
    print(f"{max(SIZES)} accounts: {worst:.2f} s (target < {TARGET_S:.0f} s, limit {LIMIT_S:.0f} s): {verdict}")
    return 0 if worst < LIMIT_S else 1


if __name__ == "__main__":
    sys.exit(main())
