"""Two people on one book: owners, "Mine / Everyone", conflicts that lose nothing, others' changes
showing up. Sam and Dana each have their own app context (own engine, undo stack and bus)."""

from datetime import date, datetime, timedelta, timezone
from pathlib import Path

import pytest
from PySide6.QtCore import Qt
from PySide6.QtWidgets import QApplication, QDialogButtonBox, QMessageBox, QWidget

from csplanner.core.changes import RecordType
from csplanner.core.db import open_database
from csplanner.core.enums import MilestoneStatus
from csplanner.core.models import Account, Milestone
from csplanner.core.services import accounts, milestones, next_steps, stakeholders
from csplanner.ui import operations
from csplanner.ui.account_list import AccountList
from csplanner.ui.account_list_model import AccountListModel
from csplanner.ui.dialogs import RecordDialog
from csplanner.ui.main_window import MainWindow
from csplanner.ui.my_week.view import MyWeekView
from tests.conftest import TODAY

SHOTS = Path("/tmp/shots-team")
CET = timezone(timedelta(hours=1))


def shoot(widget, name):
    SHOTS.mkdir(parents=True, exist_ok=True)
    widget.grab().save(str(SHOTS / name))


@pytest.fixture
def sam(ctx):
    ctx.user = "sam"
    ctx.now = lambda: datetime(2026, 11, 25, 10, 44, tzinfo=CET)
    return ctx


@pytest.fixture
def dana(sam, db):
    from csplanner.app import make_context

    second = open_database(db.path)
    context = make_context(second, user="dana")
    context.today = lambda: TODAY
    context.now = lambda: datetime(2026, 11, 25, 10, 42, tzinfo=CET)
    yield context
    context.undo_stack.clear()
    second.dispose()


def make_account(ctx, name="Acme", **values):
    with ctx.db.session() as s:
        return accounts.create(s, name=name, **values).id


def open_dialog(qtbot, ctx, record_id):
    dialog = RecordDialog(None, ctx, RecordType.ACCOUNT, record_id)
    qtbot.addWidget(dialog)
    dialog.show()
    return dialog


def type_into(qtbot, widget, text):
    widget.setFocus()
    qtbot.keyClick(widget, Qt.Key.Key_A, Qt.KeyboardModifier.ControlModifier)
    qtbot.keyClick(widget, Qt.Key.Key_Delete)
    qtbot.keyClicks(widget, text)


def click_ok(qtbot, dialog):
    qtbot.mouseClick(dialog.buttons.button(QDialogButtonBox.StandardButton.Ok), Qt.MouseButton.LeftButton)


def saved(ctx, aid):
    with ctx.db.session() as s:
        return s.get(Account, aid)


def test_a_stale_save_shows_who_changed_it_and_loses_neither_side(sam, dana, qtbot):
    two_people_one_account(sam, dana, qtbot, "conflict")


@pytest.mark.postgres
def test_on_a_postgresql_book_a_stale_save_shows_who_changed_it_and_loses_neither_side(qapp, pg_url, qtbot):
    from csplanner.app import make_context

    people = []
    for user, minute in (("sam", 44), ("dana", 42)):
        context = make_context(open_database(pg_url), user=user)
        context.today = lambda: TODAY
        context.now = lambda minute=minute: datetime(2026, 11, 25, 10, minute, tzinfo=CET)
        people.append(context)
    try:
        two_people_one_account(*people, qtbot, "conflict-postgres")
    finally:
        for context in people:
            context.undo_stack.clear()
            context.db.dispose()


