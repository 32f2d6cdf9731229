"""The all-accounts calendar: every account's runs, filtered, loaded only for the weeks on screen."""

from datetime import timedelta

import pytest
from PySide6.QtCore import QPoint, Qt, QTimer
from PySide6.QtTest import QTest
from PySide6.QtWidgets import QApplication, QMenu

from csplanner.core.enums import Stage
from csplanner.core.models import Milestone
from csplanner.core.services import accounts, milestones
from csplanner.ui.calendar import AllAccountsCalendar
from csplanner.ui.calendar.sources import BLOCK
from tests.conftest import TODAY


@pytest.fixture
def book(ctx):
    with ctx.db.session() as s:
        acme = accounts.create(s, name="Acme", segment="Enterprise", stage=Stage.ADOPT, renewal=TODAY + timedelta(days=7)).id
        beta = accounts.create(s, name="Beta", segment="SMB", stage=Stage.EXPAND).id
        ids = {
            "kickoff": milestones.create(s, account_id=acme, title="Kickoff", planned_on=TODAY).id,
            "upsell": milestones.create(s, account_id=beta, title="Upsell", planned_on=TODAY + timedelta(days=1)).id,
            "far": milestones.create(s, account_id=beta, title="Far ahead", planned_on=TODAY + timedelta(weeks=40)).id,
        }
    return acme, beta, ids


@pytest.fixture
def view(ctx, qtbot, book):
    widget = AllAccountsCalendar(ctx)
    qtbot.addWidget(widget)
    widget.resize(1300, 900)
    widget.show()
    widget.grid.setFocus()
    return widget


def titles(view, day):
    return [view.grid.chip_text(c) for c in view.grid.chips_on(day)]


def test_chips_carry_the_account_name_and_race_days_show(view):
    assert titles(view, TODAY) == ["Acme · Kickoff"]
    assert titles(view, TODAY + timedelta(days=1)) == ["Beta · Upsell"]
    image = view.grid.viewport().grab().toImage()
    race = view.grid.day_rect(TODAY + timedelta(days=7))
    flag = {image.pixelColor(x, race.top() + 4).name() for x in range(race.left() + 40, race.left() + 60)}
    assert flag == {"#111111", "#ffffff"}  # Acme's race day: a chequered strip across the top
    plain = view.grid.day_rect(TODAY + timedelta(days=6))
    assert len({image.pixelColor(x, plain.top() + 4).name() for x in range(plain.left() + 40, plain.left() + 60)}) == 1


def test_only_the_weeks_on_screen_are_read(ctx, view, book):
    opened = view.source.queries
    assert opened <= 2  # the weeks on screen, and the block just below them
    with ctx.db.session() as s:  # renamed behind the view's back: only a week read from now on shows it
        milestones.update(s, book[2]["far"], title="Far ahead, renamed", today=TODAY)
    seen = []
    for _ in range(52):  # scroll a year, week by week
        QTest.keyClick(view.grid, Qt.Key.Key_Down)
        seen += titles(view, view.grid.current)
    assert view.grid.current == TODAY + timedelta(weeks=52)
    assert seen == ["Beta · Far ahead, renamed"]  # read when its week came on screen, not when the view opened
    assert view.source.queries <= opened + 52 // BLOCK + 2  # each block read once


def test_filter_by_stage_segment_and_text(view, qtbot):
    view.stage.setCurrentIndex(view.stage.findText("Expand"))
    assert titles(view, TODAY) == [] and titles(view, TODAY + timedelta(days=1)) == ["Beta · Upsell"]
    view.stage.setCurrentIndex(0)
    view.segment.setCurrentIndex(view.segment.findText("Enterprise"))
    assert titles(view, TODAY) == ["Acme · Kickoff"] and titles(view, TODAY + timedelta(days=1)) == []
    view.segment.setCurrentIndex(0)
    QTest.keyClicks(view.text, "upsell")
    qtbot.waitUntil(lambda: titles(view, TODAY) == [])
    assert titles(view, TODAY + timedelta(days=1)) == ["Beta · Upsell"]


def test_drag_between_accounts_days_and_undo(ctx, view, book):
    mid = book[2]["kickoff"]
    grid = view.grid
    start = grid.chip_rect(mid).center()
    target_day = TODAY + timedelta(days=2)
    target = grid.day_rect(target_day).center()
    vp = grid.viewport()
    QTest.mousePress(vp, Qt.MouseButton.LeftButton, Qt.KeyboardModifier.NoModifier, start)
    QTest.mouseMove(vp, start + QPoint(0, 10))
    QTest.mouseMove(vp, target)
    QTest.mouseRelease(vp, Qt.MouseButton.LeftButton, Qt.KeyboardModifier.NoModifier, target)
    with ctx.db.session() as s:
        assert s.get(Milestone, mid).planned_on == target_day
    assert titles(view, target_day) == ["Acme · Kickoff"]
    ctx.undo_stack.undo()
    assert titles(view, TODAY) == ["Acme · Kickoff"]


