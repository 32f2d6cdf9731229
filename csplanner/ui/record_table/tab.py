"""One record table of the selected account: the rows (or a hint when empty) and Add / Edit / Delete."""

from PySide6.QtCore import QItemSelectionModel, Qt, Signal
from PySide6.QtGui import QKeyEvent
from PySide6.QtWidgets import (
    QAbstractItemView,
    QHBoxLayout,
    QHeaderView,
    QLabel,
    QStyle,
    QMessageBox,
    QPushButton,
    QStackedWidget,
    QTableView,
    QVBoxLayout,
    QWidget,
)

from csplanner.core import read
from csplanner.core.changes import Change, RecordType
from csplanner.core.enums import MilestoneStatus
from csplanner.ui import editing, operations
from csplanner.ui.context import AppContext
from csplanner.ui.nouns import NOUNS
from csplanner.ui.record_table.columns import SPECS
from csplanner.ui.record_table.model import RecordSortProxy, RecordTableModel


class RecordTable(QTableView):
    """Enter edits the current row, Delete deletes it (after asking)."""

    edit_requested = Signal()
    delete_requested = Signal()

    def keyPressEvent(self, event: QKeyEvent) -> None:  # noqa: N802
        if event.modifiers() == Qt.KeyboardModifier.NoModifier and event.key() in (Qt.Key.Key_Return, Qt.Key.Key_Enter):
            self.edit_requested.emit()
            return
        if event.modifiers() == Qt.KeyboardModifier.NoModifier and event.key() == Qt.Key.Key_Delete:
            self.delete_requested.emit()
            return
        super().keyPressEvent(event)


