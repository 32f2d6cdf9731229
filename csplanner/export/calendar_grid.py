"""The training calendar painted for paper: one row per week, seven days, a week summary.

Same conventions as the app's calendar: the phase as a coloured band, chips coloured by run
type (filled when done, outlined when planned, red when missed), obstacles as bars across the
days they were open, race day unmistakable. Each week is one unit, so pages break between
weeks and the day header repeats on every page.
"""

from collections.abc import Callable
from datetime import date, timedelta

from PySide6.QtCore import QPointF, QRectF, Qt
from PySide6.QtGui import QColor, QFontMetricsF, QPainter, QPen

from csplanner.core.calendar import AccountPlan, Bar, Chip, Week
from csplanner.core.enums import MilestoneStatus, Phase, RunType
from csplanner.core.present import (
    compliance_band,
    date_range,
    date_short,
    hurt_label,
    plural,
    run_legend,
    status_mark,
    value_label,
    weekday_names,
    weeks_to_race,
)
from csplanner.export import fonts
from csplanner.export.pdf_document import INK, MUTED, RULE, SHADE, PdfDocument, Unit
from csplanner.export.qcolors import (
    COMPLIANCE,
    DONE,
    INJURY,
    MISSED,
    PARTLY,
    PHASE,
    RUN,
    SEVERITY_ALPHA,
    SKIPPED,
    TODAY,
    WEATHER,
    as_text,
    readable_on,
    tint,
)


MAX_CHIPS = 5  # per day cell; more show as "+N more" (the milestone table lists them all)
MAX_LANES = 3  # obstacle bars per week row
QUIET_RUN = 3  # this many weeks in a row without runs fold into one row


def weeks_to_print(plan: AccountPlan) -> list[Week]:
    """From the kickoff (or signing) week to race week, plus any weeks holding runs outside it.

    Without runs and without both ends of the journey there is nothing worth a grid.
    """
    start_day = plan.kickoff or plan.contract_signed
    days = [c.day for c in plan.chips]
    if not days and (start_day is None or plan.race_day is None):
        return []
    first = min([start_day, *days] if start_day else days)
    last = plan.race_day or max(days)
    busy = {c.day - timedelta(days=(c.day.weekday() - plan.weeks[0].start.weekday()) % 7) for c in plan.chips}
    return [w for w in plan.weeks if (w.end >= first and w.start <= last) or w.start in busy]


