"""One account's training calendar, driven with mouse and keyboard like a user."""

from datetime import date, timedelta

import pytest
from PySide6.QtCore import QEvent, QPoint, Qt, QTimer
from PySide6.QtGui import QHelpEvent
from PySide6.QtTest import QTest
from PySide6.QtWidgets import QApplication, QMenu, QToolTip

from csplanner.core.enums import MilestoneStatus, ObstacleKind, RunType, Severity
from csplanner.core.models import Milestone
from csplanner.core.services import accounts, milestones, obstacles
from csplanner.ui.calendar import AccountCalendar
from tests.conftest import TODAY

RACE_DAY = date(2027, 6, 1)
# Popups (menus, tooltips) ask the platform to raise them and grab the keyboard; offscreen cannot.
popup_warnings = pytest.mark.qt_log_ignore("This plugin does not support raise", "does not support grabbing the keyboard")


@pytest.fixture
def plan(ctx):
    """Acme, mid-journey: a run done, one overdue, one ahead, an open injury."""
    with ctx.db.session() as s:
        aid = accounts.create(s, name="Acme", contract_signed=date(2026, 6, 1), kickoff=date(2026, 6, 8),
                              renewal=RACE_DAY).id
        ids = {
            "qbr": milestones.create(s, account_id=aid, title="QBR", planned_on=TODAY - timedelta(days=2),
                                     status=MilestoneStatus.DONE, done_on=TODAY - timedelta(days=2)).id,
            "usage": milestones.create(s, account_id=aid, title="Usage review", planned_on=TODAY - timedelta(days=1)).id,
            "training": milestones.create(s, account_id=aid, title="Admin training", planned_on=TODAY + timedelta(days=1),
                                          run_type=RunType.SPRINT).id,
            "renewal": milestones.create(s, account_id=aid, title="Renewal", planned_on=RACE_DAY, run_type=RunType.RACE).id,
        }
        obstacles.create(s, account_id=aid, title="Sponsor left", kind=ObstacleKind.EXEC_TURNOVER,
                         severity=Severity.HIGH, opened_on=TODAY - timedelta(days=10))
    return aid, ids


@pytest.fixture
def view(ctx, qtbot, plan):
    widget = AccountCalendar(ctx)
    qtbot.addWidget(widget)
    widget.resize(1300, 900)
    widget.show()
    widget.set_account(plan[0])
    widget.grid.setFocus()
    return widget


def planned_on(ctx, mid):
    with ctx.db.session() as s:
        return s.get(Milestone, mid).planned_on


def shown_on(view, day):
    return [c.title for c in view.grid.chips_on(day)]


def test_shows_the_plan_with_countdown_week_labels_and_chips(view, plan):
    assert view.title.text() == "Acme"
    assert view.countdown.text() == "Race day in 26 weeks (188 days)"
    rows = view.grid.layout_rows()
    this_week = next(r for r in rows if r.week.start <= TODAY <= r.week.end)
    assert this_week.week.label() == "Week 26 · 27 weeks to race day"
    assert shown_on(view, TODAY + timedelta(days=1)) == ["Admin training"]
    overdue = view.grid.chips_on(TODAY - timedelta(days=1))[0]
    assert overdue.overdue and not view.grid.chips_on(TODAY - timedelta(days=2))[0].overdue
    (rect, bar), = this_week.bars  # the open injury runs up to today
    assert bar.title == "Sponsor left" and bar.end == TODAY
    assert rect.right() < view.grid.day_rect(TODAY + timedelta(days=1)).left()


def test_drag_a_chip_to_another_day_then_undo(ctx, view, plan):
    mid = plan[1]["training"]
    grid = view.grid
    start = grid.chip_rect(mid).center()
    target_day = TODAY + timedelta(days=3)
    target = grid.day_rect(target_day).center()
    vp = grid.viewport()
    QTest.mousePress(vp, Qt.MouseButton.LeftButton, Qt.KeyboardModifier.NoModifier, start)
    QTest.mouseMove(vp, start + QPoint(12, 4))
    QTest.mouseMove(vp, target)
    QTest.mouseRelease(vp, Qt.MouseButton.LeftButton, Qt.KeyboardModifier.NoModifier, target)
    assert planned_on(ctx, mid) == target_day
    assert shown_on(view, target_day) == ["Admin training"] and shown_on(view, TODAY + timedelta(days=1)) == []
    assert ctx.undo_stack.undoText().startswith("Move 'Admin training' to")
    ctx.undo_stack.undo()
    assert planned_on(ctx, mid) == TODAY + timedelta(days=1)
    assert shown_on(view, TODAY + timedelta(days=1)) == ["Admin training"]


