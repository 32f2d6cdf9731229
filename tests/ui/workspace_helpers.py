"""Driving the main window like a user: shortcuts, modal dialogs answered as they open."""

from collections.abc import Callable

from PySide6.QtCore import QEvent, Qt, QTimer
from PySide6.QtWidgets import QApplication, QDialogButtonBox, QWidget

from csplanner.ui.main_window import MainWindow


def open_window(qtbot, ctx) -> MainWindow:
    window = MainWindow(ctx)
    qtbot.addWidget(window)
    with qtbot.waitActive(window):  # shortcuts reach the active window only
        window.show()
        window.activateWindow()
    return window


def when_modal(*steps: Callable[[QWidget], None]) -> list[QWidget]:
    """Run each step on the next modal window as it opens (dialogs run their own event loop)."""
    seen: list[QWidget] = []
    pending = list(steps)
    tries = [0]

    def poll() -> None:
        modal = QApplication.activeModalWidget()
        if modal is None or (seen and modal is seen[-1]):
            tries[0] += 1
            if tries[0] < 300:  # give up after ~3 s: the test then fails on what it expected
                QTimer.singleShot(10, poll)
            return
        seen.append(modal)
        step = pending.pop(0)
        if pending:
            QTimer.singleShot(10, poll)
        try:
            step(modal)
        except BaseException:
            modal.close()  # a failed check must not leave the test waiting on an open dialog
            raise

    QTimer.singleShot(0, poll)
    return seen


def press(qtbot, widget: QWidget, key: str) -> None:
    """Press a shortcut like 'Ctrl+Shift+M' on a widget."""
    from PySide6.QtGui import QKeySequence

    combo = QKeySequence(key)[0]
    top = widget.window()
    if not top.isActiveWindow():  # offscreen, a closed dialog stays "active" until it is deleted
        QApplication.sendPostedEvents(None, QEvent.Type.DeferredDelete)
        top.activateWindow()
        qtbot.waitUntil(top.isActiveWindow, timeout=2000)
    qtbot.keyClick(widget, combo.key(), combo.keyboardModifiers())


def fill(qtbot, dialog, **values: str) -> None:
    for name, text in values.items():
        widget = dialog.inputs[name].widget
        widget.setFocus()
        qtbot.keyClick(widget, Qt.Key.Key_A, Qt.KeyboardModifier.ControlModifier)
        qtbot.keyClick(widget, Qt.Key.Key_Delete)
        qtbot.keyClicks(widget, text)


def ok(qtbot, dialog) -> None:
    qtbot.mouseClick(dialog.buttons.button(QDialogButtonBox.StandardButton.Ok), Qt.MouseButton.LeftButton)


def cancel(qtbot, dialog) -> None:
    qtbot.mouseClick(dialog.buttons.button(QDialogButtonBox.StandardButton.Cancel), Qt.MouseButton.LeftButton)


def yes(qtbot, box) -> None:
    qtbot.mouseClick(box.yes_button, Qt.MouseButton.LeftButton)
