"""What a first week of use showed: the calendar fits a laptop, keys reach the grid, the toolbar
stays put, errors are read whole, dates can be picked on a calendar."""

from datetime import date, timedelta

import pytest
from PySide6.QtCore import Qt
from PySide6.QtGui import QKeySequence
from PySide6.QtWidgets import QApplication

from csplanner.core.changes import RecordType
from csplanner.core.enums import RunType, Stage
from csplanner.core.errors import DomainError
from csplanner.core.services import accounts, milestones
from csplanner.ui import operations
from csplanner.ui.calendar.layout import column_widths, two_lines
from csplanner.ui.dialogs import RecordDialog
from tests.conftest import TODAY
from tests.ui.workspace_helpers import open_window, press

LONG_TITLE = "Q4 2026 QBR: results and the plan for the next two quarters"


@pytest.fixture
def book(ctx):
    with ctx.db.session() as s:
        acme = accounts.create(s, name="Acme Logistics", segment="Enterprise", stage=Stage.ADOPT,
                               contract_signed=TODAY - timedelta(weeks=30), renewal=TODAY + timedelta(days=1)).id
        accounts.create(s, name="Beta", segment="SMB", stage=Stage.EXPAND)
        milestones.create(s, account_id=acme, title=LONG_TITLE, planned_on=TODAY, run_type=RunType.MEDIUM)
    return acme


def show_calendar_tab(window):
    page = window.account_page
    page.tabs.setCurrentIndex(next(i for i in range(page.tabs.count()) if page.tabs.tabText(i) == "Training calendar"))
    QApplication.processEvents()
    return page.current_plugin()


def test_at_1280x800_the_account_calendar_fits_with_its_week_summary(ctx, qtbot, book):
    window = open_window(qtbot, ctx)
    window.resize(1280, 800)
    window.select_account(book)
    view = show_calendar_tab(window)
    holder = window.account_page.tabs.currentWidget()
    grid = view.grid
    assert not holder.horizontalScrollBar().isVisible()
    assert not grid.horizontalScrollBar().isVisible()
    summary_right = grid.label_w + 7 * grid.day_width() + grid.summary_w
    assert summary_right <= grid.viewport().width()  # Sunday and the summary are on screen
    assert grid.mapTo(window, grid.rect().topRight()).x() < window.width()
    for button in (view.today_button, view.race_button, view.apply_button, view.save_button):
        assert button.isVisible() and button.visibleRegion().boundingRect().width() == button.width()  # not clipped


