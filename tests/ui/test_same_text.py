"""The app and the account plan PDF print the same money, band, labels and dates for one account."""

import re
from datetime import timedelta

from pypdf import PdfReader
from PySide6.QtCore import Qt

from csplanner.core.enums import MilestoneStatus, Phase, RunType, Stage, Team
from csplanner.core.services import accounts, milestones
from csplanner.export.account_plan import export_account_plan
from csplanner.export.qcolors import as_text, band_color
from csplanner.ui.health_panel import HealthPanel
from tests.conftest import TODAY
from tests.ui.workspace_helpers import open_window


def cells(view, header: str) -> list[str]:
    """Every shown text of the column titled `header`, whatever model (or proxy) the view has."""
    model = view.model()
    column = next(c for c in range(model.columnCount())
                  if model.headerData(c, Qt.Orientation.Horizontal) == header)
    return [model.index(r, column).data() for r in range(model.rowCount())]


def tips(view, header: str) -> list[str]:
    model = view.model()
    column = next(c for c in range(model.columnCount())
                  if model.headerData(c, Qt.Orientation.Horizontal) == header)
    return [model.index(r, column).data(Qt.ItemDataRole.ToolTipRole) for r in range(model.rowCount())]


def test_money_band_labels_and_dates_read_the_same_on_screen_and_on_paper(ctx, qtbot, tmp_path):
    race = TODAY + timedelta(days=34)
    with ctx.db.session() as s:
        aid = accounts.create(s, name="Pest Kft", arr_minor=12_345_600, currency="HUF", stage=Stage.ADOPT,
                              contract_signed=TODAY - timedelta(days=300), kickoff=TODAY - timedelta(days=290),
                              renewal=race).id
        milestones.create(s, account_id=aid, title="Value review", planned_on=TODAY - timedelta(days=3),
                          run_type=RunType.MEDIUM, phase=Phase.RENEWAL, team=Team.CSM,
                          status=MilestoneStatus.DONE, done_on=TODAY - timedelta(days=3))

    window = open_window(qtbot, ctx)
    listing = window.account_list.table
    overview = window.account_page.overview
    panel = window.findChild(HealthPanel)
    runs = window.account_page.record_tabs["milestone"]
    window.account_page.tabs.setCurrentWidget(runs)
    qtbot.waitUntil(lambda: runs.table.model().rowCount() == 1)

    screen = {
        "money": overview.facts["arr"].text(),
        "money in the list": tips(listing, "ARR")[0],
        "race day": overview.facts["renewal"].text(),
        "race day in the list": cells(listing, "Race day")[0],
        "stage": overview.facts["stage"].text(),
        "phase": cells(runs.table, "Phase")[0],
        "run type": cells(runs.table, "Run type")[0],
        "score": panel.score_label.text(),
    }
    assert screen["money"] == screen["money in the list"] == "HUF 123,456"  # 2 digits, in the app as on paper
    assert cells(listing, "ARR")[0] == "HUF 123k"
    assert screen["race day"] == screen["race day in the list"] == "29 Dec 2026"
    assert (screen["stage"], screen["phase"], screen["run type"]) == ("Adopt", "Renewal", "Medium")
    score = int(screen["score"].split(" / ")[0])
    # the band's colour, in its variant that reads as text on this palette
    assert panel.score_label.palette().color(panel.score_label.foregroundRole()) == as_text(band_color(score), panel.palette())

    out = tmp_path / "plan.pdf"
    export_account_plan(ctx.db, aid, out, today=TODAY)
    paper = re.sub(r"\s+", " ", " ".join(p.extract_text() for p in PdfReader(str(out)).pages))
    for what, text in screen.items():
        assert text in paper, what
    assert "Renewal · CSM" in paper  # the phase, not the account field "Renewal (race day)"
    assert "Renewal (race day)" not in paper