class RecordTab(QWidget):
    """One record type's rows for the account, loaded only when shown."""

    shortcut_hint = ""  # set by the window: the menu shortcut that adds one, e.g. "Ctrl+Shift+M"

    def __init__(self, ctx: AppContext, record_type: RecordType, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.ctx, self.record_type = ctx, record_type
        self.spec = SPECS[record_type]
        self.account_id: int | None = None
        self.stale = True
        self.source = RecordTableModel(self.spec)
        self.model = RecordSortProxy(self.source)  # what the table shows: sorted by the header
        self.table = RecordTable()
        self.table.setModel(self.model)
        self._set_up_table()
        self.empty = QLabel()
        self.empty.setTextFormat(Qt.TextFormat.PlainText)
        self.empty.setWordWrap(True)
        self.empty.setAlignment(Qt.AlignmentFlag.AlignCenter)
        self.empty.setStyleSheet("color: palette(placeholder-text);")
        self.stack = QStackedWidget()
        self.stack.addWidget(self.table)
        self.stack.addWidget(self.empty)
        self.add_button = QPushButton(f"Add {NOUNS[record_type]}…")
        self.edit_button = QPushButton("Edit…")
        self.delete_button = QPushButton("Delete…")
        self.add_button.clicked.connect(self.add)
        self.edit_button.clicked.connect(self.edit_current)
        self.delete_button.clicked.connect(self.delete_current)
        buttons = QHBoxLayout()
        for button in (self.add_button, self.edit_button, self.delete_button):
            buttons.addWidget(button)
        if record_type == RecordType.MILESTONE:
            self.done_button = QPushButton("Mark done")
            self.done_button.setToolTip("Tick the selected run off as done today")
            self.done_button.clicked.connect(self.mark_done)
            buttons.addWidget(self.done_button)
        buttons.addStretch(1)
        layout = QVBoxLayout(self)
        layout.setContentsMargins(8, 8, 8, 8)
        layout.addLayout(buttons)
        layout.addWidget(self.stack, 1)
        self.table.selectionModel().currentRowChanged.connect(lambda *_: self.update_buttons())
        self.update_buttons()

    def _set_up_table(self) -> None:
        t = self.table
        t.setSelectionBehavior(QAbstractItemView.SelectionBehavior.SelectRows)
        t.setSelectionMode(QAbstractItemView.SelectionMode.SingleSelection)
        t.setEditTriggers(QAbstractItemView.EditTrigger.NoEditTriggers)
        t.setSortingEnabled(True)
        t.setAlternatingRowColors(True)
        t.setShowGrid(False)
        t.setWordWrap(False)
        t.setTabKeyNavigation(False)
        t.verticalHeader().hide()
        t.verticalHeader().setDefaultSectionSize(self.fontMetrics().height() + 10)
        header = t.horizontalHeader()
        header.setHighlightSections(False)
        metrics = self.fontMetrics()
        for column, sample in enumerate(self.spec.widths):
            if sample:
                header.resizeSection(column, metrics.horizontalAdvance(sample) + 24)
        for column in self.spec.stretch:
            header.setSectionResizeMode(column, QHeaderView.ResizeMode.Stretch)
        header.setMinimumSectionSize(metrics.horizontalAdvance("Title") + 24)
        # newest first for dated records; the plan (milestones) and people read top down
        header.setSortIndicator(0, Qt.SortOrder.DescendingOrder if self.spec.descending else Qt.SortOrder.AscendingOrder)
        t.doubleClicked.connect(lambda _index: self.edit_current())
        t.edit_requested.connect(self.edit_current)
        t.delete_requested.connect(self.delete_current)

    def _fit_columns(self) -> None:
        """Columns no wider than this account's text needs (at most their sample's width), so the
        spare width goes to the stretching ones (a title, an email) instead of clipping them."""
        header, metrics = self.table.horizontalHeader(), self.fontMetrics()
        text = self.table.fontMetrics()
        # the cells' own text measured here: Qt's sizeHintForColumn asks the model a dozen roles a
        # cell, ~30 ms an account switch; a cell is plain text in the table's font, with the
        # delegate's margins either side and a pixel to spare (never narrower than Qt's own hint)
        margin = 2 * (self.table.style().pixelMetric(QStyle.PixelMetric.PM_FocusFrameHMargin, None, self.table) + 1) + 1
        for column, sample in enumerate(self.spec.widths):
            if sample and column not in self.spec.stretch and not header.isSectionHidden(column):
                cells = self.source.texts(column)
                need = max((text.horizontalAdvance(line) for cell in cells for line in cell.split("\n")), default=0)
                want = max(need + margin if cells else 0, header.sectionSizeHint(column))
                header.resizeSection(column, min(want, metrics.horizontalAdvance(sample) + 24))

    # --- loading ---------------------------------------------------------------------------
    def set_account(self, account_id: int | None) -> None:
        self.account_id = account_id
        self.stale = True
        if self.isVisible():
            self.load()

    def showEvent(self, event: object) -> None:  # noqa: N802
        super().showEvent(event)  # type: ignore[arg-type]
        if self.stale:
            self.load()

    def load(self) -> None:
        """Read this account's rows of this table (and nothing else)."""
        self.stale = False
        keep = self.current_id()
        rows = []
        if self.account_id is not None:
            rows = read.record_rows_of(self.ctx.db, self.record_type, self.account_id, self.ctx.today())
        self.source.set_rows(rows)
        hint = f" or {self.shortcut_hint}" if self.shortcut_hint else ""
        self.empty.setText(f"No {self.spec.title.lower()} yet.\nAdd the first {NOUNS[self.record_type]} "
                           f"with the button above{hint}.")
        self.stack.setCurrentWidget(self.table if rows else self.empty)
        if rows:
            self._fit_columns()
        if keep is not None:
            self.select(keep)
        elif self.record_type == RecordType.MILESTONE:  # open the plan at the next runs, not at kickoff long ago
            upcoming = next((r for r in range(self.model.rowCount())
                             if getattr(self.model.source_row(r), "upcoming", False)), None)
            if upcoming is not None:
                self.table.scrollTo(self.model.index(upcoming, 0), QAbstractItemView.ScrollHint.PositionAtCenter)
        self.update_buttons()

    def on_changed(self, change: Change) -> None:
        if self.record_type not in change.records or not change.concerns(self.account_id):
            return
        self.stale = True
        if self.isVisible():
            self.load()

    # --- the current row -------------------------------------------------------------------
    def current_id(self) -> int | None:
        index = self.table.currentIndex()
        return self.model.id_at(index.row()) if index.isValid() else None

    def select(self, record_id: int) -> None:
        row = self.model.row_of(record_id)
        if row is not None:
            self.table.selectionModel().setCurrentIndex(
                self.model.index(row, 0),
                QItemSelectionModel.SelectionFlag.ClearAndSelect | QItemSelectionModel.SelectionFlag.Rows)

    def update_buttons(self) -> None:
        has_account, has_row = self.account_id is not None, self.current_id() is not None
        editing.allow_edit(self.ctx, self.add_button, has_account)
        self.edit_button.setEnabled(has_row)  # read-only: the form still shows the whole record
        editing.allow_edit(self.ctx, self.delete_button, has_row)
        if self.record_type == RecordType.MILESTONE:
            editing.allow_edit(self.ctx, self.done_button, has_row)

    # --- actions ---------------------------------------------------------------------------
    def add(self) -> int | None:
        if self.account_id is None:
            return None
        saved = editing.edit_record(self, self.ctx, self.record_type, None, {"account_id": self.account_id})
        if saved is not None:
            self.load()
            self.select(saved)
        return saved

    def edit_current(self) -> None:
        record_id = self.current_id()
        if record_id is not None:
            editing.edit_record(self, self.ctx, self.record_type, record_id)

    def delete_current(self) -> None:
        record_id = self.current_id()
        if record_id is not None:
            editing.delete_record(self, self.ctx, self.record_type, record_id)

    def mark_done(self) -> None:
        record_id = self.current_id()
        if record_id is None:
            return
        error = operations.mark_run(self.ctx, record_id, MilestoneStatus.DONE).error
        if error is not None:
            QMessageBox.warning(self, "csplanner", error.message)
