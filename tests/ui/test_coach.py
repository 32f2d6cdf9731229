"""The coach on screen: realign after an injury and plan the week (each one undo step), pick the
runs an obstacle hurts and who was at a check-in, cadences on the stakeholders tab and in My week."""

from datetime import date, timedelta

import pytest
from PySide6.QtCore import Qt
from PySide6.QtWidgets import QPushButton

from csplanner.core import coach_views, settings
from csplanner.core.changes import RecordType
from csplanner.core.enums import MilestoneStatus, RunType, StakeholderRole
from csplanner.core.models import Milestone
from csplanner.core.services import accounts, checkins, milestones, obstacles, stakeholders
from csplanner.ui.account_page import RecordTab
from csplanner.ui.coach_settings import CoachSettingsDialog
from csplanner.ui.dialogs import RecordDialog
from csplanner.ui.my_week import MyWeekView
from csplanner.ui.plan_week_dialog import KEEP, PlanWeekDialog
from csplanner.ui.realign_dialog import RealignDialog
from tests.conftest import TODAY

MONDAY = date(2026, 11, 23)


def injured(ctx):
    """Alder: a done run, two planned runs hurt by an open escalation, race day in February."""
    with ctx.db.session() as s:
        a = accounts.create(s, name="Alder Studios", contract_signed=date(2026, 3, 2), renewal=date(2027, 2, 26)).id
        done = milestones.create(s, account_id=a, title="Kickoff", planned_on=date(2026, 11, 16),
                                 status=MilestoneStatus.DONE, done_on=date(2026, 11, 16)).id
        rollout = milestones.create(s, account_id=a, title="Rollout", planned_on=date(2026, 11, 26)).id
        training = milestones.create(s, account_id=a, title="Training", planned_on=date(2026, 12, 3)).id
        ob = obstacles.create(s, [done, rollout, training], account_id=a, title="Escalation: outage",
                              kind="escalation", opened_on=TODAY).id
    return a, ob, {"Kickoff": done, "Rollout": rollout, "Training": training}


def days_of(ctx, ids):
    with ctx.db.session() as s:
        return {name: (s.get(Milestone, mid).planned_on, s.get(Milestone, mid).status) for name, mid in ids.items()}


def test_realign_shift_applies_as_one_step_and_undoes(ctx, qtbot):
    _, ob, ids = injured(ctx)
    before = days_of(ctx, ids)
    dialog = RealignDialog(None, ctx, ob)
    qtbot.addWidget(dialog)
    dialog.amount.setValue(10)
    dialog.unit.setCurrentIndex(dialog.unit.findData(1))  # days
    table = dialog.table
    assert [table.item(r, 0).text() for r in range(table.rowCount())] == ["Rollout", "Training"]
    assert [table.item(r, 2).text() for r in range(2)] == ["6 Dec 2026", "13 Dec 2026"]
    assert table.item(0, 3).text() == "weekend"  # both Sundays
    assert dialog.summary.text() == "2 runs to change, 2 flagged."
    qtbot.mouseClick(dialog.apply_button, Qt.MouseButton.LeftButton)
    assert days_of(ctx, ids) == {"Kickoff": (date(2026, 11, 16), MilestoneStatus.DONE),
                                 "Rollout": (date(2026, 12, 6), MilestoneStatus.PLANNED),
                                 "Training": (date(2026, 12, 13), MilestoneStatus.PLANNED)}
    assert ctx.undo_stack.undoText() == "Shift 2 runs of 'Alder Studios'"
    ctx.undo_stack.undo()
    assert days_of(ctx, ids) == before
    ctx.undo_stack.redo()
    assert days_of(ctx, ids)["Training"][0] == date(2026, 12, 13)


