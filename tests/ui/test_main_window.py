"""The account workspace driven like a user: shortcuts, dialogs, table keys, undo and redo."""

from datetime import date

import pytest
from PySide6.QtCore import QModelIndex, QPoint, Qt, Signal
from PySide6.QtWidgets import QApplication, QWidget
from sqlmodel import select

from csplanner.core.enums import Stage
from csplanner.core.models import Account, CheckIn, DiscoveryNote, Milestone, Obstacle, Stakeholder
from csplanner.core.services import accounts, checkins, milestones, notes, obstacles, stakeholders
from csplanner.ui import screens
from csplanner.ui.main_window import MainWindow
from csplanner.ui.account_list_model import AccountListModel
from tests.conftest import TODAY
from tests.ui.workspace_helpers import cancel, fill, ok, open_window, press, when_modal, yes


def add_account(ctx, name, **values):
    with ctx.db.session() as s:
        return accounts.create(s, name=name, **values).id


def shown_names(window):
    model = window.account_list.model
    return [model.index(r, AccountListModel.NAME).data() for r in range(model.rowCount())]


def rows_of(ctx, model, account_id):
    with ctx.db.session() as s:
        return list(s.exec(select(model).where(model.account_id == account_id)).all())


# kind, shortcut, model, what a new one needs, a broken rule (field, text, message), an edit (field, text, attr, value)
KINDS = [
    ("stakeholder", "Ctrl+Shift+P", Stakeholder, {"name": "Dana Diaz"},
     ("email", "dana@", "is not a valid email address"), ("title", "CIO", "title", "CIO")),
    ("discovery_note", "Ctrl+Shift+N", DiscoveryNote, {"text": "They tried spreadsheets first"},
     ("noted_on", "yesterday", "is not a valid date"), ("text", "They need one quote tool", "text",
                                                        "They need one quote tool")),
    ("milestone", "Ctrl+Shift+M", Milestone, {"title": "Kickoff"},
     ("title", "   ", "Title is required"), ("planned_on", "2026-12-10", "planned_on", date(2026, 12, 10))),
    ("obstacle", "Ctrl+Shift+O", Obstacle, {"title": "Budget freeze"},
     ("resolved_on", "2026-01-01", "must be on or after opened on"), ("mitigation", "Talk to the CFO",
                                                                      "mitigation", "Talk to the CFO")),
    ("check_in", "Ctrl+Shift+C", CheckIn, {"summary": "Good call"},
     ("held_on", "2026-13-40", "is not a valid date"), ("next_steps", "Send the deck", "next_steps", "Send the deck")),
]


@pytest.mark.parametrize(("kind", "keys", "model", "needs", "broken", "edit"), KINDS, ids=[k[0] for k in KINDS])
def test_each_record_kind_create_reject_edit_delete_undo_redo(ctx, qtbot, kind, keys, model, needs, broken, edit):
    aid = add_account(ctx, "Acme")
    window = open_window(qtbot, ctx)
    assert window.current_account_id() == aid
    tab = window.account_page.record_tabs[kind]

    def broken_then_fixed(dialog):
        field, text, message = broken
        fill(qtbot, dialog, **needs)
        fill(qtbot, dialog, **{field: text})
        ok(qtbot, dialog)
        assert dialog.isVisible() and message in dialog.errors[field].text()  # shown next to the field
        assert rows_of(ctx, model, aid) == []  # and nothing was saved
        kept, typed = next(iter(needs.items()))
        assert field == kept or dialog.inputs[kept].value() == typed  # the rest of the input is kept
        fill(qtbot, dialog, **{field: ""})
        fill(qtbot, dialog, **needs)
        ok(qtbot, dialog)

    seen = when_modal(broken_then_fixed)
    press(qtbot, window, keys)
    assert len(seen) == 1 and seen[0].windowTitle().startswith("New ")
    saved = rows_of(ctx, model, aid)
    assert len(saved) == 1
    assert window.account_page.tabs.currentWidget() is tab  # the window shows where it went
    assert tab.model.rowCount() == 1 and tab.table.isVisible()
    record_id = saved[0].id

    # edit: Enter on the selected row opens it
    field, text, attr, value = edit
    tab.select(record_id)
    when_modal(lambda d: (fill(qtbot, d, **{field: text}), ok(qtbot, d)))
    qtbot.keyClick(tab.table, Qt.Key.Key_Return)
    assert getattr(rows_of(ctx, model, aid)[0], attr) == value
    shown = [tab.model.index(0, c).data() for c in range(tab.model.columnCount())]
    assert any(str(text)[:12] in cell for cell in shown) or attr == "planned_on" and "10 Dec 2026" in shown

    # delete: the Delete key asks once, then it is gone (from the database and the screen)
    asked = when_modal(lambda box: yes(qtbot, box))
    qtbot.keyClick(tab.table, Qt.Key.Key_Delete)
    assert asked and asked[0].text().startswith("Delete the ")
    assert rows_of(ctx, model, aid) == [] and tab.model.rowCount() == 0 and tab.empty.isVisible()
    assert window.undo_action.text().startswith("&Undo Delete ")

    press(qtbot, window, "Ctrl+Z")
    assert [r.id for r in rows_of(ctx, model, aid)] == [record_id] and tab.model.rowCount() == 1
    assert getattr(rows_of(ctx, model, aid)[0], attr) == value
    press(qtbot, window, "Ctrl+Shift+Z")
    assert rows_of(ctx, model, aid) == [] and tab.model.rowCount() == 0