def test_a_drop_on_the_same_day_changes_nothing(ctx, view, plan):
    rect = view.grid.chip_rect(plan[1]["training"])
    vp = view.grid.viewport()
    QTest.mousePress(vp, Qt.MouseButton.LeftButton, Qt.KeyboardModifier.NoModifier, rect.center())
    QTest.mouseMove(vp, rect.center() + QPoint(15, 0))
    QTest.mouseRelease(vp, Qt.MouseButton.LeftButton, Qt.KeyboardModifier.NoModifier, rect.center() + QPoint(15, 0))
    assert ctx.undo_stack.count() == 0


@popup_warnings
def test_mark_done_from_the_right_click_menu(ctx, view, plan, qtbot):
    mid = plan[1]["usage"]
    rect = view.grid.chip_rect(mid)
    seen = []

    def choose_done():
        menu = QApplication.activePopupWidget()
        assert isinstance(menu, QMenu)
        seen.extend(a.text() for a in menu.actions() if a.text())
        done = next(a for a in menu.actions() if a.text() == "Mark &done")
        menu.setActiveAction(done)
        QTest.keyClick(menu, Qt.Key.Key_Return)

    QTimer.singleShot(0, choose_done)
    QTest.mouseClick(view.grid.viewport(), Qt.MouseButton.RightButton, Qt.KeyboardModifier.NoModifier, rect.center())
    assert "Mark &missed" in seen and "Mark &skipped" in seen
    with ctx.db.session() as s:
        m = s.get(Milestone, mid)
        assert (m.status, m.done_on) == (MilestoneStatus.DONE, TODAY)
    chip = view.grid.chips_on(TODAY - timedelta(days=1))[0]
    assert chip.status == MilestoneStatus.DONE and not chip.overdue
    week = next(r.week for r in view.grid.layout_rows() if r.week.start <= TODAY <= r.week.end)
    assert (week.done, week.missed, week.compliance) == (2, 0, 1.0)
    ctx.undo_stack.undo()
    with ctx.db.session() as s:
        assert s.get(Milestone, mid).status == MilestoneStatus.PLANNED


def test_keyboard_moves_between_days_deletes_and_jumps(ctx, view, plan, monkeypatch):
    from csplanner.ui.dialogs import Question

    asked = []
    monkeypatch.setattr(Question, "ask", classmethod(lambda cls, parent, title, text, yes, **kw: asked.append(text) or
                                                     len(asked) > 1))
    grid = view.grid
    assert grid.current == TODAY
    QTest.keyClick(grid, Qt.Key.Key_Right)
    assert grid.current == TODAY + timedelta(days=1) and grid.selected == plan[1]["training"]
    QTest.keyClick(grid, Qt.Key.Key_Delete)  # asked, as the tables ask; the first answer is Cancel
    assert asked == ["Delete the milestone 'Admin training'?"]
    assert shown_on(view, TODAY + timedelta(days=1)) == ["Admin training"]
    QTest.keyClick(grid, Qt.Key.Key_Delete)
    with ctx.db.session() as s:
        assert s.get(Milestone, plan[1]["training"]) is None
    assert shown_on(view, TODAY + timedelta(days=1)) == []
    ctx.undo_stack.undo()
    assert shown_on(view, TODAY + timedelta(days=1)) == ["Admin training"]
    QTest.keyClick(grid, Qt.Key.Key_Up)
    assert grid.current == TODAY - timedelta(days=6)
    QTest.keyClick(grid, Qt.Key.Key_Left)
    QTest.keyClick(grid, Qt.Key.Key_Down)
    assert grid.current == TODAY
    QTest.keyClick(grid, Qt.Key.Key_R)
    assert grid.current == RACE_DAY and grid.day_rect(RACE_DAY) is not None
    assert grid.selected == plan[1]["renewal"]
    QTest.keyClick(grid, Qt.Key.Key_T)
    assert grid.current == TODAY and grid.day_rect(TODAY) is not None


