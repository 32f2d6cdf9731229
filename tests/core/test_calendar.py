"""The training calendar as data: weeks, labels, phases, compliance, chips and bars."""

from datetime import date, timedelta

import pytest

from csplanner.core import calendar
from csplanner.core.enums import MilestoneStatus, ObstacleKind, Phase, RunType, Severity, Stage
from csplanner.core.errors import DomainError
from csplanner.core.services import accounts, milestones, obstacles

TODAY = date(2026, 11, 25)  # Wednesday, ISO week 48


@pytest.fixture
def acme(db):
    with db.session() as s:
        a = accounts.create(
            s, name="Acme", contract_signed=date(2026, 6, 3), kickoff=date(2026, 6, 10),
            renewal=date(2027, 6, 2), stage=Stage.ADOPT,
        )
        return a.id


def add(db, account_id, title, day, **kw):
    with db.session() as s:
        return milestones.create(s, account_id=account_id, title=title, planned_on=day, **kw).id


def test_weeks_run_from_contract_signed_to_a_little_after_race_day(db, acme):
    with db.session() as s:
        plan = calendar.account_plan(s, acme, TODAY)
    assert plan.weeks[0].start == date(2026, 6, 1)  # the Monday of the signing week
    assert plan.weeks[0].number == 1
    race_week = plan.week_of(date(2027, 6, 2))
    assert race_week.weeks_to_race == 0 and race_week.label() == "Week 53 · Race week"
    assert plan.weeks[-1].start == date(2027, 6, 28)  # four weeks beyond race day
    assert plan.weeks[-1].weeks_to_race is None
    assert all(w.start.weekday() == 0 for w in plan.weeks)


def test_week_label_counts_weeks_since_signing_and_to_race_day(db, acme):
    with db.session() as s:
        plan = calendar.account_plan(s, acme, TODAY)
    week = plan.week_of(TODAY)
    assert week.label() == "Week 26 · 27 weeks to race day"
    assert (week.iso_week, week.iso_label()) == (48, "W48")


def test_sunday_first_weeks_keep_the_iso_week_of_their_weekdays(db, acme):
    with db.session() as s:
        plan = calendar.account_plan(s, acme, TODAY, first_weekday=6)
    week = plan.week_of(TODAY)
    assert week.start == date(2026, 11, 22) and week.start.weekday() == 6
    assert week.iso_week == 48


def test_phase_comes_from_dates_when_a_week_has_no_runs(db, acme):
    with db.session() as s:
        plan = calendar.account_plan(s, acme, TODAY)
    assert plan.week_of(date(2026, 6, 3)).phase == Phase.KICKOFF
    assert plan.week_of(date(2026, 6, 10)).phase == Phase.KICKOFF
    assert plan.week_of(date(2026, 7, 15)).phase == Phase.ONBOARDING
    assert plan.week_of(TODAY).phase == Phase.ADOPTION
    assert plan.week_of(date(2027, 4, 1)).phase == Phase.RENEWAL
    assert plan.week_of(date(2027, 6, 20)).phase is None  # after race day


def test_phase_of_a_week_with_runs_is_the_phase_most_of_them_carry(db, acme):
    for title in ("Upsell workshop", "Second team"):
        add(db, acme, title, date(2026, 7, 14), phase=Phase.EXPANSION)
    add(db, acme, "Training", date(2026, 7, 15), phase=Phase.ONBOARDING)
    with db.session() as s:
        plan = calendar.account_plan(s, acme, TODAY)
    assert plan.week_of(date(2026, 7, 14)).phase == Phase.EXPANSION


def test_expand_stage_colours_the_middle_weeks_as_expansion(db, acme):
    with db.session() as s:
        accounts.update(s, acme, stage=Stage.EXPAND)
        plan = calendar.account_plan(s, acme, TODAY)
    assert plan.week_of(TODAY).phase == Phase.EXPANSION


def test_week_summary_counts_done_missed_and_overdue(db, acme):
    monday = date(2026, 11, 16)
    done = add(db, acme, "Admin training", monday)
    add(db, acme, "Exec sync", monday + timedelta(days=1), status=MilestoneStatus.MISSED)
    add(db, acme, "Usage review", monday + timedelta(days=2))  # planned and past: overdue
    add(db, acme, "Dropped idea", monday + timedelta(days=3), status=MilestoneStatus.SKIPPED)
    with db.session() as s:
        milestones.mark(s, done, MilestoneStatus.DONE, on=monday)
        plan = calendar.account_plan(s, acme, TODAY)
    week = plan.week_of(monday)
    assert (week.planned, week.done, week.missed) == (3, 1, 2)
    assert week.compliance == pytest.approx(1 / 3)
    overdue = [c for c in plan.chips if c.overdue]
    assert [c.title for c in overdue] == ["Usage review"]
    this_week = plan.week_of(TODAY)
    assert this_week.compliance is None  # nothing due yet