def test_new_account_with_ctrl_n_then_undo_and_redo(ctx, qtbot):
    add_account(ctx, "Acme")
    window = open_window(qtbot, ctx)

    def broken_then_fixed(dialog):
        fill(qtbot, dialog, name="Globex", arr_minor="250k", contract_signed="2026-03-01", renewal="2026-02-01")
        ok(qtbot, dialog)
        assert "must be after contract signed" in dialog.errors["renewal"].text()
        assert [r.name for r in window.account_list.model.all_rows] == ["Acme"]
        fill(qtbot, dialog, renewal="2027-03-01")
        qtbot.keyClick(dialog.inputs["name"].widget, Qt.Key.Key_Return)  # Enter saves

    when_modal(broken_then_fixed)
    press(qtbot, window, "Ctrl+N")
    with ctx.db.session() as s:
        globex = accounts.by_name(s, "Globex")
    assert (globex.arr_minor, globex.renewal) == (25_000_000, date(2027, 3, 1))
    assert shown_names(window) == ["Acme", "Globex"] and window.current_account_id() == globex.id
    assert window.account_page.title.text() == "Globex"
    assert "2 accounts" in window.status_counts.text()
    assert window.undo_action.text() == "&Undo Add account 'Globex'"
    press(qtbot, window, "Ctrl+Z")
    assert shown_names(window) == ["Acme"]
    with ctx.db.session() as s:
        assert s.get(Account, globex.id) is None
    press(qtbot, window, "Ctrl+Shift+Z")
    assert shown_names(window) == ["Acme", "Globex"]


def test_escape_in_a_dialog_saves_nothing(ctx, qtbot):
    aid = add_account(ctx, "Acme")
    window = open_window(qtbot, ctx)
    when_modal(lambda d: (fill(qtbot, d, title="Kickoff"), qtbot.keyClick(d, Qt.Key.Key_Escape)))
    press(qtbot, window, "Ctrl+Shift+M")
    assert rows_of(ctx, Milestone, aid) == [] and ctx.undo_stack.count() == 0


def test_deleting_an_account_names_its_records_and_undo_brings_all_back(ctx, qtbot):
    aid = add_account(ctx, "Acme", renewal=date(2027, 3, 1))
    add_account(ctx, "Globex")
    with ctx.db.session() as s:
        for n in range(4):
            stakeholders.create(s, account_id=aid, name=f"Person {n}")
        for n in range(22):
            milestones.create(s, account_id=aid, title=f"Run {n}", planned_on=TODAY)
        notes.create(s, account_id=aid, text="Need", noted_on=TODAY)
        obstacles.create(s, account_id=aid, title="Freeze", opened_on=TODAY)
        checkins.create(s, account_id=aid, held_on=TODAY)
    window = open_window(qtbot, ctx)
    window.select_account(aid)
    asked = when_modal(lambda box: yes(qtbot, box))
    qtbot.mouseClick(window.account_page.overview.delete_button, Qt.MouseButton.LeftButton)
    assert asked[0].text() == ("Delete Acme and its 4 stakeholders, 1 discovery note, 22 milestones, 1 obstacle "
                               "and 1 check-in?")
    assert shown_names(window) == ["Globex"]
    assert rows_of(ctx, Milestone, aid) == []
    assert window.undo_action.text() == "&Undo Delete account 'Acme'"
    press(qtbot, window, "Ctrl+Z")
    assert shown_names(window) == ["Acme", "Globex"]
    assert len(rows_of(ctx, Milestone, aid)) == 22 and len(rows_of(ctx, Stakeholder, aid)) == 4