def test_realign_compress_and_skip(ctx, qtbot):
    _, ob, ids = injured(ctx)
    dialog = RealignDialog(None, ctx, ob)
    qtbot.addWidget(dialog)
    dialog.compress.setChecked(True)
    dialog.start.setText("2026-12-01")  # 87 days to race day, 2 runs: +0, +43
    assert [dialog.table.item(r, 2).text() for r in range(2)] == ["1 Dec 2026", "13 Jan 2027"]
    dialog.skip.setChecked(True)
    dialog.reason.setText("Customer froze all projects")
    qtbot.mouseClick(dialog.apply_button, Qt.MouseButton.LeftButton)
    with ctx.db.session() as s:
        m = s.get(Milestone, ids["Rollout"])
        assert (m.status, m.notes) == (MilestoneStatus.SKIPPED, "Skipped: Customer froze all projects")
    ctx.undo_stack.undo()
    assert days_of(ctx, ids)["Rollout"] == (date(2026, 11, 26), MilestoneStatus.PLANNED)


def test_a_bad_date_says_so_and_applies_nothing(ctx, qtbot):
    _, ob, _ = injured(ctx)
    dialog = RealignDialog(None, ctx, ob)
    qtbot.addWidget(dialog)
    dialog.compress.setChecked(True)
    dialog.start.setText("soon")
    assert dialog.error.text() == "'soon' is not a date for the restart day (use YYYY-MM-DD)."
    assert not dialog.apply_button.isEnabled()


def test_obstacle_dialog_picks_the_runs_it_hurts(ctx, qtbot):
    a, ob, ids = injured(ctx)
    dialog = RecordDialog(None, ctx, RecordType.OBSTACLE, ob)
    qtbot.addWidget(dialog)
    picks = dialog.inputs["milestone_ids"]
    items = {it.text().split(" · ")[1]: it for it in picks.items()}
    assert not items["Kickoff"].flags() & Qt.ItemFlag.ItemIsEnabled  # done: shown, not offered
    assert items["Rollout"].checkState() == Qt.CheckState.Checked
    items["Rollout"].setCheckState(Qt.CheckState.Unchecked)
    dialog.accept()
    assert coach_views.linked_runs(ctx.db, ob) == [ids["Kickoff"], ids["Training"]]
    ctx.undo_stack.undo()
    assert coach_views.linked_runs(ctx.db, ob) == sorted(ids.values())


def overloaded(ctx):
    """Two accounts whose week asks 13 h of a 10-hour week (plus a check-in)."""
    with ctx.db.session() as s:
        settings.save(s, settings.CoachSettings(week_hours=10.0))
        near = accounts.create(s, name="Near", contract_signed=date(2026, 1, 5), renewal=TODAY + timedelta(days=20),
                               arr_minor=500_000_00).id
        far = accounts.create(s, name="Far", contract_signed=date(2026, 1, 5), renewal=TODAY + timedelta(days=300),
                              arr_minor=20_000_00).id
        ids = {"near long": milestones.create(s, account_id=near, title="Near long", planned_on=MONDAY + timedelta(days=3),
                                              run_type=RunType.LONG).id,
               "far long": milestones.create(s, account_id=far, title="Far long", planned_on=MONDAY + timedelta(days=2),
                                             run_type=RunType.LONG).id,
               "far sprint": milestones.create(s, account_id=far, title="Far sprint", planned_on=MONDAY + timedelta(days=4),
                                               run_type=RunType.SPRINT).id}
        checkins.create(s, account_id=near, held_on=MONDAY)
    return ids


