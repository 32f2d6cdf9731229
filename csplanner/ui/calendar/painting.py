"""How the grid looks: weeks, days, chips, obstacle bars, the summary column and the header.

A mixin of CalendarGrid, kept apart so the widget module is about behaviour.
"""

from datetime import date, timedelta

from PySide6.QtCore import QRect, QRectF, Qt
from PySide6.QtGui import QBrush, QColor, QFont, QFontMetrics, QPainter, QPaintEvent, QPalette, QPen, QPixmap
from PySide6.QtWidgets import QWidget

from csplanner.core.calendar import Bar, CalendarWeeks, Chip, Week, iso_week
from csplanner.core.enums import MilestoneStatus, RunType
from csplanner.core.present import (
    compliance_band, date_long, hurt_label, date_range, date_short, status_mark, weekday_names, weeks_to_race,
)
from csplanner.export import qcolors as colors
from csplanner.ui.calendar.layout import CHIP_GAP, DAY_TOP, HEADER_H, DayCell, WeekRow, two_lines


class GridPainting:
    """Painting for CalendarGrid; relies on its palette, fonts, layout and state."""

    # provided by CalendarGrid
    _plan: CalendarWeeks | None
    _row_pictures: dict[tuple, QPixmap]
    _data_generation: int  # bumped by reload(): the source's data changed
    _fonts: dict[tuple[str, float, bool], QFont]
    _account_names: dict[int, str]
    _reading: list[tuple[QRect, date]]
    show_account: bool
    first_weekday: int
    selected: int | None
    current: date
    label_w: int
    summary_w: int
    chip_lines: int

    @staticmethod
    def _fitted(p: QPainter, rect: QRect, text: str, align: Qt.AlignmentFlag = Qt.AlignmentFlag.AlignLeft) -> None:
        """Text cut with an ellipsis where the column is too narrow for it (the tooltip has it whole)."""
        p.drawText(rect, align, QFontMetrics(p.font()).elidedText(text, Qt.TextElideMode.ElideRight, rect.width()))

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
        if self._drag is not None:  # chips move under the pointer: paint afresh
            for week in self.layout_rows():
                self._paint_week(painter, week, today)
            self._paint_drag(painter)
        else:
            self._paint_cached_rows(painter, today)
        self._paint_reading(painter)
        painter.end()

    def _grid_pen(self) -> QPen:
        """The lines between days and weeks: light on a light palette, darker on a dark one."""
        pal = self.palette()
        light = pal.color(QPalette.ColorRole.Base).lightness() > 128
        return QPen(pal.color(QPalette.ColorRole.Midlight if light else QPalette.ColorRole.Mid))

    def _paint_reading(self, p: QPainter) -> None:
        """Weeks scrolled onto the screen whose runs are still being read (a few frames at most):
        their dates and empty days, so the grid never jumps, and "Reading…" where the summary goes."""
        pal = self.palette()
        lw, dw = self.label_w, self.day_width()
        grid_pen = self._grid_pen()
        for rect, start in self._reading:
            p.fillRect(QRect(0, rect.top(), lw, rect.height()), pal.color(QPalette.ColorRole.Window))
            p.setPen(pal.color(QPalette.ColorRole.PlaceholderText))
            p.setFont(self._small(1.0, bold=True))
            self._fitted(p, QRect(12, rect.top() + 4, lw - 16, 18), f"W{iso_week(start, self.first_weekday)[1]:02d}")
            p.setFont(self._small(0.85))
            self._fitted(p, QRect(12, rect.top() + 22, lw - 16, 16), date_range(start, start + timedelta(days=6)))
            p.setPen(grid_pen)
            for d in range(7):
                x = lw + d * dw
                p.drawLine(x, rect.top(), x, rect.bottom())
            p.drawLine(rect.left(), rect.bottom(), rect.right(), rect.bottom())
            p.setPen(pal.color(QPalette.ColorRole.PlaceholderText))
            self._fitted(p, QRect(lw + 7 * dw + 8, rect.top() + 4, self.summary_w - 12, 16), "Reading…")

    def _paint_cached_rows(self, painter: QPainter, today: date) -> None:
        """Each week row is painted once into a picture and reused while it stays on screen: a scroll
        step by a week then moves pictures (the grid paints the rows next to the screen while idle)
        where a whole repaint of 7 weeks of a 5000-account book took several frames. A picture is
        found again only with the same data (reload), selection, focus, size, palette and font."""
        rows = self.layout_rows()
        for week in rows:
            key = self._row_key(week, today)
            picture = self._row_pictures.get(key)
            if picture is None:
                picture = self._row_pictures[key] = self._row_picture(week, today)
            painter.drawPixmap(week.rect.topLeft(), picture)
        if rows and len(self._row_pictures) > 3 * len(rows):  # keep those on and next to the screen
            middle = rows[len(rows) // 2].week.start
            near = sorted(self._row_pictures, key=lambda k: (k[0] != self._data_generation, abs((k[1] - middle).days)))
            self._row_pictures = {k: self._row_pictures[k] for k in near[:2 * len(rows)]}

    def _row_key(self, week: WeekRow, today: date) -> tuple:
        here = {cell.day for cell in week.days}
        selected = self.selected if any(chip.milestone_id == self.selected
                                        for cell in week.days for _, chip in cell.chips) else None
        focused = self.current if self.hasFocus() and self.current in here else None
        size = week.rect.size()
        return (self._data_generation, week.week.start, size.width(), size.height(), today, selected, focused,
                self.palette().cacheKey(), self.font().key(), self.label_w, self.summary_w, self.chip_lines,
                self.first_weekday, self.viewport().devicePixelRatioF())

    def _row_picture(self, week: WeekRow, today: date) -> QPixmap:
        ratio = self.viewport().devicePixelRatioF()
        picture = QPixmap(round(week.rect.width() * ratio), round(week.rect.height() * ratio))
        picture.setDevicePixelRatio(ratio)
        picture.fill(self.palette().color(QPalette.ColorRole.Base))
        p = QPainter(picture)
        p.setRenderHint(QPainter.RenderHint.Antialiasing)
        p.setFont(self.viewport().font())
        p.translate(-week.rect.topLeft())
        self._paint_week(p, week, today)
        p.end()
        return picture

    def paint_header(self, header: QWidget) -> None:
        painter = QPainter(header)
        pal = self.palette()
        rect = QRect(0, 0, header.width(), HEADER_H)
        painter.fillRect(rect, pal.color(QPalette.ColorRole.Button))
        painter.setFont(self._small(0.95, bold=True))
        painter.setPen(pal.color(QPalette.ColorRole.ButtonText))
        dw = self.day_width()
        x0 = 0
        lw, sw = self.label_w, self.summary_w
        painter.drawText(QRect(x0 + 8, 0, lw - 8, HEADER_H), Qt.AlignmentFlag.AlignVCenter, "Week")
        for d, name in enumerate(weekday_names(self.first_weekday)):
            painter.drawText(QRect(x0 + lw + d * dw, 0, dw, HEADER_H), Qt.AlignmentFlag.AlignCenter, name)
        summary = "Week summary" if painter.fontMetrics().horizontalAdvance("Week summary") < sw - 8 else "Summary"
        painter.drawText(QRect(x0 + lw + 7 * dw, 0, sw, HEADER_H), Qt.AlignmentFlag.AlignCenter, summary)
        painter.setPen(pal.color(QPalette.ColorRole.Mid))
        painter.drawLine(0, HEADER_H - 1, header.width(), HEADER_H - 1)
        painter.end()

    def _day_fill(self, cell: DayCell, today: date, in_plan: bool) -> QColor:
        """Past days by compliance (green / yellow / red), future days by their biggest run."""
        pal = self.palette()
        total = cell.total
        if total.planned and cell.day < today:
            color = colors.DONE if total.done == total.planned else colors.PARTLY if total.done else colors.MISSED
            return colors.tint(color, colors.PAST_DAY_TINT, pal)
        if total.planned and total.biggest is not None:
            return colors.tint(colors.RUN[total.biggest], colors.DAY_TINT, pal)
        if not in_plan:
            return pal.color(QPalette.ColorRole.AlternateBase)
        return pal.color(QPalette.ColorRole.Base)

    def _paint_week(self, p: QPainter, week: WeekRow, today: date) -> None:
        pal = self.palette()
        w = week.week
        rect = week.rect
        in_plan = w.number is not None or w.weeks_to_race is not None or self.show_account
        # the label column: phase band and "Week 5 · 21 weeks to race day"
        lw = self.label_w
        label_rect = QRect(0, rect.top(), lw, rect.height())
        phase_color = colors.PHASE.get(w.phase) if w.phase else None
        p.fillRect(label_rect, colors.tint(phase_color, colors.PHASE_TINT, pal) if phase_color else pal.color(QPalette.ColorRole.Window))
        if phase_color:
            p.fillRect(QRect(0, rect.top(), 6, rect.height()), phase_color)
        p.setPen(pal.color(QPalette.ColorRole.Text))
        x = 12
        y = rect.top() + 4
        if w.number is not None:
            p.setFont(self._small(1.0, bold=True))
            number = f"Season {w.season} · Week {w.number}" if w.past_season else f"Week {w.number}"
            self._fitted(p, QRect(x, y, lw - x - 4, 18), number)
            y += 18
        p.setFont(self._small(0.85))
        if w.weeks_to_race is not None:
            text = weeks_to_race(w.weeks_to_race)
            if p.fontMetrics().horizontalAdvance(text) > lw - x - 4 and w.weeks_to_race > 0:
                text = f"{w.weeks_to_race} wk to race day"  # a narrow column: the short form, not "25 weeks to race…"
            if w.weeks_to_race == 0:
                p.setFont(self._small(0.9, bold=True))
                p.setPen(colors.as_text(colors.RUN[RunType.RACE], pal))
            self._fitted(p, QRect(x, y, lw - x - 4, 16), text)
            p.setPen(pal.color(QPalette.ColorRole.Text))
            p.setFont(self._small(0.85))
            y += 16
        if w.number is None and w.weeks_to_race is None:  # all-accounts view: the ISO week leads
            p.setFont(self._small(1.0, bold=True))
            self._fitted(p, QRect(x, y, lw - x - 4, 18), w.iso_label())
            y += 18
            p.setFont(self._small(0.85))
            self._fitted(p, QRect(x, y, lw - x - 4, 16), date_range(w.start, w.end))
        else:
            p.setPen(pal.color(QPalette.ColorRole.PlaceholderText))
            self._fitted(p, QRect(x, y, lw - x - 4, 16), f"{w.iso_label()} · {date_long(w.start)}")
        y += 16
        if phase_color and w.phase:
            p.setFont(self._small(0.8, bold=True))
            p.setPen(colors.as_text(phase_color, pal))
            self._fitted(p, QRect(x, y, lw - x - 4, 16), w.phase.value.upper())
        # days
        grid_pen = self._grid_pen()
        for cell in week.days:
            p.fillRect(cell.rect, self._day_fill(cell, today, in_plan))
            self._paint_day_top(p, cell, today)
            for chip_rect, chip in cell.chips:
                self._paint_chip(p, chip_rect, chip, today)
            if cell.hidden:
                p.setFont(self._small(0.8, bold=True))
                p.setPen(pal.color(QPalette.ColorRole.Text))
                more_y = cell.chips[-1][0].bottom() + CHIP_GAP + 1 if cell.chips else cell.rect.top() + DAY_TOP
                p.drawText(QRect(cell.rect.left() + 6, more_y, cell.rect.width() - 8, 18), Qt.AlignmentFlag.AlignVCenter,
                           f"+{cell.hidden} more")
            p.setPen(grid_pen)
            p.drawLine(cell.rect.topLeft(), cell.rect.bottomLeft())
        for bar_rect, bar in week.bars:
            self._paint_bar(p, bar_rect, bar)
        self._paint_summary(p, w, QRect(lw + 7 * self.day_width(), rect.top(), self.summary_w, rect.height()))
        if w.past_season:  # an earlier season: still readable, greyed
            veil = QColor(pal.color(QPalette.ColorRole.Window))
            veil.setAlpha(150)
            p.fillRect(rect, veil)
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
        return self._plan.race_names(day) if self._plan is not None else []

    def _paint_day_top(self, p: QPainter, cell: DayCell, today: date) -> None:
        pal = self.palette()
        r = cell.rect
        races = self._race_names(cell.day)
        is_today = cell.day == today
        day_text = date_short(cell.day) if cell.day.day == 1 else str(cell.day.day)
        day_font = self._small(0.85, bold=is_today or cell.day.day == 1)
        number_w = QFontMetrics(day_font).horizontalAdvance(day_text) + (10 if is_today else 0)
        if races:
            self._paint_checkers(p, QRect(r.left() + 1, r.top() + 1, r.width() - 2, DAY_TOP - 4))
            if not self.show_account:  # one account's race day gets a gold frame; a book has one most days
                p.setPen(QPen(colors.RUN[RunType.RACE], 3))
                p.setBrush(Qt.BrushStyle.NoBrush)
                p.drawRect(r.adjusted(2, 2, -3, -3))
            # the day number keeps its own patch; the tag takes what is left of the line, shortened to fit
            p.fillRect(QRect(r.left() + 3, r.top() + 2, number_w + 6, DAY_TOP - 6), pal.color(QPalette.ColorRole.Base))
            p.setFont(self._small(0.8, bold=True))
            fm = QFontMetrics(p.font())
            room = r.width() - number_w - 16
            n = len(races)
            for text in ((("RACE DAY", "RACE") if n == 1 else (f"{n} RACE DAYS", f"{n} RACES", str(n)))):
                tw = fm.horizontalAdvance(text) + 8
                if tw <= room:
                    tag = QRect(r.right() - tw - 3, r.top() + 2, tw, DAY_TOP - 6)
                    p.fillRect(tag, colors.RACE_TAG[1])
                    p.setPen(colors.RACE_TAG[0])
                    p.drawText(tag, Qt.AlignmentFlag.AlignCenter, text)
                    break
        p.setFont(day_font)
        if is_today:
            pill = QRect(r.left() + 4, r.top() + 3, number_w, DAY_TOP - 6)
            p.setBrush(colors.TODAY)
            p.setPen(Qt.PenStyle.NoPen)
            p.drawRoundedRect(pill, 6, 6)
            p.setPen(colors.readable_on(colors.TODAY))
            p.drawText(pill, Qt.AlignmentFlag.AlignCenter, day_text)
            p.setFont(self._small(0.75, bold=True))
            if not races and QFontMetrics(p.font()).horizontalAdvance("TODAY") <= r.width() - pill.width() - 10:
                p.setPen(colors.as_text(colors.TODAY, pal))
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
        mark = status_mark(chip.status, chip.overdue)  # the state in a mark, never by colour alone
        who = f"{chip.account_name} · " if self.show_account else ""
        return f"{mark + ' ' if mark else ''}{who}{chip.title}"

    def _paint_chip(self, p: QPainter, rect: QRect, chip: Chip, today: date, ghost: bool = False) -> None:
        pal = self.palette()
        hue = colors.RUN[chip.run_type]
        red = chip.status == MilestoneStatus.MISSED or chip.overdue
        if chip.status == MilestoneStatus.SKIPPED:
            fill, border, text = pal.color(QPalette.ColorRole.Base), colors.SKIPPED, colors.as_text(colors.SKIPPED, pal)
        elif chip.status == MilestoneStatus.MISSED:
            fill, border = colors.MISSED, colors.MISSED
            text = colors.readable_on(fill)
        elif chip.status == MilestoneStatus.DONE:
            fill, border = hue, hue.darker(115)
            text = colors.readable_on(fill)
        else:  # planned: outlined; red outline once overdue
            border = colors.MISSED if red else hue
            fill = colors.tint(border, colors.CHIP_TINT, pal)
            text = colors.as_text(colors.MISSED, pal) if red else pal.color(QPalette.ColorRole.Text)
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
        lines = (two_lines(fm, self.chip_text(chip), text_rect.width()) if self.chip_lines > 1
                 else [fm.elidedText(self.chip_text(chip), Qt.TextElideMode.ElideRight, text_rect.width())])
        p.drawText(text_rect, Qt.AlignmentFlag.AlignVCenter, "\n".join(lines))
        p.restore()

    def bar_text(self, bar: Bar) -> str:
        kind = hurt_label(bar.injury)
        who = f"{bar.account_name} · " if self.show_account and bar.account_name else ""
        return f"{kind} · {who}{bar.title}"

    def _paint_bar(self, p: QPainter, rect: QRect, bar: Bar) -> None:
        pal = self.palette()
        color = QColor(colors.INJURY if bar.injury else colors.WEATHER)
        alpha = colors.SEVERITY_ALPHA[bar.severity]
        p.save()
        if bar.injury:  # a solid bar: it hurts; the more severe, the deeper the red
            solid = colors.tint(color, alpha / 255, pal)  # opaque: the text's contrast is checked on it
            p.setPen(Qt.PenStyle.NoPen)
            p.setBrush(solid)
            p.drawRoundedRect(QRectF(rect), 3, 3)
            text_color = colors.readable_on(solid)
        else:  # hatched: weather you run through
            p.setPen(QPen(color, 1))
            p.setBrush(colors.tint(color, alpha // 4 / 255, pal))
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
        p.setPen(colors.as_text(colors.DONE, pal))
        p.drawText(QRect(x, y, width, 15), Qt.AlignmentFlag.AlignLeft, f"{w.done} done")
        y += 15
        if w.missed:
            p.setPen(colors.as_text(colors.MISSED, pal))
            p.drawText(QRect(x, y, width, 15), Qt.AlignmentFlag.AlignLeft, f"{w.missed} missed")
            y += 15
        y += 3
        if w.compliance is None:
            p.setPen(pal.color(QPalette.ColorRole.PlaceholderText))
            p.drawText(QRect(x, y, width, 15), Qt.AlignmentFlag.AlignLeft, "to do")
            return
        pct = round(w.compliance * 100)
        color = colors.COMPLIANCE[compliance_band(pct)]
        track = QRect(x, y + 2, width, 8)
        p.setPen(Qt.PenStyle.NoPen)
        p.setBrush(colors.tint(color, 50 / 255, pal))
        p.drawRoundedRect(track, 4, 4)
        p.setBrush(color)
        p.drawRoundedRect(QRect(x, y + 2, max(8, width * pct // 100), 8), 4, 4)
        p.setFont(self._small(0.85, bold=True))
        p.setPen(pal.color(QPalette.ColorRole.Text))
        words = f"{pct}% compliance"
        self._fitted(p, QRect(x, y + 12, width, 16), words if p.fontMetrics().horizontalAdvance(words) <= width else f"{pct}%")

    def _paint_drag(self, p: QPainter) -> None:
        assert self._drag is not None
        target = self.cell_at(self._drag_pos)
        if target is not None:
            p.setPen(QPen(self.palette().color(QPalette.ColorRole.Highlight), 2, Qt.PenStyle.DashLine))
            p.setBrush(Qt.BrushStyle.NoBrush)
            p.drawRect(target.rect.adjusted(2, 2, -3, -3))
        rect = QRect(0, 0, self.day_width() - 6, self.chip_height())
        rect.moveCenter(self._drag_pos)
        self._paint_chip(p, rect, self._drag, self.today(), ghost=True)