def test_filter_as_you_type_and_archived_hidden_unless_asked(ctx, qtbot):
    for name in ("Acme", "Acorn Bank", "Globex"):
        add_account(ctx, name)
    add_account(ctx, "Acme Old", archived=True)
    window = open_window(qtbot, ctx)
    assert shown_names(window) == ["Acme", "Acorn Bank", "Globex"]
    press(qtbot, window, "Ctrl+F")
    assert window.account_list.filter.hasFocus()
    qtbot.keyClicks(window.account_list.filter, "ac")
    assert shown_names(window) == ["Acme", "Acorn Bank"]
    qtbot.keyClicks(window.account_list.filter, "m")
    assert shown_names(window) == ["Acme"]
    qtbot.mouseClick(window.account_list.show_archived, Qt.MouseButton.LeftButton)
    assert shown_names(window) == ["Acme", "Acme Old (archived)"]
    qtbot.keyClick(window.account_list.filter, Qt.Key.Key_Return)  # Enter opens the first match
    assert window.account_page.title.text() == "Acme"


def test_sorting_by_clicking_column_headers(ctx, qtbot):
    add_account(ctx, "Beta", arr_minor=500_00, renewal=date(2027, 1, 1), stage=Stage.RENEW)
    add_account(ctx, "Alpha", arr_minor=900_00, renewal=date(2027, 6, 1), stage=Stage.ADOPT)
    add_account(ctx, "Gamma", arr_minor=100_00, renewal=None, stage=Stage.LAND)
    window = open_window(qtbot, ctx)
    window.resize(1440, 900)
    window.splitter.setSizes([640, 800])  # a list wide enough for every column (a narrow one drops ARR and Days)
    QApplication.processEvents()
    header = window.account_list.table.horizontalHeader()

    def click(column):
        x = header.sectionViewportPosition(column) + header.sectionSize(column) // 2
        qtbot.mouseClick(header.viewport(), Qt.MouseButton.LeftButton, pos=QPoint(x, 5))

    assert shown_names(window) == ["Alpha", "Beta", "Gamma"]
    click(AccountListModel.RACE_DAY)
    assert shown_names(window) == ["Beta", "Alpha", "Gamma"]  # soonest race first, none last
    click(AccountListModel.ARR)
    assert shown_names(window) == ["Gamma", "Beta", "Alpha"]
    click(AccountListModel.ARR)
    assert shown_names(window) == ["Alpha", "Beta", "Gamma"]  # a second click: biggest first
    click(AccountListModel.STAGE)
    assert shown_names(window) == ["Gamma", "Alpha", "Beta"]  # LAER order: land, adopt, ..., renew
    assert window.current_account_id() is not None


def test_arr_sorts_within_each_currency_never_yen_against_dollars(ctx, qtbot):
    add_account(ctx, "Tokyo", arr_minor=9_000_000, currency="JPY")  # ¥9,000,000: about $60,000
    add_account(ctx, "Boston", arr_minor=80_000_00, currency="USD")
    add_account(ctx, "Austin", arr_minor=20_000_00, currency="USD")
    add_account(ctx, "Osaka", arr_minor=12_000_000, currency="JPY")
    window = open_window(qtbot, ctx)
    window.sort_accounts(AccountListModel.ARR, Qt.SortOrder.DescendingOrder)
    assert shown_names(window) == ["Boston", "Austin", "Osaka", "Tokyo"]
    window.sort_accounts(AccountListModel.ARR, Qt.SortOrder.AscendingOrder)
    assert shown_names(window) == ["Tokyo", "Osaka", "Austin", "Boston"]


def test_the_list_orders_accented_names_alphabetically_and_finds_them_typed_plainly(ctx, qtbot):
    for name in ("Zeta Labs", "Ärzte GmbH", "Arzt Praxis", "Éclair SA"):
        add_account(ctx, name)
    window = open_window(qtbot, ctx)
    assert shown_names(window) == ["Arzt Praxis", "Ärzte GmbH", "Éclair SA", "Zeta Labs"]  # Ä was after Z
    qtbot.keyClicks(window.account_list.filter, "arzte")
    qtbot.waitUntil(lambda: shown_names(window) == ["Ärzte GmbH"])