def test_open_obstacle_bar_runs_until_today(db, acme):
    with db.session() as s:
        obstacles.create(s, account_id=acme, title="Sponsor left", kind=ObstacleKind.EXEC_TURNOVER,
                         severity=Severity.HIGH, opened_on=date(2026, 11, 2))
        obstacles.create(s, account_id=acme, title="SSO gap", kind=ObstacleKind.PRODUCT_GAP,
                         opened_on=date(2026, 8, 3), resolved_on=date(2026, 8, 20))
        plan = calendar.account_plan(s, acme, TODAY)
    sponsor, gap = sorted(plan.bars, key=lambda b: b.title)[1], sorted(plan.bars, key=lambda b: b.title)[0]
    assert (sponsor.start, sponsor.end, sponsor.injury, sponsor.intensity) == (date(2026, 11, 2), TODAY, True, 3)
    assert (gap.end, gap.injury) == (date(2026, 8, 20), False)
    assert plan.bars_in(date(2026, 8, 17), date(2026, 8, 23)) == [gap]


def test_account_without_dates_still_gets_weeks_around_today(db):
    with db.session() as s:
        aid = accounts.create(s, name="Fresh").id
        plan = calendar.account_plan(s, aid, TODAY)
    assert plan.week_of(TODAY) is not None and plan.weeks[0].number is None
    assert plan.countdown() == "No race day (renewal) set"


def test_countdown_to_race_day(db, acme):
    with db.session() as s:
        plan = calendar.account_plan(s, acme, TODAY)
    assert plan.countdown() == "Race day in 27 weeks (189 days)"


def test_missing_account_is_a_clear_error(db):
    with db.session() as s, pytest.raises(DomainError, match="no longer exists"):
        calendar.account_plan(s, 999, TODAY)


def test_range_plan_loads_only_the_asked_weeks_and_filters(db):
    with db.session() as s:
        a = accounts.create(s, name="Acme", segment="Enterprise", stage=Stage.ADOPT, renewal=date(2026, 12, 2)).id
        b = accounts.create(s, name="Beta", segment="SMB", stage=Stage.EXPAND).id
        c = accounts.create(s, name="Gone", archived=True).id
    add(db, a, "Kickoff", date(2026, 11, 23), run_type=RunType.SPRINT)
    add(db, b, "Upsell", date(2026, 11, 29))
    add(db, b, "Far away", date(2027, 3, 1))
    add(db, c, "Archived run", date(2026, 11, 24))
    with db.session() as s:
        plan = calendar.range_plan(s, date(2026, 11, 25), date(2026, 12, 1), TODAY)
        assert [w.start for w in plan.weeks] == [date(2026, 11, 23), date(2026, 11, 30)]
        assert [(c.account_name, c.title) for c in plan.chips] == [("Acme", "Kickoff"), ("Beta", "Upsell")]
        assert plan.races == {date(2026, 12, 2): ["Acme"]}
        assert plan.weeks[0].planned == 2 and plan.weeks[0].phase is None
        only_expand = calendar.range_plan(s, date(2026, 11, 23), date(2026, 11, 29), TODAY, stages=[Stage.EXPAND])
        assert [c.title for c in only_expand.chips] == ["Upsell"]
        smb = calendar.range_plan(s, date(2026, 11, 23), date(2026, 11, 29), TODAY, segments=["Enterprise"])
        assert [c.title for c in smb.chips] == ["Kickoff"]
        text = calendar.range_plan(s, date(2026, 11, 23), date(2026, 11, 29), TODAY, text="upS")
        assert [c.title for c in text.chips] == ["Upsell"]


def test_range_plan_with_a_few_chips_per_day_still_counts_every_run(db):
    with db.session() as s:
        small = accounts.create(s, name="Small", segment="SMB", arr_minor=1_000).id
        big = accounts.create(s, name="Big", segment="Enterprise", arr_minor=9_000_000).id
    day = TODAY - timedelta(days=1)
    for i in range(5):
        add(db, small, f"Run {i}", day, run_type=RunType.SPRINT)
    add(db, big, "Exec review", day, run_type=RunType.SPRINT)
    add(db, small, "Renewal", day, run_type=RunType.RACE)
    add(db, small, "Dropped", day, status=MilestoneStatus.SKIPPED)
    with db.session() as s:
        plan = calendar.range_plan(s, day, day, TODAY, per_day=2, max_bars=1)
        assert calendar.segments(s) == ["Enterprise", "SMB"]
    # the biggest account first, then races: what a CSM looks at first
    assert [c.title for c in plan.chips_on(day)] == ["Exec review", "Renewal"]
    total = plan.total_on(day)
    assert (total.runs, total.planned, total.missed, total.biggest) == (8, 7, 7, RunType.RACE)
    week = plan.week_of(day)
    assert (week.planned, week.missed, week.compliance) == (7, 7, 0.0)


def test_one_stray_run_does_not_change_the_phase_of_its_week(db, acme):
    add(db, acme, "Early renewal chat", date(2026, 7, 15), phase=Phase.RENEWAL)
    with db.session() as s:
        plan = calendar.account_plan(s, acme, TODAY)
    assert plan.week_of(date(2026, 7, 15)).phase == Phase.ONBOARDING
