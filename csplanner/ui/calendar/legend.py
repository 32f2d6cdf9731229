"""A one-line key to the calendar's colours, so a first-time reader needs no explanation."""

from PySide6.QtCore import QRect, QRectF, QSize, Qt
from PySide6.QtGui import QBrush, QColor, QFont, QFontMetrics, QPainter, QPaintEvent, QPalette, QPen, QResizeEvent
from PySide6.QtWidgets import QSizePolicy, QWidget

from csplanner.core.enums import Phase, RunType
from csplanner.core.present import hurt_label, run_legend, value_label
from csplanner.export import qcolors as colors



class Legend(QWidget):
    def __init__(self, parent: QWidget | None = None, *, phases: bool = True) -> None:
        super().__init__(parent)
        self.phases = phases
        self.setFixedHeight(22)
        self.setSizePolicy(QSizePolicy.Policy.Expanding, QSizePolicy.Policy.Fixed)

    def _font(self) -> QFont:
        font = QFont(self.font())
        if font.pointSizeF() > 0:
            font.setPointSizeF(font.pointSizeF() * 0.85)
        return font

    def _items(self) -> list[tuple[str, QColor, str]]:
        items = [("fill", colors.RUN[r], run_legend(r)) for r in RunType]
        items += [("outline", colors.RUN[RunType.MEDIUM], "Planned"), ("fill", colors.RUN[RunType.MEDIUM], "Done"),
                  ("fill", colors.MISSED, "Missed / overdue"),
                  ("bar", colors.INJURY, hurt_label(True)), ("hatch", colors.WEATHER, hurt_label(False))]
        if self.phases:
            items += [("band", colors.PHASE[p], value_label(p)) for p in Phase]
        return items

    def sizeHint(self) -> QSize:
        fm = QFontMetrics(self._font())
        return QSize(sum(fm.horizontalAdvance(t) + 30 for _k, _c, t in self._items()), 22)

    def _item_width(self, fm: QFontMetrics, swatch_style: str, text: str) -> int:
        return (10 if swatch_style == "band" else 22) + fm.horizontalAdvance(text) + 12

    def _lines(self, width: int) -> int:
        fm, x, lines = QFontMetrics(self._font()), 4, 1
        for swatch_style, _color, text in self._items():
            w = self._item_width(fm, swatch_style, text)
            if x + w > width and x > 4:
                lines, x = lines + 1, 4
            x += w
        return lines

    def resizeEvent(self, event: QResizeEvent) -> None:
        # wrap onto more lines rather than clip the key in a narrow window
        self.setFixedHeight(22 * self._lines(event.size().width()))
        super().resizeEvent(event)

    def paintEvent(self, event: QPaintEvent) -> None:
        p = QPainter(self)
        p.setRenderHint(QPainter.RenderHint.Antialiasing)
        p.setFont(self._font())
        fm = QFontMetrics(p.font())
        x, top = 4, 0
        text_color = self.palette().color(QPalette.ColorRole.WindowText)
        for swatch_style, color, text in self._items():
            if x + self._item_width(fm, swatch_style, text) > self.width() and x > 4:
                x, top = 4, top + 22
            p.save()
            p.translate(0, top)
            swatch = QRectF(x, 5, 18, 12)
            if swatch_style == "fill":
                p.setPen(QPen(color.darker(115), 1))
                p.setBrush(color)
                p.drawRoundedRect(swatch, 3, 3)
            elif swatch_style == "outline":
                p.setPen(QPen(color, 1.6))
                p.setBrush(colors.tint(color, 28 / 255, self.palette()))
                p.drawRoundedRect(swatch, 3, 3)
            elif swatch_style == "bar":
                p.setPen(Qt.PenStyle.NoPen)
                p.setBrush(color)
                p.drawRoundedRect(QRectF(x, 8, 18, 5), 2, 2)
            elif swatch_style == "hatch":
                p.setPen(QPen(color, 1))
                p.setBrush(QBrush(color, Qt.BrushStyle.BDiagPattern))
                p.drawRect(QRectF(x, 8, 18, 5))
            else:  # band
                p.setPen(Qt.PenStyle.NoPen)
                p.fillRect(QRect(x, 4, 5, 14), color)
                swatch = QRectF(x, 5, 6, 12)
            x = int(swatch.right()) + 4
            p.setPen(text_color)
            p.drawText(QRect(x, 0, fm.horizontalAdvance(text) + 2, 22), Qt.AlignmentFlag.AlignVCenter, text)
            x += fm.horizontalAdvance(text) + 12
            p.restore()
        p.end()
