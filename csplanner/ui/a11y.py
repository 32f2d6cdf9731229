"""Accessible names for widgets whose text a screen reader cannot find by itself."""

from PySide6.QtWidgets import QAbstractSpinBox, QComboBox, QWidget


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
