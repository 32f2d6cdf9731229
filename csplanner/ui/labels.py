"""Labels for user text (always plain text, never HTML) and the fonts of headings."""

from PySide6.QtCore import Qt
from PySide6.QtGui import QFont, QPalette
from PySide6.QtWidgets import QLabel, QWidget


def plain_label(text: str = "", *, wrap: bool = False, select: bool = True) -> QLabel:
    """User text stays text: no HTML is ever rendered from it."""
    widget = QLabel(text)
    widget.setTextFormat(Qt.TextFormat.PlainText)
    widget.setWordWrap(wrap)
    if select:
        widget.setTextInteractionFlags(Qt.TextInteractionFlag.TextSelectableByMouse)
    return widget


def scaled_font(base: QFont, factor: float, bold: bool = True) -> QFont:
    font = QFont(base)
    font.setBold(bold)
    if font.pointSizeF() > 0:
        font.setPointSizeF(font.pointSizeF() * factor)
    return font


def panel_title(text: str) -> QLabel:
    """The bold title of an overview panel ("Health (form)", "Race day and seasons")."""
    title = QLabel(text)
    title.setFont(scaled_font(title.font(), 1.15))
    return title


def error_color(widget: QWidget) -> str:
    """A red that reads on the current palette, light or dark."""
    return "#ff7b72" if widget.palette().color(QPalette.ColorRole.Window).lightness() < 128 else "#b3261e"
