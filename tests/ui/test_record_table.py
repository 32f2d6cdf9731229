"""A record table sorts on the real values (dates, ranks), newest first by default, through a proxy."""

from datetime import date

from PySide6.QtCore import QPoint, Qt

from csplanner.core.changes import RecordType
from csplanner.core.enums import Severity
from csplanner.core.services import accounts, milestones, notes, obstacles, stakeholders
from csplanner.ui.record_table import RecordTab
from tests.conftest import TODAY

DAYS = (date(2026, 2, 9), date(2026, 10, 1), date(2026, 1, 15))  # as text: "9 Feb", "1 Oct", "15 Jan"


def make_tab(ctx, qtbot, record_type):
    with ctx.db.session() as s:
        aid = accounts.create(s, name="Acme").id
        for i, day in enumerate(DAYS):
            milestones.create(s, account_id=aid, title=f"Run {i}", planned_on=day)
            notes.create(s, account_id=aid, noted_on=day, text=f"Note {i}")
        for sev in (Severity.LOW, Severity.CRITICAL, Severity.MEDIUM):
            obstacles.create(s, account_id=aid, title=f"{sev} one", opened_on=TODAY, severity=sev)
    tab = RecordTab(ctx, record_type)
    qtbot.addWidget(tab)
    tab.set_account(aid)
    tab.resize(900, 400)
    tab.show()
    return tab


def column(tab, c):
    return [tab.model.index(r, c).data() for r in range(tab.model.rowCount())]


def click_header(qtbot, tab, c):
    header = tab.table.horizontalHeader()
    x = header.sectionViewportPosition(c) + header.sectionSize(c) // 2
    qtbot.mouseClick(header.viewport(), Qt.MouseButton.LeftButton, pos=QPoint(x, header.height() // 2))


def test_milestones_read_in_plan_order_and_sort_by_the_date_not_its_text(ctx, qtbot):
    tab = make_tab(ctx, qtbot, RecordType.MILESTONE)
    assert column(tab, 1) == ["Run 2", "Run 0", "Run 1"]  # 15 Jan, 9 Feb, 1 Oct
    click_header(qtbot, tab, 0)
    assert column(tab, 1) == ["Run 1", "Run 0", "Run 2"]
    click_header(qtbot, tab, 1)  # by title
    assert column(tab, 1) == ["Run 0", "Run 1", "Run 2"]


def test_notes_start_newest_first(ctx, qtbot):
    tab = make_tab(ctx, qtbot, RecordType.DISCOVERY_NOTE)
    assert column(tab, 2) == ["Note 1", "Note 0", "Note 2"]


def test_severity_sorts_by_rank_and_the_selection_follows_its_row(ctx, qtbot):
    tab = make_tab(ctx, qtbot, RecordType.OBSTACLE)
    tab.select(tab.model.id_at(0))
    chosen = tab.current_id()
    click_header(qtbot, tab, 3)
    assert column(tab, 3) in (["Low", "Medium", "Critical"], ["Critical", "Medium", "Low"])
    assert tab.current_id() == chosen


def test_a_long_title_and_email_show_whole_when_the_other_columns_need_less(ctx, qtbot):
    with ctx.db.session() as s:
        aid = accounts.create(s, name="Ashford").id
        stakeholders.create(s, account_id=aid, name="Kenji Quinn", title="Process Excellence Lead",
                            email="kquinn@ashfordmanufacturing.co.uk", location="Leeds")
    tab = RecordTab(ctx, RecordType.STAKEHOLDER)
    qtbot.addWidget(tab)
    tab.resize(1080, 400)
    tab.set_account(aid)
    tab.show()
    qtbot.waitExposed(tab)
    header, metrics = tab.table.horizontalHeader(), tab.table.fontMetrics()
    for c in (1, 6):  # Title, Email: their whole text fits
        text = tab.model.index(0, c).data()
        assert header.sectionSize(c) >= metrics.horizontalAdvance(text), text


def test_each_narrow_column_fits_the_text_of_the_account_shown(ctx, qtbot):
    from datetime import timedelta

    with ctx.db.session() as s:
        short = accounts.create(s, name="Short").id
        milestones.create(s, account_id=short, title="Go", planned_on=TODAY)
        long = accounts.create(s, name="Long").id
        milestones.create(s, account_id=long, title="Quarterly business review with the whole board",
                          planned_on=TODAY + timedelta(days=200))
    tab = RecordTab(ctx, RecordType.MILESTONE)
    qtbot.addWidget(tab)
    tab.resize(1080, 400)
    tab.show()
    qtbot.waitExposed(tab)
    header, metrics = tab.table.horizontalHeader(), tab.table.fontMetrics()
    widths = {}
    for aid in (short, long):
        tab.set_account(aid)
        for c, sample in enumerate(tab.spec.widths):
            if sample and c not in tab.spec.stretch and not header.isSectionHidden(c):
                text = tab.model.index(0, c).data() or ""
                cap = tab.fontMetrics().horizontalAdvance(sample) + 24
                assert header.sectionSize(c) >= min(cap, metrics.horizontalAdvance(text) + 6), (c, text)
                assert header.sectionSize(c) <= max(cap, header.sectionSizeHint(c))  # never wider than its sample
        widths[aid] = [header.sectionSize(c) for c in range(header.count())]
    assert widths[short] != widths[long]  # fitted to each account's own text, not kept from the first