def two_people_one_account(sam, dana, qtbot, shots):
    """The issue's "done when": A and B open the same account, B saves, A's save shows the
    conflict on screen, and neither B's saved change nor A's typed text is lost."""
    aid = make_account(sam, goal="Adopt the API")
    mine, theirs = open_dialog(qtbot, sam, aid), open_dialog(qtbot, dana, aid)  # both open Acme
    type_into(qtbot, mine.inputs["goal"].widget, "Roll out to the EMEA team")
    type_into(qtbot, theirs.inputs["segment"].widget, "Enterprise")
    click_ok(qtbot, theirs)  # Dana saves first
    assert not theirs.isVisible()
    click_ok(qtbot, mine)  # Sam's save is based on what Dana has since changed

    assert mine.isVisible()
    assert mine.general_error.isVisible()
    assert mine.general_error.text() == "‘Acme’ was changed by dana at 10:42. Reload? (Nothing was saved.)"
    assert mine.reload_button.isVisible()
    assert mine.inputs["goal"].widget.toPlainText() == "Roll out to the EMEA team"  # what Sam typed stays
    acme = saved(sam, aid)
    assert (acme.goal, acme.segment, acme.changed_by) == ("Adopt the API", "Enterprise", "dana")  # Dana's kept
    assert sam.undo_stack.count() == 0
    shoot(mine, f"{shots}-message.png")

    qtbot.mouseClick(mine.reload_button, Qt.MouseButton.LeftButton)
    assert mine.inputs["segment"].widget.text() == "Enterprise"  # Dana's change now on screen
    assert mine.inputs["goal"].widget.toPlainText() == "Roll out to the EMEA team"  # Sam's still on top
    assert "Your changes are kept on top (goal)" in mine.general_error.text()
    shoot(mine, f"{shots}-reloaded.png")
    click_ok(qtbot, mine)
    assert not mine.isVisible()
    acme = saved(sam, aid)
    assert (acme.goal, acme.segment, acme.changed_by) == ("Roll out to the EMEA team", "Enterprise", "sam")


def test_others_changes_show_up_in_the_list_after_a_poll_and_ones_own_do_not_reload(sam, dana, qtbot):
    aid = make_account(sam, renewal=date(2027, 3, 1))
    window = MainWindow(sam)
    qtbot.addWidget(window)
    window.show()
    names = lambda: [window.account_list.model.rows[i].name for i in range(window.account_list.model.rowCount())]  # noqa: E731
    assert names() == ["Acme"]
    window.poll.check()  # catch up with the set-up's writes
    assert operations.update_record(dana, RecordType.ACCOUNT, aid, {"name": "Acme Group"}).ok
    assert names() == ["Acme"]  # not seen yet
    with qtbot.waitSignal(sam.bus.changed):
        assert window.poll.check()
    assert names() == ["Acme Group"]
    assert operations.update_record(sam, RecordType.ACCOUNT, aid, {"segment": "SMB"}).ok
    assert not window.poll.check()  # my own edit was announced when made; no second reload


def test_the_window_polls_for_others_changes_and_the_overview_names_the_owner(sam, qtbot):
    make_account(sam, owner="dana")
    window = MainWindow(sam)
    qtbot.addWidget(window)
    window.show()
    assert window.poll.timer.isActive() and window.poll.timer.interval() <= 5000
    window.account_list.whose.setCurrentIndex(window.account_list.whose.findData("everyone"))
    window.account_list._select_row(0)
    assert window.account_page.overview.facts["owner"].text() == "dana"


def test_undo_after_someone_else_changed_the_record_is_refused_on_screen(sam, dana, qtbot, monkeypatch):
    shown = []
    monkeypatch.setattr(QMessageBox, "warning", lambda _parent, _title, text, *a, **k: shown.append(text))
    aid = make_account(sam)
    with sam.db.session() as s:
        mid = milestones.create(s, account_id=aid, title="QBR", planned_on=date(2026, 12, 2)).id
    window = MainWindow(sam)
    qtbot.addWidget(window)
    window.show()
    assert operations.mark_run(sam, mid, MilestoneStatus.DONE).ok
    assert operations.move_run(dana, mid, date(2026, 12, 9)).ok
    window.undo_action.trigger()
    assert shown == ["‘QBR’ was changed by dana at 10:42. Reload? (Nothing was saved.)"]
    with sam.db.session() as s:
        run = s.get(Milestone, mid)
    assert (run.status, run.planned_on) == (MilestoneStatus.DONE, date(2026, 12, 9))  # both changes stand
    assert sam.undo_stack.count() == 0 and not window.undo_action.isEnabled()


