"""The timeline, discovery notes and the training plan (runs) of each account."""

from collections import Counter
from datetime import timedelta

from csplanner.core import load, settings
from csplanner.core.enums import MilestoneStatus, NoteKind, Phase, RunType, Stage
from tests.conftest import TODAY
from tests.demo.conftest import by_account


def test_the_timeline_matches_the_stage(data):
    plan = by_account(data["milestone"])
    for a in data["account"]:
        assert a.contract_signed < TODAY
        assert 3 <= (a.kickoff - a.contract_signed).days <= 14
        go_live = [m for m in plan[a.id] if m.phase == Phase.ONBOARDING and m.title.startswith("Go-live")]
        assert len(go_live) == 1
        if a.archived:
            assert a.stage == Stage.RENEW and a.renewal < TODAY
        elif a.stage == Stage.RENEW:
            assert a.renewal <= TODAY + timedelta(days=120)
        else:
            assert a.renewal > TODAY + timedelta(days=120)
        if a.stage == Stage.LAND:
            assert go_live[0].planned_on >= TODAY  # still onboarding
        elif a.stage in (Stage.ADOPT, Stage.EXPAND):
            assert go_live[0].planned_on < TODAY
        if a.stage == Stage.EXPAND:
            assert any(m.phase == Phase.EXPANSION and m.planned_on <= TODAY for m in plan[a.id])


def test_renewals_spread_over_the_next_18_months(data):
    active = [a for a in data["account"] if not a.archived]
    horizon = TODAY + timedelta(days=548)
    ahead = [a.renewal for a in active if TODAY <= a.renewal <= horizon]
    assert len(ahead) >= 0.9 * len(active)
    assert all(a.renewal <= horizon for a in active)
    assert all(a.renewal >= TODAY - timedelta(days=30) for a in active)
    months = {(d.year, d.month) for d in ahead}
    assert len(months) >= 12
    for start in (0, 183, 365):  # every half year of the window has races
        assert any(start <= (d - TODAY).days < start + 183 for d in ahead)


def test_discovery_notes(data):
    for a in data["account"]:
        kinds = {n.kind for n in by_account(data["discovery_note"])[a.id]}
        assert {NoteKind.GOAL, NoteKind.SUCCESS_CRITERIA} <= kinds
    assert all(len(n.text) > 30 and n.noted_on <= TODAY for n in data["discovery_note"])


def test_the_training_plan(data):
    plan = by_account(data["milestone"])
    overdue = 0
    for a in data["account"]:
        runs = plan[a.id]
        assert 15 <= len(runs) <= 30, (a.name, len(runs))
        races = [m for m in runs if m.run_type == RunType.RACE]
        assert len(races) == 1 and races[0].planned_on == a.renewal and races[0].phase == Phase.RENEWAL
        assert any(m.phase == Phase.KICKOFF and m.planned_on == a.kickoff for m in runs)
        qbrs = sorted(m.planned_on for m in runs if "QBR" in m.title)
        assert all(80 <= (b - a_).days <= 102 for a_, b in zip(qbrs, qbrs[1:], strict=False))
        for m in runs:
            assert a.contract_signed <= m.planned_on <= a.renewal
            if m.status == MilestoneStatus.DONE:
                assert m.outcome and abs((m.done_on - m.planned_on).days) <= 10 and m.done_on <= TODAY
            if m.planned_on > TODAY:
                assert m.status in (MilestoneStatus.PLANNED, MilestoneStatus.SKIPPED)
            if m.status == MilestoneStatus.PLANNED and m.planned_on < TODAY:
                overdue += 1
    assert 0 < overdue <= len(data["milestone"]) // 20
    past = [m for m in data["milestone"] if m.planned_on < TODAY - timedelta(days=21) and m.run_type != RunType.RACE]
    share = Counter(m.status for m in past)
    assert share[MilestoneStatus.DONE] >= 0.7 * len(past)  # past runs mostly done...
    assert share[MilestoneStatus.MISSED] > share[MilestoneStatus.SKIPPED] > 0  # ...some missed, a few skipped
    assert share[MilestoneStatus.PLANNED] <= 0.01 * len(past)


def test_this_week_holds_more_than_one_person_can_do(book, data):
    live = {a.id for a in data["account"] if not a.archived}
    monday = TODAY - timedelta(days=TODAY.weekday())
    week = [monday + timedelta(days=i) for i in range(7)]
    runs = [m for m in data["milestone"] if m.account_id in live and m.planned_on in week
            and m.status != MilestoneStatus.SKIPPED]
    db, _ = book
    with db.session() as s:  # the Monday planner's own load, with the default effort estimates
        this_week = load.week_load(s, monday, settings.load(s))
    assert this_week.hours > 1.5 * this_week.capacity  # clearly over, for "Plan my week…" to show
    moved = [m for m in runs if m.notes.startswith("Moved up")]
    assert moved and all(m.status == MilestoneStatus.PLANNED and TODAY <= m.planned_on for m in moved)
