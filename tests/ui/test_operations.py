"""Each user verb: one undoable step; undo puts the database back exactly, redo does it again."""

from datetime import date, timedelta

import pytest
from sqlmodel import select

from csplanner.core import templates
from csplanner.core.changes import RecordType
from csplanner.core.enums import MilestoneStatus, RunType
from csplanner.core.models import (
    Account,
    CheckIn,
    DiscoveryNote,
    Milestone,
    Obstacle,
    VERSION_FIELDS,
    ObstacleMilestone,
    Stakeholder,
)
from csplanner.core.services import accounts, checkins, milestones, obstacles, stakeholders
from csplanner.ui import operations
from tests.conftest import TODAY

TABLES = (Account, Stakeholder, DiscoveryNote, Milestone, Obstacle, ObstacleMilestone, CheckIn)


def state(ctx):
    """Every row of every record table, without the timestamps and versions (an edit moves them)."""
    with ctx.db.session() as s:
        return {m.__name__: sorted((sorted((k, str(v)) for k, v in r.model_dump().items()
                                           if k not in ("created_at", "updated_at", *VERSION_FIELDS))
                                    for r in s.exec(select(m)).all())) for m in TABLES}


@pytest.fixture
def book(ctx):
    with ctx.db.session() as s:
        aid = accounts.create(s, name="Acme", contract_signed=date(2026, 6, 1), renewal=date(2027, 6, 1)).id
        mid = milestones.create(s, account_id=aid, title="QBR", planned_on=TODAY - timedelta(days=1)).id
        oid = obstacles.create(s, account_id=aid, title="Outage", opened_on=TODAY, milestone_ids=[mid]).id
        sid = stakeholders.create(s, account_id=aid, name="Ana", role="champion").id
        checkins.create(s, account_id=aid, held_on=TODAY - timedelta(days=3), summary="Fine")
    return {"account": aid, "milestone": mid, "obstacle": oid, "stakeholder": sid}


def check_round_trip(ctx, qtbot, verb, expect):
    """Run the verb, check its effect and the change it announced, undo, redo."""
    before = state(ctx)
    with qtbot.waitSignal(ctx.bus.changed) as sig:
        outcome = verb()
    assert outcome.ok, outcome.error
    after = state(ctx)
    assert after != before
    expect(sig.args[0], outcome)
    assert ctx.undo_stack.count() == 1
    ctx.undo_stack.undo()
    assert state(ctx) == before
    ctx.undo_stack.redo()
    assert state(ctx) == after
    return outcome


def get(ctx, model, record_id):
    with ctx.db.session() as s:
        return s.get(model, record_id)


def test_create_record(ctx, qtbot, book):
    def expect(change, outcome):
        assert change.records == {RecordType.DISCOVERY_NOTE} and change.account_ids == {book["account"]}
        assert get(ctx, DiscoveryNote, outcome.record_id).noted_on == TODAY  # the app's today, not the clock's
    check_round_trip(ctx, qtbot, lambda: operations.create_record(
        ctx, RecordType.DISCOVERY_NOTE, {"account_id": book["account"], "text": "They need one tool"}), expect)
    assert ctx.undo_stack.undoText() == "Add discovery note 'They need one tool'"


def test_update_record(ctx, qtbot, book):
    def expect(change, _outcome):
        assert change.accounts_list and change.health and change.calendar
        assert get(ctx, Account, book["account"]).goal == "Close in 2 days"
    check_round_trip(ctx, qtbot, lambda: operations.update_record(
        ctx, RecordType.ACCOUNT, book["account"], {"goal": "Close in 2 days"}), expect)
    assert ctx.undo_stack.undoText() == "Edit account 'Acme'"


def test_delete_record_takes_its_links_and_brings_them_back(ctx, qtbot, book):
    def expect(change, _outcome):
        assert {RecordType.MILESTONE, RecordType.OBSTACLE} <= change.records and change.calendar
        assert get(ctx, Milestone, book["milestone"]) is None
    check_round_trip(ctx, qtbot, lambda: operations.delete_record(ctx, RecordType.MILESTONE, book["milestone"]),
                     expect)
    assert ctx.undo_stack.undoText() == "Delete milestone 'QBR'"


