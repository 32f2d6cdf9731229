"""Random books of business for property tests: a few accounts with runs, obstacles and check-ins
dated close to TODAY, so the boundary days (window edges, today itself) come up often.

Rows go in through the tables, not the services, so the properties do not depend on the
services' signatures; every example runs in one transaction that is rolled back afterwards.
"""

from collections.abc import Iterator
from contextlib import contextmanager
from dataclasses import dataclass
from datetime import date, timedelta
from pathlib import Path

from hypothesis import strategies as st
from sqlmodel import Session

from csplanner.core.db import Database, open_database
from csplanner.core.enums import (
    MilestoneStatus, ObstacleKind, Phase, RunType, Severity, Stage, StakeholderRole, StakeholderStatus,
)
from csplanner.core.models import Account, CheckIn, CheckInAttendee, Milestone, Obstacle, Stakeholder

TODAY = date(2026, 11, 25)


def near(*edges: int, lo: int, hi: int) -> st.SearchStrategy[int]:
    """Day offsets from TODAY: mostly the edges that matter, otherwise anything in [lo, hi]."""
    return st.one_of(st.sampled_from(edges), st.integers(lo, hi))


@dataclass(frozen=True)
class Run:
    planned: int  # days from TODAY
    status: MilestoneStatus
    done: int  # days from planned_on to done_on, when done
    run_type: RunType
    phase: Phase


@dataclass(frozen=True)
class Trouble:
    opened: int
    resolved: int | None  # days after opened
    severity: Severity
    kind: ObstacleKind


@dataclass(frozen=True)
class Book:
    signed: int | None
    span: int | None  # contract length in days: race day = signed + span
    archived: bool
    stage: Stage
    runs: tuple[Run, ...]
    troubles: tuple[Trouble, ...]
    talks: tuple[int, ...]  # check-in days
    segment: str
    arr: int


runs = st.builds(
    Run,
    planned=near(-56, -55, -54, -1, 0, 1, lo=-70, hi=20),
    status=st.sampled_from(list(MilestoneStatus)),
    done=near(-1, 0, 1, lo=-5, hi=10),
    run_type=st.sampled_from(list(RunType)),
    phase=st.sampled_from(list(Phase)),
)
troubles = st.builds(
    Trouble,
    opened=near(-1, 0, 1, lo=-30, hi=5),
    resolved=st.one_of(st.none(), st.integers(0, 20)),
    severity=st.sampled_from(list(Severity)),
    kind=st.sampled_from(list(ObstacleKind)),
)
books = st.builds(
    Book,
    signed=st.one_of(st.none(), near(-200, -14, -15, 0, 1, lo=-400, hi=30)),
    span=st.one_of(st.none(), near(1, 200, 365, lo=1, hi=500)),
    archived=st.booleans(),
    stage=st.sampled_from(list(Stage)),
    runs=st.lists(runs, max_size=6).map(tuple),
    troubles=st.lists(troubles, max_size=3).map(tuple),
    talks=st.lists(near(-61, -60, -59, -15, -14, -13, 0, 1, lo=-80, hi=10), max_size=3).map(tuple),
    segment=st.sampled_from(["", "SMB", "Enterprise"]),
    arr=st.integers(0, 5) .map(lambda n: n * 100_000),
)
book_lists = st.lists(books, min_size=1, max_size=4)


@dataclass(frozen=True)
class Person:
    """A stakeholder, and the days of the check-ins they were at."""

    role: StakeholderRole
    status: StakeholderStatus
    left: int | None  # left_on, days from TODAY
    cadence: int | None  # their own cadence (0: none), None: the role's
    met: tuple[int, ...]


people = st.builds(
    Person,
    role=st.sampled_from(list(StakeholderRole)),
    status=st.sampled_from(list(StakeholderStatus)),
    left=st.one_of(st.none(), near(-91, -90, -89, -1, 0, 1, lo=-120, hi=10)),
    cadence=st.one_of(st.none(), st.sampled_from([0, 1, 14, 21, 30])),
    # around the cadences' edges: 14 days amber and 21 red, 21/32, 30/45
    met=st.lists(near(-13, -14, -20, -21, -31, -32, -44, -45, 0, 1, lo=-100, hi=5), max_size=3).map(tuple),
)
teams = st.lists(people, max_size=4).map(tuple)


def day(offset: int | None) -> date | None:
    return None if offset is None else TODAY + timedelta(days=offset)


def insert(session: Session, book: list[Book]) -> list[int]:
    """Write the book; returns the account ids in order."""
    ids = []
    for n, b in enumerate(book):
        signed = day(b.signed)
        race = signed + timedelta(days=b.span) if signed is not None and b.span is not None else (
            day(b.span) if b.span is not None else None)
        account = Account(name=f"Account {n}", name_key=f"account {n}", contract_signed=signed, renewal=race,
                          archived=b.archived, stage=b.stage, segment=b.segment, arr_minor=b.arr)
        session.add(account)
        session.flush()
        ids.append(account.id)
        for i, r in enumerate(b.runs):
            planned = day(r.planned)
            done = planned + timedelta(days=r.done) if r.status == MilestoneStatus.DONE else None
            session.add(Milestone(account_id=account.id, title=f"Run {i}", planned_on=planned, status=r.status,
                                  done_on=done, run_type=r.run_type, phase=r.phase))
        for i, t in enumerate(b.troubles):
            opened = day(t.opened)
            resolved = None if t.resolved is None else opened + timedelta(days=t.resolved)
            session.add(Obstacle(account_id=account.id, title=f"Trouble {i}", opened_on=opened,
                                 resolved_on=resolved, severity=t.severity, kind=t.kind))
        for talk in b.talks:
            session.add(CheckIn(account_id=account.id, held_on=day(talk)))
    session.flush()
    return ids


def insert_people(session: Session, account_id: int, team: tuple[Person, ...]) -> None:
    """The account's stakeholders, each with a check-in of its own on each day they were met."""
    for n, p in enumerate(team):
        person = Stakeholder(account_id=account_id, name=f"Person {n}", role=p.role, status=p.status,
                             left_on=day(p.left), cadence_days=p.cadence)
        session.add(person)
        session.flush()
        for met in p.met:
            talk = CheckIn(account_id=account_id, held_on=day(met))
            session.add(talk)
            session.flush()
            session.add(CheckInAttendee(check_in_id=talk.id, stakeholder_id=person.id))
    session.flush()


@contextmanager
def scratch(database: Database) -> Iterator[Session]:
    """A session whose writes are thrown away, so one database serves every example."""
    with Session(database.engine, expire_on_commit=False) as session:
        try:
            yield session
        finally:
            session.rollback()


def module_database(tmp_path_factory, name: str) -> Iterator[Database]:
    """Body of a module-scoped fixture: one migrated database for all examples of a module."""
    database = open_database(Path(tmp_path_factory.mktemp(name)) / "book.sqlite3")
    yield database
    database.dispose()
