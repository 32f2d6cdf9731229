"""The main window: accounts on the left, the selected account on the right."""

from PySide6.QtCore import QAbstractListModel, QModelIndex, QPersistentModelIndex, Qt
from PySide6.QtGui import QAction, QKeySequence
from PySide6.QtWidgets import QLabel, QListView, QMainWindow, QMessageBox, QSplitter

from csplanner.core.services import accounts
from csplanner.ui.changes import Change
from csplanner.ui.context import AppContext

Index = QModelIndex | QPersistentModelIndex


class AccountNames(QAbstractListModel):
    def __init__(self, ctx: AppContext) -> None:
        super().__init__()
        self.ctx = ctx
        self.rows: list[accounts.AccountRow] = []
        self.reload()

    def reload(self) -> None:
        self.beginResetModel()
        with self.ctx.db.session() as session:
            self.rows = accounts.list_rows(session)
        self.endResetModel()

    def rowCount(self, parent: Index = QModelIndex()) -> int:
        return 0 if parent.isValid() else len(self.rows)

    def data(self, index: Index, role: int = Qt.ItemDataRole.DisplayRole) -> object:
        if not index.isValid() or role != Qt.ItemDataRole.DisplayRole:
            return None
        return self.rows[index.row()].name


class MainWindow(QMainWindow):
    def __init__(self, ctx: AppContext) -> None:
        super().__init__()
        self.ctx = ctx
        self.setWindowTitle(f"csplanner — {ctx.db.path.name}")
        self.account_model = AccountNames(ctx)
        self.account_list = QListView()
        self.account_list.setModel(self.account_model)
        splitter = QSplitter()
        splitter.addWidget(self.account_list)
        splitter.addWidget(QLabel("Select an account"))
        self.setCentralWidget(splitter)
        edit = self.menuBar().addMenu("&Edit")
        undo = ctx.undo_stack.createUndoAction(self, "&Undo")
        undo.setShortcut(QKeySequence.StandardKey.Undo)
        redo = ctx.undo_stack.createRedoAction(self, "&Redo")
        redo.setShortcuts([QKeySequence("Ctrl+Shift+Z"), QKeySequence.StandardKey.Redo])
        edit.addActions([undo, redo])
        quit_action = QAction("&Quit", self, shortcut=QKeySequence.StandardKey.Quit, triggered=self.close)
        self.menuBar().addMenu("&File").addAction(quit_action)
        ctx.bus.changed.connect(self.on_changed)
        ctx.bus.failed.connect(lambda msg: QMessageBox.warning(self, "csplanner", msg))
        self.statusBar().showMessage(f"{len(self.account_model.rows)} accounts · {ctx.db.path}")
        self.resize(1200, 800)

    def on_changed(self, change: Change) -> None:
        if change.touches("account"):
            self.account_model.reload()
