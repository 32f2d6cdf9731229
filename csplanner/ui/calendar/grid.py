"""The painted week grid: weeks as rows, seven day columns, the week summary on the right.

The grid only shows and reports: it emits signals (chip clicked, moved, day activated…) and
the account or all-accounts view turns them into undoable commands.
"""

import html
from collections.abc import Callable
from dataclasses import dataclass
from datetime import date, timedelta
from typing import Protocol

from PySide6.QtCore import QEvent, QLocale, QPoint, QRect, QRectF, QSize, Qt, QTimer, Signal
from PySide6.QtGui import (
    QBrush, QColor, QFont, QFontMetrics, QHelpEvent, QKeyEvent, QMouseEvent, QPainter, QPaintEvent,
    QPalette, QPen, QPixmap, QResizeEvent, QWheelEvent,
)
from PySide6.QtWidgets import QAbstractScrollArea, QApplication, QToolTip, QWidget

from csplanner.core.calendar import AccountPlan, Bar, Chip, DayTotal, Week
from csplanner.core.enums import MilestoneStatus, RunType, label
from csplanner.ui.calendar import colors

HEADER_H = 26
LABEL_W = 150
SUMMARY_W = 124
MIN_DAY_W = 72
CHIP_H = 18
CHIP_GAP = 2
BAR_H = 13
DAY_TOP = 20  # the date line at the top of each day


class Source(Protocol):
    """What the grid shows: a run of weeks, and the data for any window of them."""

    def row_count(self) -> int: ...
    def week_start(self, row: int) -> date: ...
    def row_of(self, day: date) -> int | None: ...
    def window(self, first_row: int, last_row: int) -> AccountPlan: ...


@dataclass
class DayCell:
    day: date
    rect: QRect
    chips: list[tuple[QRect, Chip]]
    hidden: int  # chips that did not fit ("+3 more")
    all_chips: list[Chip]  # the loaded ones (the all-accounts view loads a few per day)
    total: DayTotal


@dataclass
class WeekRow:
    row: int
    week: Week
    rect: QRect
    days: list[DayCell]
    bars: list[tuple[QRect, Bar]]


class _Header(QWidget):
    """Day names above the grid, in the scroll area's top margin."""

    def __init__(self, grid: "CalendarGrid") -> None:
        super().__init__(grid)
        self.grid = grid

    def paintEvent(self, event: QPaintEvent) -> None:
        self.grid.paint_header(self)


