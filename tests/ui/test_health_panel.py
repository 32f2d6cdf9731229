"""The health panel shows the live score, its parts and a trend that ends on this week's score."""

from datetime import date, timedelta

from PySide6.QtGui import QColor

from csplanner.core import calendar, changes
from csplanner.core.enums import ObstacleKind, Severity
from csplanner.core.changes import RecordType
from csplanner.core.models import Account, HealthSnapshot
from csplanner.core.present import Band
from csplanner.core.services import accounts, checkins
from csplanner.export.qcolors import BAND
from csplanner.ui import operations, screens
from csplanner.ui.account_page import AccountPage
from csplanner.ui.health_panel import HealthPanel, TrendChart
from tests.conftest import TODAY


def make_account(ctx, name="Acme <i>x</i>"):
    with ctx.db.session() as s:
        aid = accounts.create(s, name=name, contract_signed=date(2026, 6, 1), renewal=date(2027, 6, 1)).id
        checkins.create(s, account_id=aid, held_on=TODAY - timedelta(days=2))
    return aid


def make_panel(ctx, qtbot, account_id):
    panel = HealthPanel(ctx)
    qtbot.addWidget(panel)
    panel.set_account(account_id)
    panel.resize(760, 330)
    panel.show()
    return panel


def test_no_account_shows_nothing(ctx, qtbot):
    aid = make_account(ctx)
    panel = make_panel(ctx, qtbot, aid)
    assert not panel.isHidden()
    panel.set_account(None)
    assert panel.isHidden() and panel.current is None


def test_parts_and_weakest_follow_an_undoable_obstacle(ctx, qtbot):
    aid = make_account(ctx)
    panel = make_panel(ctx, qtbot, aid)
    before = panel.current.score
    assert before == 56  # 55.5: nobody on file yet, so coverage is 15
    assert panel.part_texts["obstacles"].text() == "No open obstacles."
    assert panel.part_bars["obstacles"].score == 100
    outcome = operations.create_record(ctx, RecordType.OBSTACLE, {
        "account_id": aid, "title": "Escalation", "opened_on": TODAY, "severity": Severity.CRITICAL,
        "kind": ObstacleKind.ESCALATION})
    assert outcome.ok
    assert panel.part_bars["obstacles"].score == 0
    assert panel.current.score == 30  # 30.5: the obstacles part (25 %) emptied
    assert panel.weakest_label.text() == "Drags it down most: open obstacles (−25 points)."
    assert panel.part_names["obstacles"].font().bold()
    ctx.undo_stack.undo()
    assert panel.current.score == before and panel.part_texts["obstacles"].text() == "No open obstacles."


def test_edits_to_other_accounts_do_not_redraw(ctx, qtbot):
    aid = make_account(ctx)
    other = make_account(ctx, "Other")
    panel = make_panel(ctx, qtbot, aid)
    shown = panel.current
    operations.create_record(ctx, RecordType.OBSTACLE, {"account_id": other, "title": "Gap", "opened_on": TODAY})
    assert panel.current is shown


def test_trend_ends_on_the_live_score(ctx, qtbot):
    aid = make_account(ctx)
    with ctx.db.session() as s:
        for weeks_ago, score in ((3, 40), (2, 55), (1, 80), (0, 1)):
            s.add(HealthSnapshot(account_id=aid, week_start=calendar.week_start(TODAY) - timedelta(weeks=weeks_ago),
                                 score=score))
    panel = make_panel(ctx, qtbot, aid)
    points = panel.chart.points
    assert [v for _, v in points] == [40, 55, 80, panel.current.score]  # the stale 1 is replaced
    assert points[-1][0] == date(2026, 11, 23)


def test_trend_chart_paints_points_in_their_band_colours(qtbot):
    chart = TrendChart()
    qtbot.addWidget(chart)
    chart.resize(300, 140)
    chart.set_points([(date(2026, 11, 16), 20), (date(2026, 11, 23), 90)])
    image = chart.grab().toImage()

    def near(point, color: QColor) -> bool:
        c = image.pixelColor(round(point.x()), round(point.y()))
        return abs(c.red() - color.red()) < 40 and abs(c.green() - color.green()) < 40 and abs(c.blue() - color.blue()) < 40

    first, last = chart.point_at(0), chart.point_at(1)
    assert first.y() > last.y()  # a higher score is drawn higher up
    assert near(first, BAND[Band.RED]) and near(last, BAND[Band.GREEN])


def test_score_text_is_plain(ctx, qtbot):
    aid = make_account(ctx)
    panel = make_panel(ctx, qtbot, aid)
    from PySide6.QtCore import Qt

    for label in list(panel.part_texts.values()) + [panel.score_label, panel.weakest_label]:
        assert label.textFormat() == Qt.TextFormat.PlainText


def test_weeks_the_start_adds_to_the_trend_show_up_and_the_rest_of_the_page_stays(ctx, qtbot):
    """The start's backfill writes past weeks' scores in a worker, then says so (changes.TREND):
    the chart gains the weeks, read off the GUI thread; the page around it is not read again."""
    aid = make_account(ctx)
    page = AccountPage(ctx, screens.account_tabs(ctx), screens.overview_widgets(ctx))
    qtbot.addWidget(page)
    page.set_account(aid)
    page.show()
    panel = page.findChild(HealthPanel)
    assert [v for _, v in panel.chart.points] == [panel.current.score]  # only this week, live
    with ctx.db.session() as s:  # what the worker writes, and a goal typed elsewhere meanwhile
        for weeks_ago, score in ((2, 35), (1, 70)):
            s.add(HealthSnapshot(account_id=aid, week_start=calendar.week_start(TODAY) - timedelta(weeks=weeks_ago),
                                 score=score))
        s.get(Account, aid).goal = "Run a marathon"
    ctx.bus.announce(changes.TREND)
    qtbot.waitUntil(lambda: [v for _, v in panel.chart.points] == [35, 70, panel.current.score])
    assert "marathon" not in page.overview.goal.text()  # weekly scores alone reload nothing else
