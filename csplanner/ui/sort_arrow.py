"""Sort arrows that point the way the rows run: ▲ for A→Z and oldest first, ▼ for newest first.

Qt hands a header sorted ascending to the style as "sort down" (and Fusion draws ▼), the
opposite of what file managers and spreadsheets show; this proxy swaps the two for headers.
"""

from PySide6.QtWidgets import QHeaderView, QProxyStyle, QStyle, QStyleOption, QStyleOptionHeader, QWidget
from PySide6.QtGui import QPainter


class SortArrowStyle(QProxyStyle):
    def drawPrimitive(self, element: QStyle.PrimitiveElement, option: QStyleOption, painter: QPainter,  # noqa: N802
                      widget: QWidget | None = None) -> None:
        if element == QStyle.PrimitiveElement.PE_IndicatorHeaderArrow and isinstance(option, QStyleOptionHeader):
            flipped = QStyleOptionHeader(option)
            up, down = QStyleOptionHeader.SortIndicator.SortUp, QStyleOptionHeader.SortIndicator.SortDown
            flipped.sortIndicator = down if option.sortIndicator == up else up if option.sortIndicator == down \
                else option.sortIndicator
            super().drawPrimitive(element, flipped, painter, widget)
            return
        super().drawPrimitive(element, option, painter, widget)


def fix_sort_arrows(window: QWidget) -> None:
    """Give every table header in `window` the arrows above."""
    for header in window.findChildren(QHeaderView):
        if header.orientation().name == "Horizontal" and not isinstance(header.style(), SortArrowStyle):
            style = SortArrowStyle()
            style.setParent(header)
            header.setStyle(style)
