"""Accessible names for widgets whose text a screen reader cannot find by itself, and a focus
ring for widgets whose style shows no focus."""

from PySide6.QtCore import QRectF, Qt
from PySide6.QtGui import QPainter, QPaintEvent, QPalette, QPen
from PySide6.QtWidgets import QAbstractSpinBox, QCheckBox, QComboBox, QWidget


def name_widget(widget: QWidget, name: str, description: str = "") -> QWidget:
    """Name `widget` and the line edit inside a date box or editable combo box, which takes the focus."""
    inner = widget.findChild(QWidget, "qt_spinbox_lineedit") if isinstance(widget, QAbstractSpinBox) else (
        widget.lineEdit() if isinstance(widget, QComboBox) and widget.isEditable() else None)
    for target in (widget, inner):
        if target is not None:
            target.setAccessibleName(name)
            if description:
                target.setAccessibleDescription(description)
    return widget


def draw_focus_ring(widget: QWidget) -> None:
    """A highlight-coloured frame around a focused widget whose style draws none (a check box
    without text, an auto-raised tool button): keyboard users must see where they are."""
    if not widget.hasFocus():
        return
    p = QPainter(widget)
    p.setRenderHint(QPainter.RenderHint.Antialiasing)
    p.setPen(QPen(widget.palette().color(QPalette.ColorRole.Highlight), 2))
    p.setBrush(Qt.BrushStyle.NoBrush)
    p.drawRoundedRect(QRectF(widget.rect()).adjusted(1, 1, -1, -1), 3, 3)
    p.end()


class TickBox(QCheckBox):
    """A check box without text that shows when it has the keyboard focus."""

    def paintEvent(self, event: QPaintEvent) -> None:  # noqa: N802
        super().paintEvent(event)
        draw_focus_ring(self)
