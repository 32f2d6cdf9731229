"""A whole book from one database to another: a file and a PostgreSQL server, either way.

    copy_book(source_db, target_db, replace=False)

Every table the models describe (link tables, settings and the book's identity in `meta` too)
goes across row by row with its ids, through the models' column types, so dates, stamps and
enums arrive as they left. The full-text index is not copied: the target's own triggers build
it. One transaction on the target: the book lands whole or not at all. A target that already
holds anything is refused unless `replace`; then its rows go in that same transaction.
"""

import os
from dataclasses import dataclass, field
from datetime import datetime
from pathlib import Path

import sqlalchemy as sa
from sqlmodel import SQLModel

from csplanner.core import migrate, sequences
from csplanner.core.db import Database
from csplanner.core.dburl import ServerBook
from csplanner.core.errors import DomainError

BATCH = 1000
NEW_BOOK_ONLY = frozenset({"meta", "change_counter"})  # a fresh database has these rows (identity, counter)


@dataclass
class Copied:
    rows: dict[str, int] = field(default_factory=dict)  # table -> rows copied

    @property
    def total(self) -> int:
        return sum(self.rows.values())


def tables() -> list[sa.Table]:
    import csplanner.core.models  # noqa: F401  (registers every table)

    return list(SQLModel.metadata.sorted_tables)  # parents first


def holdings(conn: sa.Connection) -> dict[str, int]:
    """Rows in each table that has any (a new book's own `meta` row does not count)."""
    found = {}
    for table in tables():
        if table.name in NEW_BOOK_ONLY:
            continue
        n = conn.execute(sa.select(sa.func.count()).select_from(table)).scalar_one()
        if n:
            found[table.name] = int(n)
    return found


def copy_book(source: Database, target: Database, *, replace: bool = False) -> Copied:
    if target.read_only:
        raise DomainError(f"Cannot copy into {target.label}: {target.read_only_why}.")
    if _same(source, target):
        raise DomainError("--from and --to are the same book; nothing was copied.")
    head = migrate.head_revision()
    for db in (source, target):
        if migrate.current_revision(db.engine) != head:
            raise DomainError(f"{db.label} is not at this csplanner's schema ({head}); open it with "
                              "this csplanner first, then copy.")
    done = Copied()
    try:
        with source.engine.connect() as src, target.engine.begin() as dst:
            held = holdings(dst)
            if held and not replace:
                what = ", ".join(f"{t}: {n} rows" for t, n in held.items())
                raise DomainError(f"{target.label} is not empty ({what}); nothing was copied. "
                                  "Add --replace to write over it.")
            for table in reversed(tables()):  # children first
                dst.execute(table.delete())
            for table in tables():
                done.rows[table.name] = _copy_table(src, dst, table)
            sequences.reset(dst, tables())
    except sa.exc.DBAPIError as exc:
        why = str(exc.orig if exc.orig is not None else exc).strip().splitlines()[0]
        if target.server is not None:
            why = target.server.scrub(why)
        raise DomainError(f"Nothing was copied into {target.label}: {why}.") from exc
    return done


def snapshot(db: Database, folder: Path, now: datetime) -> tuple[Path, Copied]:
    """A book on a server copied into a new file in `folder` (a person's own backup; the server's
    backups are the team's): `<database>-manual-<stamp>.sqlite3`, restored with `copy --replace`."""
    from csplanner.core import backups, files

    if db.server is None:
        raise ValueError("snapshot copies a server's book; a file is backed up by core.backups")
    files.private_dir(folder)
    dest = folder / f"{db.server.database}-manual-{now.strftime(backups.STAMP)}.sqlite3"
    return dest, into_new_file(db, dest)


def into_new_file(db: Database, dest: Path) -> Copied:
    """`db` copied into a file made for it; a failed copy leaves no file behind."""
    from csplanner.core.db import open_database

    if dest.exists():
        raise DomainError(f"{dest} already exists; nothing was copied.")
    target = open_database(dest)
    try:
        return copy_book(db, target)
    except BaseException:
        target.dispose()
        for leftover in (dest, *[dest.with_name(dest.name + s) for s in ("-wal", "-shm", ".lock")]):
            leftover.unlink(missing_ok=True)
        raise
    finally:
        target.dispose()


def _copy_table(src: sa.Connection, dst: sa.Connection, table: sa.Table) -> int:
    order = list(table.primary_key.columns) or list(table.columns)
    result = src.execution_options(stream_results=True).execute(sa.select(table).order_by(*order))
    count = 0
    for part in result.mappings().partitions(BATCH):
        rows = [dict(row) for row in part]
        dst.execute(table.insert(), rows)
        count += len(rows)
    return count


def _same(a: Database, b: Database) -> bool:
    return same_place(a.path or a.server, b.path or b.server)  # type: ignore[arg-type]


def same_place(a: "Path | ServerBook", b: "Path | ServerBook") -> bool:
    """Whether two --db values name the same book (a file through any link; a server's database)."""
    if isinstance(a, Path) and isinstance(b, Path):
        return os.path.realpath(a) == os.path.realpath(b)
    if isinstance(a, ServerBook) and isinstance(b, ServerBook):
        return (a.host, a.database) == (b.host, b.database)
    return False