def test_redo_after_someone_else_changed_the_record_is_refused(sam, dana, qtbot):
    aid = make_account(sam)
    failed = []
    sam.bus.failed.connect(failed.append)
    assert operations.update_record(sam, RecordType.ACCOUNT, aid, {"goal": "Mine"}).ok
    sam.undo_stack.undo()
    assert operations.update_record(dana, RecordType.ACCOUNT, aid, {"goal": "Hers"}).ok
    sam.undo_stack.redo()
    assert failed == ["‘Acme’ was changed by dana at 10:42. Reload? (Nothing was saved.)"]
    assert saved(sam, aid).goal == "Hers"
    assert not sam.undo_stack.canRedo()


def test_a_delete_asked_about_then_changed_by_someone_else_is_refused(sam, dana, qtbot, monkeypatch):
    from csplanner.ui import editing
    from csplanner.ui.dialogs import Question

    aid = make_account(sam)
    warnings = []
    monkeypatch.setattr(QMessageBox, "warning", lambda _p, _t, text, *a, **k: warnings.append(text))

    def ask(*_args, **_kwargs):  # while Sam reads the question, Dana edits the account
        assert operations.update_record(dana, RecordType.ACCOUNT, aid, {"goal": "Hers"}).ok
        return True

    monkeypatch.setattr(Question, "ask", ask)
    assert not editing.delete_record(None, sam, RecordType.ACCOUNT, aid)
    assert warnings == ["‘Acme’ was changed by dana at 10:42. Reload? (Nothing was saved.)"]
    assert saved(sam, aid).goal == "Hers"


def test_accounts_list_mine_or_everyone_with_an_owner_column_remembered(sam, qtbot):
    make_account(sam, "Acme", owner="sam", renewal=date(2027, 2, 1))
    make_account(sam, "Birch", owner="dana", renewal=date(2027, 3, 1))
    make_account(sam, "Cedar", renewal=date(2027, 4, 1))  # nobody's
    make_account(sam, "Delta Logistics Worldwide", owner="sam", renewal=date(2027, 5, 1))
    listing = AccountList(sam)
    qtbot.addWidget(listing)
    listing.resize(760, 300)
    listing.show()
    model = listing.model

    def shown():
        return [(model.index(i, 0).data(), model.index(i, AccountListModel.OWNER).data())
                for i in range(model.rowCount())]

    assert listing.whose.currentText() == "Mine"
    assert shown() == [("Acme", "sam"), ("Cedar", "Unassigned"), ("Delta Logistics Worldwide", "sam")]
    assert not listing.table.isColumnHidden(AccountListModel.OWNER)
    shoot(listing, "accounts-mine.png")
    listing.whose.setCurrentIndex(listing.whose.findText("Everyone"))
    assert shown() == [("Acme", "sam"), ("Birch", "dana"), ("Cedar", "Unassigned"),
                       ("Delta Logistics Worldwide", "sam")]
    shoot(listing, "accounts-everyone.png")
    again = AccountList(sam)  # the choice is remembered
    qtbot.addWidget(again)
    assert again.whose.currentText() == "Everyone" and again.model.rowCount() == 4


def test_a_new_account_belongs_to_the_user_and_the_owner_can_be_changed(sam, qtbot):
    dialog = RecordDialog(None, sam, RecordType.ACCOUNT)
    qtbot.addWidget(dialog)
    dialog.show()
    type_into(qtbot, dialog.inputs["name"].widget, "Acme")
    assert dialog.inputs["owner"].widget.text() == "sam"  # the user's own, unless changed
    click_ok(qtbot, dialog)
    assert saved(sam, dialog.saved_id).owner == "sam"
    edit = open_dialog(qtbot, sam, dialog.saved_id)
    assert edit.inputs["owner"].widget.text() == "sam"
    type_into(qtbot, edit.inputs["owner"].widget, "dana")
    click_ok(qtbot, edit)
    assert saved(sam, dialog.saved_id).owner == "dana"