class CalendarGrid(QAbstractScrollArea):
    chip_clicked = Signal(object)  # Chip
    chip_moved = Signal(object, object)  # Chip, new date
    chip_menu = Signal(object, QPoint)  # Chip, global position
    chip_delete = Signal(object)  # Chip
    day_activated = Signal(object)  # date: double-click or Enter on a day without a chip
    current_changed = Signal(object)  # date

    def __init__(self, source: Source, today: Callable[[], date], *, row_height: int = 112,
                 show_account: bool = False, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.source = source
        self.today = today
        self.row_height = row_height
        self.show_account = show_account
        self.first_weekday = QLocale().firstDayOfWeek().value - 1  # Qt: 1 = Monday … 7 = Sunday
        self.current: date = today()
        self.selected: int | None = None  # milestone id
        self.race_day: date | None = None
        self._layout: list[WeekRow] | None = None
        self._plan: AccountPlan | None = None
        self._account_names: dict[int, str] = {}
        self._fonts: dict[tuple[str, float, bool], QFont] = {}
        self._press: tuple[Chip, QPoint] | None = None
        self._drag: Chip | None = None
        self._drag_pos = QPoint()
        self.setFocusPolicy(Qt.FocusPolicy.StrongFocus)
        self.setMouseTracking(True)
        self.viewport().setMouseTracking(True)
        self.setViewportMargins(0, HEADER_H, 0, 0)
        self.header = _Header(self)
        self._prefetch = QTimer(self, singleShot=True, interval=0)
        self._prefetch.timeout.connect(self._prefetch_now)
        self.verticalScrollBar().setSingleStep(1)
        self.verticalScrollBar().valueChanged.connect(self._invalidate)
        self.setMinimumSize(LABEL_W + SUMMARY_W + 7 * MIN_DAY_W + 20, HEADER_H + row_height * 2)
        self.reload()

    # ---- data -------------------------------------------------------------------------
    def reload(self) -> None:
        """The source's data changed: recompute the scroll range and repaint."""
        self._update_scrollbar()
        self._invalidate()

    def _invalidate(self, *_args: object) -> None:
        self._layout = None
        self.viewport().update()
        self.header.update()

    def visible_rows(self) -> int:
        return max(1, self.viewport().height() // self.row_height)

    def _update_scrollbar(self) -> None:
        rows = self.source.row_count()
        bar = self.verticalScrollBar()
        bar.setRange(0, max(0, rows - self.visible_rows()))
        bar.setPageStep(self.visible_rows())

    def first_row(self) -> int:
        return self.verticalScrollBar().value()

    def scroll_to_row(self, row: int, *, top: bool = False) -> None:
        bar = self.verticalScrollBar()
        first, shown = bar.value(), self.visible_rows()
        if top or row < first:
            bar.setValue(row)
        elif row >= first + shown:
            bar.setValue(row - shown + 1)

    def ensure_visible(self, day: date, *, top: bool = False) -> None:
        row = self.source.row_of(day)
        if row is not None:
            self.scroll_to_row(row, top=top)

    # ---- geometry ---------------------------------------------------------------------
    def day_width(self) -> int:
        return max(MIN_DAY_W, (self.viewport().width() - LABEL_W - SUMMARY_W) // 7)

    def layout_rows(self) -> list[WeekRow]:
        """Where every visible week, day, chip and bar goes (cached until data or size change)."""
        if self._layout is not None:
            return self._layout
        rows = self.source.row_count()
        first = self.first_row()
        last = min(rows - 1, first + self.visible_rows())
        self._layout = []
        if rows == 0 or last < first:
            self._plan = None
            return self._layout
        plan = self._plan = self.source.window(first, last)
        self._account_names = {c.account_id: c.account_name for c in plan.chips}
        weeks = {w.start: w for w in plan.weeks}
        dw, rh = self.day_width(), self.row_height
        for i, row in enumerate(range(first, last + 1)):
            start = self.source.week_start(row)
            week = weeks.get(start)
            if week is None:
                continue
            top = i * rh
            bars = plan.bars_in(week.start, week.end)
            bars = sorted(bars, key=lambda b: (-b.intensity, b.start))[: 2 if self.show_account else 3]
            bar_space = len(bars) * (BAR_H + 2) + (2 if bars else 0)
            room = max(0, (rh - DAY_TOP - bar_space - 2) // (CHIP_H + CHIP_GAP))
            cells = []
            for d, day in enumerate(week.days()):
                rect = QRect(LABEL_W + d * dw, top, dw, rh)
                chips = plan.chips_on(day)
                total = plan.total_on(day)
                count = max(total.runs, len(chips))
                if self._drag is not None and any(c.milestone_id == self._drag.milestone_id for c in chips):
                    chips = [c for c in chips if c.milestone_id != self._drag.milestone_id]
                    count -= 1
                shown = chips if count <= room else chips[: max(0, room - 1)]
                placed = []
                for k, chip in enumerate(shown):
                    y = top + DAY_TOP + k * (CHIP_H + CHIP_GAP)
                    placed.append((QRect(rect.left() + 3, y, dw - 6, CHIP_H), chip))
                cells.append(DayCell(day, rect, placed, count - len(shown), chips, total))
            placed_bars = []
            for k, bar in enumerate(bars):
                a = max(bar.start, week.start)
                b = min(bar.end, week.end)
                x0 = LABEL_W + (a - week.start).days * dw + 2
                x1 = LABEL_W + ((b - week.start).days + 1) * dw - 2
                y = top + rh - (k + 1) * (BAR_H + 2) - 1
                placed_bars.append((QRect(x0, y, x1 - x0, BAR_H), bar))
            self._layout.append(WeekRow(row, week, QRect(0, top, LABEL_W + 7 * dw + SUMMARY_W, rh), cells, placed_bars))
        if hasattr(self.source, "prefetch"):
            self._prefetch.start()  # read the next weeks while the user looks at these
        return self._layout

    def _prefetch_now(self) -> None:
        first = self.first_row()
        self.source.prefetch(first, first + self.visible_rows())  # type: ignore[attr-defined]

    def cell_at(self, pos: QPoint) -> DayCell | None:
        for week in self.layout_rows():
            if week.rect.top() <= pos.y() < week.rect.bottom() + 1:
                for cell in week.days:
                    if cell.rect.contains(pos):
                        return cell
        return None

    def chip_at(self, pos: QPoint) -> Chip | None:
        cell = self.cell_at(pos)
        if cell is not None:
            for rect, chip in cell.chips:
                if rect.contains(pos):
                    return chip
        return None

    def bar_at(self, pos: QPoint) -> Bar | None:
        for week in self.layout_rows():
            for rect, bar in week.bars:
                if rect.adjusted(0, -2, 0, 2).contains(pos):
                    return bar
        return None

    def chip_rect(self, milestone_id: int) -> QRect | None:
        """Where a chip is drawn in viewport coordinates (None when off screen)."""
        for week in self.layout_rows():
            for cell in week.days:
                for rect, chip in cell.chips:
                    if chip.milestone_id == milestone_id:
                        return rect
        return None

    def day_rect(self, day: date) -> QRect | None:
        for week in self.layout_rows():
            for cell in week.days:
                if cell.day == day:
                    return cell.rect
        return None

    def chips_on(self, day: date) -> list[Chip]:
        for week in self.layout_rows():
            for cell in week.days:
                if cell.day == day:
                    return cell.all_chips
        return []

    # ---- painting ---------------------------------------------------------------------
    def resizeEvent(self, event: QResizeEvent) -> None:
        super().resizeEvent(event)
        vp = self.viewport().geometry()
        self.header.setGeometry(vp.x(), vp.y() - HEADER_H, vp.width(), HEADER_H)
        self._update_scrollbar()
        self._invalidate()

    def sizeHint(self) -> QSize:
        return QSize(LABEL_W + SUMMARY_W + 7 * 120 + 20, HEADER_H + self.row_height * 6)

    def _small(self, factor: float = 0.85, bold: bool = False) -> QFont:
        key = (self.font().key(), factor, bold)
        cached = self._fonts.get(key)
        if cached is not None:
            return QFont(cached)  # a copy: callers may strike it out
        font = QFont(self.font())
        if font.pointSizeF() > 0:
            font.setPointSizeF(max(6.5, font.pointSizeF() * factor))
        font.setBold(bold)
        self._fonts[key] = font
        return QFont(font)

    def paintEvent(self, event: QPaintEvent) -> None:
        painter = QPainter(self.viewport())
        painter.setRenderHint(QPainter.RenderHint.Antialiasing)
        pal = self.palette()
        painter.fillRect(self.viewport().rect(), pal.color(QPalette.ColorRole.Base))
        today = self.today()
        for week in self.layout_rows():
            self._paint_week(painter, week, today)
        if self._drag is not None:
            self._paint_drag(painter)
        painter.end()

    def paint_header(self, header: QWidget) -> None:
        painter = QPainter(header)
        pal = self.palette()
        rect = QRect(0, 0, header.width(), HEADER_H)
        painter.fillRect(rect, pal.color(QPalette.ColorRole.Button))
        painter.setFont(self._small(0.95, bold=True))
        painter.setPen(pal.color(QPalette.ColorRole.ButtonText))
        dw = self.day_width()
        x0 = 0
        painter.drawText(QRect(x0 + 8, 0, LABEL_W - 8, HEADER_H), Qt.AlignmentFlag.AlignVCenter, "Week")
        locale = QLocale()
        for d in range(7):
            weekday = (self.first_weekday + d) % 7 + 1  # Qt: 1 = Monday
            name = locale.dayName(weekday, QLocale.FormatType.ShortFormat)
            painter.drawText(QRect(x0 + LABEL_W + d * dw, 0, dw, HEADER_H), Qt.AlignmentFlag.AlignCenter, name)
        painter.drawText(QRect(x0 + LABEL_W + 7 * dw, 0, SUMMARY_W, HEADER_H), Qt.AlignmentFlag.AlignCenter, "Week summary")
        painter.setPen(pal.color(QPalette.ColorRole.Mid))
        painter.drawLine(0, HEADER_H - 1, header.width(), HEADER_H - 1)
        painter.end()

    def _day_fill(self, cell: DayCell, today: date, in_plan: bool) -> QColor:
        """Past days by compliance (green / yellow / red), future days by their biggest run."""
        pal = self.palette()
        total = cell.total
        if total.planned and cell.day < today:
            color = colors.DONE if total.done == total.planned else colors.PARTLY if total.done else colors.MISSED
            return colors.tint(pal, color, 46)
        if total.planned and total.biggest is not None:
            return colors.tint(pal, colors.RUN[total.biggest], 30)
        if not in_plan:
            return pal.color(QPalette.ColorRole.AlternateBase)
        return pal.color(QPalette.ColorRole.Base)

    def _paint_week(self, p: QPainter, week: WeekRow, today: date) -> None:
        pal = self.palette()
        w = week.week
        rect = week.rect
        in_plan = w.number is not None or w.weeks_to_race is not None or self.show_account
        # the label column: phase band and "Week 5 · 21 weeks to race day"
        label_rect = QRect(0, rect.top(), LABEL_W, rect.height())
        phase_color = colors.PHASE.get(w.phase) if w.phase else None
        p.fillRect(label_rect, colors.tint(pal, phase_color, 40) if phase_color else pal.color(QPalette.ColorRole.Window))
        if phase_color:
            p.fillRect(QRect(0, rect.top(), 6, rect.height()), phase_color)
        p.setPen(pal.color(QPalette.ColorRole.Text))
        x = 12
        y = rect.top() + 4
        if w.number is not None:
            p.setFont(self._small(1.0, bold=True))
            p.drawText(QRect(x, y, LABEL_W - x - 4, 18), Qt.AlignmentFlag.AlignLeft, f"Week {w.number}")
            y += 18
        p.setFont(self._small(0.85))
        if w.weeks_to_race is not None:
            text = "Race week" if w.weeks_to_race == 0 else f"{w.weeks_to_race} week{'s' if w.weeks_to_race != 1 else ''} to race day"
            if w.weeks_to_race == 0:
                p.setFont(self._small(0.9, bold=True))
                p.setPen(colors.RUN[RunType.RACE].darker(130))
            p.drawText(QRect(x, y, LABEL_W - x - 4, 16), Qt.AlignmentFlag.AlignLeft, text)
            p.setPen(pal.color(QPalette.ColorRole.Text))
            p.setFont(self._small(0.85))
            y += 16
        locale = QLocale()
        if w.number is None and w.weeks_to_race is None:  # all-accounts view: the ISO week leads
            p.setFont(self._small(1.0, bold=True))
            p.drawText(QRect(x, y, LABEL_W - x - 4, 18), Qt.AlignmentFlag.AlignLeft, w.iso_label())
            y += 18
            p.setFont(self._small(0.85))
            p.drawText(QRect(x, y, LABEL_W - x - 4, 16), Qt.AlignmentFlag.AlignLeft,
                       f"{locale.toString(w.start, 'd MMM')} – {locale.toString(w.end, 'd MMM yyyy')}")
        else:
            p.setPen(pal.color(QPalette.ColorRole.PlaceholderText))
            p.drawText(QRect(x, y, LABEL_W - x - 4, 16), Qt.AlignmentFlag.AlignLeft,
                       f"{w.iso_label()} · {locale.toString(w.start, 'd MMM yyyy')}")
        y += 16
        if phase_color and w.phase:
            p.setFont(self._small(0.8, bold=True))
            p.setPen(phase_color.darker(125) if pal.color(QPalette.ColorRole.Base).lightness() > 128 else phase_color.lighter(130))
            p.drawText(QRect(x, y, LABEL_W - x - 4, 16), Qt.AlignmentFlag.AlignLeft, w.phase.value.upper())
        # days
        grid_pen = QPen(pal.color(QPalette.ColorRole.Midlight if pal.color(QPalette.ColorRole.Base).lightness() > 128 else QPalette.ColorRole.Mid))
        for cell in week.days:
            p.fillRect(cell.rect, self._day_fill(cell, today, in_plan))
            self._paint_day_top(p, cell, today)
            for chip_rect, chip in cell.chips:
                self._paint_chip(p, chip_rect, chip, today)
            if cell.hidden:
                p.setFont(self._small(0.8, bold=True))
                p.setPen(pal.color(QPalette.ColorRole.Text))
                more_y = cell.chips[-1][0].bottom() + CHIP_GAP + 1 if cell.chips else cell.rect.top() + DAY_TOP
                p.drawText(QRect(cell.rect.left() + 6, more_y, cell.rect.width() - 8, CHIP_H), Qt.AlignmentFlag.AlignVCenter, f"+{cell.hidden} more")
            p.setPen(grid_pen)
            p.drawLine(cell.rect.topLeft(), cell.rect.bottomLeft())
        for bar_rect, bar in week.bars:
            self._paint_bar(p, bar_rect, bar)
        self._paint_summary(p, w, QRect(LABEL_W + 7 * self.day_width(), rect.top(), SUMMARY_W, rect.height()))
        p.setPen(grid_pen)
        p.drawLine(rect.left(), rect.bottom(), rect.right(), rect.bottom())
        # today and race day go on top of everything, so they are never hidden
        for cell in week.days:
            if cell.day == today:
                p.setPen(QPen(colors.TODAY, 3))
                p.setBrush(Qt.BrushStyle.NoBrush)
                p.drawRect(cell.rect.adjusted(1, 1, -2, -2))
            if cell.day == self.current and self.hasFocus():
                p.setPen(QPen(pal.color(QPalette.ColorRole.Highlight), 2, Qt.PenStyle.DashLine))
                p.setBrush(Qt.BrushStyle.NoBrush)
                p.drawRect(cell.rect.adjusted(3, 3, -4, -4))

    def _race_names(self, day: date) -> list[str]:
        plan = self._plan
        if plan is None:
            return []
        if plan.race_day == day:
            return [plan.account_name]
        return plan.races.get(day, [])

    def _paint_day_top(self, p: QPainter, cell: DayCell, today: date) -> None:
        pal = self.palette()
        r = cell.rect
        races = self._race_names(cell.day)
        if races:
            self._paint_checkers(p, QRect(r.left() + 1, r.top() + 1, r.width() - 2, DAY_TOP - 4))
            p.setPen(QPen(colors.RUN[RunType.RACE], 3))
            p.setBrush(Qt.BrushStyle.NoBrush)
            p.drawRect(r.adjusted(2, 2, -3, -3))
            text = "RACE DAY" if len(races) == 1 else f"{len(races)} RACE DAYS"
            p.setFont(self._small(0.8, bold=True))
            fm = QFontMetrics(p.font())
            tw = fm.horizontalAdvance(text) + 8
            tag = QRect(r.right() - tw - 3, r.top() + 2, tw, DAY_TOP - 6)
            p.fillRect(tag, QColor("#111111"))
            p.setPen(QColor("#ffd34d"))
            p.drawText(tag, Qt.AlignmentFlag.AlignCenter, text)
            # keep the date readable over the checkers
            number_box = QRect(r.left() + 3, r.top() + 2, 28, DAY_TOP - 6)
            p.fillRect(number_box, pal.color(QPalette.ColorRole.Base))
        is_today = cell.day == today
        day_text = QLocale().toString(cell.day, "d MMM") if cell.day.day == 1 else str(cell.day.day)
        p.setFont(self._small(0.85, bold=is_today or cell.day.day == 1))
        if is_today:
            fm = QFontMetrics(p.font())
            pill = QRect(r.left() + 4, r.top() + 3, fm.horizontalAdvance(day_text) + 10, DAY_TOP - 6)
            p.setBrush(colors.TODAY)
            p.setPen(Qt.PenStyle.NoPen)
            p.drawRoundedRect(pill, 6, 6)
            p.setPen(QColor("#ffffff"))
            p.drawText(pill, Qt.AlignmentFlag.AlignCenter, day_text)
            if not races:
                p.setFont(self._small(0.75, bold=True))
                p.setPen(colors.TODAY)
                p.drawText(QRect(pill.right() + 4, r.top() + 3, r.width() - pill.width() - 10, DAY_TOP - 6),
                           Qt.AlignmentFlag.AlignVCenter, "TODAY")
        else:
            muted = cell.day < today
            p.setPen(pal.color(QPalette.ColorRole.PlaceholderText if muted else QPalette.ColorRole.Text))
            p.drawText(QRect(r.left() + 6, r.top() + 3, r.width() - 10, DAY_TOP - 6), Qt.AlignmentFlag.AlignVCenter, day_text)

    _checker_brush: QBrush | None = None

    @classmethod
    def _checkers(cls) -> QBrush:
        """A chequered-flag texture, made once: one fill per flag instead of dozens of squares."""
        if cls._checker_brush is None:
            size = 5
            tile = QPixmap(2 * size, 2 * size)
            tile.fill(QColor("#ffffff"))
            p = QPainter(tile)
            p.fillRect(QRect(0, 0, size, size), QColor("#111111"))
            p.fillRect(QRect(size, size, size, size), QColor("#111111"))
            p.end()
            cls._checker_brush = QBrush(tile)
        return cls._checker_brush

    def _paint_checkers(self, p: QPainter, rect: QRect) -> None:
        p.save()
        p.setBrushOrigin(rect.topLeft())
        p.fillRect(rect, self._checkers())
        p.restore()

    def chip_text(self, chip: Chip) -> str:
        mark = {MilestoneStatus.DONE: "✓ ", MilestoneStatus.MISSED: "✗ ", MilestoneStatus.SKIPPED: "– "}.get(chip.status, "")
        who = f"{chip.account_name} · " if self.show_account else ""
        return f"{mark}{who}{chip.title}"

    def _paint_chip(self, p: QPainter, rect: QRect, chip: Chip, today: date, ghost: bool = False) -> None:
        pal = self.palette()
        hue = colors.RUN[chip.run_type]
        red = chip.status == MilestoneStatus.MISSED or chip.overdue
        if chip.status == MilestoneStatus.SKIPPED:
            fill, border, text = pal.color(QPalette.ColorRole.Base), colors.SKIPPED, colors.SKIPPED
        elif chip.status == MilestoneStatus.MISSED:
            fill, border = colors.MISSED, colors.MISSED
            text = colors.readable_on(fill)
        elif chip.status == MilestoneStatus.DONE:
            fill, border = hue, hue.darker(115)
            text = colors.readable_on(fill)
        else:  # planned: outlined; red outline once overdue
            border = colors.MISSED if red else hue
            fill = colors.tint(pal, border, 28)
            text = colors.MISSED.darker(120) if red else pal.color(QPalette.ColorRole.Text)
        p.save()
        if ghost:
            p.setOpacity(0.8)
        r = QRectF(rect).adjusted(0.5, 0.5, -0.5, -0.5)
        p.setPen(QPen(border, 1.6 if chip.status == MilestoneStatus.PLANNED else 1.0))
        p.setBrush(fill)
        p.drawRoundedRect(r, 4, 4)
        left = rect.left() + 4
        if chip.run_type == RunType.RACE:  # a little chequered flag
            flag = QRect(rect.left() + 3, rect.top() + 4, 10, rect.height() - 8)
            self._paint_checkers(p, flag)
            left = flag.right() + 4
        else:
            p.fillRect(QRect(rect.left() + 2, rect.top() + 3, 3, rect.height() - 6), hue if not red else colors.MISSED)
            left = rect.left() + 8
        if chip.milestone_id == self.selected:
            p.setPen(QPen(pal.color(QPalette.ColorRole.Highlight), 2))
            p.setBrush(Qt.BrushStyle.NoBrush)
            p.drawRoundedRect(r.adjusted(-1, -1, 1, 1), 5, 5)
        font = self._small(0.8, bold=chip.run_type in (RunType.RACE, RunType.LONG))
        font.setStrikeOut(chip.status == MilestoneStatus.SKIPPED)
        p.setFont(font)
        p.setPen(text)
        fm = QFontMetrics(font)
        text_rect = QRect(left, rect.top(), rect.right() - left - 2, rect.height())
        p.drawText(text_rect, Qt.AlignmentFlag.AlignVCenter, fm.elidedText(self.chip_text(chip), Qt.TextElideMode.ElideRight, text_rect.width()))
        p.restore()

    def bar_text(self, bar: Bar) -> str:
        kind = "Injury" if bar.injury else "Bad weather"
        who = f"{self._account_names.get(bar.account_id, '')} · " if self.show_account else ""
        return f"{kind} · {who}{bar.title}"

    def _paint_bar(self, p: QPainter, rect: QRect, bar: Bar) -> None:
        pal = self.palette()
        color = QColor(colors.INJURY if bar.injury else colors.WEATHER)
        alpha = colors.SEVERITY_ALPHA[bar.severity]
        p.save()
        if bar.injury:  # a solid bar: it hurts; the more severe, the deeper the red
            color.setAlpha(alpha)
            p.setPen(Qt.PenStyle.NoPen)
            p.setBrush(color)
            p.drawRoundedRect(QRectF(rect), 3, 3)
            text_color = QColor("#ffffff") if alpha > 150 else pal.color(QPalette.ColorRole.Text)
        else:  # hatched: weather you run through
            p.setPen(QPen(color, 1))
            p.setBrush(colors.tint(pal, color, alpha // 4))
            p.drawRoundedRect(QRectF(rect).adjusted(0.5, 0.5, -0.5, -0.5), 3, 3)
            color.setAlpha(alpha)
            p.setBrush(QBrush(color, Qt.BrushStyle.BDiagPattern))
            p.setPen(Qt.PenStyle.NoPen)
            p.drawRect(QRectF(rect.left() + 1, rect.top() + 1, 10, rect.height() - 2))
            text_color = pal.color(QPalette.ColorRole.Text)
        font = self._small(0.72, bold=bar.severity.value in ("high", "critical"))
        p.setFont(font)
        p.setPen(text_color)
        text_rect = rect.adjusted(14 if not bar.injury else 5, 0, -3, 0)
        p.drawText(text_rect, Qt.AlignmentFlag.AlignVCenter,
                   QFontMetrics(font).elidedText(self.bar_text(bar), Qt.TextElideMode.ElideRight, text_rect.width()))
        p.restore()

    def _paint_summary(self, p: QPainter, w: Week, rect: QRect) -> None:
        pal = self.palette()
        p.fillRect(rect, pal.color(QPalette.ColorRole.Window))
        p.setPen(pal.color(QPalette.ColorRole.Mid))
        p.drawLine(rect.topLeft(), rect.bottomLeft())
        x, y, width = rect.left() + 10, rect.top() + 6, rect.width() - 20
        p.setFont(self._small(0.85, bold=True))
        p.setPen(pal.color(QPalette.ColorRole.Text))
        if not w.planned:
            p.setPen(pal.color(QPalette.ColorRole.PlaceholderText))
            p.setFont(self._small(0.85))
            p.drawText(QRect(x, y, width, 16), Qt.AlignmentFlag.AlignLeft, "Rest week")
            return
        p.drawText(QRect(x, y, width, 16), Qt.AlignmentFlag.AlignLeft, f"{w.planned} planned")
        y += 17
        p.setFont(self._small(0.8))
        p.setPen(colors.DONE.darker(110))
        p.drawText(QRect(x, y, width, 15), Qt.AlignmentFlag.AlignLeft, f"{w.done} done")
        if w.missed:
            p.setPen(colors.MISSED)
            p.drawText(QRect(x + width // 2, y, width // 2, 15), Qt.AlignmentFlag.AlignLeft, f"{w.missed} missed")
        y += 18
        if w.compliance is None:
            p.setPen(pal.color(QPalette.ColorRole.PlaceholderText))
            p.drawText(QRect(x, y, width, 15), Qt.AlignmentFlag.AlignLeft, "to do")
            return
        pct = round(w.compliance * 100)
        color = colors.DONE if pct >= 80 else colors.PARTLY if pct >= 50 else colors.MISSED
        track = QRect(x, y + 2, width, 8)
        p.setPen(Qt.PenStyle.NoPen)
        p.setBrush(colors.tint(pal, color, 50))
        p.drawRoundedRect(track, 4, 4)
        p.setBrush(color)
        p.drawRoundedRect(QRect(x, y + 2, max(8, width * pct // 100), 8), 4, 4)
        p.setFont(self._small(0.85, bold=True))
        p.setPen(pal.color(QPalette.ColorRole.Text))
        p.drawText(QRect(x, y + 12, width, 16), Qt.AlignmentFlag.AlignLeft, f"{pct}% compliance")

    def _paint_drag(self, p: QPainter) -> None:
        assert self._drag is not None
        target = self.cell_at(self._drag_pos)
        if target is not None:
            p.setPen(QPen(self.palette().color(QPalette.ColorRole.Highlight), 2, Qt.PenStyle.DashLine))
            p.setBrush(Qt.BrushStyle.NoBrush)
            p.drawRect(target.rect.adjusted(2, 2, -3, -3))
        rect = QRect(0, 0, self.day_width() - 6, CHIP_H)
        rect.moveCenter(self._drag_pos)
        self._paint_chip(p, rect, self._drag, self.today(), ghost=True)

    # ---- keyboard ---------------------------------------------------------------------
    def set_current(self, day: date, *, select_first: bool = True) -> None:
        self.current = day
        self.ensure_visible(day)
        self._invalidate()
        self.selected = None
        if select_first:  # reads the week if needed, so not while building the view
            chips = self.chips_on(day)
            self.selected = chips[0].milestone_id if chips else None
        self.current_changed.emit(day)

    def selected_chip(self) -> Chip | None:
        for chip in self.chips_on(self.current):
            if chip.milestone_id == self.selected:
                return chip
        return None

    def keyPressEvent(self, event: QKeyEvent) -> None:
        key = event.key()
        if key == Qt.Key.Key_Escape and self._press is not None:  # drop nothing: the drag is off
            self._press = self._drag = None
            self.viewport().unsetCursor()
            self._invalidate()
            return
        steps = {Qt.Key.Key_Left: -1, Qt.Key.Key_Right: 1, Qt.Key.Key_Up: -7, Qt.Key.Key_Down: 7}
        if key in steps:
            self._move_current(timedelta(days=steps[key]))
        elif key in (Qt.Key.Key_PageUp, Qt.Key.Key_PageDown):
            sign = -1 if key == Qt.Key.Key_PageUp else 1
            shown = self.visible_rows()
            bar = self.verticalScrollBar()
            bar.setValue(bar.value() + sign * shown)
            self._move_current(timedelta(weeks=sign * shown))
        elif key == Qt.Key.Key_Tab and self.chips_on(self.current):
            self._cycle_chip(1)
        elif key == Qt.Key.Key_Backtab and self.chips_on(self.current):
            self._cycle_chip(-1)
        elif key in (Qt.Key.Key_Return, Qt.Key.Key_Enter):
            chip = self.selected_chip()
            if chip is not None:
                self.chip_clicked.emit(chip)
            else:
                self.day_activated.emit(self.current)
        elif key in (Qt.Key.Key_Delete, Qt.Key.Key_Backspace):
            chip = self.selected_chip()
            if chip is not None:
                self.chip_delete.emit(chip)
        elif key == Qt.Key.Key_T and not event.modifiers():
            self.set_current(self.today())
            self.ensure_visible(self.today())
        elif key == Qt.Key.Key_R and not event.modifiers() and self.race_day is not None:
            self.set_current(self.race_day)
        elif key == Qt.Key.Key_Menu:
            chip = self.selected_chip()
            rect = self.chip_rect(chip.milestone_id) if chip else None
            if chip is not None and rect is not None:
                self.chip_menu.emit(chip, self.viewport().mapToGlobal(rect.center()))
        else:
            super().keyPressEvent(event)

    def focusNextPrevChild(self, next: bool) -> bool:  # noqa: A002 - Qt's name
        # Tab cycles the chips of the current day while there are any.
        if self.chips_on(self.current):
            return False
        return super().focusNextPrevChild(next)

    def _move_current(self, delta: timedelta) -> None:
        target = self.current + delta
        if self.source.row_of(target) is None:
            return
        self.set_current(target)

    def _cycle_chip(self, step: int) -> None:
        chips = self.chips_on(self.current)
        ids = [c.milestone_id for c in chips]
        i = ids.index(self.selected) if self.selected in ids else -1
        self.selected = ids[(i + step) % len(ids)]
        self._invalidate()

    # ---- mouse ------------------------------------------------------------------------
    def mousePressEvent(self, event: QMouseEvent) -> None:
        pos = event.position().toPoint()
        cell = self.cell_at(pos)
        chip = self.chip_at(pos)
        if cell is not None:
            self.current = cell.day
            self.selected = chip.milestone_id if chip else None
            self.current_changed.emit(cell.day)
            self._invalidate()
        if event.button() == Qt.MouseButton.LeftButton and chip is not None:
            self._press = (chip, pos)
        elif event.button() == Qt.MouseButton.RightButton and chip is not None:
            self.chip_menu.emit(chip, event.globalPosition().toPoint())
        event.accept()

    def mouseMoveEvent(self, event: QMouseEvent) -> None:
        pos = event.position().toPoint()
        if self._press is not None and self._drag is None:
            if (pos - self._press[1]).manhattanLength() >= QApplication.startDragDistance():
                self._drag = self._press[0]
                self.viewport().setCursor(Qt.CursorShape.ClosedHandCursor)
        if self._drag is not None:
            self._drag_pos = pos
            self._autoscroll(pos)
            self._invalidate()
        event.accept()

    def _autoscroll(self, pos: QPoint) -> None:
        bar = self.verticalScrollBar()
        if pos.y() < 12:
            bar.setValue(bar.value() - 1)
        elif pos.y() > self.viewport().height() - 12:
            bar.setValue(bar.value() + 1)

    def mouseReleaseEvent(self, event: QMouseEvent) -> None:
        pos = event.position().toPoint()
        press, drag = self._press, self._drag
        self._press = None
        self._drag = None
        self.viewport().unsetCursor()
        self._invalidate()
        if drag is not None:
            cell = self.cell_at(pos)
            if cell is not None and cell.day != drag.day:
                self.current = cell.day
                self.chip_moved.emit(drag, cell.day)
        elif press is not None and event.button() == Qt.MouseButton.LeftButton:
            if self.chip_at(pos) == press[0]:
                self.chip_clicked.emit(press[0])
        event.accept()

    def mouseDoubleClickEvent(self, event: QMouseEvent) -> None:
        pos = event.position().toPoint()
        cell = self.cell_at(pos)
        if cell is not None and self.chip_at(pos) is None and event.button() == Qt.MouseButton.LeftButton:
            self.day_activated.emit(cell.day)
        event.accept()

    def wheelEvent(self, event: QWheelEvent) -> None:
        # one notch = one week, like the arrow keys: a year is 52 notches, never a jump
        steps = event.angleDelta().y() // 120
        if steps:
            bar = self.verticalScrollBar()
            bar.setValue(bar.value() - steps)
        event.accept()

    def viewportEvent(self, event: QEvent) -> bool:
        if event.type() == QEvent.Type.ToolTip and isinstance(event, QHelpEvent):
            self._tooltip(event)
            return True
        return super().viewportEvent(event)

    def _tooltip(self, event: QHelpEvent) -> None:
        pos = event.pos()
        chip, bar, cell = self.chip_at(pos), self.bar_at(pos), self.cell_at(pos)
        lines: list[str] = []
        if chip is not None:
            state = "overdue" if chip.overdue else label(chip.status)
            lines = [f"<b>{html.escape(chip.title)}</b>"]
            if self.show_account:
                lines.append(html.escape(chip.account_name))
            lines.append(f"{label(chip.run_type)} run · {chip.phase.value} phase · {state}")
            lines.append(QLocale().toString(chip.day, QLocale.FormatType.LongFormat))
        elif bar is not None:
            kind = "Injury" if bar.injury else "Bad weather"
            lines = [f"<b>{html.escape(bar.title)}</b>",
                     f"{kind}: {label(bar.kind)} · {label(bar.severity)} severity",
                     f"{bar.start.isoformat()} → {bar.end.isoformat()}"]
        elif cell is not None and cell.hidden:
            listed = cell.all_chips[:25]
            lines = [html.escape(self.chip_text(c)) for c in listed]
            rest = max(cell.total.runs, len(cell.all_chips)) - len(listed)
            if rest > 0:
                lines.append(f"… and {rest} more runs that day")
        if cell is not None and self._race_names(cell.day):
            names = self._race_names(cell.day)
            lines.append("<b>Race day</b>: " + html.escape(", ".join(names[:10])) + (" …" if len(names) > 10 else ""))
        if lines:
            QToolTip.showText(event.globalPos(), "<p>" + "<br>".join(lines) + "</p>", self.viewport())
        else:
            QToolTip.hideText()
