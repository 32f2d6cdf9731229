"""One account's records of one table as a Qt model, sorted through a proxy on native values."""

from collections.abc import Sequence
from typing import Any

from PySide6.QtCore import QAbstractTableModel, QModelIndex, QSortFilterProxyModel, Qt

from csplanner.export.qcolors import BAND
from csplanner.ui.item_roles import ID_ROLE, SORT_ROLE, Index, muted_brush
from csplanner.ui.record_table.columns import Row, TableSpec


class RecordTableModel(QAbstractTableModel):
    """Plain typed rows with ids; no order of its own (RecordSortProxy sorts)."""

    def __init__(self, spec: TableSpec) -> None:
        super().__init__()
        self.spec = spec
        self.rows: list[Row] = []
        self._cells: list[tuple[str, ...]] = []
        self.sort_keys: list[tuple[Any, ...]] = []  # per row, per column: what it sorts on

    def set_rows(self, rows: Sequence[Row]) -> None:
        self.beginResetModel()
        self.rows = list(rows)
        self._cells = [self.spec.cells(r) for r in self.rows]
        self.sort_keys = [self.spec.sort_keys(r) for r in self.rows]
        self.endResetModel()

    def texts(self, column: int) -> list[str]:
        """What every row shows in `column` (the table fits its narrow columns to them)."""
        return [cells[column] for cells in self._cells]

    def rowCount(self, parent: Index = QModelIndex()) -> int:  # noqa: N802
        return 0 if parent.isValid() else len(self.rows)

    def columnCount(self, parent: Index = QModelIndex()) -> int:  # noqa: N802
        return 0 if parent.isValid() else len(self.spec.headers)

    def headerData(self, section: int, orientation: Qt.Orientation, role: int = Qt.ItemDataRole.DisplayRole) -> Any:  # noqa: N802
        if role == Qt.ItemDataRole.DisplayRole and orientation == Qt.Orientation.Horizontal \
                and 0 <= section < len(self.spec.headers):
            return self.spec.headers[section]
        return None

    def data(self, index: Index, role: int = Qt.ItemDataRole.DisplayRole) -> Any:
        if not index.isValid() or not 0 <= index.row() < len(self.rows):
            return None
        row, column = self.rows[index.row()], index.column()
        if role == Qt.ItemDataRole.DisplayRole:
            return self._cells[index.row()][column]
        if role == ID_ROLE:
            return row.id
        if role == SORT_ROLE:
            return self.sort_keys[index.row()][column]
        if role == Qt.ItemDataRole.ToolTipRole:
            return self.spec.tooltip(row) or self._cells[index.row()][column] or None
        if role == Qt.ItemDataRole.ForegroundRole:
            if self.spec.muted(row):
                return muted_brush()
            band = self.spec.ink(row).get(column)
            return BAND[band] if band is not None else None
        return None


class RecordSortProxy(QSortFilterProxyModel):
    """Sorts on SORT_ROLE's native values (Qt would compare them as opaque objects)."""

    def __init__(self, source: RecordTableModel) -> None:
        super().__init__()
        self.source = source
        self.setSourceModel(source)
        self.setSortRole(SORT_ROLE)

    def lessThan(self, left: Index, right: Index) -> bool:  # noqa: N802
        # SORT_ROLE's values, read straight from the model's list: a data() call per comparison is slow
        keys, column = self.source.sort_keys, left.column()
        a, b = keys[left.row()][column], keys[right.row()][column]
        return bool(a < b) if a != b else left.row() < right.row()  # ties keep the services' order

    def id_at(self, row: int) -> int | None:
        index = self.index(row, 0)
        return index.data(ID_ROLE) if index.isValid() else None

    def row_of(self, record_id: int) -> int | None:
        return next((r for r in range(self.rowCount()) if self.index(r, 0).data(ID_ROLE) == record_id), None)

    def source_row(self, row: int) -> Row | None:
        source = self.mapToSource(self.index(row, 0))
        return self.source.rows[source.row()] if source.isValid() else None
