"""Batched health equals health one account at a time, on random books with people on file.

`health_many` reads every part of many accounts in a few grouped queries (the accounts list sorts
thousands by it); `account_health` asks for one. Whatever way the batch is computed, the two must
give the same scores, parts and sentences for every account, and both must follow the rules read
straight off the records, relationship coverage included (who is active, who left, who was met).
"""

from dataclasses import dataclass
from datetime import date, timedelta

import pytest
from hypothesis import given
from hypothesis import strategies as st
from sqlmodel import col, select

from csplanner.core import coverage, health
from csplanner.core.enums import MilestoneStatus, Stage, StakeholderRole, StakeholderStatus
from csplanner.core.models import CheckIn, CheckInAttendee, Milestone, Season, Stakeholder
from csplanner.core.settings import CADENCE_DAYS
from tests.core.books import TODAY, Book, books, day, insert, module_database, near, scratch
from tests.core.test_health_rules import expected_health


@dataclass(frozen=True)
class Person:
    role: StakeholderRole
    left: int | None  # None: active; else marked as left, this many days from the day asked (or with no date)
    left_dated: bool
    cadence: int | None  # own cadence in days (0: none); None: the role's
    met: tuple[int, ...]  # indexes into the account's check-ins that this person attended


people = st.builds(
    Person,
    # champions and sponsors are the roles with rules of their own: they come up most
    role=st.one_of(st.just(StakeholderRole.CHAMPION), st.just(StakeholderRole.EXEC_SPONSOR),
                   st.sampled_from(list(StakeholderRole))),
    left=st.one_of(st.none(), near(-91, -90, -89, -1, 0, 1, lo=-120, hi=10)),
    left_dated=st.sampled_from([True, True, False]),
    cadence=st.one_of(st.none(), st.sampled_from([0, 1, 7, 14, 30])),
    met=st.lists(st.integers(0, 2), max_size=2).map(tuple),
)
accounts = st.tuples(books, st.lists(people, max_size=4).map(tuple), st.one_of(st.none(), st.sampled_from([-20, 0, 5])))


def _state(days: int | None, cadence: int | None) -> str:
    """The cadence rule of the README: amber at the cadence, red at 1.5 times it, never met: red."""
    if not cadence:
        return "none"
    if days is None or days * 2 >= cadence * 3:
        return "overdue"
    return "due" if days >= cadence else "ok"


def expected_coverage(b: Book, persons: tuple[Person, ...], clock_from: date | None, today: date) -> coverage.Coverage:
    active = sponsors = due = overdue = 0
    champion_left: date | None = None
    for p in persons:
        left_on = today + timedelta(days=p.left) if p.left is not None and p.left_dated else None
        if p.left is not None and (left_on is None or left_on <= today):
            if (p.role == StakeholderRole.CHAMPION and left_on is not None
                    and today - timedelta(days=90) <= left_on):
                champion_left = max(left_on, champion_left or left_on)
            continue
        cadence = (p.cadence or None) if p.cadence is not None else CADENCE_DAYS.get(p.role)
        met = [day(b.talks[i]) for i in p.met if i < len(b.talks) and day(b.talks[i]) <= today]
        since = max(met, default=None) or clock_from
        state = _state(None if since is None else max(0, (today - since).days), cadence)
        active += 1
        sponsors += p.role == StakeholderRole.EXEC_SPONSOR
        due += state == "due"
        overdue += state == "overdue"
    return coverage.Coverage(active, sponsors, champion_left, due, overdue)


def _insert_people(s, aid: int, persons: tuple[Person, ...], today: date) -> None:
    # the account's check-ins in the book's order (they were added in it)
    talks = s.exec(select(CheckIn.id).where(CheckIn.account_id == aid).order_by(col(CheckIn.id))).all()
    for n, p in enumerate(persons):
        left = p.left is not None
        left_on = today + timedelta(days=p.left) if p.left is not None and p.left_dated else None
        person = Stakeholder(account_id=aid, name=f"Person {n}", role=p.role, left_on=left_on, cadence_days=p.cadence,
                             status=StakeholderStatus.LEFT if left else StakeholderStatus.ACTIVE)
        s.add(person)
        s.flush()
        for i in sorted({i for i in p.met if i < len(talks)}):
            s.add(CheckInAttendee(check_in_id=talks[i], stakeholder_id=person.id))
    s.flush()


