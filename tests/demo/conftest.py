"""A 60-account demo book (a typical CSM's), generated once for every demo test module."""

from collections import defaultdict
from collections.abc import Iterator
from datetime import date
from pathlib import Path

import pytest
import sqlalchemy as sa
from sqlmodel import select

from csplanner import demo
from csplanner.core.db import Database, open_database
from csplanner.core.models import (
    Account,
    CheckIn,
    CheckInAttendee,
    DiscoveryNote,
    HealthSnapshot,
    Milestone,
    Obstacle,
    ObstacleMilestone,
    Stakeholder,
)
from tests.conftest import TODAY

ACCOUNTS = 60
TABLES = (Account, Stakeholder, DiscoveryNote, Milestone, Obstacle, ObstacleMilestone, CheckIn, CheckInAttendee,
          HealthSnapshot)


def make(path: Path, accounts: int = 30, seed: int = 1, today: date | None = TODAY) -> tuple[Database, demo.DemoSummary]:
    db = open_database(path)
    return db, demo.generate(db, accounts=accounts, seed=seed, today=today)


def dump(db: Database) -> dict[str, list[tuple]]:
    """Every row of every table, in primary-key order, without the timestamps."""
    out = {}
    with db.engine.connect() as conn:
        for model in TABLES:
            table = model.__table__
            cols = [c for c in table.columns if c.name not in ("created_at", "updated_at")]
            q = sa.select(*cols).order_by(*table.primary_key.columns)
            out[table.name] = [tuple(row) for row in conn.execute(q)]
    return out


def rows_of(db: Database) -> dict[str, list]:
    with db.session() as s:
        return {model.__tablename__: list(s.exec(select(model)).all()) for model in TABLES}


def by_account(rows: list) -> dict[int, list]:
    grouped = defaultdict(list)
    for row in rows:
        grouped[row.account_id].append(row)
    return grouped


@pytest.fixture(scope="package")
def book(tmp_path_factory: pytest.TempPathFactory) -> Iterator[tuple[Database, demo.DemoSummary]]:
    db, summary = make(tmp_path_factory.mktemp("demo") / "demo.sqlite3", accounts=ACCOUNTS)
    yield db, summary
    db.dispose()


@pytest.fixture(scope="package")
def data(book: tuple[Database, demo.DemoSummary]) -> dict[str, list]:
    return rows_of(book[0])