def test_delete_account_and_everything_on_it(ctx, qtbot, book):
    def expect(change, _outcome):
        assert change.accounts_list and RecordType.CHECK_IN in change.records
        assert get(ctx, Account, book["account"]) is None
    check_round_trip(ctx, qtbot, lambda: operations.delete_record(ctx, RecordType.ACCOUNT, book["account"]), expect)


def test_archive(ctx, qtbot, book):
    def expect(change, _outcome):
        assert change.accounts_list and get(ctx, Account, book["account"]).archived
    check_round_trip(ctx, qtbot, lambda: operations.set_archived(ctx, book["account"], True), expect)
    assert ctx.undo_stack.undoText() == "Archive account 'Acme'"


@pytest.mark.parametrize("status", list(MilestoneStatus))
def test_mark_run(ctx, qtbot, book, status):
    if status == MilestoneStatus.PLANNED:  # start from done, so "back to planned" changes something
        with ctx.db.session() as s:
            milestones.mark(s, book["milestone"], MilestoneStatus.DONE, on=TODAY - timedelta(days=1))

    def expect(change, _outcome):
        assert change.health and change.calendar and change.records == {RecordType.MILESTONE}
        run = get(ctx, Milestone, book["milestone"])
        assert run.status == status and run.done_on == (TODAY if status == MilestoneStatus.DONE else None)
    check_round_trip(ctx, qtbot, lambda: operations.mark_run(ctx, book["milestone"], status), expect)
    assert ctx.undo_stack.undoText() == f"Mark 'QBR' {status.value}"


def test_tick_run_done_today_and_untick(ctx, qtbot, book):
    def done(_change, _outcome):
        assert get(ctx, Milestone, book["milestone"]).done_on == TODAY
    check_round_trip(ctx, qtbot, lambda: operations.tick_run(ctx, book["milestone"], True), done)
    assert ctx.undo_stack.undoText() == "Tick off 'QBR'"
    ctx.undo_stack.clear()

    def undone(_change, _outcome):
        assert get(ctx, Milestone, book["milestone"]).status == MilestoneStatus.PLANNED
    check_round_trip(ctx, qtbot, lambda: operations.tick_run(ctx, book["milestone"], False), undone)


def test_a_run_done_yesterday_stays_done_yesterday_when_redone_today(ctx, qtbot, book):
    operations.mark_run(ctx, book["milestone"], MilestoneStatus.DONE)
    ctx.undo_stack.undo()
    ctx.today = lambda: TODAY + timedelta(days=1)
    ctx.undo_stack.redo()
    assert get(ctx, Milestone, book["milestone"]).done_on == TODAY


def test_move_run(ctx, qtbot, book):
    day = TODAY + timedelta(days=9)

    def expect(change, _outcome):
        assert change.calendar and get(ctx, Milestone, book["milestone"]).planned_on == day
    check_round_trip(ctx, qtbot, lambda: operations.move_run(ctx, book["milestone"], day), expect)
    assert ctx.undo_stack.undoText().startswith("Move 'QBR' to ")


def test_log_checkin_today(ctx, qtbot, book):
    def expect(change, outcome):
        assert change.health and change.records == {RecordType.CHECK_IN}
        assert get(ctx, CheckIn, outcome.record_id).held_on == TODAY
    check_round_trip(ctx, qtbot, lambda: operations.log_checkin(ctx, book["account"], {"summary": "Call"}), expect)


def test_apply_template_is_one_step_and_undo_goes_through_the_service(ctx, qtbot, book):
    template = next(t for t in templates.builtin_templates())
    with ctx.db.session() as s:
        runs = templates.preview(s, book["account"], template)
    assert runs

    def expect(change, outcome):
        assert change.calendar and change.account_ids == {book["account"]}
        assert len(outcome.record_ids) == len(runs)
    outcome = check_round_trip(ctx, qtbot, lambda: operations.apply_template(ctx, book["account"], runs, template.name),
                               expect)
    with ctx.db.session() as s:  # redo brought back the same ids
        assert all(s.get(Milestone, i) is not None for i in outcome.record_ids)


def test_a_broken_rule_saves_nothing_and_leaves_no_step(ctx, qtbot, book):
    before = state(ctx)
    outcome = operations.create_record(ctx, RecordType.MILESTONE, {"account_id": book["account"], "title": " ",
                                                                   "planned_on": TODAY, "run_type": RunType.SPRINT})
    assert not outcome.ok and outcome.error.field == "title" and outcome.record_id is None
    assert state(ctx) == before and ctx.undo_stack.count() == 0
