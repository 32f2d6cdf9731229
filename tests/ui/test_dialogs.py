"""Record dialogs: typed like a user, saved through undoable commands, errors next to the field."""

from datetime import date

from PySide6.QtCore import Qt, QTimer
from PySide6.QtWidgets import QApplication, QDialogButtonBox

from csplanner.core.enums import MilestoneStatus, ObstacleKind, StakeholderRole
from csplanner.core.models import Account, Milestone, Obstacle, Stakeholder
from csplanner.core.services import accounts, checkins, milestones, notes, obstacles, stakeholders
from csplanner.ui import editing
from csplanner.ui.dialogs import Question, RecordDialog
from tests.conftest import TODAY


def make_account(ctx, name="Acme", **values):
    with ctx.db.session() as s:
        return accounts.create(s, name=name, **values).id


def open_dialog(qtbot, ctx, kind, record_id=None, defaults=None):
    dialog = RecordDialog(None, ctx, kind, record_id, defaults)
    qtbot.addWidget(dialog)
    dialog.show()
    return dialog


def type_into(qtbot, widget, text):
    widget.setFocus()
    widget.selectAll() if hasattr(widget, "selectAll") else None
    qtbot.keyClick(widget, Qt.Key.Key_A, Qt.KeyboardModifier.ControlModifier)
    qtbot.keyClick(widget, Qt.Key.Key_Delete)
    qtbot.keyClicks(widget, text)


def click_ok(qtbot, dialog):
    qtbot.mouseClick(dialog.buttons.button(QDialogButtonBox.StandardButton.Ok), Qt.MouseButton.LeftButton)


def test_new_milestone_is_saved_and_undoable(ctx, qtbot):
    aid = make_account(ctx)
    dialog = open_dialog(qtbot, ctx, "milestone", defaults={"account_id": aid, "planned_on": date(2026, 12, 3)})
    assert dialog.inputs["planned_on"].widget.text() == "2026-12-03"
    type_into(qtbot, dialog.inputs["title"].widget, "Kickoff")
    click_ok(qtbot, dialog)
    assert not dialog.isVisible() and dialog.saved_id is not None
    with ctx.db.session() as s:
        saved = milestones.for_account(s, aid)
    assert [(m.title, m.planned_on) for m in saved] == [("Kickoff", date(2026, 12, 3))]
    assert ctx.undo_stack.undoText() == "Add milestone 'Kickoff'"
    ctx.undo_stack.undo()
    with ctx.db.session() as s:
        assert milestones.for_account(s, aid) == []


def test_broken_rule_shows_next_to_its_field_and_saves_nothing(ctx, qtbot):
    aid = make_account(ctx)
    dialog = open_dialog(qtbot, ctx, "obstacle", defaults={"account_id": aid})
    type_into(qtbot, dialog.inputs["title"].widget, "Budget freeze")
    type_into(qtbot, dialog.inputs["resolved_on"].widget, "2026-01-01")  # before opened_on (today)
    click_ok(qtbot, dialog)
    assert dialog.isVisible()
    error = dialog.errors["resolved_on"]
    assert error.isVisible() and "must be on or after opened on" in error.text()
    assert dialog.inputs["title"].widget.text() == "Budget freeze"  # the input stays as typed
    assert dialog.focusWidget() is dialog.inputs["resolved_on"].widget
    with ctx.db.session() as s:
        assert obstacles.for_account(s, aid) == []
    assert ctx.undo_stack.count() == 0
    type_into(qtbot, dialog.inputs["resolved_on"].widget, "")
    click_ok(qtbot, dialog)
    assert not dialog.isVisible()
    with ctx.db.session() as s:
        assert [o.title for o in obstacles.for_account(s, aid)] == ["Budget freeze"]


def test_account_arr_is_read_as_money_and_bad_amounts_are_named(ctx, qtbot):
    dialog = open_dialog(qtbot, ctx, "account")
    type_into(qtbot, dialog.inputs["name"].widget, "Globex")
    type_into(qtbot, dialog.inputs["arr_minor"].widget, "12O,000")
    click_ok(qtbot, dialog)
    assert dialog.errors["arr_minor"].isVisible() and "not an amount" in dialog.errors["arr_minor"].text()
    type_into(qtbot, dialog.inputs["arr_minor"].widget, "120,000.50")
    click_ok(qtbot, dialog)
    with ctx.db.session() as s:
        saved = accounts.by_name(s, "Globex")
    assert (saved.arr_minor, saved.currency) == (12000050, "USD")


def test_duplicate_account_name_is_refused_with_the_name_kept(ctx, qtbot):
    make_account(ctx, "Acme")
    dialog = open_dialog(qtbot, ctx, "account")
    type_into(qtbot, dialog.inputs["name"].widget, "acme")
    qtbot.keyClick(dialog.inputs["name"].widget, Qt.Key.Key_Return)  # Enter presses the default button
    assert dialog.isVisible() and "already exists" in dialog.errors["name"].text()
    assert dialog.inputs["name"].widget.text() == "acme"
    with ctx.db.session() as s:
        assert len(accounts.list_rows(s)) == 1


def test_escape_cancels_without_saving(ctx, qtbot):
    aid = make_account(ctx)
    dialog = open_dialog(qtbot, ctx, "discovery_note", defaults={"account_id": aid})
    type_into(qtbot, dialog.inputs["text"].widget, "They tried a spreadsheet")
    qtbot.keyClick(dialog, Qt.Key.Key_Escape)
    assert not dialog.isVisible()
    with ctx.db.session() as s:
        assert notes.for_account(s, aid) == []


