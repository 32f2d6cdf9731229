"""Yes/no questions asked once: deleting with what goes with it, opening an exec-turnover obstacle."""

from PySide6.QtCore import Qt
from PySide6.QtWidgets import QMessageBox, QWidget


class Question(QMessageBox):
    """A plain-text question with a named yes button; Escape and the default answer keep data safe."""

    def __init__(self, parent: QWidget | None, title: str, text: str, yes: str, *, detail: str = "",
                 destructive: bool = False) -> None:
        super().__init__(parent)
        self.setWindowTitle(title)
        self.setTextFormat(Qt.TextFormat.PlainText)
        self.setIcon(QMessageBox.Icon.Warning if destructive else QMessageBox.Icon.Question)
        self.setText(text)
        if detail:
            self.setInformativeText(detail)
        self.yes_button = self.addButton(yes, QMessageBox.ButtonRole.AcceptRole)
        self.no_button = self.addButton(QMessageBox.StandardButton.Cancel if destructive else QMessageBox.StandardButton.No)
        self.setEscapeButton(self.no_button)
        # deleting is undoable, yet Enter alone should not destroy: the safe answer is the default
        self.setDefaultButton(self.no_button if destructive else self.yes_button)

    @classmethod
    def ask(cls, parent: QWidget | None, title: str, text: str, yes: str, *, detail: str = "",
            destructive: bool = False) -> bool:
        box = cls(parent, title, text, yes, detail=detail, destructive=destructive)
        try:
            box.exec()
            return box.clickedButton() is box.yes_button
        finally:
            box.deleteLater()
