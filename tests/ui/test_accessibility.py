"""What a screen reader finds: a name on every focusable widget, and the calendar as a table of
weeks, days, runs and obstacles that follows the keyboard cursor."""

from datetime import timedelta

import pytest
from PySide6.QtCore import Qt
from PySide6.QtGui import QAccessible
from PySide6.QtWidgets import QApplication, QWidget

from csplanner import demo
from csplanner.core.enums import MilestoneStatus, ObstacleKind, RunType, Severity
from csplanner.core.services import accounts, milestones, obstacles
from csplanner.ui.calendar import AccountCalendar, AllAccountsCalendar
from csplanner.ui.calendar import accessible
from tests.conftest import TODAY
from tests.ui.workspace_helpers import open_window

NAME = QAccessible.Text.Name


def name_of(widget: QWidget) -> str:
    iface = QAccessible.queryAccessibleInterface(widget)
    return iface.text(NAME) if iface is not None else ""


def unnamed(window: QWidget) -> list[str]:
    """Every visible widget that takes the focus and has no name a screen reader could read."""
    QApplication.processEvents()
    return [f"{type(w).__name__} in {type(w.parent()).__name__}" for w in window.findChildren(QWidget)
            if w.isVisible() and w.focusPolicy() != Qt.FocusPolicy.NoFocus and not name_of(w).strip()]


def test_every_view_and_account_tab_names_every_focusable_widget(qtbot, ctx):
    demo.generate(ctx.db, accounts=6, today=TODAY)
    window = open_window(qtbot, ctx)
    seen = set()
    for view in range(len(window.view_actions)):
        window.show_view(view)
        tabs = window.account_page.tabs
        for tab in range(tabs.count() if view == 0 else 1):
            if view == 0:
                tabs.setCurrentIndex(tab)
            assert unnamed(window) == [], f"view {view}, tab {tabs.tabText(tab) if view == 0 else '-'}"
            seen |= {type(w).__name__ for w in window.findChildren(QWidget) if w.isVisible()}
    assert {"CalendarGrid", "AccountTable", "RecordTable", "QTabWidget", "QDateEdit", "QTreeWidget"} <= seen


def test_names_follow_the_selected_account(qtbot, ctx):
    with ctx.db.session() as s:
        alder = accounts.create(s, name="Alder Studios").id
        birch = accounts.create(s, name="Birch Bakery").id
    window = open_window(qtbot, ctx)
    page = window.account_page
    window.select_account(alder)
    page.tabs.setCurrentIndex(1)
    calendar = page.current_plugin()
    assert name_of(calendar.grid) == "Training calendar for Alder Studios"
    assert name_of(window.account_list.filter) == "Filter accounts"
    assert name_of(window.account_list.table) == "Accounts"
    window.select_account(birch)
    assert name_of(calendar.grid) == "Training calendar for Birch Bakery"
    from csplanner.core.changes import RecordType

    assert name_of(page.record_tabs[RecordType.MILESTONE].table) == "Milestones of Birch Bakery"
    assert name_of(page.overview) == "Overview of Birch Bakery"


RACE = TODAY + timedelta(days=13)  # Tuesday 8 December 2026


@pytest.fixture
def alder(ctx):
    with ctx.db.session() as s:
        aid = accounts.create(s, name="Alder Studios", contract_signed=TODAY - timedelta(weeks=5),
                              renewal=RACE).id
        milestones.create(s, account_id=aid, title="QBR", planned_on=TODAY - timedelta(days=2),
                          status=MilestoneStatus.DONE, done_on=TODAY - timedelta(days=2))
        milestones.create(s, account_id=aid, title="Usage review", planned_on=TODAY - timedelta(days=1),
                          run_type=RunType.SPRINT)
        milestones.create(s, account_id=aid, title="Renewal", planned_on=RACE, run_type=RunType.RACE)
        obstacles.create(s, account_id=aid, title="Exec sponsor left", kind=ObstacleKind.EXEC_TURNOVER,
                         severity=Severity.HIGH, opened_on=TODAY - timedelta(days=23),
                         resolved_on=TODAY - timedelta(days=5))
    return aid


def tree(iface, depth=0):
    """Every accessible name under `iface`, checking each child knows its parent and place."""
    names = []
    for i in range(iface.childCount()):
        child = iface.child(i)
        assert child.parent() is iface and iface.indexOfChild(child) == i
        names.append((child.role(), child.text(NAME)))
        names += tree(child, depth + 1)
    return names


def test_the_calendar_reads_as_a_table_of_weeks_days_runs_and_obstacles(qtbot, ctx, alder):
    view = AccountCalendar(ctx)
    qtbot.addWidget(view)
    view.resize(1300, 900)
    view.show()
    view.set_account(alder)
    iface = QAccessible.queryAccessibleInterface(view.grid)
    assert iface.role() == QAccessible.Role.Table and iface.text(NAME) == "Training calendar for Alder Studios"
    assert "Arrow keys" in iface.text(QAccessible.Text.Description)
    found = tree(iface)
    rows = [n for role, n in found if role == QAccessible.Role.Row]
    assert rows[0].startswith("Week 3 · ") and len(rows) == iface.childCount()
    assert (QAccessible.Role.ListItem, "Tuesday 8 December, race day: Renewal, planned, Alder Studios") in found
    assert (QAccessible.Role.ListItem, "Monday 23 November, medium run: QBR, done, Alder Studios") in found
    assert (QAccessible.Role.ListItem, "Tuesday 24 November, sprint run: Usage review, overdue, Alder Studios") in found
    assert (QAccessible.Role.StaticText, "Injury: Exec sponsor left, high, 2 Nov to 20 Nov") in found
    assert (QAccessible.Role.Cell, "Tuesday 8 December, race day, 1 run") in found
    assert (QAccessible.Role.Cell, "Wednesday 25 November, today, no runs") in found
    week_of_today = next(n for role, n in found if role == QAccessible.Role.Row and "W48" in n)
    assert week_of_today.endswith("2 runs planned, 1 done, 1 missed")