class PrintedCalendar:
    """Units for one account's plan: a legend, the day header and one unit per week."""

    def __init__(self, pdf: PdfDocument, plan: AccountPlan, *, show_obstacles: bool, plain: bool = False):
        # plain: the customer's copy, with no compliance figures and nothing marked missed
        self.pdf, self.plan, self.show_obstacles, self.plain = pdf, plan, show_obstacles, plain
        self.first_weekday = plan.weeks[0].start.weekday() if plan.weeks else 0
        pt = pdf.pt
        self.label_w = pt(70)
        self.summary_w = pt(54)
        self.day_w = (pdf.width - self.label_w - self.summary_w) / 7
        self.chip_h = pt(8.2)
        self.lane_h = pt(6)
        self.small = fonts.font(5.6)
        self.tiny = fonts.font(5.2)
        self.bold = fonts.font(6.8, bold=True)
        self.label_font = fonts.font(6)
        self.today = plan.today

    # --- public ---------------------------------------------------------------------------
    def units(self) -> list[Unit]:
        header = self.header()
        rows = []
        for group in self.groups(weeks_to_print(self.plan)):
            if len(group) >= QUIET_RUN:
                rows.append(self.quiet_unit(group, header))
            else:
                rows += [self.week_unit(w, header) for w in group]
        return [self.legend(), header, *rows]

    def quiet(self, week: Week) -> bool:
        """A week with no runs, no race day and not today's: long stretches of them fold into one row."""
        return (not any(self.plan.chips_on(d) for d in week.days())
                and not (self.plan.race_day and week.start <= self.plan.race_day <= week.end)
                and not (self.today and week.start <= self.today <= week.end))

    def groups(self, weeks: list[Week]) -> list[list[Week]]:
        """Consecutive weeks: each busy week alone, quiet ones together while the phase holds."""
        groups: list[list[Week]] = []
        for w in weeks:
            last = groups[-1][-1] if groups else None
            if (last is not None and self.quiet(w) and self.quiet(last) and last.phase == w.phase
                    and last.season == w.season and (w.start - last.start).days == 7):
                groups[-1].append(w)
            else:
                groups.append([w])
        return groups

    def quiet_unit(self, weeks: list[Week], header: Unit) -> Unit:
        """Several weeks without runs in one short row, with the obstacles open during them."""
        pt = self.pdf.pt
        first, last = weeks[0], weeks[-1]
        bars = self.plan.bars_in(first.start, last.end) if self.show_obstacles else []
        shown = bars[:MAX_LANES]
        h = pt(18) + len(shown) * (self.lane_h + pt(1)) + (pt(1) if shown else 0)

        def draw(p: QPainter, r: QRectF) -> None:
            x0, y0 = r.x(), r.y()
            days_rect = QRectF(x0 + self.label_w, y0, 7 * self.day_w, h)
            p.fillRect(days_rect, QColor("#fafbfc"))
            if first.phase is not None:
                p.fillRect(QRectF(x0, y0, pt(3), h), PHASE[first.phase])
            lx, lw = x0 + pt(5), self.label_w - pt(6)
            p.setFont(self.bold)
            p.setPen(INK)
            span = f"Weeks {first.number}–{last.number}" if first.number else f"{first.iso_label()}–{last.iso_label()}"
            if first.past_season and first.number:
                span = f"S{first.season} · {span}"
            p.drawText(QRectF(lx, y0 + pt(1.5), lw, pt(8)), Qt.AlignmentFlag.AlignLeft, span)
            p.setFont(self.small)
            p.setPen(PHASE[first.phase].darker(130) if first.phase else MUTED)
            p.drawText(QRectF(lx, y0 + pt(9.5), lw, pt(7)), Qt.AlignmentFlag.AlignLeft,
                       value_label(first.phase) if first.phase else "")
            p.setPen(MUTED)
            text = f"{plural(len(weeks), 'week')} without runs · {date_range(first.start, last.end)}"
            if last.weeks_to_race is not None:
                text += f" · then {weeks_to_race(last.weeks_to_race).lower()}"
            p.drawText(QRectF(days_rect.x() + pt(4), y0 + pt(2), days_rect.width() - pt(8), pt(8)),
                       Qt.AlignmentFlag.AlignLeft, text)
            total = (last.end - first.start).days + 1
            lane_y = y0 + pt(12)
            fm = QFontMetricsF(self.tiny, self.pdf.writer)
            for bar in shown:
                a = (max(bar.start, first.start) - first.start).days
                b = (min(bar.end, last.end) - first.start).days + 1
                rect = QRectF(days_rect.x() + days_rect.width() * a / total + pt(1), lane_y,
                              days_rect.width() * (b - a) / total - pt(2), self.lane_h)
                p.fillRect(rect, tint(INJURY if bar.injury else WEATHER, SEVERITY_ALPHA[bar.severity] / 255))
                p.setFont(self.tiny)
                p.setPen(QColor("#ffffff"))
                p.drawText(rect.adjusted(pt(2), 0, -pt(1), 0), Qt.AlignmentFlag.AlignVCenter, fm.elidedText(
                    f"{value_label(bar.severity)}: {bar.title}", Qt.TextElideMode.ElideRight, rect.width() - pt(3)))
                lane_y += self.lane_h + pt(1)
            self._draw_summary(p, QRectF(days_rect.right(), y0, self.summary_w, h), first, "rest weeks")
            p.setPen(QPen(RULE, pt(0.5)))
            p.drawLine(QPointF(x0, y0 + h), QPointF(x0 + self.pdf.width, y0 + h))
            p.drawLine(QPointF(days_rect.x(), y0), QPointF(days_rect.x(), y0 + h))
            p.drawLine(QPointF(days_rect.right(), y0), QPointF(days_rect.right(), y0 + h))

        return Unit(h, draw, header=header)

    # --- pieces ---------------------------------------------------------------------------
    def legend(self) -> Unit:
        pt = self.pdf.pt
        items: list[tuple[str, Callable[[QPainter, QRectF], None]]] = []
        for run in RunType:
            items.append((run_legend(run), lambda p, r, c=RUN[run]: self._swatch(p, r, c, filled=True)))
        items.append(("done: filled", lambda p, r: self._swatch(p, r, MUTED, filled=True)))
        items.append(("planned: outlined", lambda p, r: self._swatch(p, r, MUTED, filled=False)))
        if not self.plain:
            items.append(("missed", lambda p, r: self._swatch(p, r, MISSED, filled=True)))
        phases = [(value_label(ph), lambda p, r, c=PHASE[ph]: p.fillRect(r, c)) for ph in Phase]
        if self.show_obstacles:
            phases.append((hurt_label(True), lambda p, r: p.fillRect(r, INJURY)))
            phases.append((hurt_label(False), lambda p, r: p.fillRect(r, WEATHER)))
        lines = [items, phases]
        line_h = pt(10)

        def draw(p: QPainter, r: QRectF) -> None:
            p.setFont(self.small)
            fm = QFontMetricsF(self.small, self.pdf.writer)
            for i, line in enumerate(lines):
                x = r.x()
                y = r.y() + i * line_h
                title = "Runs:" if i == 0 else "Phases:"
                p.setPen(MUTED)
                p.drawText(QRectF(x, y, pt(34), line_h), Qt.AlignmentFlag.AlignVCenter, title)
                x += pt(34)
                for text, swatch in line:
                    swatch(p, QRectF(x, y + pt(2.5), pt(9), pt(5)))
                    x += pt(11)
                    p.setPen(INK)
                    w = fm.horizontalAdvance(text)
                    p.drawText(QRectF(x, y, w + pt(2), line_h), Qt.AlignmentFlag.AlignVCenter, text)
                    x += w + pt(9)

        return Unit(len(lines) * line_h + pt(2), draw, keep_with_next=True, space_before=pt(4))

    def header(self) -> Unit:
        pt = self.pdf.pt
        h = pt(11)
        names = weekday_names(self.first_weekday)

        def draw(p: QPainter, r: QRectF) -> None:
            p.fillRect(QRectF(r.x(), r.y(), self.pdf.width, h), SHADE)
            p.setFont(self.bold)
            p.setPen(MUTED)
            p.drawText(QRectF(r.x() + pt(5), r.y(), self.label_w, h), Qt.AlignmentFlag.AlignVCenter, "Week")
            for i, name in enumerate(names):
                x = r.x() + self.label_w + i * self.day_w
                p.drawText(QRectF(x, r.y(), self.day_w, h), Qt.AlignmentFlag.AlignCenter, name)
            x = r.x() + self.label_w + 7 * self.day_w
            p.drawText(QRectF(x, r.y(), self.summary_w - pt(3), h),
                       Qt.AlignmentFlag.AlignVCenter | Qt.AlignmentFlag.AlignRight, "Summary")

        return Unit(h, draw, keep_with_next=True)

    def week_unit(self, week: Week, header: Unit) -> Unit:
        pt = self.pdf.pt
        chips_by_day = [self.plan.chips_on(d) for d in week.days()]
        most = max((min(len(c), MAX_CHIPS + 1) for c in chips_by_day), default=0)
        bars = self.plan.bars_in(week.start, week.end) if self.show_obstacles else []
        lanes = min(len(bars), MAX_LANES)
        h = max(pt(25), pt(9) + most * (self.chip_h + pt(1)) + lanes * (self.lane_h + pt(1)) + pt(2))

        def draw(p: QPainter, r: QRectF) -> None:
            self._draw_week(p, r.x(), r.y(), h, week, chips_by_day, bars[:MAX_LANES], len(bars) - MAX_LANES)

        return Unit(h, draw, header=header)

    # --- painting -------------------------------------------------------------------------
    def _draw_week(self, p: QPainter, x0: float, y0: float, h: float, week: Week,
                   chips_by_day: list[list[Chip]], bars: list[Bar], hidden_bars: int) -> None:
        pt = self.pdf.pt
        # phase band and week label: "Week 5 · W47", "21 weeks to race day", the phase
        if week.phase is not None:
            p.fillRect(QRectF(x0, y0, pt(3), h), PHASE[week.phase])
        lx, lw = x0 + pt(5), self.label_w - pt(6)
        title = f"Week {week.number}" if week.number else week.iso_label()
        if week.past_season and week.number:
            title = f"S{week.season} · {title}"  # an earlier season's week
        p.setPen(INK)
        p.setFont(self.bold)
        p.drawText(QRectF(lx, y0 + pt(1.5), lw, pt(8)), Qt.AlignmentFlag.AlignLeft, title)
        if week.number:
            p.setFont(self.small)
            p.setPen(MUTED)
            p.drawText(QRectF(lx, y0 + pt(2.3), lw, pt(8)), Qt.AlignmentFlag.AlignRight, week.iso_label())
        to_race = weeks_to_race(week.weeks_to_race) if week.weeks_to_race is not None else ""
        p.setFont(self.small)
        p.setPen(as_text(RUN[RunType.RACE]) if week.weeks_to_race == 0 else MUTED)
        p.drawText(QRectF(lx, y0 + pt(9.5), lw, pt(7)), Qt.AlignmentFlag.AlignLeft, to_race)
        if week.phase is not None:
            p.setPen(as_text(PHASE[week.phase]))
            p.drawText(QRectF(lx, y0 + pt(16), lw, pt(7)), Qt.AlignmentFlag.AlignLeft, value_label(week.phase))

        # days
        for i, day in enumerate(week.days()):
            cell = QRectF(x0 + self.label_w + i * self.day_w, y0, self.day_w, h)
            self._draw_day(p, cell, day, chips_by_day[i], first=(i == 0))

        p.setPen(QPen(RULE, pt(0.5)))
        p.drawLine(QPointF(x0, y0 + h), QPointF(x0 + self.pdf.width, y0 + h))
        for i in range(8):
            x = x0 + self.label_w + i * self.day_w
            p.drawLine(QPointF(x, y0), QPointF(x, y0 + h))

        # obstacles along the bottom of the row
        lane_y = y0 + h - pt(1.5) - len(bars) * (self.lane_h + pt(1))
        for bar in bars:
            a = max(bar.start, week.start)
            b = min(bar.end, week.end)
            left = x0 + self.label_w + (a - week.start).days * self.day_w + pt(1)
            right = x0 + self.label_w + ((b - week.start).days + 1) * self.day_w - pt(1)
            base = INJURY if bar.injury else WEATHER
            color = tint(base, SEVERITY_ALPHA[bar.severity] / 255)
            rect = QRectF(left, lane_y, right - left, self.lane_h)
            p.fillRect(rect, color)
            p.setFont(self.tiny)
            p.setPen(QColor("#ffffff"))
            text = f"{value_label(bar.severity)}: {bar.title}"
            fm = QFontMetricsF(self.tiny, self.pdf.writer)
            p.drawText(rect.adjusted(pt(2), 0, -pt(1), 0), Qt.AlignmentFlag.AlignVCenter,
                       fm.elidedText(text, Qt.TextElideMode.ElideRight, rect.width() - pt(3)))
            lane_y += self.lane_h + pt(1)
        if hidden_bars > 0:
            p.setFont(self.tiny)
            p.setPen(MUTED)
            p.drawText(QRectF(x0 + pt(5), y0 + h - pt(8), self.label_w, pt(7)), Qt.AlignmentFlag.AlignLeft,
                       f"+{hidden_bars} more obstacles")

        self._draw_summary(p, QRectF(x0 + self.label_w + 7 * self.day_w, y0, self.summary_w, h), week)

    def _draw_day(self, p: QPainter, cell: QRectF, day: date, chips: list[Chip], first: bool) -> None:
        pt = self.pdf.pt
        race = self.plan.race_day is not None and day == self.plan.race_day
        past = self.today is not None and day < self.today
        runs = [c for c in chips if c.status != MilestoneStatus.SKIPPED]
        if race:
            p.fillRect(cell, tint(RUN[RunType.RACE], 0.35))
        elif runs and past:  # past days by compliance
            done = sum(c.status == MilestoneStatus.DONE for c in runs)
            color = DONE if done == len(runs) else MISSED if done == 0 else PARTLY
            p.fillRect(cell, tint(color, 0.12))
        elif runs:  # future days by their biggest run
            biggest = max(runs, key=lambda c: list(RunType).index(c.run_type)).run_type
            p.fillRect(cell, tint(RUN[biggest], 0.08))
        p.setFont(self.small)
        p.setPen(MUTED)
        text = date_short(day) if first or day.day == 1 else str(day.day)
        date_rect = QRectF(cell.x() + pt(2), cell.y() + pt(1), cell.width() - pt(4), pt(7))
        p.drawText(date_rect, Qt.AlignmentFlag.AlignLeft, text)
        if race:
            p.setFont(self.bold)
            p.setPen(as_text(RUN[RunType.RACE]))
            p.drawText(date_rect, Qt.AlignmentFlag.AlignRight, "RACE DAY")
        if self.today is not None and day == self.today:
            p.setPen(QPen(TODAY, pt(1.2)))
            p.setBrush(Qt.BrushStyle.NoBrush)
            p.drawRect(cell.adjusted(pt(0.6), pt(0.6), -pt(0.6), -pt(0.6)))
            p.setFont(self.tiny)
            p.setPen(as_text(TODAY))
            if not race:
                p.drawText(date_rect, Qt.AlignmentFlag.AlignRight, "today")
        y = cell.y() + pt(9)
        shown = chips if len(chips) <= MAX_CHIPS + 1 else chips[:MAX_CHIPS]
        for chip in shown:
            self._draw_chip(p, QRectF(cell.x() + pt(1.5), y, cell.width() - pt(3), self.chip_h), chip)
            y += self.chip_h + pt(1)
        if len(shown) < len(chips):
            p.setFont(self.tiny)
            p.setPen(MUTED)
            p.drawText(QRectF(cell.x() + pt(2), y, cell.width() - pt(4), self.chip_h),
                       Qt.AlignmentFlag.AlignVCenter, f"+{len(chips) - len(shown)} more")

    def _draw_chip(self, p: QPainter, r: QRectF, chip: Chip) -> None:
        pt = self.pdf.pt
        color = RUN[chip.run_type]
        missed = chip.status == MilestoneStatus.MISSED or chip.overdue
        if chip.status == MilestoneStatus.SKIPPED:
            p.setPen(QPen(SKIPPED, pt(0.5), Qt.PenStyle.DashLine))
            p.setBrush(Qt.BrushStyle.NoBrush)
            ink = as_text(SKIPPED)
        elif missed:
            p.setPen(QPen(MISSED, pt(0.6)))
            p.setBrush(tint(MISSED, 0.85))
            ink = readable_on(tint(MISSED, 0.85))
        elif chip.status == MilestoneStatus.DONE:
            p.setPen(QPen(color, pt(0.6)))
            p.setBrush(color)
            ink = readable_on(color)
        else:
            p.setPen(QPen(color, pt(0.8)))
            p.setBrush(QColor("#ffffff"))
            ink = as_text(color)
        p.drawRoundedRect(r, pt(1.5), pt(1.5))
        p.setFont(self.small)
        p.setPen(ink)
        fm = QFontMetricsF(self.small, self.pdf.writer)
        mark = status_mark(chip.status, chip.overdue)  # state in a mark too, not only in colour
        text = fm.elidedText(f"{mark} {chip.title}" if mark else chip.title, Qt.TextElideMode.ElideRight, r.width() - pt(3))
        p.drawText(r.adjusted(pt(1.5), 0, -pt(1), 0), Qt.AlignmentFlag.AlignVCenter, text)

    def _draw_summary(self, p: QPainter, cell: QRectF, week: Week, rest: str = "rest week") -> None:
        pt = self.pdf.pt
        p.fillRect(cell.adjusted(pt(0.5), 0, 0, 0), QColor("#f7f8fa"))
        inner = cell.adjusted(pt(3), pt(1.5), -pt(3), 0)
        if week.planned == 0:
            p.setFont(self.small)
            p.setPen(MUTED)
            p.drawText(inner, Qt.AlignmentFlag.AlignRight, rest if week.phase else "")
            return
        if self.plain:
            p.setFont(self.small)
            p.setPen(MUTED)
            runs = plural(week.planned, "run")
            p.drawText(inner, Qt.AlignmentFlag.AlignRight, runs)
            return
        if week.compliance is not None:
            pct = round(week.compliance * 100)
            band = compliance_band(pct)
            color = as_text(COMPLIANCE[band])
            p.setFont(self.bold)
            p.setPen(color)
            p.drawText(QRectF(inner.x(), inner.y(), inner.width(), pt(8)), Qt.AlignmentFlag.AlignRight, f"{pct}%")
        p.setFont(self.small)
        p.setPen(MUTED)
        p.drawText(QRectF(inner.x(), inner.y() + pt(8), inner.width(), pt(7)), Qt.AlignmentFlag.AlignRight,
                   f"{week.done} of {week.planned} done")
        if week.missed:
            p.setPen(as_text(MISSED))
            p.drawText(QRectF(inner.x(), inner.y() + pt(15), inner.width(), pt(7)), Qt.AlignmentFlag.AlignRight,
                       f"{week.missed} missed")

    def _swatch(self, p: QPainter, r: QRectF, color: QColor, filled: bool) -> None:
        p.setPen(QPen(color, self.pdf.pt(0.8)))
        p.setBrush(color if filled else QColor("#ffffff"))
        p.drawRoundedRect(r, self.pdf.pt(1), self.pdf.pt(1))