def test_my_week_shows_load_and_plan_my_week_defers_as_one_step(ctx, qtbot):
    ids = overloaded(ctx)
    view = MyWeekView(ctx)
    qtbot.addWidget(view)
    view.show()
    load = view.page.findChild(object, "loadSection")
    assert load.title.text() == "Load · 13.5 h planned of 10 h"
    plan = view.page.findChild(QPushButton, "planWeek")
    assert plan.isEnabled()
    dialog = PlanWeekDialog(view, ctx, MONDAY)
    qtbot.addWidget(dialog)
    rows = {dialog.table.item(r, 3).text(): r for r in range(dialog.table.rowCount())}
    keep = {t: dialog.table.item(r, KEEP).checkState() == Qt.CheckState.Checked for t, r in rows.items()}
    assert keep == {"Near long": True, "Far long": False, "Far sprint": True}
    assert dialog.table.item(rows["Far long"], 6).text().startswith("race day in 300 days, health ")
    assert dialog.total.text() == "Kept: 7.5 h of 10 h · 1 run deferred a week"
    dialog.table.item(rows["Far sprint"], KEEP).setCheckState(Qt.CheckState.Unchecked)  # the user edits it
    assert dialog.total.text() == "Kept: 6.5 h of 10 h · 2 runs deferred a week"
    qtbot.mouseClick(dialog.apply_button, Qt.MouseButton.LeftButton)
    with ctx.db.session() as s:
        moved = {k: s.get(Milestone, v).planned_on for k, v in ids.items()}
    assert moved == {"near long": MONDAY + timedelta(days=3), "far long": MONDAY + timedelta(days=9),
                     "far sprint": MONDAY + timedelta(days=11)}
    assert view.page.findChild(object, "loadSection").title.text() == "Load · 6.5 h planned of 10 h"
    ctx.undo_stack.undo()
    with ctx.db.session() as s:
        assert s.get(Milestone, ids["far long"]).planned_on == MONDAY + timedelta(days=2)
    assert view.page.findChild(object, "loadSection").title.text() == "Load · 13.5 h planned of 10 h"


def test_hours_this_week_are_undoable(ctx, qtbot):
    overloaded(ctx)
    view = MyWeekView(ctx)
    qtbot.addWidget(view)
    view.show()
    hours = view.page.findChild(object, "weekHours")
    hours.setValue(20)
    hours.editingFinished.emit()
    assert view.page.findChild(object, "loadSection").title.text() == "Load · 13.5 h planned of 20 h"
    assert not view.page.findChild(QPushButton, "planWeek").isEnabled()
    ctx.undo_stack.undo()
    assert view.page.findChild(object, "loadSection").title.text() == "Load · 13.5 h planned of 10 h"


def test_cadences_on_the_stakeholders_tab_and_who_to_call(ctx, qtbot, monkeypatch):
    with ctx.db.session() as s:
        a = accounts.create(s, name="Birch", contract_signed=date(2026, 1, 5)).id
        cleo = stakeholders.create(s, account_id=a, name="Cleo", role=StakeholderRole.CHAMPION).id
        sam = stakeholders.create(s, account_id=a, name="Sam", role=StakeholderRole.EXEC_SPONSOR).id
        checkins.create(s, account_id=a, held_on=TODAY - timedelta(days=21), attendee_ids=[cleo])
        checkins.create(s, account_id=a, held_on=TODAY - timedelta(days=3), attendee_ids=[sam])
    tab = RecordTab(ctx, RecordType.STAKEHOLDER)
    qtbot.addWidget(tab)
    tab.set_account(a)
    tab.load()
    model = tab.model
    cells = {model.index(r, 0).data(): [model.index(r, c).data() for c in (3, 4, 5)] for r in range(model.rowCount())}
    assert cells == {"Cleo": ["every 14 d", "4 Nov (21 days ago)", "overdue since 18 Nov"],
                     "Sam": ["every 30 d", "22 Nov (3 days ago)", "by 22 Dec"]}
    view = MyWeekView(ctx)
    qtbot.addWidget(view)
    view.show()  # My week builds its page when first shown
    logged = []
    monkeypatch.setattr("csplanner.ui.editing.edit_record", lambda *args: logged.append(args[2:]))
    buttons = [b for b in view.page.findChildren(QPushButton) if b.text() == "Log call…"]
    assert len(buttons) == 1
    qtbot.mouseClick(buttons[0], Qt.MouseButton.LeftButton)
    assert logged == [(RecordType.CHECK_IN, None, {"account_id": a, "held_on": TODAY, "attendee_ids": [cleo]})]
    # Cleo's own cadence of 20 days, typed in her dialog: amber, not red, after 21 days
    dialog = RecordDialog(None, ctx, RecordType.STAKEHOLDER, cleo)
    qtbot.addWidget(dialog)
    dialog.inputs["cadence_days"].widget.setText("often")
    dialog.accept()
    assert dialog.errors["cadence_days"].text() == "The cadence 'often' is not a whole number of days."
    dialog.inputs["cadence_days"].widget.setText("20")
    dialog.accept()
    tab.load()
    assert tab.model.index(0, 3).data() == "every 20 d (own)" and tab.model.index(0, 5).data() == "due since 24 Nov"