def test_moving_the_cursor_tells_the_screen_reader(qtbot, ctx, alder, monkeypatch):
    sent = []
    monkeypatch.setattr(accessible, "send", lambda event: sent.append((event.type(), event.accessibleInterface().text(NAME))))
    view = AccountCalendar(ctx)
    qtbot.addWidget(view)
    view.resize(1300, 900)
    view.show()
    view.set_account(alder)
    view.grid.setFocus()
    qtbot.waitUntil(view.grid.hasFocus)
    qtbot.keyClick(view.grid, Qt.Key.Key_Left)
    assert sent[-2:] == [(QAccessible.Event.Focus, "Tuesday 24 November, sprint run: Usage review, overdue, Alder Studios"),
                         (QAccessible.Event.Selection, "Tuesday 24 November, sprint run: Usage review, overdue, Alder Studios")]
    qtbot.keyClick(view.grid, Qt.Key.Key_Right)
    assert sent[-1] == (QAccessible.Event.Selection, "Wednesday 25 November, today, no runs")
    qtbot.keyClick(view.grid, Qt.Key.Key_R)
    assert sent[-1][1] == "Tuesday 8 December, race day: Renewal, planned, Alder Studios"
    focus = QAccessible.queryAccessibleInterface(view.grid).focusChild()
    assert focus.text(NAME) == sent[-1][1] and focus.state().focused


def test_the_all_accounts_calendar_names_each_run_with_its_account(qtbot, ctx, alder):
    view = AllAccountsCalendar(ctx)
    qtbot.addWidget(view)
    view.resize(1300, 900)
    view.show()
    view.grid.set_current(TODAY)
    iface = QAccessible.queryAccessibleInterface(view.grid)
    assert iface.text(NAME) == "Training calendar of every account"
    found = tree(iface)
    assert (QAccessible.Role.ListItem, "Monday 23 November, medium run: QBR, done, Alder Studios") in found
    view.grid.set_current(RACE)
    found = tree(iface)
    assert (QAccessible.Role.Cell, "Tuesday 8 December, race day: Alder Studios, 1 run") in found
    assert name_of(view.start) == "From" and name_of(view.text) == "Filter the calendar"


def test_tab_reaches_every_calendar_button_in_reading_order_and_clicks_leave_keys_with_the_grid(qtbot, ctx, alder):
    view = AccountCalendar(ctx)
    qtbot.addWidget(view)
    view.show()
    view.set_account(alder)
    with qtbot.waitActive(view):
        view.activateWindow()
    view.today_button.setFocus(Qt.FocusReason.TabFocusReason)
    reached = [QApplication.focusWidget()]
    for _ in range(4):
        view.focusNextChild()
        reached.append(QApplication.focusWidget())
    assert reached == [view.today_button, view.race_button, view.apply_button, view.save_button, view.grid]
    view.grid.setFocus()
    qtbot.mouseClick(view.today_button, Qt.MouseButton.LeftButton)
    assert view.grid.hasFocus()  # a click on a button does not take the keys from the grid
    everyone = AllAccountsCalendar(ctx)
    qtbot.addWidget(everyone)
    everyone.show()
    view.close()
    with qtbot.waitActive(everyone):
        everyone.activateWindow()
    everyone.stage.setFocus(Qt.FocusReason.TabFocusReason)
    order = [QApplication.focusWidget()]
    for _ in range(6):
        everyone.focusNextChild()
        order.append(QApplication.focusWidget())
    assert order == [everyone.stage, everyone.segment, everyone.text, everyone.start, everyone.end,
                     everyone.today_button, everyone.grid]


def test_my_week_shows_where_the_keyboard_is(qtbot, ctx, alder):
    from csplanner.ui.my_week import MyWeekView
    from csplanner.ui.my_week.rows import AccountLink

    view = MyWeekView(ctx)
    qtbot.addWidget(view)
    view.resize(1200, 800)
    view.show()
    with qtbot.waitActive(view):
        view.activateWindow()
    link = view.findChildren(AccountLink)[0]
    before = link.grab().toImage()
    link.setFocus(Qt.FocusReason.TabFocusReason)
    assert link.hasFocus()
    after = link.grab().toImage()
    highlight = link.palette().color(link.palette().ColorRole.Highlight)
    ring = after.pixelColor(1, after.height() // 2)
    assert before != after and abs(ring.blue() - highlight.blue()) < 40 and abs(ring.red() - highlight.red()) < 40
    box = next(b for b in view.findChildren(QWidget) if b.accessibleName().startswith("Done: "))
    assert box.accessibleName() in ("Done: QBR", "Done: Usage review", "Done: Renewal")


def test_every_new_record_dialog_names_its_fields(qtbot, ctx, alder):
    from tests.ui.workspace_helpers import when_modal

    window = open_window(qtbot, ctx)
    window.select_account(alder)
    found = []

    def check(dialog):
        found.append((dialog.windowTitle(), unnamed(dialog)))
        dialog.reject()

    for action in [window.new_account_action, *window.new_record_actions.values()]:
        when_modal(check)
        action.trigger()
    assert len(found) == 1 + len(window.new_record_actions)
    assert [(title, missing) for title, missing in found if missing] == []
