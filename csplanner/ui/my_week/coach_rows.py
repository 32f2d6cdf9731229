"""My week's coach sections: the week's load against the hours available (per day and for the
week, like TrainingPeaks' weekly load) with "Plan my week…", and "Who to call this week"."""

from collections.abc import Callable
from datetime import date

from PySide6.QtCore import QRectF, QSize, Qt
from PySide6.QtGui import QPainter, QPaintEvent, QPalette, QPen
from PySide6.QtWidgets import QDoubleSpinBox, QHBoxLayout, QLabel, QSizePolicy, QWidget

from csplanner.core import coach_views
from csplanner.core.cadence import CadenceState, Contact
from csplanner.core.load import WeekLoad
from csplanner.core.present import Band, plural, value_label, weekday_short
from csplanner.export.qcolors import BAND, DONE, MISSED, tint
from csplanner.ui.a11y import name_widget
from csplanner.ui import operations
from csplanner.ui.context import AppContext
from csplanner.ui.my_week import rows as r
from csplanner.ui.plan_week_dialog import PlanWeekDialog

STATE_COLOR = {CadenceState.OVERDUE: BAND[Band.RED], CadenceState.DUE: BAND[Band.AMBER], CadenceState.OK: DONE}
STATE_WORD = {CadenceState.OVERDUE: "overdue", CadenceState.DUE: "due", CadenceState.OK: "soon"}


class LoadChart(QWidget):
    """Seven bars: each day's planned hours (red above its capacity), the capacity as a line."""

    def __init__(self, week: WeekLoad) -> None:
        super().__init__()
        self.week = week
        self.setObjectName("loadChart")
        self.setMinimumHeight(110)
        self.setSizePolicy(QSizePolicy.Policy.Expanding, QSizePolicy.Policy.Fixed)
        self.setToolTip("\n".join(f"{weekday_short(d.day)}: {d.hours:g} h planned of {d.capacity:g} h"
                                  for d in week.days))

    def sizeHint(self) -> QSize:
        return QSize(420, 110)

    def paintEvent(self, _event: QPaintEvent) -> None:
        p = QPainter(self)
        p.setRenderHint(QPainter.RenderHint.Antialiasing)
        fm = self.fontMetrics()
        text_h = fm.height()
        top, bottom = text_h + 2, self.height() - text_h - 4
        top_hours = max([d.hours for d in self.week.days] + [d.capacity for d in self.week.days] + [1.0]) * 1.05
        slot = self.width() / 7
        bar_w = min(46.0, slot * 0.6)
        ink = self.palette().color(QPalette.ColorRole.Text)
        for i, d in enumerate(self.week.days):
            x = i * slot + (slot - bar_w) / 2
            scale = (bottom - top) / top_hours
            within = min(d.hours, d.capacity)
            p.setPen(Qt.PenStyle.NoPen)
            p.setBrush(tint(DONE, 0.75, self.palette()))
            p.drawRect(QRectF(x, bottom - within * scale, bar_w, within * scale))
            if d.over:
                p.setBrush(MISSED)
                p.drawRect(QRectF(x, bottom - d.hours * scale, bar_w, (d.hours - within) * scale))
            if d.capacity > 0:
                pen = QPen(ink, 1.5, Qt.PenStyle.DashLine)
                p.setPen(pen)
                y = bottom - d.capacity * scale
                p.drawLine(int(x - 4), int(y), int(x + bar_w + 4), int(y))
            p.setPen(MISSED if d.over else ink)
            label_top = bottom - max(d.hours, d.capacity) * scale - text_h - 2  # above the bar and the line
            p.drawText(QRectF(i * slot, label_top, slot, text_h),
                       Qt.AlignmentFlag.AlignCenter, f"{d.hours:g} h" if d.hours else "")
            p.setPen(ink)
            p.drawText(QRectF(i * slot, bottom + 2, slot, text_h), Qt.AlignmentFlag.AlignCenter,
                       weekday_short(d.day))
        p.end()


class CoachSections:
    """Builds the coach's sections of one My week page."""

    def __init__(self, parent: QWidget, ctx: AppContext, on_open: Callable[[int], None],
                 fill: Callable[..., r.Section], log_with: Callable[[int, int], None]) -> None:
        self.parent, self.ctx, self.on_open, self.fill, self.log_with = parent, ctx, on_open, fill, log_with

    def load(self, week_start: date, week: WeekLoad | None = None) -> r.Section:
        """The load section (`week`: the load as read already, else read here)."""
        owner = getattr(self.parent, "owner", None)  # My week's "My accounts": my hours
        if week is None:
            week = coach_views.week_load(self.ctx.db, week_start, owner)
        over = week.over
        title = f"Load · {week.hours:g} h planned of {week.capacity:g} h"
        section = r.Section(title, None, accent=MISSED if over else None)
        section.setObjectName("loadSection")
        section.add(LoadChart(week))
        hours = QDoubleSpinBox()
        hours.setObjectName("weekHours")
        hours.setRange(0, 168)
        hours.setDecimals(1)
        hours.setSuffix(" h")
        hours.setValue(week.capacity)
        hours.setToolTip("Hours you have for the plan this week (File → Coach settings… sets the usual week)")
        name_widget(hours, "Hours this week", "Hours you have for the plan this week")
        hours.editingFinished.connect(lambda: self._set_hours(week_start, hours.value(), week.capacity))
        label = QLabel("&Hours this week")
        label.setBuddy(hours)
        plan = r.small_button("Plan my week…", "Propose which runs to keep and which to defer a week",
                              lambda: PlanWeekDialog.ask(self.parent, self.ctx, week_start, owner))
        plan.setObjectName("planWeek")
        plan.setEnabled(over)
        if not over:
            plan.setToolTip("The week fits in the hours available")
        verdict = r.plain(f"over by {week.hours - week.capacity:g} h" if over else "fits", muted=not over)
        if over:
            r.ink(verdict, MISSED)
        bar = QWidget()
        row = QHBoxLayout(bar)
        row.setContentsMargins(0, 0, 0, 0)
        for w in (label, hours, verdict):
            row.addWidget(w)
        row.addStretch(1)
        row.addWidget(plan)
        section.add(bar)
        return section

    def _set_hours(self, week_start: date, hours: float, before: float) -> None:
        if abs(hours - before) > 1e-9:
            operations.set_week_hours(self.ctx, week_start, hours)

    def who_to_call(self, people: list[Contact]) -> r.Section:
        """The contacts to call this week (cadence.to_call of every contact the view holds)."""

        def row(c: Contact) -> QWidget:
            word = STATE_WORD.get(c.state, "")
            state = r.badge(word, STATE_COLOR.get(c.state, DONE), outline=c.state == CadenceState.OK, width=58)
            since = "never met" if c.last_met is None else f"{plural(c.days_since or 0, 'day')} since"
            who = r.plain(f"{c.name} · {value_label(c.role)}", wrap=True)
            who.setToolTip(f"Every {plural(c.cadence_days or 0, 'day')}; {since}")
            ago = r.plain(since, muted=True)
            call = r.small_button("Log call…", f"Log a check-in with {c.name}",
                                  lambda c=c: self.log_with(c.account_id, c.stakeholder_id))
            return r.Row(state, r.AccountLink(c.account_id, c.account_name, self.on_open), who, ago, call,
                         key=("call", c.stakeholder_id))

        return self.fill(r.Section("Who to call this week", len(people)), "calls", people, row,
                         "Every cadence is kept this week.")


