"""Ctrl+K search box: accounts by fuzzy name first, then every record; Enter opens it where it lives."""

from datetime import date

import pytest
from PySide6.QtCore import Qt

from csplanner.core.changes import RecordType
from csplanner.core.services import accounts, checkins, milestones, notes, stakeholders
from csplanner.ui import operations
from csplanner.core.search import snippet_parts
from csplanner.ui.search_box import SearchBox, SearchResultsModel, records_query
from tests.ui.workspace_helpers import open_window, press, when_modal


@pytest.fixture
def book(ctx):
    with ctx.db.session() as s:
        harbor = accounts.create(s, name="Harbor Energy", goal="Single sign-on for every depot")
        accounts.create(s, name="Northwind Traders")
        accounts.create(s, name="Heron Bank")
        beatriz = stakeholders.create(s, account_id=harbor.id, name="Beatriz Ōtani", title="VP Operations",
                                       email="beatriz@harbor.example")
        run = milestones.create(s, account_id=harbor.id, title="SSO rollout", planned_on=date(2026, 12, 2),
                                notes="Okta tenant <script>alert(1)</script>")
        note = notes.create(s, account_id=harbor.id, noted_on=date(2026, 3, 1), kind="blocker",
                            text="The sponsor asked about SSO twice before signing")
        call = checkins.create(s, account_id=harbor.id, held_on=date(2026, 11, 2), summary="Sponsor wants SSO by Q1")
    return {"harbor": harbor.id, "beatriz": beatriz.id, "run": run.id, "note": note.id, "call": call.id}


def box_with(qtbot, ctx, text):
    box = SearchBox(ctx)
    qtbot.addWidget(box)
    box.show()
    qtbot.keyClicks(box.input, text)
    qtbot.waitUntil(lambda: not box.pending())
    return box


def shown(box):
    return [(r.heading, r.detail) for r in box.model.rows]


def test_hbr_finds_harbor_energy_first(ctx, qtbot, book):
    box = box_with(qtbot, ctx, "hbr")
    assert shown(box)[:2] == [("Accounts", ""), ("Harbor Energy", "")]
    assert box.results.currentIndex().row() == 1  # the first result is ready for Enter


def test_accounts_come_first_then_every_record(ctx, qtbot, book):
    box = box_with(qtbot, ctx, "sso")
    headings = [h for h, _ in shown(box)]
    assert headings[0] == "Records"  # no account is named like "sso"
    kinds = {d.split(" · ")[0] for _, d in shown(box)[1:]}
    assert kinds == {"Milestone", "Discovery note", "Check-in"}
    box.input.clear()
    qtbot.keyClicks(box.input, "harbor")
    qtbot.waitUntil(lambda: not box.pending())
    assert shown(box)[:2] == [("Accounts", ""), ("Harbor Energy", "")]
    assert [r.heading for r in box.model.rows if r.target and r.target.record_type] == ["Beatriz Ōtani"]  # e-mail


def test_a_stakeholder_by_name_with_the_match_marked(ctx, qtbot, book):
    box = box_with(qtbot, ctx, "otani")
    (row,) = [r for r in box.model.rows if r.target is not None]
    assert (row.heading, row.detail) == ("Beatriz Ōtani", "Stakeholder · Harbor Energy")
    assert snippet_parts(row.snippet) == [("Beatriz ", False), ("Ōtani", True)]
    assert (row.target.record_type, row.target.record_id) == (RecordType.STAKEHOLDER, book["beatriz"])


def test_one_letter_searches_accounts_only(ctx, qtbot, book):
    box = box_with(qtbot, ctx, "h")
    # names starting with it first (shorter first), then names holding it
    assert [h for h, _ in shown(box)] == ["Accounts", "Heron Bank", "Harbor Energy", "Northwind Traders"]
    assert "another letter" in box.status.text()


@pytest.mark.parametrize("text", ['"', "NEAR(", "sso*", "(( -", "'; DROP TABLE account; --", "<b>"])
def test_hostile_typing_never_breaks_the_box(ctx, qtbot, book, text):
    box = box_with(qtbot, ctx, text)
    assert box.status.text()  # it answered
    with ctx.db.session() as s:
        assert accounts.get(s, book["harbor"]).name == "Harbor Energy"


def test_html_in_user_text_stays_text(ctx, qtbot, book):
    box = box_with(qtbot, ctx, "okta")
    (row,) = [r for r in box.model.rows if r.target is not None]
    assert "<script>alert(1)</script>" in "".join(t for t, _ in snippet_parts(row.snippet))  # drawn as it is
    assert "<script>" in box.model.index(box.model.rows.index(row), 0).data(Qt.ItemDataRole.ToolTipRole)
    box.results.viewport().repaint()  # painted as plain text, never as markup


def test_arrows_skip_section_titles(ctx, qtbot, book):
    box = box_with(qtbot, ctx, "h")
    assert box.results.currentIndex().row() == 1
    qtbot.keyClick(box.input, Qt.Key.Key_Down)
    assert box.results.currentIndex().row() == 2
    qtbot.keyClick(box.input, Qt.Key.Key_PageDown)
    assert box.results.currentIndex().row() == 3  # the last one stays
    qtbot.keyClick(box.input, Qt.Key.Key_Up)
    qtbot.keyClick(box.input, Qt.Key.Key_Up)
    assert box.results.currentIndex().row() == 1  # never the "Accounts" title


