"""My week: tick runs off (undoable), health and compliance follow, navigate weeks, jump, log a check-in."""

from datetime import date, timedelta

from PySide6.QtCore import QPoint, Qt, QTimer
from PySide6.QtWidgets import QApplication, QCheckBox, QLabel, QPushButton, QWidget

from csplanner.core import changes, health
from csplanner.core.enums import MilestoneStatus, ObstacleKind, Severity
from csplanner.core.models import HealthSnapshot, Milestone
from csplanner.core.services import accounts, checkins, milestones, obstacles
from csplanner.ui.health_panel import HealthPanel
from csplanner.ui.my_week import MyWeekView
from csplanner.ui.my_week.coach_rows import LoadChart
from csplanner.ui.my_week.rows import AccountLink, Badge, Row
from tests.conftest import TODAY

MONDAY = date(2026, 11, 23)


def seed(ctx):
    """Acme: two runs due and done on time in the last 8 weeks, one due today; Bluefin: quiet."""
    with ctx.db.session() as s:
        acme = accounts.create(s, name="Acme <b>Corp</b>", contract_signed=date(2026, 6, 1),
                               renewal=TODAY + timedelta(days=30)).id
        for day in (date(2026, 11, 2), date(2026, 11, 16)):
            m = milestones.create(s, account_id=acme, title=f"Run {day}", planned_on=day)
            milestones.mark(s, m.id, MilestoneStatus.DONE, on=day)
        today_run = milestones.create(s, account_id=acme, title="Go live", planned_on=TODAY).id
        milestones.create(s, account_id=acme, title="Late run", planned_on=date(2026, 11, 10))
        checkins.create(s, account_id=acme, held_on=TODAY - timedelta(days=3))
        bluefin = accounts.create(s, name="Bluefin").id
        obstacles.create(s, account_id=bluefin, title="Exec left", severity=Severity.CRITICAL,
                         kind=ObstacleKind.EXEC_TURNOVER, opened_on=TODAY - timedelta(days=2))
        obstacles.create(s, account_id=acme, title="Slow SSO", severity=Severity.LOW, opened_on=TODAY)
    return acme, bluefin, today_run


def make_view(ctx, qtbot):
    view = MyWeekView(ctx)
    qtbot.addWidget(view)
    view.resize(1200, 900)
    view.show()
    qtbot.waitExposed(view)
    return view


def page_built(view):
    """Wait until the week shown is read and its page built (a week not read ahead comes a little later)."""
    return view.current is not None and view.current.built and view.current.week_start == view.week_start


def rows(view, kind):
    return [w for w in view.page.findChildren(Row) if w.key[0] == kind]


def row(view, kind, record_id):
    found = [w for w in rows(view, kind) if w.key[1] == record_id]
    assert len(found) == 1, f"expected one {kind} row {record_id}, found {len(found)}"
    return found[0]


def texts(widget):
    """Every text a user reads in a widget: labels, badges, account names."""
    return ([lab.text() for lab in widget.findChildren(QLabel)] + [b.text() for b in widget.findChildren(Badge)]
            + [a.name() for a in widget.findChildren(AccountLink)])


def status_of(ctx, mid):
    with ctx.db.session() as s:
        m = s.get(Milestone, mid)
        return m.status, m.done_on