def test_editing_changes_only_what_changed_and_undo_restores(ctx, qtbot):
    aid = make_account(ctx)
    with ctx.db.session() as s:
        cid = checkins.create(s, account_id=aid, held_on=date(2026, 11, 20), summary="Fine").id
    dialog = open_dialog(qtbot, ctx, "check_in", cid)
    type_into(qtbot, dialog.inputs["summary"].widget, "Worried about budget")
    dialog.inputs["sentiment"].widget.setCurrentIndex(2)  # Negative
    qtbot.keyClick(dialog.inputs["summary"].widget, Qt.Key.Key_Return, Qt.KeyboardModifier.ControlModifier)
    assert not dialog.isVisible()
    with ctx.db.session() as s:
        saved = checkins.for_account(s, aid)[0]
    assert (saved.summary, saved.sentiment, saved.held_on) == ("Worried about budget", -1, date(2026, 11, 20))
    assert ctx.undo_stack.undoText() == "Edit check-in 'Call on 20 Nov 2026'"
    ctx.undo_stack.undo()
    with ctx.db.session() as s:
        assert checkins.for_account(s, aid)[0].summary == "Fine"


def test_date_keys_nudge_the_date(ctx, qtbot):
    aid = make_account(ctx)
    dialog = open_dialog(qtbot, ctx, "milestone", defaults={"account_id": aid})
    field = dialog.inputs["planned_on"].widget
    assert field.text() == TODAY.isoformat()
    qtbot.keyClick(field, Qt.Key.Key_Up)
    qtbot.keyClick(field, Qt.Key.Key_PageUp)
    assert field.text() == "2026-12-03"


def answer_next_question(qtbot, yes: bool):
    """Click the button of the next Question box when it opens (it runs modally)."""

    def click():
        box = QApplication.activeModalWidget()
        assert isinstance(box, Question)
        answered.append(box.text())
        qtbot.mouseClick(box.yes_button if yes else box.no_button, Qt.MouseButton.LeftButton)

    answered: list[str] = []
    QTimer.singleShot(0, click)
    return answered


def test_delete_account_names_what_goes_with_it_and_undo_brings_it_back(ctx, qtbot):
    aid = make_account(ctx, "Acme")
    with ctx.db.session() as s:
        for n in range(4):
            stakeholders.create(s, account_id=aid, name=f"Person {n}")
        for n in range(2):
            milestones.create(s, account_id=aid, title=f"Run {n}", planned_on=TODAY)
    asked = answer_next_question(qtbot, yes=False)
    assert editing.delete_record(None, ctx, "account", aid) is False
    assert asked == ["Delete Acme and its 4 stakeholders and 2 milestones?"]
    asked = answer_next_question(qtbot, yes=True)
    assert editing.delete_record(None, ctx, "account", aid) is True
    with ctx.db.session() as s:
        assert s.get(Account, aid) is None
    assert ctx.undo_stack.undoText() == "Delete account 'Acme'"
    ctx.undo_stack.undo()
    with ctx.db.session() as s:
        assert len(stakeholders.for_account(s, aid)) == 4 and len(milestones.for_account(s, aid)) == 2
    ctx.undo_stack.redo()
    with ctx.db.session() as s:
        assert s.get(Account, aid) is None and s.get(Milestone, 1) is None


def test_marking_a_champion_as_left_offers_a_prefilled_turnover_obstacle(ctx, qtbot):
    aid = make_account(ctx)
    with ctx.db.session() as s:
        sid = stakeholders.create(s, account_id=aid, name="Dana Diaz", role=StakeholderRole.CHAMPION).id
    seen: list[str] = []

    def mark_left_then_accept_offer():
        dialog = QApplication.activeModalWidget()
        dialog.inputs["status"].widget.setCurrentIndex(1)  # Left
        QTimer.singleShot(0, accept_offer)
        click_ok(qtbot, dialog)

    def accept_offer():
        box = QApplication.activeModalWidget()
        seen.append(box.text())
        QTimer.singleShot(0, save_obstacle)
        qtbot.mouseClick(box.yes_button, Qt.MouseButton.LeftButton)

    def save_obstacle():
        dialog = QApplication.activeModalWidget()
        seen.append(dialog.inputs["title"].widget.text())
        click_ok(qtbot, dialog)

    QTimer.singleShot(0, mark_left_then_accept_offer)
    assert editing.edit_record(None, ctx, "stakeholder", sid) == sid
    assert seen == ["Champion Dana Diaz left.", "Champion Dana Diaz left"]
    with ctx.db.session() as s:
        person = s.get(Stakeholder, sid)
        obstacle = obstacles.for_account(s, aid)[0]
    assert person.status == "left" and person.left_on == TODAY
    assert (obstacle.kind, obstacle.opened_on) == (ObstacleKind.EXEC_TURNOVER, TODAY)
    assert s.get(Obstacle, obstacle.id) is not None


def test_marking_a_milestone_done_fills_the_done_date_with_today(ctx, qtbot):
    aid = make_account(ctx)
    with ctx.db.session() as s:
        mid = milestones.create(s, account_id=aid, title="Kickoff", planned_on=date(2026, 11, 20)).id
    dialog = open_dialog(qtbot, ctx, "milestone", mid)
    dialog.inputs["status"].widget.setCurrentIndex(1)  # Done
    click_ok(qtbot, dialog)
    with ctx.db.session() as s:
        saved = s.get(Milestone, mid)
    assert (saved.status, saved.done_on) == (MilestoneStatus.DONE, TODAY)
