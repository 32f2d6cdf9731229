"""File → Import CSV…: the columns as guessed (changeable), the date order, and every row's fate
before anything is written; then one transaction and one undo step.

    choice = ImportDialog.ask(parent, ctx, path)   # (preview, skip_invalid) or None
"""

from pathlib import Path

from PySide6.QtCore import QAbstractTableModel, QModelIndex, QPersistentModelIndex, Qt
from PySide6.QtGui import QBrush, QColor
from PySide6.QtWidgets import (
    QCheckBox,
    QComboBox,
    QDialog,
    QDialogButtonBox,
    QFormLayout,
    QHBoxLayout,
    QHeaderView,
    QLabel,
    QTableView,
    QTableWidget,
    QTableWidgetItem,
    QVBoxLayout,
    QWidget,
)

from csplanner.core import csv_import as ci
from csplanner.core.present import field_label, money, plural, value_label

FIELD_LABELS = {
    **{f: field_label(f) for f in ci.FIELDS if not f.startswith("contact_")},
    "arr": "ARR (major units)", "regions": "Regions",
    "contact_name": "Contact: name", "contact_title": "Contact: title", "contact_email": "Contact: email",
    "contact_role": "Contact: role",
}
ORDER_CHOICES = (
    (None, "Guess from the file"),
    ("dmy", "Day first (31/12/2026)"),
    ("mdy", "Month first (12/31/2026)"),
    ("ymd", "Year first (2026-12-31)"),
)
FATE_TEXT = {ci.Fate.ADD: "Add", ci.Fate.UPDATE: "Update", ci.Fate.ERROR: "Error"}
FATE_COLOR = {ci.Fate.ADD: "#1b7f3b", ci.Fate.UPDATE: "#1f5fbf", ci.Fate.ERROR: "#c62828"}
ENCODINGS = {"utf-8": "UTF-8", "utf-8-sig": "UTF-8 (with BOM)", "utf-16": "UTF-16", "cp1252": "Windows-1252",
             "latin-1": "Latin-1"}
DELIMITERS = {",": "commas", ";": "semicolons", "\t": "tabs", "|": "bars"}


def row_details(row: ci.RowFate) -> str:
    """What happens to one row, in words."""
    if row.fate == ci.Fate.ERROR:
        return "; ".join(row.reasons)
    v = row.values
    parts = []
    if "arr_minor" in v:
        parts.append(f"ARR {money(v['arr_minor'], v.get('currency') or 'USD')}")
    elif "currency" in v:
        parts.append(f"currency {v['currency']}")
    for key, name in (("renewal", "race day"), ("contract_signed", "signed"), ("kickoff", "kickoff")):
        if v.get(key):
            parts.append(f"{name} {v[key].isoformat()}")
    for key in ("stage", "segment", "regions"):
        if v.get(key):
            parts.append(f"{field_label(key).lower()} {value_label(str(v[key])) if key == 'stage' else v[key]}")
    if row.fate == ci.Fate.UPDATE:
        changed = [field_label(k).lower() for k in v if k not in ("arr_minor", "currency", "renewal", "contract_signed",
                                                             "kickoff", "stage", "segment", "regions")]
        parts += changed
        if not parts:
            return "already up to date" if row.contact is None else ""
    return " · ".join(parts)


