"""The screens around race day: My week's lists, the Forecast view, the accounts list, check-ins
logged against a plan and milestones shared with the customer, driven like a user."""

from datetime import date, timedelta

from PySide6.QtCore import Qt
from PySide6.QtWidgets import QCheckBox
from sqlmodel import select

from csplanner.core.changes import RecordType
from csplanner.core.models import CheckIn, Milestone, NextStep
from csplanner.core.services import accounts, checkins, forecasts, next_steps
from csplanner.ui import operations
from csplanner.ui.account_list import AccountList
from csplanner.ui.forecast_view import ForecastView
from csplanner.export.qcolors import RESULT_DUE
from tests.conftest import TODAY
from tests.ui.test_dialogs import click_ok, open_dialog, type_into
from tests.ui.test_my_week import make_view, row, rows


def book(ctx) -> dict[str, int]:
    """Late: race day passed; Soon: at its T−13 checkpoint; Sure: forecast taken; a next step due."""
    with ctx.db.session() as s:
        ids = {
            "late": accounts.create(s, name="Late Co", contract_signed=date(2025, 11, 1), renewal=TODAY - timedelta(days=4),
                                    arr_minor=10_000_00).id,
            "soon": accounts.create(s, name="Soon Co", contract_signed=date(2026, 1, 1), renewal=date(2027, 1, 20),
                                    arr_minor=20_000_00).id,
            "sure": accounts.create(s, name="Sure Co", contract_signed=date(2026, 1, 1), renewal=date(2027, 2, 1),
                                    arr_minor=30_000_00).id,
        }
        forecasts.create(s, account_id=ids["sure"], taken_on=TODAY, outcome="renew", confidence="high",
                         arr_minor=30_000_00)
        ids["step"] = next_steps.create(s, account_id=ids["soon"], text="Send the renewal quote", owner="us",
                                        due_on=TODAY + timedelta(days=2)).id
    return ids


def test_my_week_lists_race_days_needing_a_result_forecasts_due_and_ticks_next_steps(ctx, qtbot):
    ids = book(ctx)
    view = make_view(ctx, qtbot)
    [due] = rows(view, "result")
    assert due.key == ("result", ids["late"])
    heading = view.page.findChild(object, "results-due")
    assert heading.title.text() == "1 race day needs a result"
    assert [r.key[1] for r in rows(view, "forecast")] == [ids["soon"]]  # Sure has its forecast
    step = row(view, "step", ids["step"])
    box = step.findChild(QCheckBox)
    qtbot.mouseClick(box, Qt.MouseButton.LeftButton)
    with ctx.db.session() as s:
        assert s.get(NextStep, ids["step"]).done_on == TODAY
    assert rows(view, "step") == []  # the page reloaded without it
    ctx.undo_stack.undo()
    with ctx.db.session() as s:
        assert s.get(NextStep, ids["step"]).done_on is None
    assert len(rows(view, "step")) == 1


def test_forecast_view_rolls_up_arr_due_by_quarter(ctx, qtbot):
    ids = book(ctx)
    view = ForecastView(ctx)
    qtbot.addWidget(view)
    view.show()
    top = [view.tree.topLevelItem(i) for i in range(view.tree.topLevelItemCount())]
    assert [t.text(0) for t in top] == ["Race day passed, no result · USD", "Q1 2027 · USD"]
    q1 = top[1]
    assert "50,000" in q1.text(1)
    assert "30,000" in q1.text(2) and "(1)" in q1.text(2)  # committed: Sure
    assert "20,000" in q1.text(5)  # without forecast: Soon
    opened = []
    view.open_account.connect(opened.append)
    child = next(q1.child(i) for i in range(q1.childCount()) if q1.child(i).text(0) == "Soon Co")
    view.tree.itemActivated.emit(child, 0)
    assert opened == [ids["soon"]]
    # a forecast taken elsewhere moves the shown view at once
    assert operations.take_forecast(ctx, ids["soon"], {"outcome": "churn", "confidence": "high"}).ok
    q1 = view.tree.topLevelItem(1)
    assert "20,000" in q1.text(4) and q1.text(5) == "—"


