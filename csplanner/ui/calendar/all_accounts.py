"""Every account's runs on one grid over a date range, filtered by stage, segment or text."""

from datetime import date, timedelta

from PySide6.QtCore import QDate, Qt, QTimer, Signal
from PySide6.QtWidgets import (
    QComboBox, QDateEdit, QHBoxLayout, QInputDialog, QLabel, QLineEdit, QMenu, QPushButton,
    QVBoxLayout, QWidget,
)

from csplanner.core import read
from csplanner.core.calendar import Chip
from csplanner.core.enums import Stage
from csplanner.core.present import date_long, value_label
from csplanner.ui.a11y import name_widget
from csplanner.ui.calendar.accessible import GRID_KEYS
from csplanner.ui.calendar.grid import CalendarGrid
from csplanner.ui.calendar.legend import Legend
from csplanner.ui.calendar.panel import CalendarPanel
from csplanner.ui.calendar.sources import Filters, RangeSource, locale_first_weekday
from csplanner.core.changes import Change
from csplanner.ui.context import AppContext

WEEKS_BACK, WEEKS_AHEAD = 26, 52
MAX_CHOICES = 500  # the "which account?" list; type in the filter to narrow it


class AllAccountsCalendar(CalendarPanel):
    open_account = Signal(int)

    def __init__(self, ctx: AppContext, parent: QWidget | None = None) -> None:
        super().__init__(ctx, parent)
        today = ctx.today()
        self.source = RangeSource(ctx, today - timedelta(weeks=WEEKS_BACK), today + timedelta(weeks=WEEKS_AHEAD),
                                  locale_first_weekday())
        self.grid: CalendarGrid = self.make_grid(self.source, row_height=132, show_account=True)
        self.grid.next_race_day = self.next_race_day
        self.source.failed = self.report
        self.stage = QComboBox()
        self.stage.addItem("All stages", None)
        for stage in Stage:
            self.stage.addItem(value_label(stage), stage)
        self.segment = QComboBox()
        self.segment.setMinimumContentsLength(12)
        self.text = QLineEdit()
        self.text.setPlaceholderText("Filter by account, segment or run…")
        self.text.setClearButtonEnabled(True)
        self.start = QDateEdit(QDate(self.source.starts[0]))
        self.end = QDateEdit(QDate(self.source.starts[-1] + timedelta(days=6)))
        for edit in (self.start, self.end):
            edit.setCalendarPopup(True)
            edit.setDisplayFormat("yyyy-MM-dd")
        self.today_button = QPushButton("Today (T)")
        self.today_button.setFocusPolicy(Qt.FocusPolicy.TabFocus)  # a click leaves the keys with the grid
        self.grid.setAccessibleName("Training calendar of every account")
        self.grid.setAccessibleDescription(GRID_KEYS)
        self.text.setAccessibleName("Filter the calendar")
        for widget, name in ((self.stage, "Stage"), (self.segment, "Segment"), (self.start, "From"), (self.end, "To")):
            name_widget(widget, name)
        self._typing = QTimer(self, singleShot=True, interval=250)  # filter after a pause in typing
        self._typing.timeout.connect(self.apply_filters)
        self.text.textChanged.connect(self._typing.start)
        self.stage.currentIndexChanged.connect(self.apply_filters)
        self.segment.currentIndexChanged.connect(self.apply_filters)
        self.start.dateChanged.connect(self.apply_range)
        self.end.dateChanged.connect(self.apply_range)
        self.today_button.clicked.connect(self.go_today)
        bar = QHBoxLayout()
        for text, widget in (("Stage", self.stage), ("Segment", self.segment)):
            bar.addWidget(QLabel(text))
            bar.addWidget(widget)
        bar.addWidget(self.text, 1)
        bar.addWidget(QLabel("From"))
        bar.addWidget(self.start)
        bar.addWidget(QLabel("to"))
        bar.addWidget(self.end)
        bar.addWidget(self.today_button)
        layout = QVBoxLayout(self)
        layout.setContentsMargins(6, 6, 6, 6)
        layout.addLayout(bar)
        layout.addWidget(Legend(phases=False))
        layout.addWidget(self.message)
        layout.addWidget(self.grid, 1)
        order = [self.stage, self.segment, self.text, self.start, self.end, self.today_button, self.grid]
        for first, second in zip(order, order[1:]):  # reading order: the filters above, then the grid
            QWidget.setTabOrder(first, second)
        ctx.bus.changed.connect(self.on_changed)
        self.reload_segments()
        self.go_today(select=False)  # no read yet: the weeks are read when first painted

    def reload_segments(self) -> None:
        current = self.segment.currentData()
        segments = read.segments(self.ctx.db)
        self.segment.blockSignals(True)
        self.segment.clear()
        self.segment.addItem("All segments", None)
        for seg in segments:
            self.segment.addItem(seg, seg)
        self.segment.setCurrentIndex(max(0, self.segment.findData(current)))
        self.segment.blockSignals(False)

    def filters(self) -> Filters:
        stage, segment = self.stage.currentData(), self.segment.currentData()
        return Filters(stages=[stage] if stage else [], segments=[segment] if segment else [], text=self.text.text())

    def apply_filters(self) -> None:
        self.source.set_filters(self.filters())
        self.grid.reload()

    def apply_range(self) -> None:
        start, end = self.start.date().toPython(), self.end.date().toPython()
        self.source.set_range(start, max(start, end))
        self.grid.reload()

    def on_changed(self, change: Change) -> None:
        if change.accounts_list:
            self.reload_segments()
        if change.calendar:
            self.source.clear()
            self.grid.reload()

    def go_today(self, select: bool = True) -> None:
        row = self.source.row_of(self.ctx.today())
        if row is not None:  # today near the top, last week still in sight
            self.grid.scroll_to_row(max(0, row - 1), top=True)
        self.grid.set_current(self.ctx.today(), select_first=select)

    def next_race_day(self, after: date) -> date | None:
        f = self.filters()
        return read.next_race_day(self.ctx.db, after, stages=f.stages, segments=f.segments, text=f.text)

    def account_for_new(self, day: date) -> int | None:
        """Which account the new run is for: the only one the filter shows, or ask."""
        f = self.filters()
        rows = read.account_choices(self.ctx.db, f.text, f.stages, f.segments)
        if len(rows) == 1:
            return rows[0].id
        if not rows:
            self.message.setText("No account matches the filter; clear it to add a run.")
            self.message.show()
            return None
        names = [r.name for r in rows[:MAX_CHOICES]]
        name, ok = QInputDialog.getItem(self, "Add a run", f"Which account is the run on {date_long(day)} for?", names, 0, False)
        if not ok:
            return None
        return next(r.id for r in rows if r.name == name)

    def extra_menu_actions(self, menu: object, chip: Chip) -> None:
        assert isinstance(menu, QMenu)
        menu.addSeparator()
        menu.addAction(f"Open account '{chip.account_name}'").triggered.connect(
            lambda: self.open_account.emit(chip.account_id))
