"""The painted week grid: weeks as rows, seven day columns, the week summary on the right.

The grid only shows and reports: it emits signals (chip clicked, moved, day activated…) and
the account or all-accounts view turns them into undoable commands.
"""

import html
from collections.abc import Callable
from datetime import date, timedelta

from PySide6.QtCore import QEvent, QLocale, QPoint, QRect, QSize, Qt, QTimer, Signal
from PySide6.QtGui import (
    QFont, QFontMetrics, QHelpEvent, QKeyEvent, QMouseEvent, QPaintEvent, QPixmap, QResizeEvent, QWheelEvent,
)
from PySide6.QtWidgets import QAbstractScrollArea, QApplication, QToolTip, QWidget

from csplanner.core.calendar import Bar, CalendarWeeks, Chip
from csplanner.core.present import date_full, date_long, hurt_label, value_label
from csplanner.ui.calendar import accessible
from csplanner.ui.calendar.layout import (
    BAR_H, CHIP_GAP, CHIP_H, DAY_TOP, HEADER_H, LABEL_MIN_W, LABEL_W, MIN_DAY_W, SUMMARY_MIN_W, SUMMARY_W, DayCell,
    Source, WeekRow, column_widths,
)
from csplanner.ui.calendar.painting import GridPainting

__all__ = ["CalendarGrid", "Source"]


class _Header(QWidget):
    """Day names above the grid, in the scroll area's top margin."""

    def __init__(self, grid: "CalendarGrid") -> None:
        super().__init__(grid)
        self.grid = grid

    def paintEvent(self, event: QPaintEvent) -> None:
        self.grid.paint_header(self)


