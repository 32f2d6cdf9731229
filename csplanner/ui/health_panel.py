"""Health ("form") in the account overview: the score, its four explained parts and a trend chart.

Painted with QPainter (no QtCharts). The panel re-reads the score whenever an edit touches its
account, so ticking a run anywhere moves the score and its compliance part at once.
"""

from datetime import date

from PySide6.QtCore import QPointF, QRectF, QSize, Qt
from PySide6.QtGui import QColor, QFont, QPainter, QPaintEvent, QPalette, QPen
from PySide6.QtWidgets import QFrame, QGridLayout, QHBoxLayout, QLabel, QSizePolicy, QVBoxLayout, QWidget

from csplanner.core import health, read
from csplanner.core.errors import DomainError
from csplanner.core.changes import Change
from csplanner.core.present import BAND_FROM, Band, band_word
from csplanner.export.qcolors import BAND, as_text, band_color
from csplanner.ui.context import AppContext
from csplanner.ui.labels import panel_title

TREND_WEEKS = health.TREND_WEEKS


class ScoreBar(QWidget):
    """A part's 0–100 score as a short filled bar with the figure beside it."""

    def __init__(self, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.score = 0.0
        self.setSizePolicy(QSizePolicy.Policy.Fixed, QSizePolicy.Policy.Fixed)

    def set_score(self, score: float) -> None:
        self.score = score
        self.setToolTip(f"{score:.0f} / 100")
        self.update()

    def sizeHint(self) -> QSize:
        return QSize(110, 16)

    def paintEvent(self, _event: QPaintEvent) -> None:
        p = QPainter(self)
        p.setRenderHint(QPainter.RenderHint.Antialiasing)
        text_w = 28
        track = QRectF(0.5, 4.5, self.width() - text_w - 6, self.height() - 9)
        p.setPen(Qt.PenStyle.NoPen)
        p.setBrush(self.palette().color(QPalette.ColorRole.Midlight))
        p.drawRoundedRect(track, 3, 3)
        filled = QRectF(track)
        filled.setWidth(track.width() * max(0.0, min(100.0, self.score)) / 100)
        p.setBrush(band_color(self.score))
        if filled.width() > 0:
            p.drawRoundedRect(filled, 3, 3)
        p.setPen(self.palette().color(QPalette.ColorRole.Text))
        p.drawText(QRectF(self.width() - text_w, 0, text_w, self.height()),
                   Qt.AlignmentFlag.AlignRight | Qt.AlignmentFlag.AlignVCenter, f"{self.score:.0f}")
        p.end()


class TrendChart(QWidget):
    """Weekly scores as a line over 0–100 with the 50 and 75 bands; the last point is this week."""

    def __init__(self, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.points: list[tuple[date, int]] = []
        self.setMinimumSize(220, 110)
        self.setSizePolicy(QSizePolicy.Policy.Expanding, QSizePolicy.Policy.Preferred)

    def set_points(self, points: list[tuple[date, int]]) -> None:
        self.points = list(points)
        if points:
            first, last = points[0], points[-1]
            self.setToolTip(f"Health by week: {first[1]} in week {first[0].isocalendar()[1]}, "
                            f"{last[1]} this week")
        else:
            self.setToolTip("")
        self.update()

    def sizeHint(self) -> QSize:
        return QSize(280, 130)

    def plot_rect(self) -> QRectF:
        fm = self.fontMetrics()
        left = fm.horizontalAdvance("100") + 8
        return QRectF(left, 8, self.width() - left - 10, self.height() - 16 - fm.height())

    def point_at(self, i: int) -> QPointF:
        r = self.plot_rect()
        n = max(1, len(self.points) - 1)
        x = r.left() + (r.width() * i / n if len(self.points) > 1 else r.width())
        return QPointF(x, r.bottom() - r.height() * self.points[i][1] / 100)

    def paintEvent(self, _event: QPaintEvent) -> None:
        p = QPainter(self)
        p.setRenderHint(QPainter.RenderHint.Antialiasing)
        pal = self.palette()
        r = self.plot_rect()
        muted = pal.color(QPalette.ColorRole.PlaceholderText)
        # bands: what counts as poor / fair / good
        amber, green = BAND_FROM[Band.AMBER], BAND_FROM[Band.GREEN]
        for low, high, color in ((0, amber, BAND[Band.RED]), (amber, green, BAND[Band.AMBER]),
                                 (green, 100, BAND[Band.GREEN])):
            band = QColor(color)
            band.setAlpha(22)
            top = r.bottom() - r.height() * high / 100
            p.fillRect(QRectF(r.left(), top, r.width(), r.height() * (high - low) / 100), band)
        p.setPen(QPen(muted, 1, Qt.PenStyle.DotLine))
        fm = self.fontMetrics()
        for value in (0, amber, green, 100):
            y = r.bottom() - r.height() * value / 100
            p.drawLine(QPointF(r.left(), y), QPointF(r.right(), y))
            p.drawText(QRectF(0, y - fm.height() / 2, r.left() - 5, fm.height()),
                       Qt.AlignmentFlag.AlignRight | Qt.AlignmentFlag.AlignVCenter, str(value))
        if not self.points:
            p.setPen(muted)
            p.drawText(r, Qt.AlignmentFlag.AlignCenter, "No weekly scores yet")
            p.end()
            return
        line = QColor(pal.color(QPalette.ColorRole.Text))
        p.setPen(QPen(line, 1.6))
        for i in range(1, len(self.points)):
            p.drawLine(self.point_at(i - 1), self.point_at(i))
        for i, (_day, score) in enumerate(self.points):
            last = i == len(self.points) - 1
            p.setPen(QPen(line, 1))
            p.setBrush(band_color(score))
            p.drawEllipse(self.point_at(i), 4.5 if last else 3, 4.5 if last else 3)
        # week numbers under the first and the last point
        p.setPen(muted)
        y = r.bottom() + 3
        first, last = self.points[0][0], self.points[-1][0]
        p.drawText(QRectF(r.left() - 20, y, 80, fm.height()), Qt.AlignmentFlag.AlignLeft,
                   f"W{first.isocalendar()[1]}" if len(self.points) > 1 else "")
        now = f"this week (W{last.isocalendar()[1]})"
        width = fm.horizontalAdvance(now) + 4
        p.drawText(QRectF(r.right() + 6 - width, y, width, fm.height()), Qt.AlignmentFlag.AlignRight, now)
        p.end()


class HealthPanel(QFrame):
    """Score, the part that drags it down most, the four parts explained, and the trend."""

    def __init__(self, ctx: AppContext, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.ctx = ctx
        self.account_id: int | None = None
        self.current: health.Health | None = None
        self.setObjectName("healthPanel")
        self.title = panel_title("Health (form)")
        self.score_label = QLabel("—")
        big = QFont(self.score_label.font())
        big.setPointSizeF(big.pointSizeF() * 2.4)
        big.setBold(True)
        self.score_label.setFont(big)
        self.score_label.setTextFormat(Qt.TextFormat.PlainText)
        self.weakest_label = QLabel()
        self.weakest_label.setTextFormat(Qt.TextFormat.PlainText)
        self.weakest_label.setWordWrap(True)

        self.parts = QGridLayout()
        self.parts.setHorizontalSpacing(12)
        self.parts.setVerticalSpacing(6)
        self.part_names: dict[str, QLabel] = {}
        self.part_bars: dict[str, ScoreBar] = {}
        self.part_texts: dict[str, QLabel] = {}
        for row, key in enumerate(health.WEIGHTS):
            name = QLabel(f"{health.NAMES[key]} · {health.WEIGHTS[key]:.0%}")
            name.setToolTip(f"This part makes up {health.WEIGHTS[key]:.0%} of the score.")
            bar = ScoreBar()
            text = QLabel()
            text.setTextFormat(Qt.TextFormat.PlainText)
            text.setWordWrap(True)
            text.setSizePolicy(QSizePolicy.Policy.Expanding, QSizePolicy.Policy.Preferred)
            self.parts.addWidget(name, row, 0, Qt.AlignmentFlag.AlignTop)
            self.parts.addWidget(bar, row, 1, Qt.AlignmentFlag.AlignTop)
            self.parts.addWidget(text, row, 2, Qt.AlignmentFlag.AlignTop)
            self.part_names[key], self.part_bars[key], self.part_texts[key] = name, bar, text
        self.parts.setColumnStretch(2, 1)

        self.chart = TrendChart()
        chart_box = QVBoxLayout()
        chart_caption = QLabel(f"Trend, last {TREND_WEEKS} weeks")
        chart_caption.setForegroundRole(QPalette.ColorRole.PlaceholderText)
        chart_box.addWidget(chart_caption)
        chart_box.addWidget(self.chart, 1)

        head = QVBoxLayout()
        head.addWidget(self.title)
        head.addWidget(self.score_label)
        head.addWidget(self.weakest_label)
        head.addStretch(1)
        top = QHBoxLayout()
        top.addLayout(head, 2)
        top.addLayout(chart_box, 3)
        outer = QVBoxLayout(self)
        outer.addLayout(top)
        outer.addLayout(self.parts)
        self.setFrameShape(QFrame.Shape.StyledPanel)
        ctx.bus.changed.connect(self.on_changed)
        self.set_account(None)

    def set_account(self, account_id: int | None) -> None:
        self.account_id = account_id
        self.refresh()

    def on_changed(self, change: Change) -> None:
        if change.trend_only and change.concerns(self.account_id):
            self.refresh_later()
        elif (change.health or change.trend) and change.concerns(self.account_id):
            self.refresh()

    def refresh_later(self) -> None:
        """Re-read in a worker: the start's backfill wrote past weeks' scores, which no edit waits
        for (reading the score and trend on the GUI thread held the window for tens of ms)."""
        db, account_id, today = self.ctx.db, self.account_id, self.ctx.today()
        if account_id is None:
            return

        def show(view: read.HealthView) -> None:
            if self.account_id == account_id:  # not another account meanwhile
                self.current = view.health
                self._show(view.health, view.trend)

        self.ctx.jobs.run(lambda: read.health_view(db, account_id, today), show, owner=self, threads=db.threads_ok)

    def refresh(self) -> None:
        if self.account_id is None:
            self.current = None
            self._show(None, [])
            return
        try:
            view = read.health_view(self.ctx.db, self.account_id, self.ctx.today())
        except DomainError:  # the account vanished (deleted, or its creation undone)
            self.current = None
            self._show(None, [])
            return
        self.current = view.health
        self._show(view.health, view.trend)

    def _show(self, h: health.Health | None, points: list[tuple[date, int]]) -> None:
        self.setVisible(h is not None)
        self.chart.set_points(points)
        if h is None:
            return
        color = band_color(h.score)
        self.score_label.setText(f"{h.score} / 100")
        pal = self.score_label.palette()
        pal.setColor(QPalette.ColorRole.WindowText, as_text(color, pal))
        self.score_label.setPalette(pal)
        self.score_label.setToolTip(f"Health {h.score} of 100 ({band_word(h.score)})")
        weakest = h.weakest
        if weakest.score >= 100:
            self.weakest_label.setText("Every part is at full marks.")
        else:
            self.weakest_label.setText(f"Drags it down most: {weakest.name.lower()} "
                                       f"(−{weakest.drag:.0f} points).")
        for part in h.parts:
            self.part_bars[part.key].set_score(part.score)
            self.part_texts[part.key].setText(part.explanation)
            font = self.part_names[part.key].font()
            font.setBold(part.key == weakest.key and weakest.score < 100)
            self.part_names[part.key].setFont(font)