def click_box(qtbot, box: QCheckBox):
    qtbot.mouseClick(box, Qt.MouseButton.LeftButton, pos=QPoint(box.width() // 2, box.height() // 2))


def test_ticking_a_run_moves_health_and_compliance_and_undo_restores_both(ctx, qtbot):
    acme, _, run_id = seed(ctx)
    view = make_view(ctx, qtbot)
    panel = HealthPanel(ctx)
    qtbot.addWidget(panel)
    panel.set_account(acme)
    panel.show()
    before_score = panel.current.score
    before_compliance = panel.part_texts["compliance"].text()
    assert before_compliance == "2 of 3 runs due in the last 8 weeks were done on time."
    badge_before = row(view, "run", run_id).findChild(Badge, "health").text()
    assert badge_before == str(before_score)

    box = row(view, "run", run_id).findChild(QCheckBox)
    assert not box.isChecked()
    click_box(qtbot, box)

    assert status_of(ctx, run_id) == (MilestoneStatus.DONE, TODAY)
    assert ctx.undo_stack.undoText() == "Tick off 'Go live'"
    after_compliance = panel.part_texts["compliance"].text()
    assert after_compliance == "3 of 4 runs due in the last 8 weeks were done on time."
    assert panel.current.score > before_score
    assert panel.score_label.text() == f"{panel.current.score} / 100"
    ticked = row(view, "run", run_id)  # the page was redrawn from the database
    assert ticked.findChild(QCheckBox).isChecked()
    assert ticked.findChild(Badge, "health").text() == str(panel.current.score)
    assert any(t.startswith("1 run this week (1 done)") for t in texts(view.page))

    ctx.undo_stack.undo()
    assert status_of(ctx, run_id) == (MilestoneStatus.PLANNED, None)
    assert panel.part_texts["compliance"].text() == before_compliance
    assert panel.current.score == before_score
    restored = row(view, "run", run_id)
    assert not restored.findChild(QCheckBox).isChecked()
    assert restored.findChild(Badge, "health").text() == badge_before

    ctx.undo_stack.redo()
    assert row(view, "run", run_id).findChild(QCheckBox).isChecked()


def test_unticking_a_done_run_with_the_keyboard_puts_it_back_to_planned(ctx, qtbot):
    acme, _, run_id = seed(ctx)
    with ctx.db.session() as s:
        milestones.mark(s, run_id, MilestoneStatus.DONE, on=TODAY - timedelta(days=1))
    view = make_view(ctx, qtbot)
    box = row(view, "run", run_id).findChild(QCheckBox)
    box.setFocus()
    qtbot.keyClick(box, Qt.Key.Key_Space)
    assert status_of(ctx, run_id) == (MilestoneStatus.PLANNED, None)
    assert ctx.undo_stack.undoText() == "Untick 'Go live'"
    ctx.undo_stack.undo()
    assert status_of(ctx, run_id) == (MilestoneStatus.DONE, TODAY - timedelta(days=1))  # its own done date back


def test_page_lists_overdue_obstacles_races_and_missed_training(ctx, qtbot):
    acme, bluefin, _ = seed(ctx)
    view = make_view(ctx, qtbot)
    overdue = rows(view, "run")
    assert any("Late run" in texts(w) for w in overdue)
    late = next(w for w in overdue if "Late run" in texts(w))
    assert "Tue 10 Nov" in texts(late)
    obstacle_titles = [next(t for t in texts(w) if t in ("Exec left", "Slow SSO")) for w in rows(view, "obstacle")]
    assert obstacle_titles == ["Exec left", "Slow SSO"]  # critical first
    assert "Critical" in texts(rows(view, "obstacle")[0])
    race = row(view, "race", acme)
    assert "in 30 d" in texts(race)
    assert row(view, "quiet", bluefin)  # never had a check-in
    assert not [w for w in rows(view, "quiet") if w.key[1] == acme]
    # the account name is shown as typed, never as markup
    names = [a.name() for a in race.findChildren(AccountLink)]
    assert names == ["Acme <b>Corp</b>"]


def test_week_navigation(ctx, qtbot):
    _, _, run_id = seed(ctx)
    view = make_view(ctx, qtbot)
    assert view.where.text() == "This week" and view.plan.week_start == view.week_start
    assert any(w.key == ("run", run_id) for w in rows(view, "run"))
    qtbot.mouseClick(view.next, Qt.MouseButton.LeftButton)
    assert view.where.text() == "Next week"
    qtbot.waitUntil(lambda: page_built(view))
    assert view.plan.week_start == view.week_start and view.plan.week_start > TODAY
    assert not any(w.key == ("run", run_id) for w in rows(view, "run"))  # not due, not yet overdue
    qtbot.mouseClick(view.previous, Qt.MouseButton.LeftButton)
    qtbot.mouseClick(view.previous, Qt.MouseButton.LeftButton)
    assert view.where.text() == "Last week"
    qtbot.waitUntil(lambda: page_built(view))
    qtbot.mouseClick(view.this_week, Qt.MouseButton.LeftButton)
    assert view.where.text() == "This week"
    qtbot.waitUntil(lambda: page_built(view))
    assert any(w.key == ("run", run_id) for w in rows(view, "run"))


def test_clicking_an_account_name_asks_to_open_it(ctx, qtbot):
    _, bluefin, _ = seed(ctx)
    view = make_view(ctx, qtbot)
    link = row(view, "quiet", bluefin).findChild(AccountLink)
    assert link.name() == "Bluefin"
    with qtbot.waitSignal(view.open_account) as sig:
        qtbot.mouseClick(link, Qt.MouseButton.LeftButton)
    assert sig.args == [bluefin]


def test_log_a_checkin_from_missed_training(ctx, qtbot):
    _, bluefin, _ = seed(ctx)
    view = make_view(ctx, qtbot)
    log = next(b for b in row(view, "quiet", bluefin).findChildren(QPushButton) if b.text() == "Log check-in…")

    def fill_and_save():
        dialog = QApplication.activeModalWidget()
        assert dialog is not None
        dialog.inputs["summary"].widget.setPlainText("Met the new VP")
        dialog.accept()

    QTimer.singleShot(0, fill_and_save)
    qtbot.mouseClick(log, Qt.MouseButton.LeftButton)
    with ctx.db.session() as s:
        logged = checkins.for_account(s, bluefin)
    assert [(c.held_on, c.summary) for c in logged] == [(TODAY, "Met the new VP")]
    assert not [w for w in rows(view, "quiet") if w.key[1] == bluefin]  # no longer missed training
    ctx.undo_stack.undo()
    assert [w for w in rows(view, "quiet") if w.key[1] == bluefin]


def test_long_lists_are_capped_until_asked(ctx, qtbot):
    with ctx.db.session() as s:
        for i in range(15):
            accounts.create(s, name=f"Quiet {i:02d}")
    view = make_view(ctx, qtbot)
    assert len(rows(view, "quiet")) == 12
    more = view.page.findChild(QPushButton, "more-missed")
    assert more.text() == "Show all 15"
    qtbot.mouseClick(more, Qt.MouseButton.LeftButton)
    assert len(rows(view, "quiet")) == 15


def test_a_hidden_view_redraws_when_shown_again(ctx, qtbot):
    acme, _, run_id = seed(ctx)
    view = make_view(ctx, qtbot)
    view.hide()
    with ctx.db.session() as s:
        milestones.mark(s, run_id, MilestoneStatus.DONE, on=TODAY)
    from csplanner.core import changes

    ctx.bus.announce(changes.touched(Milestone, account_ids={acme}))
    assert not row(view, "run", run_id).findChild(QCheckBox).isChecked()  # not redrawn while hidden
    view.show()
    assert row(view, "run", run_id).findChild(QCheckBox).isChecked()


def test_my_week_alone_writes_no_weekly_scores(ctx, qtbot):
    acme, _, _ = seed(ctx)
    make_view(ctx, qtbot)
    qtbot.wait(50)
    with ctx.db.session() as s:
        assert health.trend(s, acme) == []


def test_starting_the_app_keeps_the_weekly_snapshot(ctx, qtbot):
    from csplanner.ui.main_window import MainWindow

    acme, _, _ = seed(ctx)
    window = MainWindow(ctx)
    qtbot.addWidget(window)
    QApplication.processEvents()
    with ctx.db.session() as s:
        assert health.trend(s, acme) == []  # nothing but the first screen before the first paint
    with qtbot.waitSignal(ctx.bus.changed) as sig:
        window.show()
    assert sig.args[0].trend and not sig.args[0].records
    def whole_trend():
        with ctx.db.session() as s:
            assert len(health.trend(s, acme)) == 12  # past weeks filled in, a step at a time

    qtbot.waitUntil(whole_trend)
    with ctx.db.session() as s:
        points = health.trend(s, acme)
        stored = s.get(HealthSnapshot, (acme, MONDAY))
        assert stored is not None and stored.score == health.account_health(s, acme, TODAY).score
    assert len(points) == 12 and points[-1][0] == MONDAY


def test_my_week_is_read_only_when_first_shown(ctx, qtbot):
    from csplanner.ui.main_window import MainWindow

    seed(ctx)
    window = MainWindow(ctx)
    qtbot.addWidget(window)
    window.show()
    page = next(w for title, w, _keys in window.top_views if title == "My week")
    assert page.content is None  # hidden behind the Accounts view: not built at start
    index = 1 + [title for title, _w, _k in window.top_views].index("My week")
    window.view_actions[index].trigger()
    view = window.current_view()
    assert view.plan is not None and view.plan.week_start == MONDAY
    assert any("Go live" in label.text() for label in view.findChildren(QLabel))


def page_as_read(view):
    """What each section says, row by row in order, and every text on the page."""
    return ({key: [(w.key, texts(w), [b.isChecked() for b in w.findChildren(QCheckBox)])
                   for w in section.findChildren(Row)] for key, section in view.sections.items()},
            sorted(texts(view.page)))


def test_an_edit_redraws_only_what_it_touched_and_the_page_reads_as_if_built_afresh(ctx, qtbot):
    acme, bluefin, run_id = seed(ctx)
    view = make_view(ctx, qtbot)
    untouched = view.sections["obstacles"]
    click_box(qtbot, row(view, "run", run_id).findChild(QCheckBox))  # Acme's run: its day, load, races
    assert view.sections["obstacles"] is untouched  # no obstacle changed: the section was kept
    with ctx.db.session() as s:  # a check-in for Bluefin, announced as the dialogs do
        logged = checkins.create(s, account_id=bluefin, held_on=TODAY)
        s.flush()
        change = changes.of_record(logged)
    ctx.bus.announce(change)
    assert not [w for w in rows(view, "quiet") if w.key[1] == bluefin]

    fresh = make_view(ctx, qtbot)
    assert page_as_read(view) == page_as_read(fresh)
    ctx.undo_stack.undo()  # the tick again: back to planned, on both pages alike
    fresh.refresh()
    assert page_as_read(view) == page_as_read(fresh)
    assert not row(view, "run", run_id).findChild(QCheckBox).isChecked()


def test_long_lists_come_a_page_at_a_time(ctx, qtbot):
    with ctx.db.session() as s:
        for i in range(120):
            accounts.create(s, name=f"Quiet {i:03d}")
    view = make_view(ctx, qtbot)
    shown = []
    for _ in range(4):
        shown.append(len(rows(view, "quiet")))
        more = view.page.findChild(QPushButton, "more-missed")
        if more is None:
            break
        shown.append(more.text())
        qtbot.mouseClick(more, Qt.MouseButton.LeftButton)
    assert shown == [12, "Show 50 more of 120", 62, "Show 50 more of 120", 112, "Show all 120", 120]


def test_an_edit_builds_only_the_rows_that_show_something_new(ctx, qtbot):
    acme, bluefin, run_id = seed(ctx)
    with ctx.db.session() as s:
        other = milestones.create(s, account_id=bluefin, title="Bluefin call", planned_on=TODAY).id
        later = milestones.create(s, account_id=acme, title="Later run", planned_on=TODAY + timedelta(days=1)).id
    view = make_view(ctx, qtbot)
    kept, acme_later = row(view, "run", other), row(view, "run", later)
    load_title = view.sections["load"].title.text()
    assert load_title.startswith("Load · ")
    ticked = row(view, "run", run_id)
    click_box(qtbot, ticked.findChild(QCheckBox))
    assert row(view, "run", other) is kept  # Bluefin's row shows the same: moved over, not built again
    assert row(view, "run", run_id) is not ticked  # the ticked run's row is new, and so is the row
    assert row(view, "run", later) is not acme_later  # of Acme's other run (its health badge moved)
    assert view.sections["load"].title.text() == load_title  # a planned run now done today: same hours
    fresh = make_view(ctx, qtbot)
    assert page_as_read(view) == page_as_read(fresh)
    today = view.sections[f"day:{TODAY.isoformat()}"]
    qtbot.waitUntil(lambda: all(b.isVisible() for b in today.findChildren(QCheckBox)))
    shown = sorted(today.findChildren(QCheckBox), key=lambda b: b.mapTo(today, QPoint(0, 0)).y())
    assert [b.accessibleName() for b in shown] == ["Done: Bluefin call", "Done: Go live"]  # done ones last
    assert shown[0].nextInFocusChain() is not None
    tabbed, w = [], shown[0]
    while len(tabbed) < len(shown):  # Tab from the first box reaches the others in the order shown
        if isinstance(w, QCheckBox) and w in shown:
            tabbed.append(w)
        w = w.nextInFocusChain()
    assert tabbed == shown
    ctx.undo_stack.undo()
    assert row(view, "run", other) is kept
    fresh.refresh()
    assert page_as_read(view) == page_as_read(fresh)

    def chart(v):
        return v.sections["load"].findChild(LoadChart).toolTip()

    before = chart(view)
    qtbot.waitUntil(lambda: row(view, "run", later).isVisible())  # rebuilt by the undo, shown next turn
    click_box(qtbot, row(view, "run", later).findChild(QCheckBox))  # tomorrow's run done today: its hours move
    assert chart(view) != before
    fresh.refresh()
    assert chart(view) == chart(fresh) and page_as_read(view) == page_as_read(fresh)


def test_the_weeks_either_side_are_read_ahead_and_moving_shows_them_as_read_now(ctx, qtbot):
    acme, bluefin, run_id = seed(ctx)
    with ctx.db.session() as s:
        milestones.create(s, account_id=bluefin, title="Next week's run", planned_on=TODAY + timedelta(days=7))
        acme_next = milestones.create(s, account_id=acme, title="Acme next", planned_on=TODAY + timedelta(days=6)).id
    view = make_view(ctx, qtbot)
    qtbot.waitUntil(view.ahead_ready)  # while the user reads this week
    built = view.ahead[MONDAY + timedelta(days=7)]
    badge = row(view, "run", run_id).findChild(Badge, "health").text()
    click_box(qtbot, row(view, "run", run_id).findChild(QCheckBox))  # Acme's health moves, next week too
    assert view.ahead[MONDAY + timedelta(days=7)] is built  # kept: it takes the edit, not read again
    qtbot.waitUntil(lambda: not built.pending)
    with view._on(built):
        moved = row(view, "run", acme_next).findChild(Badge, "health").text()
    assert moved != badge and moved == row(view, "run", run_id).findChild(Badge, "health").text()
    qtbot.mouseClick(view.next, Qt.MouseButton.LeftButton)
    assert view.page is built.widget and view.where.text() == "Next week"  # the page built ahead, swapped in
    assert view.plan.week_start == view.week_start == MONDAY + timedelta(days=7)
    fresh = make_view(ctx, qtbot)
    fresh.go(1)
    qtbot.waitUntil(lambda: page_built(fresh))
    assert page_as_read(view) == page_as_read(fresh)

    qtbot.waitUntil(view.ahead_ready)
    this_week = view.ahead[MONDAY]
    ctx.undo_stack.undo()  # the tick taken back, and this week shown at once: the edit is in it
    qtbot.mouseClick(view.previous, Qt.MouseButton.LeftButton)
    assert view.page is this_week.widget and view.where.text() == "This week"
    assert not row(view, "run", run_id).findChild(QCheckBox).isChecked()
    again = make_view(ctx, qtbot)
    assert page_as_read(view) == page_as_read(again)  # its load, badges and summary as read now


def test_a_week_read_ahead_is_dropped_when_an_edit_comes_first(ctx, qtbot):
    acme, _, _ = seed(ctx)
    view = make_view(ctx, qtbot)
    qtbot.waitUntil(view.ahead_ready)
    with ctx.db.session() as s:
        later = milestones.create(s, account_id=acme, title="Added elsewhere", planned_on=TODAY + timedelta(days=8))
        s.flush()
        change = changes.of_record(later)
    ctx.bus.announce(change)
    qtbot.mouseClick(view.next, Qt.MouseButton.LeftButton)  # at once: read now, not the page read before
    qtbot.waitUntil(lambda: page_built(view))
    assert any("Added elsewhere" in texts(w) for w in rows(view, "run"))


def on_screen(view, kind):
    """The rows of a kind the user can see in the view now (on the page shown, not hidden)."""
    return [w for w in view.stack.findChildren(Row) if w.key[0] == kind and w.isVisibleTo(view)]


def tab_chain(view):
    """The page's widgets in the order Tab reaches them, from its first one."""
    focusable = [w for w in view.page.findChildren(QWidget) if w.focusPolicy() & Qt.FocusPolicy.TabFocus]
    first = min(focusable, key=lambda w: (w.mapTo(view.page, QPoint(0, 0)).x() > view.page.width() // 2,
                                          w.mapTo(view.page, QPoint(0, 0)).y()))
    chain, w = [], first
    while len(chain) < len(focusable):
        if w in focusable and w not in chain:
            chain.append(w)
        w = w.nextInFocusChain()
        if w is first:
            break
    return [(type(w).__name__, w.accessibleName() or getattr(w, "text", lambda: "")()) for w in chain]


def test_a_week_not_read_ahead_shows_its_heading_at_once_then_its_page_as_read_now(ctx, qtbot):
    acme, bluefin, run_id = seed(ctx)
    with ctx.db.session() as s:
        far = milestones.create(s, account_id=bluefin, title="Far run", planned_on=TODAY + timedelta(days=35)).id
    view = make_view(ctx, qtbot)
    assert on_screen(view, "run")
    for _ in range(5):  # five clicks before any week either side is read: none is ready
        qtbot.mouseClick(view.next, Qt.MouseButton.LeftButton)
    assert view.where.text() == "5 weeks ahead"
    heading = [lab.text() for lab in view.stack.findChildren(QLabel) if lab.isVisibleTo(view)]
    assert "My week 53" in heading and "Reading the week…" in heading  # the new week's heading, at once
    assert not on_screen(view, "run")  # and none of the old week's rows under it
    qtbot.waitUntil(lambda: page_built(view))
    assert view.plan.week_start == MONDAY + timedelta(weeks=5)
    assert [w.key for w in on_screen(view, "run") if w.key[1] == far] == [("run", far)]
    assert "Reading the week…" not in [lab.text() for lab in view.stack.findChildren(QLabel) if lab.isVisibleTo(view)]
    fresh = make_view(ctx, qtbot)
    fresh.week_start = MONDAY + timedelta(weeks=5)
    fresh.refresh()  # built at once, as before
    assert page_as_read(view) == page_as_read(fresh)
    assert tab_chain(view) == tab_chain(fresh)  # Tab goes down the left column, then the right, alike
    qtbot.mouseClick(view.this_week, Qt.MouseButton.LeftButton)  # back, a jump again
    qtbot.waitUntil(lambda: page_built(view))
    assert view.where.text() == "This week" and row(view, "run", run_id).isVisibleTo(view)


def test_a_week_left_while_it_is_read_is_dropped_and_an_edit_meanwhile_is_in_the_page(ctx, qtbot):
    acme, bluefin, _ = seed(ctx)
    view = make_view(ctx, qtbot)
    qtbot.mouseClick(view.next, Qt.MouseButton.LeftButton)
    qtbot.mouseClick(view.next, Qt.MouseButton.LeftButton)  # moved on before the first was read
    with ctx.db.session() as s:  # an edit made elsewhere while the week is read
        added = milestones.create(s, account_id=acme, title="Added meanwhile", planned_on=TODAY + timedelta(days=14))
        s.flush()
        change = changes.of_record(added)
    ctx.bus.announce(change)
    qtbot.waitUntil(lambda: page_built(view))
    qtbot.wait(50)  # whatever was read for the week left would have come by now
    assert view.where.text() == "2 weeks ahead" and view.plan.week_start == MONDAY + timedelta(weeks=2)
    assert row(view, "run", added.id).isVisibleTo(view)
    fresh = make_view(ctx, qtbot)
    fresh.week_start = MONDAY + timedelta(weeks=2)
    fresh.refresh()
    assert page_as_read(view) == page_as_read(fresh)
    pages = [w for w in view.stack.children() if isinstance(w, QWidget) and w.isVisibleTo(view)]
    assert pages == [view.page]  # one page on the screen: the week shown


def test_moving_with_the_keyboard_keeps_the_keyboard_in_my_week(ctx, qtbot):
    _, _, run_id = seed(ctx)
    view = make_view(ctx, qtbot)
    with qtbot.waitActive(view):
        view.activateWindow()
    box = row(view, "run", run_id).findChild(QCheckBox)
    box.setFocus(Qt.FocusReason.TabFocusReason)
    qtbot.keyClick(box, Qt.Key.Key_Right, Qt.KeyboardModifier.AltModifier)  # to a week not read yet
    assert view.where.text() == "Next week"
    assert QApplication.focusWidget() is view.scroll  # not on a row of the week left: keys scroll the new one
    qtbot.waitUntil(lambda: page_built(view))
    assert QApplication.focusWidget() is view.scroll
    status_before = status_of(ctx, run_id)
    qtbot.keyClick(view.scroll, Qt.Key.Key_Space)  # a key now ticks nothing of the week left
    assert status_of(ctx, run_id) == status_before


def test_a_page_built_ahead_shows_more_rows_like_one_built_at_once(ctx, qtbot):
    with ctx.db.session() as s:
        for i in range(70):
            aid = accounts.create(s, name=f"Quiet {i:03d}").id
            milestones.create(s, account_id=aid, title=f"Run {i}", planned_on=TODAY + timedelta(days=8))
    view = make_view(ctx, qtbot)
    qtbot.waitUntil(view.ahead_ready)
    qtbot.mouseClick(view.next, Qt.MouseButton.LeftButton)  # the page built ahead, a few rows at a time
    assert view.where.text() == "Next week" and page_built(view)
    day = f"day:{(TODAY + timedelta(days=8)).isoformat()}"
    assert len(view.sections[day].findChildren(Row)) == 25
    qtbot.mouseClick(view.page.findChild(QPushButton, f"more-{day}"), Qt.MouseButton.LeftButton)
    assert len(view.sections[day].findChildren(Row)) == 70
    fresh = make_view(ctx, qtbot)
    fresh.week_start = MONDAY + timedelta(weeks=1)
    fresh.refresh()
    qtbot.mouseClick(fresh.page.findChild(QPushButton, f"more-{day}"), Qt.MouseButton.LeftButton)
    assert page_as_read(view) == page_as_read(fresh)
    assert tab_chain(view) == tab_chain(fresh)
