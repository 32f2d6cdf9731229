"""Record race result…: renewed (new race day, new ARR with the change shown, stage) or churned
(a reason from the list and words; archiving asked once). One undo step either way."""

from datetime import date

from PySide6.QtCore import Qt
from PySide6.QtWidgets import (
    QButtonGroup,
    QComboBox,
    QDialog,
    QDialogButtonBox,
    QFormLayout,
    QGroupBox,
    QHBoxLayout,
    QLabel,
    QLineEdit,
    QPlainTextEdit,
    QRadioButton,
    QVBoxLayout,
    QWidget,
)

from csplanner.core import season_views
from csplanner.core.enums import ChurnReason, SeasonOutcome, Stage
from csplanner.core.present import value_label as label
from csplanner.core.errors import DomainError
from csplanner.ui import operations
from csplanner.ui.context import AppContext
from csplanner.ui.dialogs import Question
from csplanner.ui.dialogs.fields import DateLine
from csplanner.core.present import date_long, money, money_amount, parse_money
from csplanner.ui.dialogs.record_dialog import ErrorLabel


def delta_text(old_minor: int, new_minor: int | None, currency: str) -> str:
    """'+18 % ARR (+USD 18,000)', 'same ARR', '' while the amount is unreadable."""
    if new_minor is None:
        return ""
    diff = new_minor - old_minor
    if diff == 0:
        return "Same ARR as this season"
    sign = "+" if diff > 0 else "−"
    amount = f"{sign}{money(abs(diff), currency)}"
    if old_minor <= 0:
        return f"{amount} ARR"
    return f"{sign}{round(abs(diff) * 100 / old_minor)} % ARR ({amount})"