def test_the_model_passes_the_model_tester(ctx, qtbot, qtmodeltester, book):
    box = box_with(qtbot, ctx, "sso")
    qtmodeltester.check(box.model)
    assert box.model.flags(box.model.index(0, 0)) == Qt.ItemFlag.NoItemFlags


def test_edits_undo_and_redo_are_found_at_once(ctx, qtbot, book):
    box = box_with(qtbot, ctx, "rollout")
    assert [r.heading for r in box.model.rows if r.target] == ["SSO rollout"]
    assert operations.update_record(ctx, RecordType.MILESTONE, book["run"], {"title": "SAML cutover"}).ok
    qtbot.waitUntil(lambda: not box.pending())
    assert [r.heading for r in box.model.rows if r.target] == []
    box.input.setText("saml")
    qtbot.waitUntil(lambda: [r.heading for r in box.model.rows if r.target] == ["SAML cutover"])
    ctx.undo_stack.undo()
    qtbot.waitUntil(lambda: [r.heading for r in box.model.rows if r.target] == [])
    box.input.setText("rollout")
    qtbot.waitUntil(lambda: [r.heading for r in box.model.rows if r.target] == ["SSO rollout"])
    ctx.undo_stack.redo()
    box.input.setText("cutover")
    qtbot.waitUntil(lambda: [r.heading for r in box.model.rows if r.target] == ["SAML cutover"])
    assert operations.delete_record(ctx, RecordType.ACCOUNT, book["harbor"]).ok
    qtbot.waitUntil(lambda: box.model.rows == [] or "Nothing" in box.status.text())
    ctx.undo_stack.undo()  # the account and everything in it come back, and so do the hits
    box.input.setText("otani")
    qtbot.waitUntil(lambda: [r.heading for r in box.model.rows if r.target] == ["Beatriz Ōtani"])


def test_ctrl_k_then_enter_opens_the_record_on_its_tab(ctx, qtbot, book):
    window = open_window(qtbot, ctx)

    def type_and_enter(box):
        qtbot.keyClicks(box.input, "beatr")
        qtbot.keyClick(box.input, Qt.Key.Key_Return)

    when_modal(type_and_enter)
    press(qtbot, window, "Ctrl+K")
    page = window.account_page
    assert page.title.text() == "Harbor Energy"
    tab = page.record_tabs[RecordType.STAKEHOLDER]
    assert page.tabs.currentWidget() is tab
    assert tab.current_id() == book["beatriz"]


def test_enter_on_an_account_opens_its_overview(ctx, qtbot, book):
    window = open_window(qtbot, ctx)
    page = window.account_page
    page.show_records(RecordType.MILESTONE)

    def pick(box):
        qtbot.keyClicks(box.input, "nwt")
        box.grab().save("/tmp/shots-find/search-nwt.png")
        qtbot.keyClick(box.input, Qt.Key.Key_Enter)

    when_modal(pick)
    press(qtbot, window, "Ctrl+K")
    assert page.title.text() == "Northwind Traders" and page.tabs.currentIndex() == 0


def test_a_milestone_result_opens_the_milestones_tab_with_it_selected(ctx, qtbot, book):
    window = open_window(qtbot, ctx)

    def pick(box):
        qtbot.keyClicks(box.input, "sso")
        qtbot.waitUntil(lambda: not box.pending())
        row = next(i for i, r in enumerate(box.model.rows) if r.heading == "SSO rollout")
        box.resize(720, 560)
        box.grab().save("/tmp/shots-find/search-sso.png")
        qtbot.mouseClick(box.results.viewport(), Qt.MouseButton.LeftButton,
                         pos=box.results.visualRect(box.model.index(row, 0)).center())

    when_modal(pick)
    press(qtbot, window, "Ctrl+K")
    tab = window.account_page.record_tabs[RecordType.MILESTONE]
    assert window.account_page.tabs.currentWidget() is tab and tab.current_id() == book["run"]


def test_escape_closes_without_choosing(ctx, qtbot, book):
    window = open_window(qtbot, ctx)
    before = window.account_page.title.text()
    when_modal(lambda box: qtbot.keyClick(box.input, Qt.Key.Key_Escape))
    press(qtbot, window, "Ctrl+K")
    assert window.account_page.title.text() == before


def test_results_model_rows():
    model = SearchResultsModel()
    assert model.rowCount() == 0 and model.first_target_row() is None


def test_names_matched_only_by_letters_yield_to_records(ctx, qtbot, book):
    with ctx.db.session() as s:
        for name in ("Beacon Travel", "Beacon Tractors", "Bear Trading", "Bead Trim", "Beta Train"):
            accounts.create(s, name=name)
    box = box_with(qtbot, ctx, "beatr")
    headings = [h for h, _ in shown(box)]
    assert headings[0] == "Accounts" and headings.index("Records") == 4  # three loose names, then records
    assert "Beatriz Ōtani" in headings
    box.input.setText("btr")  # no record matches: every loose name is shown
    qtbot.waitUntil(lambda: not box.pending())
    assert [h for h, _ in shown(box)] == ["Accounts", "Bead Trim", "Beta Train", "Bear Trading", "Beacon Travel",
                                          "Beacon Tractors"]


@pytest.mark.parametrize(("typed", "searched"), [
    ("sso", "sso"), ("sso r", "sso"), ("sso ro", "sso ro"), ("a", "a"), ("a b", "a"), ("sso  r ", "sso"),
])
def test_a_last_word_of_one_letter_waits_for_the_next(typed, searched):
    assert records_query(typed) == searched
