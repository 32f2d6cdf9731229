"""What the app says when a book cannot be opened for editing, and what it offers instead."""

from PySide6.QtWidgets import QMessageBox, QWidget

from csplanner.core import backups
from csplanner.core.dbfile import BadDatabase, Problem

TITLES = {
    Problem.NEWER: "This book was made by a newer csplanner",
    Problem.READ_ONLY: "This book is read-only",
    Problem.LOCKED: "This book is locked by another program",
    Problem.DAMAGED: "This book is damaged",
    Problem.EMPTY: "This file is empty",
    Problem.FOREIGN: "This is not a csplanner book",
    Problem.NOT_DATABASE: "This is not a csplanner book",
}


class BadFileDialog:
    """`ask()` shows the problem and returns "read-only", "restore" or None (close)."""

    @classmethod
    def ask(cls, parent: QWidget | None, error: BadDatabase) -> str | None:
        box = QMessageBox(QMessageBox.Icon.Critical, "csplanner cannot open the book",
                          TITLES.get(error.problem, "csplanner cannot open this file"), parent=parent)
        box.setInformativeText(error.message)
        read_only = box.addButton("Open read-only", QMessageBox.ButtonRole.AcceptRole) if error.can_read_only else None
        restore = None
        if error.problem not in (Problem.NEWER, Problem.READ_ONLY, Problem.LOCKED) and backups.list_backups(error.path):
            restore = box.addButton("Restore a backup…", QMessageBox.ButtonRole.ActionRole)
        close = box.addButton(QMessageBox.StandardButton.Close)
        box.setDefaultButton(read_only or restore or close)
        box.exec()
        clicked = box.clickedButton()
        if read_only is not None and clicked is read_only:
            return "read-only"
        if restore is not None and clicked is restore:
            return "restore"
        return None
