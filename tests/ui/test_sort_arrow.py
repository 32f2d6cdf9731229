"""Newest-first tables show ▼, A→Z lists show ▲ (Qt's own mapping draws them the other way round)."""

from PySide6.QtCore import Qt
from PySide6.QtWidgets import QProxyStyle, QStyle, QStyleOptionHeader

from csplanner.ui.sort_arrow import SortArrowStyle
from tests.ui.workspace_helpers import open_window

UP, DOWN = QStyleOptionHeader.SortIndicator.SortUp, QStyleOptionHeader.SortIndicator.SortDown


class Recorder(QProxyStyle):
    """The style underneath: notes which arrow it was asked to draw."""

    def __init__(self) -> None:
        super().__init__()
        self.drawn: list[object] = []

    def drawPrimitive(self, element, option, painter, widget=None):  # noqa: N802
        if element == QStyle.PrimitiveElement.PE_IndicatorHeaderArrow:
            self.drawn.append(option.sortIndicator)
        super().drawPrimitive(element, option, painter, widget)


def drawn_arrow(header):
    recorder = Recorder()
    style = SortArrowStyle(recorder)
    header.setStyle(style)
    header.grab()
    return recorder.drawn[-1]


def test_every_table_header_points_the_way_its_rows_run(ctx, qtbot):
    from csplanner.core.services import accounts

    with ctx.db.session() as s:
        accounts.create(s, name="Acme")
    window = open_window(qtbot, ctx)
    assert isinstance(window.account_list.table.horizontalHeader().style(), SortArrowStyle)
    check_ins = window.account_page.record_tabs
    headers = [tab.table.horizontalHeader() for tab in check_ins.values()]
    assert headers and all(isinstance(h.style(), SortArrowStyle) for h in headers)
    names = window.account_list.table.horizontalHeader()
    assert names.sortIndicatorOrder() == Qt.SortOrder.AscendingOrder
    assert drawn_arrow(names) == UP  # A→Z: ▲
    newest_first = next(h for h in headers if h.sortIndicatorOrder() == Qt.SortOrder.DescendingOrder)
    newest_first.window().show()
    assert drawn_arrow(newest_first) == DOWN  # newest first: ▼
