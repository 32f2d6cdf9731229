"""Time `csplanner copy` on demo books: SQLite -> PostgreSQL -> SQLite, against SQLite -> SQLite.

Starts a throwaway PostgreSQL cluster (tests/pg.py; skipped when none can start), writes demo
books of 60 and 500 accounts, copies each into the server and back into a new file, and prints
rows, seconds and rows per second for each leg. The floor is the same copy between two files in
the same run (no server, no network). It fails (exit 1) if the round trip leaves any row different
or if 500 accounts take more than LIMIT_S one way.
"""

import sys
import tempfile
import time
from datetime import date
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parent.parent))  # tests/pg.py starts the server

from figures import show  # noqa: E402

from csplanner import demo  # noqa: E402
from csplanner.core import book_copy  # noqa: E402
from csplanner.core.db import open_database  # noqa: E402
from tests import pg  # noqa: E402

SIZES = (60, 500)
TODAY = date(2026, 11, 25)
LIMIT_S = 30.0


def copy(source: str | Path, target: str | Path) -> tuple[int, float]:
    src, dst = open_database(source, read_only=True), open_database(target)
    try:
        start = time.perf_counter()
        done = book_copy.copy_book(src, dst)
        return done.total, time.perf_counter() - start
    finally:
        src.dispose()
        dst.dispose()


def rows(where: str | Path) -> dict[str, list[tuple]]:
    db = open_database(where, read_only=True)
    try:
        with db.engine.connect() as conn:
            return {t.name: [tuple(r) for r in conn.execute(t.select().order_by(*t.primary_key.columns))]
                    for t in book_copy.tables()}
    finally:
        db.dispose()


def main() -> int:
    cluster, why = pg.start()
    if cluster is None:
        print(f"skipped: {why}")
        return 0
    worst, same = 0.0, True
    try:
        with tempfile.TemporaryDirectory(prefix="csplanner-bench-") as tmp:
            for n in SIZES:
                first = Path(tmp) / f"demo-{n}.sqlite3"
                db = open_database(first)
                demo.generate(db, accounts=n, seed=1, today=TODAY)
                db.dispose()
                name = f"bench_{n}"
                cluster.sql(f"CREATE DATABASE {name}")
                total, floor = copy(first, Path(tmp) / f"floor-{n}.sqlite3")
                _, to_pg = copy(first, cluster.url(name))
                _, back = copy(cluster.url(name), Path(tmp) / f"back-{n}.sqlite3")
                same = same and rows(first) == rows(Path(tmp) / f"back-{n}.sqlite3")
                worst = max(worst, to_pg, back)
                print(f"{n} accounts, {total} rows:")
                show(f"copy_to_pg_{n}", "file -> PostgreSQL", to_pg, floor, "s", floor_label="file -> file")
                show(f"copy_from_pg_{n}", "PostgreSQL -> file", back, floor, "s", floor_label="file -> file")
    finally:
        cluster.stop()
    print(f"round trip identical: {'yes' if same else 'NO'}; slowest leg {worst:.2f} s (limit {LIMIT_S:.0f} s)")
    return 0 if same and worst < LIMIT_S else 1


if __name__ == "__main__":
    sys.exit(main())
