"""Realign after an injury: exact days for shift, compress and skip; done runs and race day stay put."""

from datetime import date

import pytest

from csplanner.core import realign, settings
from csplanner.core.enums import MilestoneStatus, RunType
from csplanner.core.errors import DomainError
from csplanner.core.realign import Flag, Mode, Move, Run
from csplanner.core.services import accounts, checkins, milestones, obstacles

TODAY = date(2026, 11, 25)  # a Wednesday


def run(i, day, status=MilestoneStatus.PLANNED, run_type=RunType.MEDIUM):
    return Run(i, 1, f"Run {i}", day, status, run_type)


PLAN = [
    run(1, date(2026, 11, 20), MilestoneStatus.DONE),
    run(2, date(2026, 11, 26)),
    run(3, date(2026, 12, 3)),
    run(4, date(2026, 12, 10), MilestoneStatus.MISSED),
    run(5, date(2026, 12, 17)),
    run(6, date(2027, 1, 29), run_type=RunType.RACE),
]


def days(moves):
    return {m.run_id: m.after for m in moves}


def test_shift_the_linked_runs_by_days():
    assert days(realign.shift(PLAN, 7, ids=[1, 2, 3, 4, 6])) == {2: date(2026, 12, 3), 3: date(2026, 12, 10)}


def test_shift_every_planned_run_after_a_date_by_weeks():
    moves = realign.shift(PLAN, 14, after=date(2026, 12, 1))
    assert days(moves) == {3: date(2026, 12, 17), 5: date(2026, 12, 31)}  # done, missed, race day stay
    assert [m.before for m in moves] == [date(2026, 12, 3), date(2026, 12, 17)]


def test_shift_needs_runs_or_a_date():
    with pytest.raises(DomainError, match="Pick the runs"):
        realign.shift(PLAN, 7)


def test_compress_respaces_evenly_up_to_a_fixed_race_day():
    # 3 planned runs from 27 Nov to race day 29 Jan (63 days): +0, +21, +42
    moves = realign.compress(PLAN, date(2026, 11, 27), date(2027, 1, 29))
    assert days(moves) == {2: date(2026, 11, 27), 3: date(2026, 12, 18), 5: date(2027, 1, 8)}
    assert 6 not in days(moves) and 1 not in days(moves)


def test_compress_uneven_span_rounds_down_and_stays_before_race_day():
    plan = [run(i, date(2026, 12, 1)) for i in (1, 2, 3)]
    moves = realign.compress(plan, date(2026, 12, 1), date(2026, 12, 11))  # 10 days / 3: 0, 3, 6
    assert days(moves) == {1: date(2026, 12, 1), 2: date(2026, 12, 4), 3: date(2026, 12, 7)}


def test_compress_needs_a_later_race_day():
    with pytest.raises(DomainError, match="no race day"):
        realign.compress(PLAN, TODAY, None)
    with pytest.raises(DomainError, match="after the day"):
        realign.compress(PLAN, TODAY, TODAY)


def test_skip_marks_only_planned_runs_with_the_reason():
    moves = realign.skip(PLAN, [1, 2, 4, 5], "  champion on leave  ")
    assert [(m.run_id, m.skip_reason, m.after == m.before) for m in moves] == [
        (2, "champion on leave", True), (5, "champion on leave", True)]
    with pytest.raises(DomainError, match="Say why"):
        realign.skip(PLAN, [2], " ")


def test_flags_after_race_day_weekend_and_full_days():
    race = date(2026, 12, 18)
    moves = [Move(1, 1, "a", TODAY, date(2026, 12, 19)),  # a Saturday after race day
             Move(2, 1, "b", TODAY, date(2026, 12, 2)),  # Wednesday, already 6.4 h of 6.4
             Move(3, 1, "c", TODAY, date(2026, 12, 3)),  # Thursday with room
             Move(4, 1, "d", TODAY, TODAY, "ill")]  # skipped: nothing to flag
    busy = {date(2026, 12, 2): 6.4, date(2026, 12, 3): 6.0}
    cap = {date(2026, 12, 2): 6.4, date(2026, 12, 3): 6.4}
    flagged = {m.run_id: m.flags for m in realign.flag(moves, race, busy, cap)}
    assert flagged == {1: {Flag.AFTER_RACE_DAY, Flag.WEEKEND}, 2: {Flag.OVER_CAPACITY}, 3: set(), 4: set()}


