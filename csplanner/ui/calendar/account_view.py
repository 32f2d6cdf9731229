"""One account's training calendar: contract signed to race day, with the countdown on top."""

from datetime import date

from PySide6.QtCore import Qt, Signal
from PySide6.QtGui import QFont
from PySide6.QtWidgets import QComboBox, QHBoxLayout, QLabel, QPushButton, QVBoxLayout, QWidget

from csplanner.core import read
from csplanner.core.enums import RunType
from csplanner.core.errors import DomainError
from csplanner.export import qcolors as colors
from csplanner.ui import editing
from csplanner.ui.calendar.accessible import GRID_KEYS
from csplanner.ui.calendar.grid import CalendarGrid
from csplanner.ui.calendar.legend import Legend
from csplanner.ui.calendar.panel import CalendarPanel
from csplanner.ui.calendar.sources import AccountSource, locale_first_weekday
from csplanner.core.changes import Change
from csplanner.ui.context import AppContext


class AccountCalendar(CalendarPanel):
    open_account = Signal(int)

    def __init__(self, ctx: AppContext, parent: QWidget | None = None) -> None:
        super().__init__(ctx, parent)
        self.account_id: int | None = None
        self.first_weekday = locale_first_weekday()
        self.source = AccountSource()
        self.grid: CalendarGrid = self.make_grid(self.source, row_height=104, chip_lines=2)
        self.title = QLabel()
        self.title.setTextFormat(Qt.TextFormat.PlainText)
        font = QFont(self.title.font())
        font.setBold(True)
        if font.pointSizeF() > 0:
            font.setPointSizeF(font.pointSizeF() * 1.3)
        self.title.setFont(font)
        self.countdown = QLabel()
        self.countdown.setTextFormat(Qt.TextFormat.PlainText)
        self.countdown.setFont(font)
        self.countdown.setStyleSheet(f"color: {colors.as_text(colors.RUN[RunType.RACE], self.palette()).name()};")
        self.countdown.setWordWrap(True)  # a narrow window wraps the countdown rather than clip the buttons
        self.title.hide()  # the account page's header above already names the account
        self.today_button = QPushButton("Today (T)")
        self.race_button = QPushButton("Race day (R)")
        self.apply_button = QPushButton("Apply template…")
        self.save_button = QPushButton("Save as template…")
        self.season_picker = QComboBox()  # shown once an account has more than one season
        self.season_picker.setFocusPolicy(Qt.FocusPolicy.TabFocus)
        self.season_picker.setAccessibleName("Season")
        self.season_picker.setToolTip("Scroll to the start of a season")
        self.season_picker.activated.connect(self.go_season)
        self.today_button.clicked.connect(self.go_today)
        self.race_button.clicked.connect(self.go_race_day)
        self.apply_button.clicked.connect(self.apply_template)
        self.save_button.clicked.connect(self.save_template)
        # A click leaves the keys with the grid; Tab still reaches every button (keyboard users),
        # in reading order: the buttons above, then the grid.
        for widget in (self.today_button, self.race_button, self.apply_button, self.save_button):
            widget.setFocusPolicy(Qt.FocusPolicy.TabFocus)
        top = QHBoxLayout()
        top.addWidget(self.title)
        top.addWidget(self.countdown)
        top.addStretch(1)
        top.addWidget(self.season_picker)
        for button in (self.today_button, self.race_button, self.apply_button, self.save_button):
            top.addWidget(button)
        layout = QVBoxLayout(self)
        layout.setContentsMargins(6, 6, 6, 6)
        layout.addLayout(top)
        layout.addWidget(Legend())
        layout.addWidget(self.message)
        layout.addWidget(self.grid, 1)
        order = [self.season_picker, self.today_button, self.race_button, self.apply_button, self.save_button, self.grid]
        for first, second in zip(order, order[1:]):
            QWidget.setTabOrder(first, second)
        ctx.bus.changed.connect(self.on_changed)
        self.set_account(None)

    def set_account(self, account_id: int | None) -> None:
        """Show this account's plan (None: nothing), scrolled to today."""
        self.account_id = account_id
        self.reload()
        today_row = self.source.row_of(self.ctx.today())
        if today_row is not None:  # today near the top, with the last weeks still in sight
            self.grid.scroll_to_row(max(0, today_row - 3), top=True)
        self.grid.set_current(self.ctx.today())

    def reload(self) -> None:
        plan = None
        if self.account_id is not None:
            try:
                plan = read.account_plan(self.ctx.db, self.account_id, self.ctx.today(), self.first_weekday)
            except DomainError:  # deleted meanwhile
                self.account_id = None
        self.source.plan = plan
        self.grid.race_day = plan.race_day if plan else None
        self.title.setText(plan.account_name if plan else "No account selected")
        self.grid.setAccessibleName(f"Training calendar for {plan.account_name}" if plan else "Training calendar")
        self.grid.setAccessibleDescription(GRID_KEYS)
        self.countdown.setText(plan.countdown() if plan else "")
        for button in (self.today_button, self.race_button, self.apply_button, self.save_button):
            button.setEnabled(plan is not None)
        self.race_button.setEnabled(bool(plan and plan.race_day))
        editing.allow_edit(self.ctx, self.apply_button, plan is not None)
        self.season_picker.clear()
        spans = plan.seasons if plan else ()
        for span in spans:
            self.season_picker.addItem(f"Season {span.number}" + (" (now)" if span.current else ""), span.number)
        self.season_picker.setCurrentIndex(len(spans) - 1)
        self.season_picker.setVisible(len(spans) > 1)
        self.grid.reload()

    def on_changed(self, change: Change) -> None:
        if change.calendar and change.concerns(self.account_id):
            self.reload()

    def account_for_new(self, day: date) -> int | None:
        return self.account_id

    def go_today(self) -> None:
        self.grid.set_current(self.ctx.today())
        self.grid.setFocus()

    def go_season(self, index: int) -> None:
        """Pick a season: its first week at the top."""
        plan = self.source.plan
        number = self.season_picker.itemData(index)
        start = plan.season_start(number) if plan is not None and number is not None else None
        if start is not None:
            self.grid.ensure_visible(start, top=True)
            self.grid.set_current(start, select_first=False)

    def go_race_day(self) -> None:
        if self.grid.race_day is not None:
            self.grid.set_current(self.grid.race_day)
        self.grid.setFocus()

    def apply_template(self) -> None:
        if self.account_id is None:
            return
        from csplanner.ui.calendar.template_dialogs import ApplyTemplateDialog

        ApplyTemplateDialog.ask(self, self.ctx, self.account_id)

    def save_template(self) -> None:
        if self.account_id is None:
            return
        from csplanner.ui.calendar.template_dialogs import save_plan_as_template

        save_plan_as_template(self, self.ctx, self.account_id)