def test_my_week_shows_my_accounts_by_default_and_everyones_on_demand(sam, qtbot):
    for name, owner in (("Acme", "sam"), ("Birch", "dana"), ("Cedar", "")):
        aid = make_account(sam, name, owner=owner, contract_signed=date(2026, 1, 5))
        with sam.db.session() as s:
            milestones.create(s, account_id=aid, title=f"{name} kickoff", planned_on=TODAY)
            stakeholders.create(s, account_id=aid, name=f"{name} champion", role="champion")
    view = MyWeekView(sam)
    qtbot.addWidget(view)
    view.resize(1100, 700)
    view.show()
    runs = lambda: sorted(i.title for _d, items in view.plan.days for i in items)  # noqa: E731
    assert view.whose.currentText() == "My accounts"
    assert runs() == ["Acme kickoff", "Cedar kickoff"]
    load = lambda: view.findChild(QWidget, "loadSection").title.text()  # noqa: E731
    assert load() == "Load · 6 h planned of 32 h"  # my two medium runs, not Dana's
    assert sorted(c.name for c in view.calls) == ["Acme champion", "Cedar champion"]  # who to call: mine
    QApplication.processEvents()  # the bar lays out the week's label
    shoot(view, "my-week-mine.png")
    view.whose.setCurrentIndex(view.whose.findData("everyone"))
    assert runs() == ["Acme kickoff", "Birch kickoff", "Cedar kickoff"]
    assert load() == "Load · 9 h planned of 32 h"
    assert sorted(c.name for c in view.calls) == ["Acme champion", "Birch champion", "Cedar champion"]
    again = MyWeekView(sam)  # remembered
    qtbot.addWidget(again)
    assert again.whose.currentText() == "Everyone's"


def test_a_refused_undo_leaves_the_earlier_steps_undoable(sam, dana, qtbot):
    aid = make_account(sam)
    with sam.db.session() as s:
        mid = milestones.create(s, account_id=aid, title="QBR", planned_on=date(2026, 12, 2)).id
    failed = []
    sam.bus.failed.connect(failed.append)
    assert operations.update_record(sam, RecordType.ACCOUNT, aid, {"goal": "Grow"}).ok  # step 1: the account
    assert operations.mark_run(sam, mid, MilestoneStatus.DONE).ok  # step 2: the run
    assert operations.move_run(dana, mid, date(2026, 12, 9)).ok  # Dana moves the run
    sam.undo_stack.undo()  # step 2: refused, and dropped
    assert failed == ["‘QBR’ was changed by dana at 10:42. Reload? (Nothing was saved.)"]
    assert sam.undo_stack.count() == 1 and sam.undo_stack.undoText() == "Edit account 'Acme'"
    sam.undo_stack.undo()  # step 1 never touched the run: it goes back as usual
    assert saved(sam, aid).goal == ""
    sam.undo_stack.redo()
    assert saved(sam, aid).goal == "Grow"
    with sam.db.session() as s:
        run = s.get(Milestone, mid)
    assert (run.status, run.planned_on) == (MilestoneStatus.DONE, date(2026, 12, 9))


def test_my_weeks_race_results_forecasts_and_next_steps_are_mine_too(sam, qtbot):
    ids = {}
    for name, owner in (("Acme", "sam"), ("Birch", "dana")):
        ids[name] = make_account(sam, name, owner=owner, contract_signed=date(2025, 11, 1),
                                 renewal=TODAY - timedelta(days=4))  # race day passed, no result
        later = make_account(sam, f"{name} Two", owner=owner, contract_signed=date(2026, 1, 1),
                             renewal=date(2027, 1, 20))  # at its T−13 checkpoint
        ids[f"{name} Two"] = later
        with sam.db.session() as s:
            next_steps.create(s, account_id=later, text=f"{name} quote", owner="us", due_on=TODAY + timedelta(days=2))
    view = MyWeekView(sam)
    qtbot.addWidget(view)
    view.resize(1100, 700)
    view.show()

    def listed(kind):
        return sorted(r.key[1] for r in view.page.findChildren(QWidget) if getattr(r, "key", (None,))[0] == kind)

    assert view.whose.currentText() == "My accounts"
    assert listed("result") == [ids["Acme"]]
    assert listed("forecast") == [ids["Acme Two"]]
    assert len(listed("step")) == 1
    view.whose.setCurrentIndex(view.whose.findData("everyone"))
    assert listed("result") == sorted([ids["Acme"], ids["Birch"]])
    assert listed("forecast") == sorted([ids["Acme Two"], ids["Birch Two"]])
    assert len(listed("step")) == 2