def test_archive_hides_the_account_and_undo_brings_it_back(ctx, qtbot):
    aid = add_account(ctx, "Acme")
    add_account(ctx, "Globex")
    window = open_window(qtbot, ctx)
    window.select_account(aid)
    qtbot.mouseClick(window.account_page.overview.archive_button, Qt.MouseButton.LeftButton)
    with ctx.db.session() as s:
        assert s.get(Account, aid).archived
    assert shown_names(window) == ["Globex"]
    assert window.undo_action.text() == "&Undo Archive account 'Acme'"
    press(qtbot, window, "Ctrl+Z")
    assert shown_names(window) == ["Acme", "Globex"]


def test_window_remembers_size_splitter_and_account(ctx, qtbot):
    add_account(ctx, "Acme")
    gid = add_account(ctx, "Globex")
    window = open_window(qtbot, ctx)
    window.resize(window.width(), 520)  # the offscreen screen is 800x600: the height is what can differ
    window.splitter.setSizes([380, 620])
    window.select_account(gid)
    window.account_page.tabs.setCurrentIndex(3)
    sizes = window.splitter.sizes()
    window.close()
    again = open_window(qtbot, ctx)
    assert again.current_account_id() == gid
    assert again.height() == 520
    assert again.splitter.sizes()[0] == sizes[0]
    assert again.account_page.tabs.currentIndex() == 3


class FakeView(QWidget):
    open_account = Signal(int)


def test_other_views_open_an_account_in_the_accounts_view(ctx, qtbot, monkeypatch):
    view = FakeView()
    monkeypatch.setattr(screens, "top_views", lambda ctx: [("Elsewhere", view, "Ctrl+9")])
    add_account(ctx, "Acme")
    hidden = add_account(ctx, "Zeta", archived=True)
    window = open_window(qtbot, ctx)
    press(qtbot, window, "Ctrl+9")
    assert window.views.currentWidget() is view
    qtbot.keyClicks(window.account_list.filter, "acme")
    view.open_account.emit(hidden)
    assert window.views.currentIndex() == 0
    assert window.current_account_id() == hidden and window.account_list.filter.text() == ""
    assert window.account_list.show_archived.isChecked()


def test_menus_show_the_shortcuts(ctx, qtbot):
    window = open_window(qtbot, ctx)
    menus = {a.text().replace("&", ""): a.menu() for a in window.menuBar().actions()}
    texts = {a.text().replace("&", ""): a.shortcut().toString() for m in menus.values() for a in m.actions()}
    assert texts["New account…"] == "Ctrl+N"
    assert texts["New milestone…"] == "Ctrl+Shift+M"
    assert texts["New discovery note…"] == "Ctrl+Shift+N"
    assert texts["New obstacle…"] == "Ctrl+Shift+O"
    assert texts["New check-in…"] == "Ctrl+Shift+C"
    assert texts["Find account"] == "Ctrl+F"


def test_list_models_pass_the_model_tester(ctx, qtbot, qtmodeltester):
    aid = add_account(ctx, "Acme", renewal=date(2027, 1, 1), arr_minor=120_000_00)
    add_account(ctx, "Globex")
    with ctx.db.session() as s:
        stakeholders.create(s, account_id=aid, name="Dana")
        milestones.create(s, account_id=aid, title="Kickoff", planned_on=TODAY)
        notes.create(s, account_id=aid, text="Need", noted_on=TODAY)
        obstacles.create(s, account_id=aid, title="Freeze", opened_on=TODAY)
        checkins.create(s, account_id=aid, held_on=TODAY)
    window = MainWindow(ctx)
    qtbot.addWidget(window)
    window.select_account(aid)
    qtmodeltester.check(window.account_list.model)
    for tab in window.account_page.record_tabs.values():
        tab.load()
        assert tab.model.rowCount() == 1
        qtmodeltester.check(tab.model)
        tab.model.sort(1, Qt.SortOrder.DescendingOrder)
        assert tab.model.index(0, 0, QModelIndex()).isValid()


