"""The overview's race-day panel: result due, the latest forecast, open next steps and the
season history ("Season 2 · renewed +18 % ARR")."""

from PySide6.QtGui import QFont
from PySide6.QtWidgets import QFrame, QHBoxLayout, QLabel, QPushButton, QVBoxLayout, QWidget

from csplanner.core import season_views
from csplanner.core.changes import Change, RecordType
from csplanner.core.enums import SeasonOutcome
from csplanner.core.present import value_label as label
from csplanner.core.errors import DomainError
from csplanner.ui import checkpoints, editing
from csplanner.ui.context import AppContext
from csplanner.ui.labels import error_color, panel_title, plain_label
from csplanner.core.present import date_long, money

SHOWN_STEPS = 5
MUTED = "color: palette(placeholder-text);"


def plain(text: str = "", *, wrap: bool = True) -> QLabel:
    return plain_label(text, wrap=wrap, select=False)


class SeasonPanel(QFrame):
    RECORDS = frozenset({RecordType.ACCOUNT, RecordType.SEASON, RecordType.FORECAST, RecordType.NEXT_STEP,
                         RecordType.CHECK_IN})

    def __init__(self, ctx: AppContext, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.ctx = ctx
        self.account_id: int | None = None
        self.setObjectName("seasonPanel")
        self.title = panel_title("Race day and seasons")
        self.due = plain()
        self.due.setStyleSheet(f"color: {error_color(self)}; font-weight: bold;")
        self.result_button = QPushButton("Record race result…")
        self.forecast_button = QPushButton("Take forecast…")
        self.result_button.clicked.connect(self.record_result)
        self.forecast_button.clicked.connect(self.take_forecast)
        buttons = QHBoxLayout()
        buttons.addWidget(self.result_button)
        buttons.addWidget(self.forecast_button)
        buttons.addStretch(1)
        self.forecast = plain()
        self.checkpoint = plain()
        self.checkpoint.setStyleSheet(f"color: {error_color(self)};")
        self.steps_title = QLabel("Open next steps")
        self.steps = plain()
        self.history_title = QLabel("Seasons")
        self.history = plain()
        for heading in (self.steps_title, self.history_title):
            f = QFont(heading.font())
            f.setBold(True)
            heading.setFont(f)
        layout = QVBoxLayout(self)
        layout.setContentsMargins(0, 0, 0, 0)
        layout.addWidget(self.title)
        layout.addWidget(self.due)
        layout.addLayout(buttons)
        layout.addWidget(self.forecast)
        layout.addWidget(self.checkpoint)
        layout.addSpacing(6)
        layout.addWidget(self.steps_title)
        layout.addWidget(self.steps)
        layout.addSpacing(6)
        layout.addWidget(self.history_title)
        layout.addWidget(self.history)
        layout.addStretch(1)
        self.ctx.bus.changed.connect(self.on_changed)

    def set_account(self, account_id: int | None) -> None:
        self.account_id = account_id
        self.load()

    def on_changed(self, change: Change) -> None:
        if change.trend_only:  # weekly health scores: nothing here shows them
            return
        if change.concerns(self.account_id) and (change.records & self.RECORDS or not change.records):
            self.load()

    def load(self) -> None:
        if self.account_id is None:
            return
        today = self.ctx.today()
        try:
            info = season_views.account_season(self.ctx.db, self.account_id, today, checkpoints.weeks(self.ctx))
        except DomainError:
            return
        self.info = info
        if info.result_due and info.race_day is not None:
            days = (today - info.race_day).days
            self.due.setText(f"Race day was {days} day{'s' if days != 1 else ''} ago ({date_long(info.race_day)}) "
                             "and has no result: record it.")
        self.due.setVisible(info.result_due)
        self.result_button.setToolTip("" if info.can_record_result else
                                      "Set a race day first" if info.race_day is None else "This account churned")
        editing.allow_edit(self.ctx, self.result_button, info.can_record_result)
        editing.allow_edit(self.ctx, self.forecast_button, info.race_day is not None and not info.churned)
        f = info.forecast
        if f is None:
            self.forecast.setText("No renewal forecast this season.")
        else:
            self.forecast.setText(
                f"Latest forecast: {label(f.outcome)} at {money(f.arr_minor, info.currency)}, "
                f"{label(f.confidence).lower()} confidence ({date_long(f.taken_on)})"
                + (f". Risks: {f.risks}" if f.risks else ""))
        point = info.checkpoint
        self.checkpoint.setVisible(point is not None)
        if point is not None:
            self.checkpoint.setText(f"T−{point.weeks} weeks checkpoint since {date_long(point.due_on)}: "
                                    "a forecast is due.")
        steps = info.open_steps
        self.steps_title.setVisible(bool(steps))
        self.steps.setVisible(bool(steps))
        lines = [f"• {s.text} — {s.owner_name}" + (f", by {date_long(s.due_on)}" if s.due_on else "")
                 + (" (late)" if s.overdue else "") for s in steps[:SHOWN_STEPS]]
        if len(steps) > SHOWN_STEPS:
            lines.append(f"… and {len(steps) - SHOWN_STEPS} more (My week lists them all)")
        self.steps.setText("\n".join(lines))
        rows = []
        for s in reversed(info.history):
            span = f"{date_long(s.start) or '—'} → {date_long(s.race_day) or '—'}"
            extra = ""
            if s.outcome == SeasonOutcome.RENEWED and s.arr_result_minor is not None:
                extra = f" · {money(s.arr_start_minor, s.currency)} → {money(s.arr_result_minor, s.currency)}"
            if s.outcome == SeasonOutcome.CHURNED and s.reason_text:
                extra = f" · {s.reason_text}"
            rows.append(f"{s.summary()} · {span}{extra}")
        self.history.setText("\n".join(rows))

    def record_result(self) -> None:
        if self.account_id is not None:
            from csplanner.ui.race_result import RaceResultDialog  # dialogs are imported when first opened

            RaceResultDialog.ask(self, self.ctx, self.account_id)

    def take_forecast(self) -> None:
        if self.account_id is not None:
            from csplanner.ui.forecast_dialog import ForecastDialog

            ForecastDialog.ask(self, self.ctx, self.account_id, checkpoints.weeks(self.ctx))
