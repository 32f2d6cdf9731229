"""Take a renewal forecast: outcome, forecast ARR, confidence and risks (one undo step)."""

from PySide6.QtCore import Qt
from PySide6.QtWidgets import (
    QComboBox,
    QDialog,
    QDialogButtonBox,
    QFormLayout,
    QHBoxLayout,
    QLabel,
    QLineEdit,
    QPlainTextEdit,
    QVBoxLayout,
    QWidget,
)

from csplanner.core import season_views
from csplanner.core.enums import Confidence, ForecastOutcome
from csplanner.core.present import value_label as label
from csplanner.ui import operations
from csplanner.ui.context import AppContext
from csplanner.core.present import date_long, money, money_amount, parse_money
from csplanner.ui.dialogs.record_dialog import ErrorLabel


class ForecastDialog(QDialog):
    def __init__(self, parent: QWidget | None, ctx: AppContext, account_id: int, weeks: tuple[int, ...]) -> None:
        super().__init__(parent)
        self.ctx, self.account_id = ctx, account_id
        info = season_views.account_season(ctx.db, account_id, ctx.today(), weeks)
        self.currency = info.currency
        self.checkpoint = info.checkpoint.weeks if info.checkpoint else None
        self.setWindowTitle(f"Renewal forecast — {info.name}")
        when = f"T−{self.checkpoint} weeks checkpoint · " if self.checkpoint else ""
        head = QLabel(f"{when}race day {date_long(info.race_day) or '—'} · ARR today "
                      f"{money(info.arr_minor, info.currency)}")
        head.setTextFormat(Qt.TextFormat.PlainText)
        self.outcome = QComboBox()
        for o in ForecastOutcome:
            self.outcome.addItem(label(o), o.value)
        self.arr = QLineEdit(money_amount(info.arr_minor, info.currency))
        self.arr.setAlignment(Qt.AlignmentFlag.AlignRight)
        self.confidence = QComboBox()
        for c in Confidence:
            self.confidence.addItem(label(c), c.value)
        self.confidence.setCurrentIndex(1)
        self.risks = QPlainTextEdit()
        self.risks.setPlaceholderText("What could stop the renewal? Budget, champion, product gaps…")
        self.risks.setTabChangesFocus(True)
        self.risks.setFixedHeight(self.risks.fontMetrics().lineSpacing() * 4 + 14)
        arr_row = QHBoxLayout()
        arr_row.addWidget(self.arr, 1)
        arr_row.addWidget(QLabel(info.currency))
        form = QFormLayout()
        form.addRow("&Outcome", self.outcome)
        form.addRow("Forecast ARR", arr_row)
        form.addRow("&Confidence", self.confidence)
        form.addRow("&Risks", self.risks)
        self.error = ErrorLabel()
        buttons = QDialogButtonBox(QDialogButtonBox.StandardButton.Ok | QDialogButtonBox.StandardButton.Cancel)
        buttons.button(QDialogButtonBox.StandardButton.Ok).setText("Save forecast")
        buttons.accepted.connect(self.accept)
        buttons.rejected.connect(self.reject)
        layout = QVBoxLayout(self)
        layout.addWidget(head)
        layout.addLayout(form)
        layout.addWidget(self.error)
        layout.addWidget(buttons)
        self.outcome.currentIndexChanged.connect(self._churn_is_zero)
        self.setMinimumWidth(460)

    def _churn_is_zero(self) -> None:
        churn = self.outcome.currentData() == ForecastOutcome.CHURN
        self.arr.setEnabled(not churn)

    def accept(self) -> None:
        minor = 0 if self.outcome.currentData() == ForecastOutcome.CHURN else parse_money(self.arr.text(),
                                                                                            self.currency)
        if minor is None:
            self.error.show_message(f"'{self.arr.text().strip()}' is not an amount (try 120000 or 85k).")
            return
        outcome = operations.take_forecast(self.ctx, self.account_id, {
            "outcome": self.outcome.currentData(), "arr_minor": minor, "confidence": self.confidence.currentData(),
            "risks": self.risks.toPlainText(), "checkpoint_weeks": self.checkpoint})
        if outcome.error is not None:
            self.error.show_message(outcome.error.message)
            return
        super().accept()

    @classmethod
    def ask(cls, parent: QWidget | None, ctx: AppContext, account_id: int, weeks: tuple[int, ...]) -> bool:
        dialog = cls(parent, ctx, account_id, weeks)
        try:
            return dialog.exec() == QDialog.DialogCode.Accepted
        finally:
            dialog.deleteLater()