def test_date_range_limits_the_rows(view):
    view.start.setDate(TODAY)
    view.end.setDate(TODAY + timedelta(weeks=4))
    assert view.source.row_count() == 5
    assert view.source.week_start(0) == TODAY - timedelta(days=TODAY.weekday())


@pytest.mark.qt_log_ignore("This plugin does not support raise", "does not support grabbing the keyboard")
def test_open_the_account_of_a_chip_from_its_menu(view, book, qtbot):
    rect = view.grid.chip_rect(book[2]["upsell"])

    def choose_open():
        menu = QApplication.activePopupWidget()
        assert isinstance(menu, QMenu)
        menu.setActiveAction(next(a for a in menu.actions() if a.text() == "Open account 'Beta'"))
        QTest.keyClick(menu, Qt.Key.Key_Return)

    QTimer.singleShot(0, choose_open)
    with qtbot.waitSignal(view.open_account) as opened:
        QTest.mouseClick(view.grid.viewport(), Qt.MouseButton.RightButton, Qt.KeyboardModifier.NoModifier, rect.center())
    assert opened.args == [book[1]]


def test_double_click_adds_a_run_for_the_only_account_the_filter_shows(ctx, view, book, qtbot, editing_calls):
    QTest.keyClicks(view.text, "beta")
    qtbot.waitUntil(lambda: titles(view, TODAY) == [])
    day = TODAY + timedelta(days=2)
    QTest.mouseDClick(view.grid.viewport(), Qt.MouseButton.LeftButton, Qt.KeyboardModifier.NoModifier,
                      view.grid.day_rect(day).center() + QPoint(0, 30))
    assert editing_calls == [("milestone", None, {"account_id": book[1], "planned_on": day})]
    assert titles(view, day) == ["Beta · New run"]


def test_double_click_asks_which_account_when_several_match(ctx, view, book, monkeypatch, editing_calls):
    from PySide6.QtWidgets import QInputDialog

    asked = []

    def pick(parent, title, text, names, current, editable):
        asked.append(names)
        return "Acme", True

    monkeypatch.setattr(QInputDialog, "getItem", pick)
    day = TODAY + timedelta(days=2)
    QTest.mouseDClick(view.grid.viewport(), Qt.MouseButton.LeftButton, Qt.KeyboardModifier.NoModifier,
                      view.grid.day_rect(day).center() + QPoint(0, 30))
    assert asked == [["Acme", "Beta"]]
    assert editing_calls == [("milestone", None, {"account_id": book[0], "planned_on": day})]


def test_r_jumps_to_the_next_race_day_of_the_accounts_shown(ctx, view, book):
    with ctx.db.session() as s:
        accounts.update(s, book[1], renewal=TODAY + timedelta(weeks=10))
    QTest.keyClick(view.grid, Qt.Key.Key_R)
    assert view.grid.current == TODAY + timedelta(days=7)  # Acme's
    QTest.keyClick(view.grid, Qt.Key.Key_R)
    assert view.grid.current == TODAY + timedelta(weeks=10)  # then Beta's
    assert view.grid.day_rect(TODAY + timedelta(weeks=10)) is not None


def test_scrolling_moves_painted_weeks_and_an_edit_repaints_what_it_changed(ctx, view, book, qtbot):
    """Weeks painted once are moved on a scroll step (the grid paints the next ones while idle);
    the screen reads the same as a fresh paint, and an edit shows at once."""
    from csplanner.core import changes
    from csplanner.export import qcolors as colors

    grid = view.grid

    def screen():
        return grid.viewport().grab().toImage()

    before = screen()
    bar = grid.verticalScrollBar()
    bar.setValue(bar.value() + 1)
    QApplication.processEvents()  # idle: the week above the screen is painted ahead
    bar.setValue(bar.value() - 1)
    assert screen() == before
    grid._row_pictures.clear()
    grid.viewport().repaint()
    assert screen() == before  # the same as painting every week afresh
    with ctx.db.session() as s:
        milestones.mark(s, book[2]["kickoff"], "done", on=TODAY)
        change = changes.of_record(s.get(Milestone, book[2]["kickoff"]))
    ctx.bus.announce(change)
    done = grid.chip_rect(book[2]["kickoff"])
    run_type = grid.chips_on(TODAY)[0].run_type
    assert before.pixelColor(done.center().x(), done.bottom() - 3) != colors.RUN[run_type]  # planned: outlined
    assert screen().pixelColor(done.center().x(), done.bottom() - 3) == colors.RUN[run_type]  # done: filled


