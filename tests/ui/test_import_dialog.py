"""File → Import CSV…: the preview shows every row's fate; valid rows only / all or nothing; one undo step."""

from pathlib import Path

from PySide6.QtCore import QPoint, Qt
from PySide6.QtWidgets import QDialogButtonBox, QMessageBox
from sqlmodel import select

from csplanner.core import csv_import as ci
from csplanner.core.models import Account, Stakeholder
from csplanner.core.services import accounts
from csplanner.ui.import_dialog import ImportDialog, PreviewModel
from tests.ui.workspace_helpers import open_window, when_modal

FILES = Path(__file__).parent.parent / "core" / "csv_files"


def dialog_for(qtbot, ctx, name):
    path = FILES / name if isinstance(name, str) else name
    dialog = ImportDialog(ctx, path, ci.read_table(path.read_bytes()))
    qtbot.addWidget(dialog)
    dialog.show()
    return dialog


def shown(dialog):
    m = dialog.model
    return [tuple(m.index(r, c).data() for c in range(m.columnCount())) for r in range(m.rowCount())]


def ok_button(dialog):
    return dialog.buttons.button(QDialogButtonBox.StandardButton.Ok)


def tick(qtbot, box):
    qtbot.mouseClick(box, Qt.MouseButton.LeftButton, pos=QPoint(8, box.height() // 2))  # on the box itself


def names(ctx):
    with ctx.db.session() as s:
        return [a.name for a in s.exec(select(Account).order_by(Account.id)).all()]


def test_preview_shows_every_rows_fate_with_reasons(ctx, qtbot):
    with ctx.db.session() as s:
        accounts.create(s, name="GOOD CO", segment="Enterprise")
    dialog = dialog_for(qtbot, ctx, "broken_rows.csv")
    rows = shown(dialog)
    assert rows[0] == ("2", "Update", "GOOD CO", "", "ARR USD 10,000 · race day 2027-01-01 · "
                                                    "signed 2026-01-01 · stage Adopt")
    assert rows[1] == ("3", "Error", "", "", "empty name")
    assert rows[6] == ("8", "Error", "good co", "", "'good co' already appears on line 2")
    assert rows[-1] == ("14", "Add", "Last Good Co", "", "ARR EUR 9,000 · race day 2027-06-01 · "
                                                         "signed 2026-06-01 · stage Renew")
    assert [r[1] for r in rows].count("Error") == 10
    assert dialog.counts.text() == "1 to add · 1 to update · 10 with errors"
    dialog.resize(1100, 560)
    dialog.grab().save("/tmp/shots-find/import-broken.png")


def test_all_or_nothing_blocks_a_file_with_errors_until_valid_rows_only_is_ticked(ctx, qtbot):
    dialog = dialog_for(qtbot, ctx, "broken_rows.csv")
    assert not dialog.valid_only.isChecked()
    assert not ok_button(dialog).isEnabled() and "fix the errors" in ok_button(dialog).text()
    tick(qtbot, dialog.valid_only)
    assert ok_button(dialog).isEnabled() and ok_button(dialog).text() == "Import 2 accounts"


def test_changing_a_column_and_the_date_order_rebuilds_the_preview(ctx, qtbot, tmp_path):
    path = tmp_path / "export.csv"
    path.write_text("Kunde,Ende,Owner\nAcme,03/04/2027,Dana\nBeta,05/06/2027,Ravi\n")
    dialog = dialog_for(qtbot, ctx, path)
    assert "No column holds the account name" in dialog.warning.text() and not ok_button(dialog).isEnabled()
    dialog.field_boxes[0].setCurrentIndex(dialog.field_boxes[0].findData("name"))
    dialog.field_boxes[1].setCurrentIndex(dialog.field_boxes[1].findData("renewal"))
    assert "03/04/2027 can be read as day/month or month/day" in dialog.warning.text()
    assert not ok_button(dialog).isEnabled()
    dialog.date_order.setCurrentIndex(dialog.date_order.findData("dmy"))
    assert dialog.warning.text() == "" and not dialog.warning.isVisible()
    assert shown(dialog)[0] == ("2", "Add", "Acme", "", "race day 2027-04-03")
    dialog.field_boxes[2].setCurrentIndex(dialog.field_boxes[2].findData("name"))  # name moves to Owner
    assert dialog.field_boxes[0].currentData() == ci.IGNORE
    assert shown(dialog)[0][2] == "Dana"
    dialog.resize(1000, 520)
    dialog.grab().save("/tmp/shots-find/import-mapped.png")


def test_preview_model_passes_the_model_tester(ctx, qtbot, qtmodeltester):
    dialog = dialog_for(qtbot, ctx, "salesforce_report.csv")
    qtmodeltester.check(dialog.model)
    assert [dialog.model.index(r, PreviewModel.CONTACT).data() for r in range(4)] == [
        "Beatriz Ōtani", "", "Tom O'Neil", ""]
    assert dialog.model.headerData(PreviewModel.DETAILS, Qt.Orientation.Horizontal) == "What happens"


def test_file_import_csv_is_one_undo_step(ctx, qtbot):
    window = open_window(qtbot, ctx)
    before = names(ctx)

    def import_it(dialog):
        dialog.resize(1100, 520)
        dialog.grab().save("/tmp/shots-find/import-salesforce.png")
        qtbot.mouseClick(ok_button(dialog), Qt.MouseButton.LeftButton)

    when_modal(import_it)
    outcome = window.import_export.import_csv(FILES / "salesforce_report.csv")
    assert outcome is not None and outcome.ok
    assert names(ctx) == before + ["Smith, Jones & Partners", 'The "Best" Widgets, Inc.', "Harbor Energy",
                                   'Acme Rockets, "West" Division']
    assert "Imported salesforce_report.csv: 4 added, 0 updated" in window.statusBar().currentMessage()
    window.account_list.whose.setCurrentIndex(window.account_list.whose.findData("everyone"))  # Account Owner: others
    assert window.account_list.model.rowCount() == 4  # the list heard about it
    assert window.undo_action.text() == "&Undo Import 4 accounts from CSV"
    ctx.undo_stack.undo()
    assert names(ctx) == before
    with ctx.db.session() as s:
        assert s.exec(select(Stakeholder)).all() == []
    ctx.undo_stack.redo()
    assert len(names(ctx)) == 4
    with ctx.db.session() as s:
        assert sorted(c.name for c in s.exec(select(Stakeholder)).all()) == ["Beatriz Ōtani", "Tom O'Neil"]


def test_valid_rows_only_from_the_app(ctx, qtbot):
    window = open_window(qtbot, ctx)

    def tick_and_import(dialog):
        tick(qtbot, dialog.valid_only)
        qtbot.mouseClick(ok_button(dialog), Qt.MouseButton.LeftButton)

    when_modal(tick_and_import)
    assert window.import_export.import_csv(FILES / "broken_rows.csv").ok
    assert names(ctx) == ["Good Co", "Last Good Co"]


def test_cancel_imports_nothing(ctx, qtbot):
    window = open_window(qtbot, ctx)
    when_modal(lambda dialog: qtbot.mouseClick(dialog.buttons.button(QDialogButtonBox.StandardButton.Cancel),
                                               Qt.MouseButton.LeftButton))
    assert window.import_export.import_csv(FILES / "hubspot_companies.csv") is None
    assert names(ctx) == [] and ctx.undo_stack.count() == 0


def test_an_unreadable_file_gets_a_clear_message(ctx, qtbot, tmp_path, monkeypatch):
    window = open_window(qtbot, ctx)
    path = tmp_path / "empty.csv"
    path.write_bytes(b"")
    messages = []
    monkeypatch.setattr(QMessageBox, "warning", lambda _parent, _title, text: messages.append(text))
    assert window.import_export.import_csv(path) is None
    assert messages == ["empty.csv: The file is empty: no header row and no accounts."]


def test_file_menu_has_import_and_export_calendar(ctx, qtbot):
    window = open_window(qtbot, ctx)
    file_menu = window.menuBar().actions()[0].menu()
    texts = [a.text() for a in file_menu.actions()]
    assert "&Import CSV…" in texts and "Export &calendar…" in texts


def test_export_calendar_from_the_app(ctx, qtbot, tmp_path, monkeypatch):
    from icalendar import Calendar
    from PySide6.QtWidgets import QFileDialog

    with ctx.db.session() as s:
        accounts.create(s, name="Harbor Energy", renewal=ctx.today().replace(year=2027))
    window = open_window(qtbot, ctx)
    out = tmp_path / "plan"
    monkeypatch.setattr(QFileDialog, "getSaveFileName", lambda *a, **k: (str(out), ""))
    when_modal(lambda scope: qtbot.mouseClick(scope.findChild(QDialogButtonBox).button(
        QDialogButtonBox.StandardButton.Ok), Qt.MouseButton.LeftButton))
    written = window.import_export.export_calendar()
    assert written == tmp_path / "plan.ics"
    events = list(Calendar.from_ical(written.read_bytes()).walk("VEVENT"))
    assert [str(e["summary"]) for e in events] == ["Harbor Energy · Race day (renewal)"]
    assert window.statusBar().currentMessage() == "Wrote plan.ics (1 event)"
