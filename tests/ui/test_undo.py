"""The undo machinery: each step runs a core edit in its own unit of work and announces its Change."""

from datetime import date

from sqlmodel import select

from csplanner.core import edits
from csplanner.core.changes import RecordType
from csplanner.core.models import Milestone
from csplanner.core.services import accounts, milestones
from csplanner.ui import undo
from tests.conftest import TODAY


def account_names(ctx):
    with ctx.db.session() as s:
        return [r.name for r in accounts.list_rows(s, include_archived=True)]


def create(ctx, name, text="Add"):
    return undo.EditCommand(ctx, edits.CreateRecord(RecordType.ACCOUNT, {"name": name}, TODAY), text)


def test_create_undo_redo_keeps_the_same_id(ctx, qtbot):
    cmd = create(ctx, "Acme", "Add account 'Acme'")
    with qtbot.waitSignal(ctx.bus.changed) as sig:
        assert undo.run(ctx, cmd) is None
    first_id = cmd.edit.record_id
    assert sig.args[0].accounts_list and sig.args[0].account_ids == {first_id}
    assert ctx.undo_stack.undoText() == "Add account 'Acme'"
    ctx.undo_stack.undo()
    assert account_names(ctx) == []
    ctx.undo_stack.redo()
    assert account_names(ctx) == ["Acme"] and cmd.edit.record_id == first_id


def test_a_broken_rule_saves_nothing_and_leaves_no_undo_step(ctx):
    undo.run(ctx, create(ctx, "Acme"))
    error = undo.run(ctx, create(ctx, "acme", "Add again"))
    assert error is not None and error.field == "name" and "already exists" in error.message
    assert ctx.undo_stack.count() == 1 and ctx.undo_stack.undoText() == "Add"
    assert account_names(ctx) == ["Acme"]


def test_delete_undo_brings_back_children(ctx, qtbot):
    with ctx.db.session() as s:
        aid = accounts.create(s, name="Acme").id
        milestones.create(s, account_id=aid, title="Kickoff", planned_on=date(2026, 1, 8))
    with qtbot.waitSignal(ctx.bus.changed) as sig:
        undo.run(ctx, undo.EditCommand(ctx, edits.DeleteRecord(RecordType.ACCOUNT, aid), "Delete 'Acme'"))
    assert RecordType.MILESTONE in sig.args[0].records and sig.args[0].account_ids == {aid}
    assert account_names(ctx) == []
    ctx.undo_stack.undo()
    with ctx.db.session() as s:
        assert [m.title for m in s.exec(select(Milestone)).all()] == ["Kickoff"]


def test_undo_that_breaks_a_rule_reports_instead_of_crashing(ctx, qtbot):
    undo.run(ctx, create(ctx, "Acme"))
    undo.run(ctx, undo.EditCommand(ctx, edits.UpdateRecord(RecordType.ACCOUNT, 1, {"name": "Acme 2"}, TODAY)))
    with ctx.db.session() as s:  # meanwhile something else took the old name
        accounts.create(s, name="Acme")
    with qtbot.waitSignal(ctx.bus.failed) as sig:
        ctx.undo_stack.undo()
    assert "already exists" in sig.args[0]
    assert sorted(account_names(ctx)) == ["Acme", "Acme 2"]