def test_page_down_and_the_wheel_scroll_by_weeks(view):
    grid = view.grid
    first, shown = grid.first_row(), grid.visible_rows()
    QTest.keyClick(grid, Qt.Key.Key_PageDown)
    assert grid.first_row() == first + shown
    assert grid.current == TODAY + timedelta(weeks=shown)
    QTest.keyClick(grid, Qt.Key.Key_PageUp)
    assert grid.first_row() == first


def test_edits_elsewhere_refresh_the_calendar(ctx, view, plan):
    from csplanner.core.changes import RecordType
    from csplanner.ui import operations

    day = TODAY + timedelta(days=8)
    operations.create_record(ctx, RecordType.MILESTONE, {"account_id": plan[0], "title": "Exec sync", "planned_on": day})
    view.grid.ensure_visible(day)
    assert shown_on(view, day) == ["Exec sync"]


@popup_warnings
def test_tooltip_shows_user_text_as_plain_text(ctx, view, plan):
    with ctx.db.session() as s:
        milestones.update(s, plan[1]["training"], title="<b>Admin</b> training")
    view.reload()
    rect = view.grid.chip_rect(plan[1]["training"])
    vp = view.grid.viewport()
    QApplication.sendEvent(vp, QHelpEvent(QEvent.Type.ToolTip, rect.center(), vp.mapToGlobal(rect.center())))
    assert "&lt;b&gt;Admin&lt;/b&gt; training" in QToolTip.text()
    QToolTip.hideText()


def test_no_account_shows_an_empty_calendar(ctx, qtbot):
    widget = AccountCalendar(ctx)
    qtbot.addWidget(widget)
    assert widget.title.text() == "No account selected"
    assert widget.grid.source.row_count() == 0 and not widget.apply_button.isEnabled()
    QTest.keyClick(widget.grid, Qt.Key.Key_Right)  # nothing to move through, and no crash
    widget.grab()


def test_escape_cancels_a_drag(ctx, view, plan):
    grid = view.grid
    start = grid.chip_rect(plan[1]["training"]).center()
    target = grid.day_rect(TODAY + timedelta(days=3)).center()
    vp = grid.viewport()
    QTest.mousePress(vp, Qt.MouseButton.LeftButton, Qt.KeyboardModifier.NoModifier, start)
    QTest.mouseMove(vp, target)
    QTest.keyClick(grid, Qt.Key.Key_Escape)
    QTest.mouseRelease(vp, Qt.MouseButton.LeftButton, Qt.KeyboardModifier.NoModifier, target)
    assert planned_on(ctx, plan[1]["training"]) == TODAY + timedelta(days=1)
    assert ctx.undo_stack.count() == 0


def test_weeks_start_on_the_locales_first_day(ctx, qtbot, plan):
    from PySide6.QtCore import QLocale

    before = QLocale()
    QLocale.setDefault(QLocale(QLocale.Language.English, QLocale.Country.UnitedStates))
    try:
        widget = AccountCalendar(ctx)
        qtbot.addWidget(widget)
        widget.resize(1300, 900)
        widget.set_account(plan[0])
        row = next(r for r in widget.grid.layout_rows() if r.week.start <= TODAY <= r.week.end)
        assert row.week.start == date(2026, 11, 22)  # a Sunday
        assert [c.day.weekday() for c in row.days][:2] == [6, 0]
        assert row.week.iso_week == 48
    finally:
        QLocale.setDefault(before)


def test_tab_walks_the_chips_of_a_day_then_leaves(ctx, view, plan):
    with ctx.db.session() as s:
        second = milestones.create(s, account_id=plan[0], title="Exec sync", planned_on=TODAY + timedelta(days=1)).id
    view.reload()
    grid = view.grid
    QTest.keyClick(grid, Qt.Key.Key_Right)
    assert grid.selected == plan[1]["training"]
    QTest.keyClick(grid, Qt.Key.Key_Tab)
    assert grid.selected == second and grid.hasFocus()
    QTest.keyClick(grid, Qt.Key.Key_Backtab)
    assert grid.selected == plan[1]["training"]