class CalendarGrid(GridPainting, QAbstractScrollArea):
    chip_clicked = Signal(object)  # Chip
    chip_moved = Signal(object, object)  # Chip, new date
    chip_menu = Signal(object, QPoint)  # Chip, global position
    chip_delete = Signal(object)  # Chip
    day_activated = Signal(object)  # date: double-click or Enter on a day without a chip
    day_menu = Signal(object, QPoint)  # date, global position: right-click on a day
    bar_menu = Signal(object, QPoint)  # Bar, global position: right-click on an obstacle's bar
    current_changed = Signal(object)  # date
    accessible_calendar = True  # screen readers see it as a table (ui.calendar.accessible)

    def __init__(self, source: Source, today: Callable[[], date], *, row_height: int = 112,
                 show_account: bool = False, chip_lines: int = 1, parent: QWidget | None = None) -> None:
        accessible.install()
        super().__init__(parent)
        self.label_w, self.summary_w = LABEL_W, SUMMARY_W  # fitted to the width on every resize
        self.chip_lines = chip_lines  # 2: run titles wrap onto a second line before they are cut
        self.source = source
        self.today = today
        self.row_height = row_height
        self.show_account = show_account
        self.first_weekday = QLocale().firstDayOfWeek().value - 1  # Qt: 1 = Monday … 7 = Sunday
        self.current: date = today()
        self.selected: int | None = None  # milestone id
        self.race_day: date | None = None
        # all-accounts view: the next race day after a date, among the accounts shown
        self.next_race_day: Callable[[date], date | None] | None = None
        self._layout: list[WeekRow] | None = None
        self._reading: list[tuple[QRect, date]] = []  # rows on screen whose runs are still being read
        self._wait = True  # the next layout reads what it shows first (see layout_rows)
        self._plan: CalendarWeeks | None = None
        self._account_names: dict[int, str] = {}
        self._fonts: dict[tuple[str, float, bool], QFont] = {}
        self._row_pictures: dict[tuple, QPixmap] = {}  # painted week rows on screen (painting.py)
        self._data_generation = 0
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
        if hasattr(source, "loaded"):
            source.loaded, source.owner = self._arrived, self  # type: ignore[attr-defined]
        self.verticalScrollBar().setSingleStep(1)
        self.current_changed.connect(lambda _day: accessible.announce(self))
        self.verticalScrollBar().valueChanged.connect(self._invalidate)
        self.setMinimumSize(LABEL_MIN_W + SUMMARY_MIN_W + 7 * MIN_DAY_W + 20, HEADER_H + row_height * 2)
        self.reload()

    # ---- data -------------------------------------------------------------------------
    def reload(self) -> None:
        """The source's data changed: recompute the scroll range and repaint."""
        self._data_generation += 1
        self._wait = True
        self._update_scrollbar()
        self._invalidate()

    def _arrived(self) -> None:
        """Weeks read in a worker arrived: lay out again; rows already painted keep their pictures."""
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
        return column_widths(self.viewport().width())[2]

    def _fit_columns(self) -> None:
        self.label_w, self.summary_w, _day = column_widths(self.viewport().width())

    def chip_height(self) -> int:
        if self.chip_lines < 2:
            return CHIP_H
        return max(CHIP_H, 2 * QFontMetrics(self._small(0.8)).height() + 4)

    def layout_rows(self) -> list[WeekRow]:
        """Where every visible week, day, chip and bar goes (cached until data or size change).

        The first layout after the data changed, and one after the current day moved (keys, Today),
        reads the weeks it shows then: the user waits for those runs. A scroll step does not wait: a
        week not read yet shows as being read, and comes in from a worker (sources.RangeSource)."""
        if self._layout is not None:
            return self._layout
        rows = self.source.row_count()
        first = self.first_row()
        last = min(rows - 1, first + self.visible_rows())
        self._reading = []
        if rows == 0 or last < first:
            self._plan, self._layout = None, []
            return self._layout
        wait, self._wait = self._wait, False
        self._plan, self._layout = self._lay_out(first, last, first, wait=wait)
        self._account_names = {c.account_id: c.account_name for c in self._plan.chips}
        if hasattr(self.source, "prefetch"):
            self._prefetch.start()  # read the next weeks while the user looks at these
        return self._layout

    def _lay_out(self, first: int, last: int, top_row: int, wait: bool = False) -> tuple[CalendarWeeks, list[WeekRow]]:
        """Rows `first`..`last` placed as if `top_row` were at the top of the viewport; rows whose
        weeks are not read yet (`wait=False`) go to `_reading`."""
        plan = self.source.window(first, last, wait)
        layout: list[WeekRow] = []
        weeks = {w.start: w for w in plan.weeks}
        dw, rh, lw = self.day_width(), self.row_height, self.label_w
        for row in range(first, last + 1):
            i = row - top_row
            start = self.source.week_start(row)
            week = weeks.get(start)
            top = i * rh
            if week is None:
                if top_row == first:  # on screen, not a row painted ahead
                    self._reading.append((QRect(0, top, lw + 7 * dw + self.summary_w, rh), start))
                continue
            bars = plan.bars_in(week.start, week.end)
            bars = sorted(bars, key=lambda b: (-b.intensity, b.start))[: 2 if self.show_account else 3]
            bar_space = len(bars) * (BAR_H + 2) + (2 if bars else 0)
            chip_h = self.chip_height()
            room = max(0, (rh - DAY_TOP - bar_space - 2) // (chip_h + CHIP_GAP))
            cells = []
            for d, day in enumerate(week.days()):
                rect = QRect(lw + d * dw, top, dw, rh)
                chips = plan.chips_on(day)
                total = plan.total_on(day)
                count = max(total.runs, len(chips))
                if self._drag is not None and any(c.milestone_id == self._drag.milestone_id for c in chips):
                    chips = [c for c in chips if c.milestone_id != self._drag.milestone_id]
                    count -= 1
                shown = chips if count <= room else chips[: max(0, room - 1)]
                placed = []
                for k, chip in enumerate(shown):
                    y = top + DAY_TOP + k * (chip_h + CHIP_GAP)
                    placed.append((QRect(rect.left() + 3, y, dw - 6, chip_h), chip))
                cells.append(DayCell(day, rect, placed, count - len(shown), chips, total))
            placed_bars = []
            for k, bar in enumerate(bars):
                a = max(bar.start, week.start)
                b = min(bar.end, week.end)
                x0 = lw + (a - week.start).days * dw + 2
                x1 = lw + ((b - week.start).days + 1) * dw - 2
                y = top + rh - (k + 1) * (BAR_H + 2) - 1
                placed_bars.append((QRect(x0, y, x1 - x0, BAR_H), bar))
            layout.append(WeekRow(row, week, QRect(0, top, lw + 7 * dw + self.summary_w, rh), cells, placed_bars))
        return plan, layout

    def _prefetch_now(self) -> None:
        first = self.first_row()
        self.source.prefetch(first, first + self.visible_rows())  # type: ignore[attr-defined]
        self._paint_ahead()

    def _paint_ahead(self) -> None:
        """While idle: paint the week rows just above and below the screen, so that a scroll step
        by a week only moves pictures (painting.py keeps them)."""
        rows, first = self.source.row_count(), self.first_row()
        last = min(rows - 1, first + self.visible_rows())
        if self._drag is not None or not self.isVisible():
            return
        today = self.today()
        # each laid out exactly as the step to it will lay it out (the same weeks read together)
        for lo, hi, row in ((first + 1, min(rows - 1, last + 1), last + 1), (first - 1, last - 1, first - 1)):
            if 0 <= row < rows and lo >= 0:
                for week in self._lay_out(lo, hi, first)[1]:
                    key = self._row_key(week, today)
                    if week.row == row and key not in self._row_pictures:
                        self._row_pictures[key] = self._row_picture(week, today)

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
        self._fit_columns()
        self._update_scrollbar()
        self._invalidate()

    def sizeHint(self) -> QSize:
        return QSize(LABEL_W + SUMMARY_W + 7 * 110 + 20, HEADER_H + self.row_height * 3)  # taller: it stretches

    # ---- keyboard ---------------------------------------------------------------------
    def set_current(self, day: date, *, select_first: bool = True) -> None:
        self.current = day
        self.ensure_visible(day)
        self._invalidate()
        self._wait = True  # moved by a key or a button: its runs are read now, to select the first
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
        elif key in (Qt.Key.Key_Tab, Qt.Key.Key_Backtab) and self._next_chip(key == Qt.Key.Key_Tab) is not None:
            self.selected = self._next_chip(key == Qt.Key.Key_Tab)
            self._invalidate()
            accessible.announce(self)
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
        elif key == Qt.Key.Key_R and not event.modifiers():
            target = self.race_day or (self.next_race_day(self.current) if self.next_race_day else None)
            if target is not None and self.source.row_of(target) is not None:
                self.set_current(target)
        elif key == Qt.Key.Key_Menu:
            chip = self.selected_chip()
            rect = self.chip_rect(chip.milestone_id) if chip else None
            if chip is not None and rect is not None:
                self.chip_menu.emit(chip, self.viewport().mapToGlobal(rect.center()))
        else:
            super().keyPressEvent(event)

    def focusNextPrevChild(self, next: bool) -> bool:  # noqa: A002 - Qt's name
        # Tab walks through the current day's chips first, then leaves the grid as usual.
        if self._next_chip(next) is not None:
            return False
        return super().focusNextPrevChild(next)

    def _move_current(self, delta: timedelta) -> None:
        target = self.current + delta
        if self.source.row_of(target) is None:
            return
        self.set_current(target)

    def _next_chip(self, forward: bool) -> int | None:
        """The chip Tab (or Shift+Tab) selects next on the current day; None past the last."""
        ids = [c.milestone_id for c in self.chips_on(self.current)]
        if not ids:
            return None
        if self.selected not in ids:
            return ids[0] if forward else ids[-1]
        i = ids.index(self.selected) + (1 if forward else -1)
        return ids[i] if 0 <= i < len(ids) else None

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
        elif event.button() == Qt.MouseButton.RightButton and (bar := self.bar_at(pos)) is not None:
            self.bar_menu.emit(bar, event.globalPosition().toPoint())
        elif event.button() == Qt.MouseButton.RightButton and cell is not None:
            self.day_menu.emit(cell.day, event.globalPosition().toPoint())
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
            state = "overdue" if chip.overdue else value_label(chip.status).lower()
            lines = [f"<b>{html.escape(chip.title)}</b>"]
            if self.show_account:
                lines.append(html.escape(chip.account_name))
            lines.append(f"{value_label(chip.run_type)} run · {value_label(chip.phase).lower()} phase · {state}")
            lines.append(date_full(chip.day))
        elif bar is not None:
            kind = hurt_label(bar.injury)
            lines = [f"<b>{html.escape(bar.title)}</b>",
                     f"{kind}: {value_label(bar.kind)} · {value_label(bar.severity).lower()} severity",
                     f"{date_long(bar.start)} → {date_long(bar.end)}"]
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
