"""Applying a plan template from the calendar (preview, one undo step) and saving a plan as one."""

import json
from datetime import date

import pytest
from PySide6.QtCore import QPoint, Qt, QTimer
from PySide6.QtTest import QTest
from PySide6.QtWidgets import QApplication, QInputDialog, QMessageBox

from csplanner.core import paths, templates
from csplanner.core.present import date_long
from csplanner.core.services import accounts, milestones
from csplanner.ui.calendar import AccountCalendar
from csplanner.ui.calendar.template_dialogs import ApplyTemplateDialog

MID_MARKET = "Mid-market — 6-week onboarding"


@pytest.fixture
def account(ctx):
    with ctx.db.session() as s:
        # signed on Jan 31 of a leap year: month offsets must land on Feb 29, not Mar 2
        return accounts.create(s, name="Acme", contract_signed=date(2028, 1, 31), renewal=date(2029, 1, 31)).id


def plan_of(ctx, aid):
    with ctx.db.session() as s:
        return [(m.title, m.planned_on) for m in milestones.for_account(s, aid)]


def test_preview_then_apply_from_the_calendar_as_one_undo_step(ctx, qtbot, account, monkeypatch):
    monkeypatch.setattr(ctx, "today", lambda: date(2028, 1, 1))
    view = AccountCalendar(ctx)
    qtbot.addWidget(view)
    view.set_account(account)
    previews = []

    def drive_dialog():
        dialog = QApplication.activeModalWidget()
        assert isinstance(dialog, ApplyTemplateDialog)
        dialog.choose("Tech-touch")
        previews.append([dialog.table.item(r, 0).text() + " " + dialog.table.item(r, 1).text()
                         for r in range(dialog.table.rowCount())])
        qtbot.mouseClick(dialog.ok_button, Qt.MouseButton.LeftButton)

    QTimer.singleShot(0, drive_dialog)
    qtbot.mouseClick(view.apply_button, Qt.MouseButton.LeftButton)
    preview = previews[0]
    assert preview[:5] == [
        "1 Feb 2028 Welcome email and onboarding webinar invite",
        "14 Feb 2028 First login check",
        "29 Feb 2028 Monthly product tips 1",
        "31 Mar 2028 Monthly product tips 2",
        "30 Apr 2028 Monthly product tips 3",
    ]
    made = plan_of(ctx, account)
    assert sorted(f"{date_long(d)} {t}" for t, d in made) == sorted(preview)
    assert ("Renewal", date(2029, 1, 31)) in made and ("Renewal reminder", date(2029, 1, 1)) in made
    assert ctx.undo_stack.count() == 1 and ctx.undo_stack.undoText().startswith("Apply template 'Tech-touch'")
    view.grid.ensure_visible(date(2028, 2, 29))
    assert [c.title for c in view.grid.chips_on(date(2028, 2, 29))] == ["Monthly product tips 1"]
    ctx.undo_stack.undo()
    assert plan_of(ctx, account) == []
    ctx.undo_stack.redo()
    assert plan_of(ctx, account) == made


def test_past_runs_are_left_out_unless_asked(ctx, qtbot, account, monkeypatch):
    monkeypatch.setattr(ctx, "today", lambda: date(2028, 3, 15))
    dialog = ApplyTemplateDialog(None, ctx, account)
    qtbot.addWidget(dialog)
    dialog.choose(MID_MARKET)
    assert [r.title for r in dialog.runs][:1] == ["QBR 1"]  # kickoff and onboarding are behind us
    dialog.future_only.click()
    assert [r.title for r in dialog.runs][:2] == ["Kickoff call", "Workspace configured"]
    assert dialog.ok_button.text() == f"Add {len(dialog.runs)} runs"
    dialog.reject()
    assert plan_of(ctx, account) == []


def test_an_account_without_a_renewal_gets_a_clear_message(ctx, qtbot):
    with ctx.db.session() as s:
        aid = accounts.create(s, name="Fresh", contract_signed=date(2028, 1, 3)).id
    dialog = ApplyTemplateDialog(None, ctx, aid)
    qtbot.addWidget(dialog)
    dialog.choose(MID_MARKET)
    assert "is dated from renewal (race day), which this account does not have yet" in dialog.problem.text()
    assert not dialog.ok_button.isEnabled()


