"""core.read: every read the ui and the exports make, as typed rows (dates, enums, ints), one door."""

from datetime import date, timedelta

import pytest

from csplanner.core import read
from csplanner.core.calendar import AccountPlan, RangePlan
from csplanner.core.changes import RecordType
from csplanner.core.enums import CheckInKind, MilestoneStatus, Phase, RunType, Severity, Stage
from csplanner.core.errors import DomainError
from csplanner.core.record_rows import CheckInRow, MilestoneRow, ObstacleRow
from csplanner.core.services import accounts, checkins, milestones, obstacles, stakeholders
from tests.conftest import TODAY


@pytest.fixture
def acme(db):
    with db.session() as s:
        aid = accounts.create(s, name="Acme", contract_signed=date(2026, 6, 1), renewal=TODAY + timedelta(days=40),
                              stage=Stage.ADOPT).id
        late = milestones.create(s, account_id=aid, title="QBR", planned_on=TODAY - timedelta(days=3),
                                 phase=Phase.RENEWAL).id
        milestones.create(s, account_id=aid, title="Go live", planned_on=TODAY + timedelta(days=3),
                          run_type=RunType.LONG)
        obstacles.create(s, account_id=aid, title="Outage", opened_on=TODAY, severity=Severity.HIGH, milestone_ids=[late])
        checkins.create(s, account_id=aid, held_on=TODAY + timedelta(days=2), kind=CheckInKind.QBR)
        stakeholders.create(s, account_id=aid, name="Ana")
        accounts.create(s, name="Gone", archived=True)
    return aid


def test_record_rows_are_typed_and_say_what_the_day_means(db, acme):
    runs = read.record_rows_of(db, RecordType.MILESTONE, acme, TODAY)
    assert all(isinstance(r, MilestoneRow) for r in runs)
    first = runs[0]
    assert (first.title, first.planned_on, first.phase, first.status) == (
        "QBR", TODAY - timedelta(days=3), Phase.RENEWAL, MilestoneStatus.PLANNED)
    assert first.overdue and first.upcoming and not runs[1].overdue
    assert runs[1].run_type == RunType.LONG
    talk = read.record_rows_of(db, RecordType.CHECK_IN, acme, TODAY)[0]
    assert isinstance(talk, CheckInRow) and talk.planned and talk.kind == CheckInKind.QBR
    trouble = read.record_rows_of(db, RecordType.OBSTACLE, acme, TODAY)[0]
    assert isinstance(trouble, ObstacleRow) and trouble.severity == Severity.HIGH and trouble.resolved_on is None


def test_account_rows_carry_health_for_active_accounts_only(db, acme):
    rows = read.account_rows(db, TODAY)
    assert [r.name for r in rows] == ["Acme"]
    assert rows[0].stage == Stage.ADOPT and 0 <= rows[0].health <= 100 and rows[0].weakest
    with_archived = read.account_rows(db, TODAY, include_archived=True)
    assert {r.name: r.health for r in with_archived}["Gone"] is None


def test_health_view_ends_on_the_live_score(db, acme):
    view = read.health_view(db, acme, TODAY)
    assert view.trend[-1] == (date(2026, 11, 23), view.health.score)  # this week's Monday
    with pytest.raises(DomainError):
        read.health_view(db, 999, TODAY)


def test_facts_and_what_a_delete_takes(db, acme):
    facts = read.account(db, acme)
    assert facts.name == "Acme" and facts.renewal == TODAY + timedelta(days=40)
    assert (1, "stakeholder") in facts.on_record and (2, "milestones") in facts.on_record
    assert read.what_goes_with(db, RecordType.ACCOUNT, acme) == list(facts.on_record)
    run = read.record_rows_of(db, RecordType.MILESTONE, acme, TODAY)[0].id
    assert read.what_goes_with(db, RecordType.MILESTONE, run) == [(1, "link")]
    assert read.record_fields(db, RecordType.MILESTONE, run)["title"] == "QBR"
    assert read.new_record_fields(RecordType.MILESTONE)["run_type"] == RunType.MEDIUM


def test_the_two_calendars_have_their_own_types(db, acme):
    plan = read.account_plan(db, acme, TODAY)
    assert isinstance(plan, AccountPlan) and plan.race_names(TODAY + timedelta(days=40)) == ["Acme"]
    every = read.range_plan(db, TODAY, TODAY + timedelta(weeks=8), TODAY)
    assert isinstance(every, RangePlan) and not isinstance(every, AccountPlan)
    assert every.race_names(TODAY + timedelta(days=40)) == ["Acme"]


def test_plan_data_holds_every_obstacle(db, acme):
    data = read.plan_data(db, acme, TODAY)
    assert [o.title for o in data.obstacles] == ["Outage"] and data.obstacles[0].hurts == ("QBR",)
