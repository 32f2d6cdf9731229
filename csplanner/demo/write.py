"""Writing a generated book into a database file, in batches, in one transaction."""

from collections.abc import Callable
from dataclasses import dataclass
from datetime import date, datetime
from operator import itemgetter
from typing import Any

import sqlalchemy as sa
from sqlalchemy import func, select
from sqlmodel import SQLModel

from csplanner.core.db import Database
from csplanner.core.errors import DomainError
from csplanner.core import names, sequences, versions
from csplanner.core.models import Account, CheckIn, CheckInAttendee, DiscoveryNote, Milestone, Obstacle, ObstacleMilestone, Stakeholder
from csplanner.demo.book import STAMP_TIME, Generator

MAX_ACCOUNTS = 20_000
BATCH_ACCOUNTS = 500  # accounts per executemany round; bounds memory for big books

TABLES = (  # insert order: parents first
    ("account", Account),
    ("stakeholder", Stakeholder),
    ("discovery_note", DiscoveryNote),
    ("milestone", Milestone),
    ("obstacle", Obstacle),
    ("obstacle_milestone", ObstacleMilestone),
    ("check_in", CheckIn),
    ("check_in_attendee", CheckInAttendee),
)


@dataclass(frozen=True, slots=True)
class DemoSummary:
    """How many rows the generator wrote, per table."""

    accounts: int
    stakeholders: int
    notes: int
    milestones: int
    obstacles: int
    checkins: int
    obstacle_links: int = 0
    attendees: int = 0

    @property
    def total(self) -> int:
        return (
            self.accounts + self.stakeholders + self.notes + self.milestones
            + self.obstacles + self.checkins + self.obstacle_links + self.attendees
        )


def _first_ids(conn: sa.Connection) -> dict[str, int]:
    ids = {}
    for name, model in TABLES:
        if name in ("obstacle_milestone", "check_in_attendee"):  # link tables: no id of their own
            continue
        top = conn.execute(select(func.max(model.__table__.c.id))).scalar_one()  # type: ignore[attr-defined]
        ids[name] = (top or 0) + 1
    return ids


@dataclass(frozen=True, slots=True)
class Contents:
    """What a database already holds, as far as writing a demo over it is concerned."""

    accounts: int
    demo: bool  # every account carries the generator's one stamp: a demo book, not someone's work


def contents(db: Database) -> Contents:
    with db.engine.connect() as conn:
        return _contents(conn)


def _contents(conn: sa.Connection) -> Contents:
    # the generator stamps every row with today at STAMP_TIME; the app stamps the clock's time
    count, stamps, stamp = conn.execute(select(
        func.count(), func.count(sa.distinct(Account.created_at)), func.min(Account.created_at),
    )).one()
    if not count or stamps != 1:
        return Contents(count, False)
    stamp = stamp if isinstance(stamp, datetime) else datetime.fromisoformat(str(stamp))
    return Contents(count, stamp.time() == STAMP_TIME)


def _refusal(db: Database, found: Contents) -> str:
    n = f"{found.accounts} account{'' if found.accounts == 1 else 's'}"
    if found.demo:
        return f"{db.label} already holds a demo book of {n}; add --replace to write a new one over it (after a backup)."
    one = found.accounts == 1
    return (f"{db.label} already has {n} that {'is' if one else 'are'} not demo data; demo data goes into a new "
            f"file (--replace would overwrite {'it' if one else 'them'}, after a backup).")