def test_a_broken_template_file_names_the_file_and_step(ctx, qtbot, account, tmp_path):
    bad = tmp_path / "team-plan.json"
    bad.write_text(json.dumps({"name": "Team", "steps": [{"title": "Go", "offset": "+1d"},
                                                         {"title": "QBR", "offset": "soon"}]}))
    dialog = ApplyTemplateDialog(None, ctx, account)
    qtbot.addWidget(dialog)
    dialog.show()
    dialog.add_file(bad)
    assert dialog.problem.isVisible()
    assert dialog.problem.text() == "team-plan.json: step 2 ('QBR'): 'soon' is not an offset like +7d, -2w or +1m."


def test_save_an_accounts_plan_as_a_template_and_reuse_it(ctx, qtbot, account, monkeypatch):
    with ctx.db.session() as s:
        milestones.create(s, account_id=account, title="Kickoff <b>call</b>", planned_on=date(2028, 2, 7))
        other = accounts.create(s, name="Other", contract_signed=date(2028, 3, 1), renewal=date(2029, 3, 1)).id
    view = AccountCalendar(ctx)
    qtbot.addWidget(view)
    view.set_account(account)
    monkeypatch.setattr(QInputDialog, "getText", lambda *a, **k: ("Acme way", True))
    told = []
    monkeypatch.setattr(QMessageBox, "information", lambda _p, _t, text: told.append(text))
    qtbot.mouseClick(view.save_button, Qt.MouseButton.LeftButton)
    path = paths.templates_dir() / "acme-way.json"
    assert told == [f"Saved 'Acme way' to {path}."]
    saved = templates.load(path)
    assert [s.title for s in saved.steps] == ["Kickoff <b>call</b>"]
    # and it is offered when applying to another account
    dialog = ApplyTemplateDialog(None, ctx, other)
    qtbot.addWidget(dialog)
    dialog.choose("Acme way")
    assert [(r.title, r.day) for r in dialog.runs] == [("Kickoff <b>call</b>", date(2028, 3, 8))]
    dialog.future_only.setChecked(False)
    QTest.keyClick(dialog, Qt.Key.Key_Escape)


def test_a_second_template_can_replace_the_planned_runs_in_one_undo_step(ctx, qtbot, account, monkeypatch):
    from csplanner.core.enums import MilestoneStatus

    monkeypatch.setattr(ctx, "today", lambda: date(2028, 3, 1))
    with ctx.db.session() as s:
        milestones.create(s, account_id=account, title="Old kickoff", planned_on=date(2028, 2, 1),
                          status=MilestoneStatus.DONE, done_on=date(2028, 2, 1))
        milestones.create(s, account_id=account, title="Late review", planned_on=date(2028, 2, 20))  # overdue
        milestones.create(s, account_id=account, title="Old QBR", planned_on=date(2028, 4, 30))
        milestones.create(s, account_id=account, title="Old renewal prep", planned_on=date(2028, 12, 1))
    dialog = ApplyTemplateDialog(None, ctx, account)
    qtbot.addWidget(dialog)
    dialog.show()
    dialog.choose("Tech-touch")
    added = len(dialog.runs)
    assert dialog.beside.isChecked() and dialog.ok_button.text() == f"Add {added} runs"
    assert "already has 4 runs; these are added alongside them" in dialog.existing.text()
    qtbot.mouseClick(dialog.replace, Qt.MouseButton.LeftButton, pos=QPoint(8, dialog.replace.height() // 2))
    shown = [(dialog.table.item(r, 1).text(), dialog.table.item(r, 4).text()) for r in range(dialog.table.rowCount())]
    going = [title for title, rule in shown if rule == "goes (replaced)"]
    assert going == ["Old QBR", "Old renewal prep"]  # planned from today on; done and overdue runs stay
    assert dialog.table.item(0, 1).font().strikeOut() and not dialog.table.item(2, 1).font().strikeOut()
    assert dialog.ok_button.text() == f"Replace 2 runs with {added}"
    assert "2 planned runs of Acme go" in dialog.existing.text()
    qtbot.mouseClick(dialog.ok_button, Qt.MouseButton.LeftButton)
    titles = [t for t, _d in plan_of(ctx, account)]
    assert "Old QBR" not in titles and "Old renewal prep" not in titles
    assert "Old kickoff" in titles and "Late review" in titles and len(titles) == 2 + added
    assert ctx.undo_stack.count() == 1
    assert ctx.undo_stack.undoText() == f"Replace 2 planned runs with template 'Tech-touch' ({added} runs)"
    ctx.undo_stack.undo()
    assert sorted(t for t, _d in plan_of(ctx, account)) == ["Late review", "Old QBR", "Old kickoff", "Old renewal prep"]
    ctx.undo_stack.redo()
    assert len(plan_of(ctx, account)) == 2 + added
