"""The inputs of a record dialog: each knows how to show a value and read it back."""

from datetime import date, timedelta
from enum import StrEnum

from PySide6.QtCore import QDate, QPoint, QRect, Qt
from PySide6.QtGui import QColor, QIcon, QKeyEvent, QPainter, QPen, QPixmap
from PySide6.QtWidgets import QCalendarWidget, QCheckBox, QComboBox, QLineEdit, QPlainTextEdit, QWidget

from csplanner.core.errors import DomainError
from csplanner.core.present import money_amount, parse_money, value_label


class Input:
    """One field's widget; value() may raise DomainError(field=name) for text it cannot read."""

    widget: QWidget

    def __init__(self, name: str) -> None:
        self.name = name

    def value(self) -> object:
        raise NotImplementedError

    def set_value(self, value: object) -> None:
        raise NotImplementedError


class LineInput(Input):
    def __init__(self, name: str, placeholder: str = "", max_len: int = 200) -> None:
        super().__init__(name)
        self.widget = QLineEdit()
        self.widget.setPlaceholderText(placeholder)
        self.widget.setMaxLength(max_len + 50)  # the core says "too long" with the limit; don't cut silently

    def value(self) -> str:
        return self.widget.text()

    def set_value(self, value: object) -> None:
        self.widget.setText("" if value is None else str(value))


class TextInput(Input):
    """Several lines; Tab moves on (it does not type a tab), Ctrl+Enter saves the dialog."""

    def __init__(self, name: str, placeholder: str = "", lines: int = 3) -> None:
        super().__init__(name)
        self.widget = QPlainTextEdit()
        self.widget.setPlaceholderText(placeholder)
        self.widget.setTabChangesFocus(True)
        line = self.widget.fontMetrics().lineSpacing()
        self.widget.setFixedHeight(line * lines + 14)

    def value(self) -> str:
        return self.widget.toPlainText()

    def set_value(self, value: object) -> None:
        self.widget.setPlainText("" if value is None else str(value))


def _calendar_icon(size: int = 16) -> QIcon:
    """A small page-of-calendar glyph, drawn so it follows no icon theme."""
    pixmap = QPixmap(size, size)
    pixmap.fill(Qt.GlobalColor.transparent)
    p = QPainter(pixmap)
    p.setPen(QPen(QColor("#5f6b7a"), 1.4))
    p.drawRect(QRect(2, 3, size - 5, size - 6))
    p.fillRect(QRect(2, 3, size - 5, 3), QColor("#5f6b7a"))
    for x in (5, 8, 11):
        for y in (8, 11):
            p.fillRect(QRect(x, y, 2, 2), QColor("#5f6b7a"))
    p.end()
    return QIcon(pixmap)


class DateLine(QLineEdit):
    """Dates typed (YYYY-MM-DD) or picked: the calendar button or Alt+Down opens a month to click in;
    Up/Down a day, Page Up/Down a week, T for today. Empty means no date; text that is not a date
    stays as typed so the dialog can say what is wrong with it."""

    def __init__(self, today: date) -> None:
        super().__init__()
        self.today = today
        self.setPlaceholderText("YYYY-MM-DD")
        self.pick_action = self.addAction(_calendar_icon(), QLineEdit.ActionPosition.TrailingPosition)
        self.pick_action.setToolTip("Pick the date on a calendar (Alt+Down)")
        self.pick_action.triggered.connect(self.open_calendar)
        self.popup: QCalendarWidget | None = None

    def current_date(self) -> date | None:
        try:
            return date.fromisoformat(self.text().strip())
        except ValueError:
            return None

    def open_calendar(self) -> QCalendarWidget:
        """The month of the date typed (or today's) as a pop-up; a click or Enter fills the field."""
        popup = QCalendarWidget(self)
        popup.setWindowFlags(Qt.WindowType.Popup)
        popup.setAttribute(Qt.WidgetAttribute.WA_DeleteOnClose)
        popup.setGridVisible(True)
        popup.setSelectedDate(QDate(self.current_date() or self.today))
        popup.activated.connect(lambda day: self._picked(popup, day))
        popup.clicked.connect(lambda day: self._picked(popup, day))
        popup.move(self.mapToGlobal(QPoint(0, self.height())))
        popup.show()
        popup.setFocus()
        self.popup = popup
        return popup

    def _picked(self, popup: QCalendarWidget, day: QDate) -> None:
        self.setText(day.toPython().isoformat())
        popup.close()
        self.popup = None
        self.setFocus()

    def keyPressEvent(self, event: QKeyEvent) -> None:  # noqa: N802
        steps = {Qt.Key.Key_Up: 1, Qt.Key.Key_Down: -1, Qt.Key.Key_PageUp: 7, Qt.Key.Key_PageDown: -7}
        key = Qt.Key(event.key())
        if key == Qt.Key.Key_Down and event.modifiers() & Qt.KeyboardModifier.AltModifier:
            self.open_calendar()
            return
        if key in steps:
            current = self.current_date() or self.today
            self.setText((current + timedelta(days=steps[key])).isoformat())
            return
        if key == Qt.Key.Key_T and not self.text().strip():
            self.setText(self.today.isoformat())
            return
        super().keyPressEvent(event)


