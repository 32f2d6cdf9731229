"""Time the change poll: what every open window pays every 3 seconds to see others' changes.

On a 5000-account demo book: the poll (`read.change_count`, one primary-key read on a pooled
connection) against its floor measured in the same run, alternately (SELECT 1 on the same pooled
connection: the cheapest query there is), and against what it saves when nothing changed (a
reload of the accounts list's rows with health). Also one edit with its version check, stamp and
counter (an account's goal saved, fsynced). Fails (exit 1) if a poll costs 1 ms or more.

    python bench/bench_poll.py [--book demo-5000.sqlite3]
"""

import argparse
import statistics
import sys
import tempfile
import time
from datetime import date
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parent))

import figures  # noqa: E402

from csplanner.core import edits, read  # noqa: E402
from csplanner.core.changes import RecordType  # noqa: E402

ACCOUNTS = 5000
TODAY = date(2026, 11, 25)
LIMIT_US = 1000.0


def main() -> int:
    parser = argparse.ArgumentParser()
    parser.add_argument("--book", type=Path, help="a 5000-account demo book written before (saves a minute)")
    args = parser.parse_args()
    with tempfile.TemporaryDirectory(prefix="csplanner-bench-") as tmp:
        db = figures.demo_book(Path(tmp) / "poll.sqlite3", ACCOUNTS, TODAY, args.book)
        try:
            def select_one() -> None:
                with db.engine.connect() as conn:
                    conn.exec_driver_sql("SELECT 1").scalar()

            poll, floor = figures.alternate(lambda: read.change_count(db), select_one, 2000)
            start = time.perf_counter()
            read.account_rows(db, TODAY)
            reload_s = time.perf_counter() - start
            times = []
            for i in range(40):
                edit = edits.UpdateRecord(RecordType.ACCOUNT, 1, {"goal": f"goal {i}"}, TODAY)
                start = time.perf_counter()
                edits.run(db, edit.apply, who="sam", guard=[])
                times.append(time.perf_counter() - start)
            edit_s = statistics.median(times)
        finally:
            db.dispose()
    print(f"{ACCOUNTS} accounts")
    figures.show("poll.change_count", "change poll (every 3 s, every window)", poll * 1e6, floor * 1e6, "µs",
                 goal=f"< {LIMIT_US:.0f} µs", floor_label="SELECT 1")
    figures.show("poll.saved_reload", "what it saves: the accounts list reload", reload_s * 1e3, poll * 1e3)
    figures.show("poll.edit", "one edit: version check, stamp, counter", edit_s * 1e3, None)
    verdict = "ok" if poll * 1e6 < LIMIT_US else "TOO SLOW"
    print(f"poll {poll * 1e6:.0f} µs, {poll / 3 * 100:.4f} % of a 3 s interval: {verdict}")
    return 0 if poll * 1e6 < LIMIT_US else 1


if __name__ == "__main__":
    sys.exit(main())
