"""Time the change poll: what every open window pays every 3 seconds to see others' changes.

On a 5000-account demo book: the poll (`read.change_count`, one primary-key read on a pooled
connection) against a floor measured in the same run (the cheapest query there is: SELECT 1 on a
pooled connection) and against what a reload would cost (the accounts list's rows with health).
Also what one edit costs with its version check, stamp and counter (an account's goal saved).
Prints milliseconds per call (median of many); fails (exit 1) if a poll costs more than 5 ms.
"""

import statistics
import sys
import tempfile
import time
from collections.abc import Callable
from datetime import date
from pathlib import Path

from csplanner import demo
from csplanner.core import edits, read
from csplanner.core.changes import RecordType
from csplanner.core.db import open_database

ACCOUNTS = 5000
TODAY = date(2026, 11, 25)
LIMIT_MS = 5.0


def per_call_ms(work: Callable[[], object], repeat: int) -> float:
    times = []
    for _ in range(repeat):
        start = time.perf_counter()
        work()
        times.append((time.perf_counter() - start) * 1000)
    return statistics.median(times)


def main() -> int:
    with tempfile.TemporaryDirectory(prefix="csplanner-bench-") as tmp:
        db = open_database(Path(tmp) / "poll.sqlite3")
        try:
            demo.generate(db, accounts=ACCOUNTS, seed=1, today=TODAY, owner="sam")

            def empty() -> None:
                with db.engine.connect() as conn:
                    conn.exec_driver_sql("SELECT 1").scalar()

            floor = per_call_ms(empty, 500)
            poll = per_call_ms(lambda: read.change_count(db), 500)
            reload_ms = per_call_ms(lambda: read.account_rows(db, TODAY), 3)
            flip = iter(range(10**6))

            def one_edit() -> None:
                edit = edits.UpdateRecord(RecordType.ACCOUNT, 1, {"goal": f"goal {next(flip)}"}, TODAY)
                edits.run(db, edit.apply, who="sam", guard=[])

            edit_ms = per_call_ms(one_edit, 50)
        finally:
            db.dispose()
    print(f"{ACCOUNTS} accounts")
    print(f"  SELECT 1 (floor)           {floor:8.3f} ms")
    print(f"  change poll                {poll:8.3f} ms  ({poll - floor:+.3f} ms over the floor; "
          f"{poll / 3000 * 100:.3f} % of a 3 s interval)")
    print(f"  accounts list reload       {reload_ms:8.1f} ms  (what the poll saves when nothing changed)")
    print(f"  one account edit, guarded  {edit_ms:8.2f} ms  (versioned, counted, fsynced)")
    verdict = "ok" if poll < LIMIT_MS else "TOO SLOW"
    print(f"poll {poll:.3f} ms (limit {LIMIT_MS:.0f} ms): {verdict}")
    return 0 if poll < LIMIT_MS else 1


if __name__ == "__main__":
    sys.exit(main())