@pytest.fixture(scope="module")
def book_db(tmp_path_factory):
    yield from module_database(tmp_path_factory, "batched")


@given(book=st.lists(accounts, min_size=1, max_size=5), shift=st.sampled_from([0, -1, 1, -14, 30]),
       picks=st.lists(st.integers(0, 4), max_size=6))
def test_batched_health_equals_each_accounts_own_health(book_db, book, shift, picks):
    today = TODAY + timedelta(days=shift)
    with scratch(book_db) as s:
        ids = insert(s, [b for b, _, _ in book])
        expected = {}
        for aid, (b, persons, renewal) in zip(ids, book, strict=True):
            _insert_people(s, aid, persons, today)
            renewed = None if renewal is None else TODAY + timedelta(days=renewal)
            if renewed is not None:  # a later season: its start is the clock for plan, pace and contacts
                s.add_all([Season(account_id=aid, number=1, start=day(b.signed)),
                           Season(account_id=aid, number=2, start=renewed)])
            rules = expected_health(aid, b, today, renewed)
            clock = renewed if renewed is not None and renewed <= today else day(b.signed)
            parts = rules.parts[:4] + (health.coverage_part(expected_coverage(b, persons, clock, today)),)
            expected[aid] = health.combine(aid, parts)
        s.flush()

        batched = health.health_many(s, ids, today)
        one_by_one = {aid: health.account_health(s, aid, today) for aid in ids}
        assert batched == one_by_one
        assert batched == expected
        live = {aid: expected[aid] for aid, (b, _, _) in zip(ids, book, strict=True) if not b.archived}
        assert health.health_many(s, None, today) == live
        # any subset, in any order, with repeats and an id that is gone: the same health for each
        asked = [ids[i % len(ids)] for i in picks] + [10_000]
        assert health.health_many(s, asked, today) == {aid: expected[aid] for aid in asked if aid in expected}


def _bare(signed: int | None, span: int | None) -> Book:
    return Book(signed=signed, span=span, archived=False, stage=Stage.LAND, runs=(), troubles=(), talks=(),
                segment="", arr=0)


def test_an_empty_list_of_accounts_has_no_health(book_db):
    with scratch(book_db) as s:
        insert(s, [_bare(signed=None, span=None)])
        assert health.health_many(s, [], TODAY) == {}


def test_today_without_people_or_records_is_the_documented_neutral_score(book_db):
    """Nothing on file but a contract signed today: 50 compliance, 100 obstacles, 100 check-ins
    (0 days since signing), 0 progress (no plan), 15 coverage (nobody, no sponsor)."""
    with scratch(book_db) as s:
        (aid,) = insert(s, [_bare(signed=0, span=100)])
        h = health.account_health(s, aid, TODAY)
    assert [p.score for p in h.parts] == [50.0, 100.0, 100.0, 0.0, 15.0]
    assert h.score == 56  # 12.5 + 25 + 15 + 0 + 3 = 55.5, rounded half to even


def test_only_a_run_marked_done_counts_as_done_whatever_its_done_date(book_db):
    """A run that carries a done date but is marked missed (an imported book, an undone tick) is not done."""
    with scratch(book_db) as s:
        (aid,) = insert(s, [_bare(signed=-70, span=140)])
        for status in (MilestoneStatus.MISSED, MilestoneStatus.PLANNED):
            s.add(Milestone(account_id=aid, title=f"Run {status}", planned_on=TODAY - timedelta(days=1),
                            done_on=TODAY - timedelta(days=1), status=status))
        s.flush()
        h = health.account_health(s, aid, TODAY)
    assert h.part("compliance").explanation == "0 of 2 runs due in the last 8 weeks were done on time."
    assert h.part("progress").explanation.startswith("0 of 2 runs done (0%)")


def test_a_run_done_before_its_day_is_not_due_yet(book_db):
    with scratch(book_db) as s:
        (aid,) = insert(s, [_bare(signed=-70, span=140)])
        s.add(Milestone(account_id=aid, title="Early", planned_on=TODAY + timedelta(days=1), done_on=TODAY,
                        status=MilestoneStatus.DONE))
        s.flush()
        h = health.account_health(s, aid, TODAY)
    assert h.part("compliance").score == 50.0  # nothing was due: neutral
    assert h.part("progress").explanation.startswith("1 of 1 run done (100%)")
