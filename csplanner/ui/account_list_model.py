"""The accounts list as a Qt model: typed rows from core (health per row), filtered and ordered in memory.

Why not a QSortFilterProxyModel here, as the record tables have: a proxy asks the model for a
sort value at each comparison, and with a Python model that is a Python call each time; on a
book of 5000 accounts a header click or a widening filter took seconds. Ordering the plain
rows with a key function and resetting (the list keeps its selection by id) takes milliseconds.
"""

from collections.abc import Callable, Sequence
from dataclasses import replace
from datetime import date
from typing import Any

from PySide6.QtCore import QAbstractTableModel, QModelIndex, Qt
from PySide6.QtGui import QBrush

from csplanner.core import names
from csplanner.core.account_rows import AccountListRow, HealthScore
from csplanner.core.enums import Stage
from csplanner.core.present import countdown, date_long, money, money_compact, signed_days
from csplanner.core.present import value_label as label
from csplanner.export import qcolors
from csplanner.ui.item_roles import ID_ROLE, LEFT, RIGHT, SORT_ROLE, Index, muted_brush

STAGE_RANK = {s: i for i, s in enumerate(Stage)}
SERVED = frozenset(int(r) for r in (Qt.ItemDataRole.DisplayRole, ID_ROLE, SORT_ROLE, Qt.ItemDataRole.ToolTipRole,
                                    Qt.ItemDataRole.TextAlignmentRole, Qt.ItemDataRole.ForegroundRole))