class DateInput(Input):
    def __init__(self, name: str, today: date) -> None:
        super().__init__(name)
        self.widget = DateLine(today)
        self.widget.setToolTip("A date as YYYY-MM-DD, or empty. Alt+Down or the calendar button: pick it on a "
                               "calendar; Up/Down: a day; Page Up/Down: a week; T: today.")
        self.widget.setMaximumWidth(self.widget.fontMetrics().horizontalAdvance("0000-00-00") + 80)

    def value(self) -> date | str | None:
        text = self.widget.text().strip()
        if not text:
            return None
        try:
            return date.fromisoformat(text)
        except ValueError:
            return text  # the core names the field and says which format it wants

    def set_value(self, value: object) -> None:
        self.widget.setText(value.isoformat() if isinstance(value, date) else str(value or ""))


class EnumInput(Input):
    def __init__(self, name: str, enum: type[StrEnum]) -> None:
        super().__init__(name)
        self.widget = QComboBox()
        for member in enum:
            self.widget.addItem(value_label(member.value), member.value)

    def value(self) -> str:
        return str(self.widget.currentData())

    def set_value(self, value: object) -> None:
        index = self.widget.findData(str(value))
        self.widget.setCurrentIndex(max(index, 0))


class SentimentInput(Input):
    """A planned check-in has no sentiment: the last choice, until it is logged."""

    CHOICES = (("Positive (+1)", 1), ("Neutral (0)", 0), ("Negative (−1)", -1), ("Planned, not logged yet", 9))

    def __init__(self, name: str) -> None:
        super().__init__(name)
        self.widget = QComboBox()
        for text, number in self.CHOICES:
            self.widget.addItem(text, number)

    def value(self) -> int | None:
        number = int(self.widget.currentData())
        return None if number == 9 else number

    def set_value(self, value: object) -> None:
        number = 9 if value is None else int(value)  # type: ignore[call-overload]
        self.widget.setCurrentIndex(max(self.widget.findData(number), 0))


class SharedInput(Input):
    """Shared with the customer: on a new run it follows the core's default rule until ticked or
    unticked by hand (value None); an existing run keeps what it has."""

    def __init__(self, name: str, text: str) -> None:
        super().__init__(name)
        self.widget = QCheckBox(text)
        self.auto = False
        self.widget.clicked.connect(self._by_hand)

    def _by_hand(self) -> None:
        self.auto = False

    def value(self) -> bool | None:
        return None if self.auto else self.widget.isChecked()

    def set_value(self, value: object) -> None:
        self.auto = value is None
        self.widget.setChecked(True if value is None else bool(value))


class CheckInput(Input):
    def __init__(self, name: str, text: str) -> None:
        super().__init__(name)
        self.widget = QCheckBox(text)

    def value(self) -> bool:
        return self.widget.isChecked()

    def set_value(self, value: object) -> None:
        self.widget.setChecked(bool(value))


class MoneyInput(Input):
    """An amount in the currency typed in `currency_input` (ARR)."""

    def __init__(self, name: str, currency_input: LineInput) -> None:
        super().__init__(name)
        self.currency_input = currency_input
        self.widget = QLineEdit()
        self.widget.setPlaceholderText("e.g. 120,000 or 85k")
        self.widget.setAlignment(Qt.AlignmentFlag.AlignRight)

    def currency(self) -> str:
        return self.currency_input.value().strip().upper() or "USD"

    def value(self) -> int:
        minor = parse_money(self.widget.text(), self.currency())
        if minor is None:
            raise DomainError(f"'{self.widget.text().strip()}' is not an amount (try 120000, 120,000.50 or 85k).",
                              self.name)
        return minor

    def set_value(self, value: object) -> None:
        minor = int(value or 0)  # type: ignore[call-overload]
        self.widget.setText(money_amount(minor, self.currency()) if minor else "")