def test_checkin_dialog_records_who_was_there(ctx, qtbot):
    with ctx.db.session() as s:
        a = accounts.create(s, name="Cedar").id
        cleo = stakeholders.create(s, account_id=a, name="Cleo", role=StakeholderRole.CHAMPION).id
    dialog = RecordDialog(None, ctx, RecordType.CHECK_IN, None, {"account_id": a, "attendee_ids": [cleo]})
    qtbot.addWidget(dialog)
    assert dialog.inputs["attendee_ids"].value() == [cleo]
    dialog.accept()
    contact = coach_views.contacts(ctx.db, TODAY)[0]
    assert (contact.name, contact.last_met, contact.state) == ("Cleo", TODAY, "ok")
    ctx.undo_stack.undo()
    assert coach_views.contacts(ctx.db, TODAY)[0].last_met is None


def test_coach_settings_change_cadences_in_one_undo_step(ctx, qtbot):
    dialog = CoachSettingsDialog(None, ctx)
    qtbot.addWidget(dialog)
    dialog.cadence[StakeholderRole.CHAMPION].setValue(10)
    dialog.effort[RunType.LONG].setValue(8)
    dialog.accept()
    assert coach_views.settings(ctx.db).cadence_days[StakeholderRole.CHAMPION] == 10
    assert coach_views.settings(ctx.db).effort_hours[RunType.LONG] == 8
    assert ctx.undo_stack.undoText() == "Change coach settings"
    ctx.undo_stack.undo()
    assert coach_views.settings(ctx.db) == settings.CoachSettings()


@pytest.mark.qt_log_ignore("This plugin does not support raise", "does not support grabbing the keyboard")
def test_realign_from_the_obstacle_bar_on_the_calendar(ctx, qtbot, monkeypatch):
    from PySide6.QtCore import QTimer
    from PySide6.QtTest import QTest
    from PySide6.QtWidgets import QApplication, QMenu

    from csplanner.ui.calendar import AccountCalendar

    a, ob, _ = injured(ctx)
    view = AccountCalendar(ctx)
    qtbot.addWidget(view)
    view.resize(1300, 900)
    view.show()
    view.set_account(a)
    rect = next(r for row in view.grid.layout_rows() for r, bar in row.bars if bar.obstacle_id == ob)
    asked, seen = [], []
    monkeypatch.setattr(RealignDialog, "ask", classmethod(lambda cls, parent, ctx_, oid: asked.append(oid)))

    def choose():
        menu = QApplication.activePopupWidget()
        assert isinstance(menu, QMenu)
        seen.extend(x.text() for x in menu.actions())
        menu.setActiveAction(next(x for x in menu.actions() if x.text() == "&Realign plan…"))
        QTest.keyClick(menu, Qt.Key.Key_Return)

    QTimer.singleShot(0, choose)
    QTest.mouseClick(view.grid.viewport(), Qt.MouseButton.RightButton, Qt.KeyboardModifier.NoModifier, rect.center())
    assert seen == ["&Edit obstacle 'Escalation: outage'…", "&Realign plan…"]
    assert asked == [ob]


def test_the_coach_dialogs_name_their_fields_for_a_screen_reader(ctx, qtbot):
    from tests.ui.test_accessibility import unnamed

    _, ob, _ = injured(ctx)
    overloaded(ctx)
    for dialog in (RealignDialog(None, ctx, ob), PlanWeekDialog(None, ctx, MONDAY), CoachSettingsDialog(None, ctx),
                   RecordDialog(None, ctx, RecordType.OBSTACLE, ob)):
        qtbot.addWidget(dialog)
        dialog.show()
        assert unnamed(dialog) == [], dialog.windowTitle()