class RaceResultDialog(QDialog):
    def __init__(self, parent: QWidget | None, ctx: AppContext, account_id: int) -> None:
        super().__init__(parent)
        self.ctx, self.account_id = ctx, account_id
        today = ctx.today()
        self.info = season_views.account_season(ctx.db, account_id, today)
        season = self.info.history[-1]
        self.setWindowTitle(f"Race result — {self.info.name}")
        head = QLabel(f"Season {season.number} of {self.info.name} · race day "
                      f"{date_long(self.info.race_day) or '—'} · ARR {money(self.info.arr_minor, self.info.currency)}")
        head.setTextFormat(Qt.TextFormat.PlainText)
        head.setWordWrap(True)

        self.renewed = QRadioButton("&Renewed: the next season starts on race day")
        self.churned = QRadioButton("C&hurned: they did not renew")
        self.choice = QButtonGroup(self)
        self.choice.addButton(self.renewed)
        self.choice.addButton(self.churned)
        self.renewed.setChecked(True)

        self.renew_box = QGroupBox("Renewal")
        self.new_race = DateLine(today)
        self.new_race.setText(season_views.default_new_race_day(self.info.race_day, today).isoformat())
        self.new_race.setMaximumWidth(self.new_race.fontMetrics().horizontalAdvance("0000-00-00") + 60)
        self.new_arr = QLineEdit(money_amount(self.info.arr_minor, self.info.currency))
        self.new_arr.setAlignment(Qt.AlignmentFlag.AlignRight)
        self.new_arr.setPlaceholderText("e.g. 120,000 or 85k")
        self.delta = QLabel()
        self.delta.setTextFormat(Qt.TextFormat.PlainText)
        self.stage = QComboBox()
        for s in (Stage.ADOPT, Stage.EXPAND):
            self.stage.addItem(label(s), s.value)
        arr_row = QHBoxLayout()
        arr_row.addWidget(self.new_arr, 1)
        arr_row.addWidget(QLabel(self.info.currency))
        arr_row.addWidget(self.delta, 2)
        form = QFormLayout(self.renew_box)
        form.addRow("New &race day", self.new_race)
        form.addRow("New ARR", arr_row)
        form.addRow("&Stage from here", self.stage)

        self.churn_box = QGroupBox("Churn")
        self.reason = QComboBox()
        self.reason.addItem("Pick a reason…", "")
        for r in ChurnReason:
            self.reason.addItem(label(r), r.value)
        self.reason_text = QPlainTextEdit()
        self.reason_text.setPlaceholderText("What happened, in your words")
        self.reason_text.setTabChangesFocus(True)
        self.reason_text.setFixedHeight(self.reason_text.fontMetrics().lineSpacing() * 3 + 14)
        churn_form = QFormLayout(self.churn_box)
        churn_form.addRow("Re&ason", self.reason)
        churn_form.addRow("&Words", self.reason_text)

        self.error = ErrorLabel()
        buttons = QDialogButtonBox(QDialogButtonBox.StandardButton.Ok | QDialogButtonBox.StandardButton.Cancel)
        self.ok_button = buttons.button(QDialogButtonBox.StandardButton.Ok)
        self.ok_button.setText("Record result")
        buttons.accepted.connect(self.accept)
        buttons.rejected.connect(self.reject)
        layout = QVBoxLayout(self)
        layout.addWidget(head)
        layout.addSpacing(6)
        layout.addWidget(self.renewed)
        layout.addWidget(self.renew_box)
        layout.addWidget(self.churned)
        layout.addWidget(self.churn_box)
        layout.addWidget(self.error)
        layout.addWidget(buttons)
        self.renewed.toggled.connect(self.update_boxes)
        self.new_arr.textChanged.connect(self.update_delta)
        self.update_boxes()
        self.update_delta()
        self.setMinimumWidth(520)

    def outcome(self) -> SeasonOutcome:
        return SeasonOutcome.RENEWED if self.renewed.isChecked() else SeasonOutcome.CHURNED

    def update_boxes(self) -> None:
        renewing = self.renewed.isChecked()
        self.renew_box.setEnabled(renewing)
        self.churn_box.setEnabled(not renewing)
        self.error.clear_message()

    def update_delta(self) -> None:
        minor = parse_money(self.new_arr.text(), self.info.currency)
        self.delta.setText(delta_text(self.info.arr_minor, minor, self.info.currency))

    def details(self) -> dict[str, object]:
        if self.outcome() == SeasonOutcome.RENEWED:
            minor = parse_money(self.new_arr.text(), self.info.currency)
            if minor is None:
                raise DomainError(f"'{self.new_arr.text().strip()}' is not an amount (try 120000 or 85k).",
                                  "new_arr_minor")
            text = self.new_race.text().strip()
            try:
                day: date | str | None = date.fromisoformat(text) if text else None
            except ValueError:
                day = text  # the core says which format it wants
            return {"new_race_day": day, "new_arr_minor": minor, "stage": self.stage.currentData()}
        return {"reason": self.reason.currentData(), "reason_text": self.reason_text.toPlainText()}

    def accept(self) -> None:
        try:
            details = self.details()
        except DomainError as exc:
            self.error.show_message(exc.message)
            return
        if self.outcome() == SeasonOutcome.CHURNED and details["reason"]:
            details["archive"] = Question.ask(
                self, "Archive account", f"Archive {self.info.name}?", "Archive",
                detail="A churned account leaves the accounts list and My week. View → Show archived "
                       "brings it back into view; Edit → Undo undoes the whole result.")
        outcome = operations.record_race_result(self.ctx, self.account_id, self.outcome(), self.info.name, **details)
        if outcome.error is not None:
            self.error.show_message(outcome.error.message)
            return
        super().accept()

    @classmethod
    def ask(cls, parent: QWidget | None, ctx: AppContext, account_id: int) -> bool:
        """Show the dialog; True when a result was recorded."""
        dialog = cls(parent, ctx, account_id)
        try:
            return dialog.exec() == QDialog.DialogCode.Accepted
        finally:
            dialog.deleteLater()
