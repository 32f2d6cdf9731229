"""A light stand-in for a view or tab: the real widget (and its module) is made when first shown.

Start paints only what the first screen shows; Calendar, My week, Forecast and the account's
training calendar are built the first time the user opens them.
"""

from collections.abc import Callable

from PySide6.QtCore import QObject, Signal
from PySide6.QtGui import QShowEvent
from PySide6.QtWidgets import QVBoxLayout, QWidget


class LazyPage(QWidget):
    """Holds the widget `make()` returns, made on the first show (or the first `build()`)."""

    built = Signal(QObject)  # the real widget, once

    def __init__(self, make: Callable[[], QWidget], parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.make = make
        self.content: QWidget | None = None
        self.layout_ = QVBoxLayout(self)
        self.layout_.setContentsMargins(0, 0, 0, 0)

    def build(self) -> QWidget:
        if self.content is None:
            self.content = self.make()
            self.layout_.addWidget(self.content)
            self.setFocusProxy(self.content)
            self.built.emit(self.content)
        return self.content

    def showEvent(self, event: QShowEvent) -> None:  # noqa: N802 (Qt override)
        self.build()
        super().showEvent(event)


def content_of(widget: QWidget) -> QWidget:
    """The real widget behind `widget`, built if it was still waiting."""
    return widget.build() if isinstance(widget, LazyPage) else widget


def when_built(widget: QWidget, then: Callable[[QWidget], None]) -> None:
    """Call `then` with the real widget: now if there is one, else when it is made."""
    if isinstance(widget, LazyPage):
        if widget.content is not None:
            then(widget.content)
        else:
            widget.built.connect(then)
    else:
        then(widget)