def scroll_wheel(grid, notches):
    """Turn the mouse wheel over the grid: one notch is one week (negative: down, later weeks)."""
    from PySide6.QtCore import QPointF
    from PySide6.QtGui import QWheelEvent

    centre = QPointF(grid.viewport().rect().center())
    for _ in range(abs(notches)):
        step = -120 if notches > 0 else 120
        event = QWheelEvent(centre, grid.viewport().mapToGlobal(centre), QPoint(0, 0), QPoint(0, step),
                            Qt.MouseButton.NoButton, Qt.KeyboardModifier.NoModifier, Qt.ScrollPhase.NoScrollPhase, False)
        QApplication.sendEvent(grid.viewport(), event)


def test_scrolling_reads_the_weeks_in_a_worker_and_shows_them_when_read(view, book, qtbot, monkeypatch):
    import threading

    from csplanner.core import read

    grid, far = view.grid, book[2]["far"]
    on_gui_thread = []
    original = read.range_plan

    def watched(*args, **kwargs):
        on_gui_thread.append(threading.current_thread() is threading.main_thread())
        return original(*args, **kwargs)

    monkeypatch.setattr(read, "range_plan", watched)
    scroll_wheel(grid, 38)  # down to the weeks around the far run, faster than any read
    grid.viewport().repaint()
    assert grid.chip_rect(far) is None  # not read yet: the week is drawn as being read
    assert grid.source.row_of(TODAY + timedelta(weeks=40)) in range(grid.first_row(), grid.first_row() + grid.visible_rows() + 1)
    qtbot.waitUntil(lambda: grid.chip_rect(far) is not None)
    assert on_gui_thread and not any(on_gui_thread)  # the window never waited for a read
    image = grid.viewport().grab().toImage()
    chip = grid.chip_rect(far)
    assert image.pixelColor(chip.left() + 2, chip.center().y()) != grid.palette().base().color()  # painted


def test_a_read_overtaken_by_an_edit_is_dropped(ctx, view, book, qtbot, monkeypatch):
    import threading

    from csplanner.core import read
    from csplanner.core.changes import RecordType
    from csplanner.ui import operations

    grid, far = view.grid, book[2]["far"]
    original, go_on = read.range_plan, threading.Event()

    def slow(*args, **kwargs):
        if threading.current_thread() is not threading.main_thread():
            plan = original(*args, **kwargs)  # read before the edit…
            go_on.wait(10)  # …and handed back after it
            return plan
        return original(*args, **kwargs)

    monkeypatch.setattr(read, "range_plan", slow)
    scroll_wheel(grid, 38)
    grid.viewport().repaint()  # asks for the far weeks in a worker
    operations.update_record(ctx, RecordType.MILESTONE, far, {"title": "Far ahead, moved on"})
    go_on.set()
    qtbot.waitUntil(lambda: grid.chip_rect(far) is not None)
    qtbot.wait(50)  # whatever the worker still hands back
    assert [grid.chip_text(c) for c in grid.chips_on(TODAY + timedelta(weeks=40))] == ["Beta · Far ahead, moved on"]


def test_a_refused_read_is_said_and_asked_again_on_the_next_step(view, book, qtbot, monkeypatch):
    import threading

    from csplanner.core import read
    from csplanner.core.errors import DomainError

    grid, far = view.grid, book[2]["far"]
    original = read.range_plan

    def locked(*args, **kwargs):
        if threading.current_thread() is not threading.main_thread():
            raise DomainError("The book is locked by another program; try again in a moment.")
        return original(*args, **kwargs)

    monkeypatch.setattr(read, "range_plan", locked)
    scroll_wheel(grid, 38)
    grid.viewport().repaint()
    qtbot.waitUntil(lambda: view.message.isVisible())
    assert view.message.text() == "The book is locked by another program; try again in a moment."
    assert grid.chip_rect(far) is None
    monkeypatch.setattr(read, "range_plan", original)  # the other program let go
    scroll_wheel(grid, 1)
    scroll_wheel(grid, -1)
    grid.viewport().repaint()
    qtbot.waitUntil(lambda: grid.chip_rect(far) is not None)