def _account(db):
    with db.session() as s:
        a = accounts.create(s, name="Alder", contract_signed=date(2026, 1, 5), renewal=date(2027, 1, 29))
        ids = {}
        for title, day, status in (("Done", date(2026, 11, 20), MilestoneStatus.DONE),
                                   ("Rollout", date(2026, 11, 26), MilestoneStatus.PLANNED),
                                   ("Training", date(2026, 12, 3), MilestoneStatus.PLANNED)):
            ids[title] = milestones.create(s, account_id=a.id, title=title, planned_on=day, status=status,
                                           done_on=day if status == MilestoneStatus.DONE else None).id
        ob = obstacles.create(s, [ids["Done"], ids["Rollout"], ids["Training"]], account_id=a.id,
                              title="Escalation", opened_on=TODAY)
        return a.id, ob.id, ids


def test_preview_and_apply_shift_of_the_hurt_runs_then_revert(db):
    aid, oid, ids = _account(db)
    with db.session() as s:
        hurt = realign.hurt_runs(s, oid)
        pv = realign.preview(s, aid, TODAY, Mode.SHIFT, days=9, ids=hurt)
    assert [(m.title, m.before, m.after, m.flags) for m in pv.moves] == [
        ("Rollout", date(2026, 11, 26), date(2026, 12, 5), {Flag.WEEKEND}),
        ("Training", date(2026, 12, 3), date(2026, 12, 12), {Flag.WEEKEND})]
    edit = realign.MoveRuns(pv.moves)
    with db.session() as s:
        change = edit.apply(s)
    assert change.calendar and change.health and change.account_ids == {aid}
    with db.session() as s:
        got = {m.title: (m.planned_on, m.status) for m in milestones.for_account(s, aid)}
        assert got["Done"] == (date(2026, 11, 20), MilestoneStatus.DONE)  # done runs never move
        assert got["Rollout"] == (date(2026, 12, 5), MilestoneStatus.PLANNED)
        edit.revert(s)
    with db.session() as s:
        assert milestones.for_account(s, aid)[1].planned_on == date(2026, 11, 26)


def test_skip_writes_the_reason_and_revert_takes_it_back(db):
    aid, oid, ids = _account(db)
    with db.session() as s:
        pv = realign.preview(s, aid, TODAY, Mode.SKIP, ids=[ids["Training"]], reason="Sponsor on leave")
        edit = realign.MoveRuns(pv.moves)
        edit.apply(s)
    with db.session() as s:
        m = s.get(milestones.Milestone, ids["Training"])
        assert (m.status, m.notes, m.planned_on) == (MilestoneStatus.SKIPPED, "Skipped: Sponsor on leave",
                                                     date(2026, 12, 3))
        edit.revert(s)
    with db.session() as s:
        m = s.get(milestones.Milestone, ids["Training"])
        assert (m.status, m.notes) == (MilestoneStatus.PLANNED, "")


def test_a_day_already_full_is_flagged_from_the_book(db):
    aid, _, ids = _account(db)
    with db.session() as s:
        settings.save(s, settings.CoachSettings(week_hours=5.0))  # 1 h a workday
        checkins.create(s, account_id=aid, held_on=date(2026, 12, 1))
        checkins.create(s, account_id=aid, held_on=date(2026, 12, 1))
        pv = realign.preview(s, aid, TODAY, Mode.SHIFT, days=5, ids=[ids["Rollout"]])
    assert pv.moves[0].after == date(2026, 12, 1) and pv.moves[0].flags == {Flag.OVER_CAPACITY}


def test_a_run_done_meanwhile_is_refused(db):
    aid, _, ids = _account(db)
    with db.session() as s:
        pv = realign.preview(s, aid, TODAY, Mode.COMPRESS, start=date(2026, 11, 30))
        milestones.mark(s, ids["Training"], MilestoneStatus.DONE, on=TODAY)
    with db.session() as s, pytest.raises(DomainError, match="no longer a planned run"):
        realign.MoveRuns(pv.moves).apply(s)