def test_today_race_day_and_run_colours_are_painted(ctx, view, plan):
    from csplanner.export import qcolors as colors

    grid = view.grid
    image = grid.viewport().grab().toImage()
    today = grid.day_rect(TODAY)
    assert image.pixelColor(today.left() + 1, today.center().y()) == colors.TODAY  # the orange frame
    done = grid.chip_rect(plan[1]["qbr"])  # done: filled with its run type's colour
    assert image.pixelColor(done.center().x(), done.bottom() - 3) == colors.RUN[RunType.MEDIUM]
    overdue = grid.chip_rect(plan[1]["usage"])  # overdue: a red outline
    assert image.pixelColor(overdue.center().x(), overdue.top() + 1).red() > 180
    QTest.keyClick(grid, Qt.Key.Key_R)
    image = grid.viewport().grab().toImage()
    race = grid.day_rect(RACE_DAY)
    assert image.pixelColor(race.left() + 1, race.center().y()) == colors.RUN[RunType.RACE]  # the gold frame


def drive_record_dialog(qtbot, seen, title):
    """When the record dialog opens: note what it shows, type a title, save."""
    from PySide6.QtWidgets import QDialogButtonBox

    from csplanner.ui.dialogs import RecordDialog

    def drive():
        dialog = QApplication.activeModalWidget()
        assert isinstance(dialog, RecordDialog)
        seen.append((dialog.windowTitle(), dialog.inputs["planned_on"].widget.text()))
        box = dialog.inputs["title"].widget
        box.setFocus()
        qtbot.keyClick(box, Qt.Key.Key_A, Qt.KeyboardModifier.ControlModifier)
        qtbot.keyClicks(box, title)
        qtbot.mouseClick(dialog.buttons.button(QDialogButtonBox.StandardButton.Ok), Qt.MouseButton.LeftButton)

    QTimer.singleShot(0, drive)


def test_double_click_a_day_adds_a_run_there(ctx, view, plan, qtbot):
    day = TODAY + timedelta(days=2)
    seen = []
    drive_record_dialog(qtbot, seen, "Exec sync")
    QTest.mouseDClick(view.grid.viewport(), Qt.MouseButton.LeftButton, Qt.KeyboardModifier.NoModifier,
                      view.grid.day_rect(day).center() + QPoint(0, 20))
    assert seen == [("New milestone", day.isoformat())]
    with ctx.db.session() as s:
        assert [(m.title, m.planned_on) for m in milestones.for_account(s, plan[0]) if m.title == "Exec sync"] == [
            ("Exec sync", day)]
    assert shown_on(view, day) == ["Exec sync"]
    ctx.undo_stack.undo()
    assert shown_on(view, day) == []


def test_click_a_chip_to_edit_it(ctx, view, plan, qtbot):
    seen = []
    drive_record_dialog(qtbot, seen, "Admin training, part 1")
    rect = view.grid.chip_rect(plan[1]["training"])
    QTest.mouseClick(view.grid.viewport(), Qt.MouseButton.LeftButton, Qt.KeyboardModifier.NoModifier, rect.center())
    assert seen == [("Edit milestone — Admin training", (TODAY + timedelta(days=1)).isoformat())]
    assert shown_on(view, TODAY + timedelta(days=1)) == ["Admin training, part 1"]


def test_enter_opens_the_selected_chip_or_adds_on_an_empty_day(ctx, view, plan, editing_calls):
    QTest.keyClick(view.grid, Qt.Key.Key_Right)
    QTest.keyClick(view.grid, Qt.Key.Key_Return)
    assert editing_calls == [("milestone", plan[1]["training"], None)]
    QTest.keyClick(view.grid, Qt.Key.Key_Left)
    QTest.keyClick(view.grid, Qt.Key.Key_Return)  # today has no run: Enter adds one
    assert editing_calls[-1] == ("milestone", None, {"account_id": plan[0], "planned_on": TODAY})