def generate(db: Database, accounts: int = 40, seed: int = 1, *, today: date, replace: bool = False,
             owner: str = "") -> DemoSummary:
    """Fill a database with a realistic book of `accounts` accounts, relative to `today` (the caller
    reads the clock; the same seed and day give the same book). A database that has accounts is
    refused, unless `replace`: then everything in it goes, in the same transaction as the new book
    (the caller takes the backup). `owner` (the user) owns most accounts, three colleagues the
    rest; none given, nobody owns any."""
    if isinstance(accounts, bool) or not isinstance(accounts, int) or not 1 <= accounts <= MAX_ACCOUNTS:
        raise DomainError(f"A demo has between 1 and {MAX_ACCOUNTS} accounts, not {accounts}.", "accounts")
    with db.session() as session:
        conn = session.connection()
        versions.wrote(session)  # other windows on the book reload
        found = _contents(conn)
        if found.accounts and not replace:
            raise DomainError(_refusal(db, found))
        if replace:
            for table in reversed(SQLModel.metadata.sorted_tables):  # children first
                if table.name != "change_counter":  # the file's, not the book's
                    conn.execute(table.delete())
        gen = Generator(seed, today, _first_ids(conn), owner)
        done = 0
        while done < accounts:
            for _ in range(min(BATCH_ACCOUNTS, accounts - done)):
                gen.account()
            done += min(BATCH_ACCOUNTS, accounts - done)
            _write(conn, gen.rows)
            gen.reset_rows()
        sequences.reset(conn, [model.__table__ for _, model in TABLES])  # type: ignore[attr-defined]
    c = gen.counts
    return DemoSummary(
        accounts=c["account"], stakeholders=c["stakeholder"], notes=c["discovery_note"],
        milestones=c["milestone"], obstacles=c["obstacle"], checkins=c["check_in"],
        obstacle_links=c["obstacle_milestone"], attendees=c["check_in_attendee"],
    )


def _write(conn: sa.Connection, rows: dict[str, list[dict[str, Any]]]) -> None:
    for row in rows["account"]:  # the unique case-folded key the accounts service keeps
        row["name_key"] = names.key(row["name"])
    for name, model in TABLES:
        if rows[name]:
            _insert(conn, model.__table__, rows[name])  # type: ignore[attr-defined]


def _insert(conn: sa.Connection, table: sa.Table, batch: list[dict[str, Any]]) -> None:
    """One executemany straight to the driver, with SQLAlchemy's own value conversions.

    `insert(table)` with a list would do the same but converts every value of every row
    (dates, stamps, enums) anew; here each distinct value is converted once. Half the time
    of a 5000-account book went there.
    """
    keys = list(batch[0])
    missing = [c for c in table.columns if c.name not in batch[0] and c.default is not None]
    if any(not c.default.is_scalar for c in missing):  # type: ignore[union-attr]
        conn.execute(sa.insert(table), batch)  # a default we cannot compute here: let SQLAlchemy do it
        return
    dialect = conn.dialect
    converters = []
    for i, key in enumerate(keys):
        process = table.c[key].type.dialect_impl(dialect).bind_processor(dialect)
        if process is not None:
            converters.append((i, _memo(process)))
    extra = tuple(
        _memo(p)(c.default.arg) if (p := c.type.dialect_impl(dialect).bind_processor(dialect)) else c.default.arg  # type: ignore[union-attr]
        for c in missing
    )
    quote = dialect.identifier_preparer.quote
    columns = ", ".join(quote(c) for c in [*keys, *(c.name for c in missing)])
    mark = "?" if dialect.paramstyle == "qmark" else "%s"  # SQLite's sqlite3, PostgreSQL's psycopg
    sql = f"INSERT INTO {quote(table.name)} ({columns}) VALUES ({', '.join([mark] * (len(keys) + len(extra)))})"
    get = itemgetter(*keys)
    params = []
    for row in batch:
        values = list(get(row)) if len(keys) > 1 else [get(row)]
        for i, convert in converters:
            values[i] = convert(values[i])
        params.append((*values, *extra))
    conn.exec_driver_sql(sql, params)


def _memo(process: Callable[[Any], Any]) -> Callable[[Any], Any]:
    done: dict[Any, Any] = {}

    def convert(value: Any) -> Any:
        try:
            return done[value]
        except KeyError:
            done[value] = result = process(value)
            return result

    return convert