def test_accounts_list_shows_a_race_day_without_result_in_red(ctx, qtbot):
    ids = book(ctx)
    widget = AccountList(ctx)
    qtbot.addWidget(widget)
    model = widget.model
    late_row = model.row_of(ids["late"])
    color = model.data(model.index(late_row, model.RACE_DAY), Qt.ItemDataRole.ForegroundRole)
    assert color.color().name() == RESULT_DUE.name()
    assert "has no result" in model.data(model.index(late_row, model.NAME), Qt.ItemDataRole.ToolTipRole)
    soon_row = model.row_of(ids["soon"])
    assert model.data(model.index(soon_row, model.NAME), Qt.ItemDataRole.ForegroundRole) is None


def test_logging_a_check_in_completes_the_planned_one_instead_of_adding_a_second(ctx, qtbot):
    ids = book(ctx)
    with ctx.db.session() as s:
        planned = checkins.plan(s, account_id=ids["soon"], held_on=TODAY + timedelta(days=1), kind="qbr",
                                summary="Agenda: renewal").id
    dialog = open_dialog(qtbot, ctx, RecordType.CHECK_IN, None, {"account_id": ids["soon"], "held_on": TODAY})
    type_into(qtbot, dialog.inputs["summary"].widget, "They will renew")
    type_into(qtbot, dialog.inputs["next_steps"].widget, "Customer: sign the order form by 2026-12-10")
    dialog.inputs["sentiment"].widget.setCurrentIndex(0)  # positive
    click_ok(qtbot, dialog)
    with ctx.db.session() as s:
        talks = checkins.for_account(s, ids["soon"])
        assert [(c.id, c.held_on, c.sentiment, c.summary) for c in talks] == [
            (planned, TODAY, 1, "They will renew")]
        steps = next_steps.rows(s, TODAY, account_id=ids["soon"])
        assert [(r.text, r.owner_name, r.due_on) for r in steps] == [
            ("Send the renewal quote", "Us", TODAY + timedelta(days=2)),
            ("Sign the order form", "The customer", date(2026, 12, 10))]
    ctx.undo_stack.undo()
    with ctx.db.session() as s:
        c = s.get(CheckIn, planned)
        assert (c.held_on, c.sentiment, c.summary) == (TODAY + timedelta(days=1), None, "Agenda: renewal")
        assert len(next_steps.rows(s, TODAY, account_id=ids["soon"])) == 1


def test_a_new_milestone_follows_the_sharing_rule_unless_ticked_by_hand(ctx, qtbot):
    ids = book(ctx)
    for title, tick, shared in (("Renewal forecast call", False, False), ("Team training", False, True),
                                ("QBR prep", True, True)):
        dialog = open_dialog(qtbot, ctx, RecordType.MILESTONE, None, {"account_id": ids["soon"]})
        type_into(qtbot, dialog.inputs["title"].widget, title)
        box = dialog.inputs["shared_with_customer"].widget
        if tick:  # by hand: untick, then tick again
            qtbot.mouseClick(box, Qt.MouseButton.LeftButton)
            qtbot.mouseClick(box, Qt.MouseButton.LeftButton)
        click_ok(qtbot, dialog)
        with ctx.db.session() as s:
            m = s.exec(select(Milestone).where(Milestone.title == title)).one()
            assert m.shared_with_customer is shared, title


def test_take_forecast_dialog_saves_for_the_checkpoint_and_undo_takes_it_back(ctx, qtbot):
    from csplanner.ui.forecast_dialog import ForecastDialog

    ids = book(ctx)
    dialog = ForecastDialog(None, ctx, ids["soon"], (26, 13))
    qtbot.addWidget(dialog)
    dialog.show()
    dialog.outcome.setCurrentIndex(dialog.outcome.findData("expand"))
    type_into(qtbot, dialog.arr, "24k")
    type_into(qtbot, dialog.risks, "New CFO")
    dialog.accept()
    with ctx.db.session() as s:
        [f] = forecasts.for_account(s, ids["soon"])
    assert (f.outcome, f.arr_minor, f.checkpoint_weeks, f.risks, f.taken_on) == ("expand", 24_000_00, 13, "New CFO",
                                                                                TODAY)
    ctx.undo_stack.undo()
    with ctx.db.session() as s:
        assert forecasts.for_account(s, ids["soon"]) == []