def test_the_grid_fits_from_1024_px_with_the_summary_always_visible():
    for width in range(600, 1700, 37):
        label, summary, day = column_widths(width)
        assert label + summary + 7 * day <= width
        assert summary >= 92 and day >= 56
    assert column_widths(1400) == (150, 124, (1400 - 274) // 7)  # room enough: nothing shrinks


@pytest.mark.qt_log_ignore("does not support raise")  # the offscreen tooltip window
def test_long_run_titles_wrap_onto_two_lines_and_hover_shows_them_whole(ctx, qtbot, book):
    window = open_window(qtbot, ctx)
    window.resize(1440, 900)
    window.select_account(book)
    grid = show_calendar_tab(window).grid
    fm = grid.fontMetrics()
    lines = two_lines(fm, LONG_TITLE, fm.horizontalAdvance("Q4 2026 QBR: results"))
    assert lines[0] == "Q4 2026 QBR: results" and lines[1].startswith("and the plan") and len(lines) == 2
    rect = grid.chip_rect(grid.chips_on(TODAY)[0].milestone_id)
    assert rect is not None and rect.height() >= 2 * grid.fontMetrics().height() - 4  # room for two lines
    from PySide6.QtCore import QEvent
    from PySide6.QtGui import QHelpEvent
    from PySide6.QtWidgets import QToolTip

    grid.viewportEvent(QHelpEvent(QEvent.Type.ToolTip, rect.center(), grid.viewport().mapToGlobal(rect.center())))
    assert LONG_TITLE in QToolTip.text()  # hovering shows the title whole
    QToolTip.hideText()


def test_race_day_tag_leaves_the_day_number_readable(ctx, qtbot, book):
    window = open_window(qtbot, ctx)
    window.resize(1024, 700)
    window.select_account(book)
    grid = show_calendar_tab(window).grid
    race = TODAY + timedelta(days=1)
    rect = grid.day_rect(race)
    image = grid.viewport().grab().toImage()
    # the number's patch (x 3..16 from the left) is the page colour, not the black tag or the chequers
    base = grid.palette().color(grid.palette().ColorRole.Base).name()
    patch = {image.pixelColor(rect.left() + x, rect.top() + 4).name() for x in (4, 5)}
    assert patch == {base}


def test_keys_reach_the_grid_after_ctrl_2(ctx, qtbot, book):
    window = open_window(qtbot, ctx)
    press(qtbot, window, "Ctrl+2")
    view = window.current_view()
    qtbot.waitUntil(lambda: view.grid.hasFocus(), timeout=2000)
    stage = view.stage.currentIndex()
    qtbot.keyClick(QApplication.focusWidget(), Qt.Key.Key_Right)
    assert view.grid.current == TODAY + timedelta(days=1)
    qtbot.keyClick(QApplication.focusWidget(), Qt.Key.Key_T)
    assert view.grid.current == TODAY and view.stage.currentIndex() == stage  # the filter did not move
    press(qtbot, window, "Ctrl+1")
    press(qtbot, window, "Ctrl+2")  # and again when it comes back
    qtbot.waitUntil(lambda: view.grid.hasFocus(), timeout=2000)


def test_keys_reach_the_account_grid_when_its_tab_is_shown(ctx, qtbot, book):
    window = open_window(qtbot, ctx)
    window.select_account(book)
    view = show_calendar_tab(window)
    qtbot.waitUntil(lambda: view.grid.hasFocus(), timeout=2000)


def toolbar_width(window):
    return sum(window.toolbar.widgetForAction(a).sizeHint().width() for a in window.toolbar.actions()
               if window.toolbar.widgetForAction(a) is not None)


def test_toolbar_stays_put_after_a_filter_and_an_edit(ctx, qtbot, book):
    window = open_window(qtbot, ctx)
    labels = [a.text() for a in window.toolbar.actions() if a.text()]
    assert labels[labels.index("+ account"):] == ["+ account", "+ milestone", "+ check-in", "+ note", "+ obstacle",
                                                  "Undo", "Redo"]
    width = toolbar_width(window)
    qtbot.keyClicks(window.account_list.filter, "Ac")
    window.select_account(book)
    with ctx.db.session() as s:
        mid = milestones.for_account(s, book)[0].id
    assert operations.move_run(ctx, mid, date(2026, 12, 5)).ok
    undo = window.toolbar_button("Undo")
    assert undo.text() == "Undo" and undo.isEnabled()
    assert undo.toolTip().startswith(f"Undo Move '{LONG_TITLE}' to 5 Dec 2026")  # the long text: in the tooltip
    assert [a.text() for a in window.toolbar.actions() if a.text()] == labels
    assert toolbar_width(window) == width
    qtbot.mouseClick(undo, Qt.MouseButton.LeftButton)  # the button still does its job
    with ctx.db.session() as s:
        assert milestones.for_account(s, book)[0].planned_on == TODAY
    assert window.toolbar_button("+ milestone").accessibleName() == "New milestone"
    assert window.toolbar_button("+ milestone").toolTip() == (
        f"New milestone ({QKeySequence('Ctrl+Shift+M').toString(QKeySequence.SequenceFormat.NativeText)})")


def test_a_long_error_is_shown_whole(ctx, qtbot, book):
    dialog = RecordDialog(None, ctx, RecordType.MILESTONE, None, {"account_id": book})
    qtbot.addWidget(dialog)
    dialog.show()
    dialog.inputs["title"].widget.setText("Kickoff")
    dialog.inputs["planned_on"].widget.setText("2026-13-45")
    dialog.accept()
    label = dialog.errors["planned_on"]
    assert "'2026-13-45' is not a valid date" in label.text()
    assert label.width() > dialog.inputs["planned_on"].widget.width()  # not squeezed under the date box
    assert label.height() >= label.heightForWidth(label.width())  # every line of it
    long = "The kickoff cannot be planned: " + "this sentence goes on and on and does not stop soon; " * 6
    dialog.show_error(DomainError(long))
    QApplication.processEvents()
    general = dialog.general_error
    assert general.text() == long
    assert general.height() >= general.heightForWidth(general.width()) > 3 * general.fontMetrics().height()
    assert general.geometry().bottom() <= dialog.height()
    assert dialog.inputs["planned_on"].widget.text() == "2026-13-45"  # nothing typed is lost


@pytest.mark.qt_log_ignore("does not support raise", "does not support grabbing")  # offscreen pop-ups
def test_dates_can_be_picked_on_a_calendar_typed_or_left_empty(ctx, qtbot, book):
    dialog = RecordDialog(None, ctx, RecordType.MILESTONE, None, {"account_id": book, "planned_on": TODAY})
    qtbot.addWidget(dialog)
    dialog.show()
    line = dialog.inputs["planned_on"].widget
    line.setFocus()
    qtbot.keyClick(line, Qt.Key.Key_Down, Qt.KeyboardModifier.AltModifier)
    popup = line.popup
    assert popup is not None and popup.isVisible() and popup.selectedDate().toPython() == TODAY
    qtbot.keyClick(popup.focusWidget() or popup, Qt.Key.Key_Right)
    qtbot.keyClick(popup.focusWidget() or popup, Qt.Key.Key_Return)
    assert line.text() == (TODAY + timedelta(days=1)).isoformat()
    done = dialog.inputs["done_on"]
    assert done.value() is None  # optional: empty is fine
    done.widget.setText("2026-11-2")
    assert done.value() == "2026-11-2"  # left as typed for the core to name


def test_the_accounts_list_drops_columns_before_it_cuts_a_name(ctx, qtbot, book):
    from csplanner.ui.account_list_model import AccountListModel

    window = open_window(qtbot, ctx)
    window.resize(1024, 700)
    table = window.account_list.table
    for width, hidden in ((640, set()), (430, {AccountListModel.DAYS, AccountListModel.ARR}),
                          (300, {AccountListModel.DAYS, AccountListModel.ARR, AccountListModel.STAGE})):
        window.splitter.setSizes([width, 1024 - width])
        QApplication.processEvents()
        assert {c for c in range(6) if table.isColumnHidden(c)} == hidden, width
        name = AccountListModel.NAME
        assert table.columnWidth(name) >= table.fontMetrics().horizontalAdvance("Acme Logistics") + 12
        assert not table.horizontalScrollBar().isVisible()
    health = table.itemDelegateForColumn(AccountListModel.HEALTH)
    assert type(health).__name__ == "HealthDelegate"  # coloured by the overview's bands
    from PySide6.QtWidgets import QStyleOptionViewItem

    from csplanner.export.qcolors import band_color

    model = window.account_list.model
    qtbot.waitUntil(lambda: bool(model.index(0, AccountListModel.HEALTH).data()))  # filled in once drawn
    option = QStyleOptionViewItem()
    health.initStyleOption(option, window.account_list.model.index(0, AccountListModel.HEALTH))
    assert option.text.strip().isdigit()  # the book's accounts have scores
    assert option.font.bold()
    assert option.palette.text().color() == band_color(int(option.text)).darker(135)
    assert option.backgroundBrush.color() != table.palette().base().color()