def test_health_column_shows_each_score_and_sorts_by_it(ctx, qtbot):
    from csplanner.core import health

    fit = add_account(ctx, "Fit", contract_signed=date(2026, 1, 5), renewal=date(2027, 1, 5))
    hurt = add_account(ctx, "Hurt", contract_signed=date(2026, 1, 5), renewal=date(2027, 1, 5))
    with ctx.db.session() as s:
        checkins.create(s, account_id=fit, held_on=TODAY)
        obstacles.create(s, account_id=hurt, title="Escalation", opened_on=TODAY, severity="critical")
        scores = {aid: h.score for aid, h in health.health_many(s, None, TODAY).items()}
    assert scores[fit] > scores[hurt]
    window = open_window(qtbot, ctx)
    model = window.account_list.model

    def shown():
        return {model.id_at(r): model.index(r, AccountListModel.HEALTH).data() for r in range(model.rowCount())}

    qtbot.waitUntil(lambda: shown() == {fit: str(scores[fit]), hurt: str(scores[hurt])})  # once the list is drawn
    window.sort_accounts(AccountListModel.HEALTH, Qt.SortOrder.AscendingOrder)
    assert shown_names(window) == ["Hurt", "Fit"]  # weakest first: who needs attention


def test_the_list_is_drawn_first_and_its_health_fills_in_after(ctx, qtbot):
    """At start the accounts appear at once; their scores (5000 of them cost more than the rest of
    the first screen) follow as soon as the list is on screen."""
    from csplanner.core import health

    fit = add_account(ctx, "Fit", contract_signed=date(2026, 1, 5), renewal=date(2027, 1, 5))
    with ctx.db.session() as s:
        score = health.account_health(s, fit, TODAY).score
    window = MainWindow(ctx)
    qtbot.addWidget(window)
    model = window.account_list.model
    cell = model.index(0, AccountListModel.HEALTH)
    assert (model.rowCount(), model.index(0, AccountListModel.NAME).data(), cell.data()) == (1, "Fit", "")
    window.show()
    qtbot.waitUntil(lambda: model.index(0, AccountListModel.HEALTH).data() == str(score))


def test_a_long_list_fills_in_every_score_and_each_paints_in_its_band_in_light_and_dark(ctx, qtbot):
    """250 accounts: every row gets its score (told to the view a run of rows at a time, so only the
    Health cells on screen repaint), and the cells' colours follow the band and the palette."""
    from PySide6.QtGui import QColor, QPalette
    from PySide6.QtWidgets import QStyleOptionViewItem

    from csplanner.core import health
    from csplanner.export.qcolors import band_color, tint

    with ctx.db.session() as s:
        for i in range(250):
            aid = accounts.create(s, name=f"Account {i:03}", contract_signed=date(2026, 1, 5), renewal=date(2027, 1, 5)).id
            if i % 2:
                checkins.create(s, account_id=aid, held_on=TODAY)
            if i % 3 == 0:
                obstacles.create(s, account_id=aid, title="Escalation", opened_on=TODAY, severity="critical")
        scores = {aid: h.score for aid, h in health.health_many(s, None, TODAY).items()}
    window = MainWindow(ctx)
    qtbot.addWidget(window)
    model = window.account_list.model
    told: set[int] = set()
    model.dataChanged.connect(lambda top, bottom, *_: told.update(
        range(top.row(), bottom.row() + 1)) if top.column() == bottom.column() == AccountListModel.HEALTH else None)
    window.show()

    def shown():
        return {model.id_at(r): model.index(r, AccountListModel.HEALTH).data() for r in range(model.rowCount())}

    qtbot.waitUntil(lambda: shown() == {aid: str(score) for aid, score in scores.items()})
    assert told == set(range(250))  # every row's Health cell was said to have changed
    assert len({s for s in scores.values()}) > 1
    table = window.account_list.table
    delegate = table.itemDelegateForColumn(AccountListModel.HEALTH)

    def look(row):
        option = QStyleOptionViewItem()
        option.palette = table.palette()
        delegate.initStyleOption(option, model.index(row, AccountListModel.HEALTH))
        return int(option.text), option.palette.text().color(), option.backgroundBrush.color(), option.font.bold()

    for row in range(0, 250, 7):  # light: the band's colour darkened, on a light tint of it
        score, text, ground, bold = look(row)
        assert bold and text == band_color(score).darker(135)
        assert ground == tint(band_color(score), 0.16, table.palette().base().color())
    dark = QPalette(table.palette())
    dark.setColor(QPalette.ColorRole.Base, QColor("#202124"))
    table.setPalette(dark)
    for row in range(0, 250, 7):  # dark: lightened, on a dark tint
        score, text, ground, _bold = look(row)
        assert text == band_color(score).lighter(135)
        assert ground == tint(band_color(score), 0.16, QColor("#202124"))