class AccountListModel(QAbstractTableModel):
    """All accounts as plain rows; `set_filter` narrows them as the user types, without a query."""

    NAME, STAGE, RACE_DAY, DAYS, ARR, HEALTH, OWNER = range(7)
    HEADERS = ("Account", "Stage", "Race day", "Days", "ARR", "Health", "Owner")
    UNASSIGNED = "Unassigned"
    NUMERIC = (DAYS, ARR, HEALTH)
    CHANGED_RUN = 100  # rows per dataChanged when a whole column changes (fill_health)
    SORT_KEYS: dict[int, Callable[[AccountListRow], Any]] = {  # native values; the name breaks ties
        NAME: lambda r: names.sort_key(r.name),
        STAGE: lambda r: (STAGE_RANK[r.stage], names.sort_key(r.name)),
        RACE_DAY: lambda r: (r.renewal is None, r.renewal or date.max, names.sort_key(r.name)),
        DAYS: lambda r: (r.renewal is None, r.renewal or date.max, names.sort_key(r.name)),
        ARR: lambda r: (r.currency, r.arr_minor, names.sort_key(r.name)),  # by currency: ¥9,000,000 is not above $80,000
        HEALTH: lambda r: (r.health is None, r.health if r.health is not None else 0, names.sort_key(r.name)),
        OWNER: lambda r: (not r.owner, names.sort_key(r.owner), names.sort_key(r.name)),  # Unassigned last
    }

    def __init__(self, today: Callable[[], date]) -> None:
        super().__init__()
        self.today = today
        self.all_rows: list[AccountListRow] = []
        self.rows: list[AccountListRow] = []
        self.text = ""
        self.mine: str | None = None  # "Mine": this user's accounts and the unassigned; None: everyone's
        self.sort_column, self.sort_order = self.NAME, Qt.SortOrder.AscendingOrder

    # --- loading, filtering, ordering --------------------------------------------------------
    def set_rows(self, rows: Sequence[AccountListRow]) -> None:
        self.all_rows = list(rows)
        self._refresh()

    def set_filter(self, text: str) -> None:
        self.text = names.loose(text)
        self._refresh()

    def set_mine(self, user: str | None) -> None:
        """Show only `user`'s accounts and the unassigned ones (None: everyone's)."""
        self.mine = user
        self._refresh()

    @property
    def in_scope(self) -> list[AccountListRow]:
        """The rows Mine / Everyone keeps, before the typed filter."""
        mine = self.mine
        return self.all_rows if mine is None else [r for r in self.all_rows if r.owner in (mine, "")]

    def sort(self, column: int, order: Qt.SortOrder = Qt.SortOrder.AscendingOrder) -> None:
        """The header asks for an order: keep it and lay the rows out again (selection kept by id)."""
        if column in self.SORT_KEYS:
            self.sort_column, self.sort_order = column, order
            self._refresh()

    def set_health(self, health: dict[int, HealthScore]) -> None:
        """New scores for some accounts (after an edit), without reloading the list."""
        def scored(r: AccountListRow) -> AccountListRow:
            return replace(r, health=health[r.id].score, weakest=health[r.id].weakest) if r.id in health else r

        self.all_rows = [scored(r) for r in self.all_rows]
        if self.sort_column == self.HEALTH or len(health) > 100:  # many: one reset, not a signal per row
            self._refresh()
            return
        for i, row in enumerate(self.rows):
            if row.id in health:
                self.rows[i] = scored(row)
                cell = self.index(i, self.HEALTH)
                self.dataChanged.emit(cell, cell)

    def fill_health(self, rows: Sequence[AccountListRow]) -> None:
        """The same rows with their scores filled in (computed in a worker): only the Health column
        repaints; a reset would lay the whole list out again while the user is already using it."""
        if self.sort_column == self.HEALTH:
            self.set_rows(rows)
            return
        self.all_rows = list(rows)
        by_id = {r.id: r for r in self.all_rows}
        self.rows = [by_id.get(r.id, r) for r in self.rows]
        # in runs of rows: for one run of all 5000 the table repaints every column it shows, for
        # short ones only the Health cells on screen (a third of the time)
        for first in range(0, len(self.rows), self.CHANGED_RUN):
            last = min(first + self.CHANGED_RUN, len(self.rows)) - 1
            self.dataChanged.emit(self.index(first, self.HEALTH), self.index(last, self.HEALTH))

    def _refresh(self) -> None:
        self.beginResetModel()
        text = self.text
        rows = [r for r in self.in_scope if not text or text in names.loose(r.name) or text in names.loose(r.segment)]
        rows.sort(key=self.SORT_KEYS[self.sort_column], reverse=self.sort_order == Qt.SortOrder.DescendingOrder)
        self.rows = rows
        self.endResetModel()

    # --- lookups ----------------------------------------------------------------------------
    def id_at(self, row: int) -> int | None:
        return self.rows[row].id if 0 <= row < len(self.rows) else None

    def row_of(self, account_id: int) -> int | None:
        return next((i for i, r in enumerate(self.rows) if r.id == account_id), None)

    def known(self, account_id: int) -> AccountListRow | None:
        return next((r for r in self.all_rows if r.id == account_id), None)

    # --- Qt model ---------------------------------------------------------------------------
    def rowCount(self, parent: Index = QModelIndex()) -> int:  # noqa: N802
        return 0 if parent.isValid() else len(self.rows)

    def columnCount(self, parent: Index = QModelIndex()) -> int:  # noqa: N802
        return 0 if parent.isValid() else len(self.HEADERS)

    def headerData(self, section: int, orientation: Qt.Orientation, role: int = Qt.ItemDataRole.DisplayRole) -> Any:  # noqa: N802
        if orientation == Qt.Orientation.Horizontal and 0 <= section < len(self.HEADERS):
            if role == Qt.ItemDataRole.DisplayRole:
                return self.HEADERS[section]
            if role == Qt.ItemDataRole.TextAlignmentRole and section in self.NUMERIC:
                return RIGHT
        return None

    def data(self, index: Index, role: int = Qt.ItemDataRole.DisplayRole) -> Any:
        if role not in SERVED:  # a table asks each cell for seven roles as it paints; four get nothing here
            return None
        number = index.row()
        if not 0 <= number < len(self.rows) or not index.isValid():
            return None
        row, column = self.rows[number], index.column()
        if role == Qt.ItemDataRole.DisplayRole:
            return self._display(row, column)
        if role == ID_ROLE:
            return row.id
        if role == SORT_ROLE:
            return self.SORT_KEYS[column](row)
        if role == Qt.ItemDataRole.ToolTipRole:
            return self._tooltip(row, column)
        if role == Qt.ItemDataRole.TextAlignmentRole:
            return RIGHT if column in self.NUMERIC else LEFT
        if role == Qt.ItemDataRole.ForegroundRole and row.result_due and column in (self.NAME, self.RACE_DAY, self.DAYS):
            return QBrush(qcolors.RESULT_DUE)
        if role == Qt.ItemDataRole.ForegroundRole and column == self.OWNER and not row.owner:
            return muted_brush()
        if role == Qt.ItemDataRole.ForegroundRole and (row.archived or (
                column in (self.RACE_DAY, self.DAYS) and row.renewal is not None and row.renewal < self.today())):
            return muted_brush()
        return None

    def _display(self, row: AccountListRow, column: int) -> str:
        if column == self.NAME:
            return f"{row.name} (archived)" if row.archived else row.name
        if column == self.STAGE:
            return label(row.stage)
        if column == self.RACE_DAY:
            return date_long(row.renewal, "—")
        if column == self.DAYS:
            return signed_days((row.renewal - self.today()).days) if row.renewal else ""
        if column == self.ARR:
            return money_compact(row.arr_minor, row.currency) if row.arr_minor else "—"
        if column == self.HEALTH:
            return "" if row.health is None else str(row.health)
        if column == self.OWNER:
            return row.owner or self.UNASSIGNED
        return ""

    def _tooltip(self, row: AccountListRow, column: int) -> str:
        if column == self.HEALTH and row.health is not None:
            return f"Health {row.health} of 100; weakest part: {row.weakest}"
        if column == self.NAME and row.segment:
            return f"{row.name} · {row.segment}"
        if row.result_due and row.renewal and column in (self.NAME, self.RACE_DAY, self.DAYS):
            return (f"Race day was {countdown(row.renewal, self.today())} and has no result: "
                    "record it from the account's overview")
        if column in (self.RACE_DAY, self.DAYS) and row.renewal:
            return f"Race day {date_long(row.renewal)}, {countdown(row.renewal, self.today())}"
        if column == self.ARR:
            return money(row.arr_minor, row.currency)
        if column == self.OWNER:
            return f"Looked after by {row.owner}" if row.owner else "Nobody looks after it yet (Unassigned)"
        return self._display(row, column)
