"""Record race result… driven like a user: a renewal and a churn, each undone in one step."""

from datetime import date, timedelta

import pytest
from PySide6.QtCore import QPoint, Qt

from csplanner.core.enums import SeasonOutcome, Stage
from csplanner.core.models import Account
from csplanner.core.services import accounts, milestones, seasons
from csplanner.ui.calendar import AccountCalendar
from csplanner.ui.dialogs import Question
from csplanner.ui.race_result import RaceResultDialog
from csplanner.ui.season_panel import SeasonPanel
from tests.conftest import TODAY

RACE = TODAY - timedelta(days=10)  # passed, no result yet
SIGNED = RACE - timedelta(weeks=52)


@pytest.fixture
def aid(ctx):
    with ctx.db.session() as s:
        a = accounts.create(s, name="Acme", contract_signed=SIGNED, kickoff=SIGNED, renewal=RACE,
                            arr_minor=100_000_00, currency="USD", stage="renew")
        milestones.create(s, account_id=a.id, title="Old QBR", planned_on=RACE - timedelta(days=40))
        return a.id


@pytest.fixture
def panel(ctx, qtbot, aid):
    widget = SeasonPanel(ctx)
    qtbot.addWidget(widget)
    widget.set_account(aid)
    widget.show()
    return widget


@pytest.fixture
def calendar_view(ctx, qtbot, aid):
    widget = AccountCalendar(ctx)
    qtbot.addWidget(widget)
    widget.resize(1200, 800)
    widget.set_account(aid)
    return widget


def dialog_for(ctx, qtbot, aid) -> RaceResultDialog:
    dialog = RaceResultDialog(None, ctx, aid)
    qtbot.addWidget(dialog)
    dialog.show()
    return dialog


def retype(qtbot, line, text: str) -> None:
    line.selectAll()
    qtbot.keyClicks(line, text)


def account(ctx, aid) -> Account:
    with ctx.db.session() as s:
        a = s.get(Account, aid)
        s.expunge(a)
        return a


def history(ctx, aid):
    with ctx.db.session() as s:
        return seasons.history(s, aid)


def test_renewal_starts_season_two_and_undo_puts_season_one_back(ctx, qtbot, aid, panel, calendar_view):
    assert panel.due.isVisible() and "has no result" in panel.due.text()
    assert calendar_view.source.plan.week_of(RACE).number == 53  # counted from contract signed
    dialog = dialog_for(ctx, qtbot, aid)
    new_race = date(2027, 11, 15)
    retype(qtbot, dialog.new_race, new_race.isoformat())
    retype(qtbot, dialog.new_arr, "118,000")
    assert dialog.delta.text().startswith("+18 % ARR (+") and "18,000" in dialog.delta.text()
    dialog.stage.setCurrentIndex(dialog.stage.findData(Stage.EXPAND.value))
    qtbot.mouseClick(dialog.ok_button, Qt.MouseButton.LeftButton)
    assert not dialog.isVisible()

    a = account(ctx, aid)
    assert (a.renewal, a.arr_minor, a.stage) == (new_race, 118_000_00, Stage.EXPAND)
    one, two = history(ctx, aid)
    assert (one.outcome, one.arr_result_minor, two.start, two.race_day) == (
        SeasonOutcome.RENEWED, 118_000_00, RACE, new_race)
    assert not panel.due.isVisible()
    assert panel.history.text().splitlines()[-1].startswith("Season 1 · renewed +18 % ARR")
    plan = calendar_view.source.plan
    assert plan.week_of(RACE).number == 1 and plan.week_of(TODAY).number == 3  # the new season counts
    assert plan.week_of(RACE - timedelta(days=7)).label() == "Season 1 · Week 52"
    assert calendar_view.season_picker.isVisibleTo(calendar_view) and calendar_view.season_picker.count() == 2
    assert ctx.undo_stack.undoText() == "Record renewal of 'Acme'"

    ctx.undo_stack.undo()
    a = account(ctx, aid)
    assert (a.renewal, a.arr_minor, a.stage) == (RACE, 100_000_00, Stage.RENEW)
    assert [r.outcome for r in history(ctx, aid)] == [None]
    assert panel.due.isVisible()
    assert calendar_view.source.plan.week_of(RACE).number == 53
    ctx.undo_stack.redo()
    assert account(ctx, aid).renewal == new_race


def test_churn_with_a_reason_archives_after_confirmation_and_undo_brings_it_back(ctx, qtbot, aid, panel,
                                                                                  monkeypatch):
    asked = []
    monkeypatch.setattr(Question, "ask", classmethod(lambda cls, *a, **k: asked.append(a[2]) or True))
    dialog = dialog_for(ctx, qtbot, aid)
    # on the radio's own circle: a click past its text does not toggle it
    qtbot.mouseClick(dialog.churned, Qt.MouseButton.LeftButton, pos=QPoint(8, dialog.churned.height() // 2))
    assert dialog.churn_box.isEnabled() and not dialog.renew_box.isEnabled()
    qtbot.mouseClick(dialog.ok_button, Qt.MouseButton.LeftButton)  # no reason yet
    assert dialog.isVisible() and "why they churned" in dialog.error.text()
    assert history(ctx, aid)[0].outcome is None and not asked
    dialog.reason.setCurrentIndex(dialog.reason.findData("competitor"))
    qtbot.keyClicks(dialog.reason_text, "Moved to a cheaper tool")
    qtbot.mouseClick(dialog.ok_button, Qt.MouseButton.LeftButton)
    assert asked == ["Archive Acme?"] and not dialog.isVisible()

    [row] = history(ctx, aid)
    assert (row.outcome, row.reason, row.reason_text) == (SeasonOutcome.CHURNED, "competitor",
                                                          "Moved to a cheaper tool")
    assert account(ctx, aid).archived
    assert "Season 1 · churned (competitor)" in panel.history.text()
    assert not panel.result_button.isEnabled()

    ctx.undo_stack.undo()
    assert not account(ctx, aid).archived
    assert history(ctx, aid)[0].outcome is None
    assert panel.result_button.isEnabled() and panel.due.isVisible()


def test_a_churn_kept_in_the_list_when_archiving_is_declined(ctx, qtbot, aid, monkeypatch):
    monkeypatch.setattr(Question, "ask", classmethod(lambda cls, *a, **k: False))
    dialog = dialog_for(ctx, qtbot, aid)
    dialog.churned.setChecked(True)
    dialog.reason.setCurrentIndex(dialog.reason.findData("budget"))
    qtbot.mouseClick(dialog.ok_button, Qt.MouseButton.LeftButton)
    assert history(ctx, aid)[0].outcome == SeasonOutcome.CHURNED and not account(ctx, aid).archived


def test_a_bad_new_race_day_is_said_and_nothing_is_saved(ctx, qtbot, aid):
    dialog = dialog_for(ctx, qtbot, aid)
    retype(qtbot, dialog.new_race, (RACE - timedelta(days=1)).isoformat())
    qtbot.mouseClick(dialog.ok_button, Qt.MouseButton.LeftButton)
    assert dialog.isVisible() and "must be after race day" in dialog.error.text()
    retype(qtbot, dialog.new_arr, "lots")
    qtbot.mouseClick(dialog.ok_button, Qt.MouseButton.LeftButton)
    assert "'lots' is not an amount" in dialog.error.text()
    assert [r.outcome for r in history(ctx, aid)] == [None] and ctx.undo_stack.count() == 0