class PreviewModel(QAbstractTableModel):
    """One line per CSV row: its line, fate, account and what happens to it."""

    LINE, FATE, NAME, CONTACT, DETAILS = range(5)
    HEADERS = ("Line", "Fate", "Account", "New contact", "What happens")

    def __init__(self, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.rows: list[ci.RowFate] = []

    def set_rows(self, rows: list[ci.RowFate]) -> None:
        self.beginResetModel()
        self.rows = rows
        self.endResetModel()

    def rowCount(self, parent: QModelIndex | QPersistentModelIndex = QModelIndex()) -> int:  # noqa: B008, N802
        return 0 if parent.isValid() else len(self.rows)

    def columnCount(self, parent: QModelIndex | QPersistentModelIndex = QModelIndex()) -> int:  # noqa: B008, N802
        return 0 if parent.isValid() else len(self.HEADERS)

    def headerData(self, section: int, orientation: Qt.Orientation, role: int = Qt.ItemDataRole.DisplayRole) -> object:  # noqa: N802
        if orientation == Qt.Orientation.Horizontal and role == Qt.ItemDataRole.DisplayRole:
            return self.HEADERS[section]
        return None

    def data(self, index: QModelIndex | QPersistentModelIndex, role: int = Qt.ItemDataRole.DisplayRole) -> object:
        if not index.isValid() or not 0 <= index.row() < len(self.rows):
            return None
        row, column = self.rows[index.row()], index.column()
        if role in (Qt.ItemDataRole.DisplayRole, Qt.ItemDataRole.ToolTipRole):
            contact = row.contact["name"] if row.contact else ""
            return (str(row.line), FATE_TEXT[row.fate], row.name, contact, row_details(row))[column]
        if role == Qt.ItemDataRole.ForegroundRole and column in (self.FATE, self.DETAILS) and row.fate == ci.Fate.ERROR:
            return QBrush(QColor(FATE_COLOR[row.fate]))
        if role == Qt.ItemDataRole.ForegroundRole and column == self.FATE:
            return QBrush(QColor(FATE_COLOR[row.fate]))
        if role == Qt.ItemDataRole.TextAlignmentRole and column == self.LINE:
            return int(Qt.AlignmentFlag.AlignRight | Qt.AlignmentFlag.AlignVCenter)
        return None


class ImportDialog(QDialog):
    def __init__(self, ctx: object, path: Path, table: ci.Table, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.ctx, self.path, self.table = ctx, path, table
        self.setWindowTitle(f"Import accounts from {path.name}")
        self.mapping = ci.guess_mapping(table.header)
        self.preview: ci.Preview | None = None
        layout = QVBoxLayout(self)
        about = QLabel(f"{plural(len(table.rows), 'row')} · "
                       f"{ENCODINGS.get(table.encoding, table.encoding)} · separated by "
                       f"{DELIMITERS.get(table.delimiter, repr(table.delimiter))}")
        about.setTextFormat(Qt.TextFormat.PlainText)
        layout.addWidget(about)
        layout.addWidget(self._columns_table())
        form = QFormLayout()
        self.date_order = QComboBox()
        for value, text in ORDER_CHOICES:
            self.date_order.addItem(text, value)
        self.date_order.currentIndexChanged.connect(self.rebuild)
        form.addRow("Dates are written:", self.date_order)
        layout.addLayout(form)
        self.warning = QLabel()
        self.warning.setTextFormat(Qt.TextFormat.PlainText)
        self.warning.setWordWrap(True)
        self.warning.setStyleSheet(f"color: {FATE_COLOR[ci.Fate.ERROR]}; font-weight: bold;")
        layout.addWidget(self.warning)
        self.model = PreviewModel(self)
        self.rows_view = QTableView()
        self.rows_view.setModel(self.model)
        self.rows_view.setSelectionBehavior(QTableView.SelectionBehavior.SelectRows)
        self.rows_view.verticalHeader().hide()
        self.rows_view.setWordWrap(False)
        self.rows_view.verticalHeader().setDefaultSectionSize(self.fontMetrics().height() + 8)
        header = self.rows_view.horizontalHeader()
        header.setSectionResizeMode(PreviewModel.DETAILS, QHeaderView.ResizeMode.Stretch)
        layout.addWidget(self.rows_view, 1)
        self.counts = QLabel()
        self.counts.setTextFormat(Qt.TextFormat.PlainText)
        layout.addWidget(self.counts)
        bottom = QHBoxLayout()
        self.valid_only = QCheckBox("Import valid rows only (skip the rows with errors)")
        self.valid_only.setToolTip("Unticked: all or nothing — a file with any bad row imports nothing.")
        self.valid_only.toggled.connect(self.update_buttons)
        bottom.addWidget(self.valid_only, 1)
        self.buttons = QDialogButtonBox(QDialogButtonBox.StandardButton.Ok | QDialogButtonBox.StandardButton.Cancel)
        self.buttons.accepted.connect(self.accept)
        self.buttons.rejected.connect(self.reject)
        bottom.addWidget(self.buttons)
        layout.addLayout(bottom)
        self.resize(960, 640)
        self.rebuild()

    def _columns_table(self) -> QTableWidget:
        columns = QTableWidget(len(self.table.header), 3)
        columns.setHorizontalHeaderLabels(["Column in the file", "First value", "Imported as"])
        columns.verticalHeader().hide()
        columns.verticalHeader().setDefaultSectionSize(self.fontMetrics().height() + 12)
        columns.setEditTriggers(QTableWidget.EditTrigger.NoEditTriggers)
        self.field_boxes: list[QComboBox] = []
        for i, title in enumerate(self.table.header):
            sample = next((r[i] for _, r in self.table.rows if i < len(r) and r[i].strip()), "")
            columns.setItem(i, 0, QTableWidgetItem(title))
            columns.setItem(i, 1, QTableWidgetItem(" ".join(sample.split())[:60]))
            box = QComboBox()
            box.addItem("— not imported —", ci.IGNORE)
            for field in ci.FIELDS:
                box.addItem(FIELD_LABELS[field], field)
            box.setCurrentIndex(max(0, box.findData(self.mapping.get(i, ci.IGNORE))))
            box.currentIndexChanged.connect(lambda _i, column=i: self.on_field(column))
            columns.setCellWidget(i, 2, box)
            self.field_boxes.append(box)
        columns.horizontalHeader().setSectionResizeMode(1, QHeaderView.ResizeMode.Stretch)
        columns.resizeColumnsToContents()
        columns.horizontalHeader().setSectionResizeMode(1, QHeaderView.ResizeMode.Stretch)
        # as tall as its rows, up to six; a wider file scrolls
        shown = sum(columns.rowHeight(r) for r in range(min(6, columns.rowCount())))
        columns.setFixedHeight(columns.horizontalHeader().sizeHint().height() + shown + 2 * columns.frameWidth())
        self.columns = columns
        return columns

    def on_field(self, column: int) -> None:
        field = self.field_boxes[column].currentData()
        overrides = [(self.table.header[column], field)]
        self.mapping = ci.apply_overrides(self.table.header, self.mapping, overrides)
        for i, box in enumerate(self.field_boxes):  # a field moved here leaves the column it was on
            want = box.findData(self.mapping.get(i, ci.IGNORE))
            if box.currentIndex() != want:
                box.blockSignals(True)
                box.setCurrentIndex(want)
                box.blockSignals(False)
        self.rebuild()

    def rebuild(self) -> None:
        """Decide every row's fate again with the current columns and date order."""
        from csplanner.core.errors import DomainError

        try:
            self.preview = ci.preview_file(self.ctx.db, self.table, mapping=self.mapping,  # type: ignore[attr-defined]
                                           date_order=self.date_order.currentData())
        except DomainError as exc:
            self.preview = None
            self.model.set_rows([])
            self.warning.setText(exc.message)
            self.warning.setVisible(True)
            self.counts.setText("")
            self.update_buttons()
            return
        p = self.preview
        self.model.set_rows(p.rows)
        self.rows_view.resizeColumnToContents(PreviewModel.LINE)
        self.rows_view.resizeColumnToContents(PreviewModel.FATE)
        self.rows_view.setColumnWidth(PreviewModel.NAME, min(320, max(160, self.rows_view.sizeHintForColumn(2))))
        self.rows_view.setColumnWidth(PreviewModel.CONTACT, min(200, max(100, self.rows_view.sizeHintForColumn(3))))
        if p.needs_date_order:
            self.warning.setText(f"Dates such as {p.ambiguous_example} can be read as day/month or month/day: "
                                 "choose how this file writes dates.")
        else:
            self.warning.setText("")
        self.warning.setVisible(bool(self.warning.text()))
        c = p.counts
        self.counts.setText(f"{c[ci.Fate.ADD]} to add · {c[ci.Fate.UPDATE]} to update · "
                            f"{c[ci.Fate.ERROR]} with errors")
        self.update_buttons()

    def update_buttons(self) -> None:
        ok = self.buttons.button(QDialogButtonBox.StandardButton.Ok)
        p = self.preview
        if p is None:
            ok.setEnabled(False)
            ok.setText("Import")
            return
        errors = p.counts[ci.Fate.ERROR]
        good = p.counts[ci.Fate.ADD] + p.counts[ci.Fate.UPDATE]
        self.valid_only.setEnabled(errors > 0)
        blocked = p.needs_date_order or good == 0 or (errors > 0 and not self.valid_only.isChecked())
        ok.setEnabled(not blocked)
        if errors and not self.valid_only.isChecked():
            ok.setText("Import (fix the errors first)")
            ok.setToolTip("All or nothing: a file with bad rows imports nothing. Tick 'valid rows only' "
                          "to skip them.")
        else:
            ok.setText(f"Import {plural(good, 'account')}")
            ok.setToolTip("One step: Edit → Undo takes the whole import back.")

    @classmethod
    def ask(cls, parent: QWidget | None, ctx: object, path: Path, table: ci.Table) -> tuple[ci.Preview, bool] | None:
        dialog = cls(ctx, path, table, parent)
        try:
            if dialog.exec() != QDialog.DialogCode.Accepted or dialog.preview is None:
                return None
            return dialog.preview, dialog.valid_only.isChecked()
        finally:
            dialog.deleteLater()
