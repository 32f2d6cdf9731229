"""Qt item models over the core services: plain rows with ids, never live ORM objects.

`AccountListModel` is the accounts list (filtered and sorted in memory, health per row);
`RecordTableModel` is one account's stakeholders, notes, milestones, obstacles or check-ins.
"""

from collections.abc import Callable, Sequence
from dataclasses import dataclass, replace
from datetime import date
from typing import Any

from PySide6.QtCore import QAbstractTableModel, QModelIndex, QPersistentModelIndex, Qt
from PySide6.QtGui import QBrush, QColor, QPalette
from PySide6.QtWidgets import QApplication
from sqlmodel import Session

from csplanner.core import cadence
from csplanner.core.cadence import CadenceState
from csplanner.core.changes import RecordType
from csplanner.core.enums import SEVERITY_RANK, MilestoneStatus, Phase, Severity, Stage, StakeholderStatus
from csplanner.core.present import countdown, date_long, date_short, money, money_compact, one_line, sentiment_label, signed_days
from csplanner.core.present import Band, plural
from csplanner.core.present import value_label as label
from csplanner.core.services import accounts, checkins, milestones, notes, obstacles, stakeholders
from csplanner.export.qcolors import BAND

Index = QModelIndex | QPersistentModelIndex
ID_ROLE = Qt.ItemDataRole.UserRole + 1  # the record id of a row
RIGHT = Qt.AlignmentFlag.AlignRight | Qt.AlignmentFlag.AlignVCenter
LEFT = Qt.AlignmentFlag.AlignLeft | Qt.AlignmentFlag.AlignVCenter


def muted_brush() -> Any:
    return QApplication.palette().brush(QPalette.ColorGroup.Active, QPalette.ColorRole.PlaceholderText)


RESULT_DUE_RED = "#d32f2f"  # reads on light and dark bases alike


# --- the accounts list ------------------------------------------------------------------------
@dataclass(frozen=True, slots=True)
class AccountListRow:
    id: int
    name: str
    segment: str
    stage: Stage
    arr_minor: int
    currency: str
    renewal: date | None
    archived: bool
    health: int | None = None
    weakest: str = ""
    result_due: bool = False  # race day passed with no result recorded: shown red


STAGE_RANK = {s: i for i, s in enumerate(Stage)}


class AccountListModel(QAbstractTableModel):
    """All accounts as plain rows; `set_filter` narrows them as the user types, without a query."""

    NAME, STAGE, RACE_DAY, DAYS, ARR, HEALTH = range(6)
    HEADERS = ("Account", "Stage", "Race day", "Days", "ARR", "Health")
    NUMERIC = (DAYS, ARR, HEALTH)
    SORT_KEYS: dict[int, Callable[[AccountListRow], Any]] = {
        NAME: lambda r: r.name.lower(),
        STAGE: lambda r: (STAGE_RANK[Stage(r.stage)], r.name.lower()),
        RACE_DAY: lambda r: (r.renewal is None, r.renewal or date.max, r.name.lower()),
        DAYS: lambda r: (r.renewal is None, r.renewal or date.max, r.name.lower()),
        ARR: lambda r: (r.arr_minor, r.name.lower()),
        HEALTH: lambda r: (r.health is None, r.health if r.health is not None else 0, r.name.lower()),
    }

    def __init__(self, today: Callable[[], date]) -> None:
        super().__init__()
        self.today = today
        self.all_rows: list[AccountListRow] = []
        self.rows: list[AccountListRow] = []
        self.text = ""
        self.sort_column, self.sort_order = self.NAME, Qt.SortOrder.AscendingOrder

    # --- loading, filtering, sorting -------------------------------------------------------
    def set_rows(self, rows: Sequence[AccountListRow]) -> None:
        self.all_rows = list(rows)
        self._refresh()

    def set_filter(self, text: str) -> None:
        self.text = text.strip().lower()
        self._refresh()

    def set_health(self, health: dict[int, tuple[int, str]]) -> None:
        """New scores for some accounts (after an edit), without reloading the list."""
        self.all_rows = [replace(r, health=health[r.id][0], weakest=health[r.id][1]) if r.id in health else r
                         for r in self.all_rows]
        if self.sort_column == self.HEALTH:
            self._refresh()
            return
        position = {r.id: i for i, r in enumerate(self.rows)}
        for i, row in enumerate(self.rows):
            if row.id in health:
                self.rows[i] = replace(row, health=health[row.id][0], weakest=health[row.id][1])
                cell = self.index(position[row.id], self.HEALTH)
                self.dataChanged.emit(cell, cell)

    def _refresh(self) -> None:
        self.beginResetModel()
        text = self.text
        rows = [r for r in self.all_rows if not text or text in r.name.lower() or text in r.segment.lower()]
        rows.sort(key=self.SORT_KEYS[self.sort_column], reverse=self.sort_order == Qt.SortOrder.DescendingOrder)
        self.rows = rows
        self.endResetModel()

    def sort(self, column: int, order: Qt.SortOrder = Qt.SortOrder.AscendingOrder) -> None:
        if column not in self.SORT_KEYS:
            return
        self.layoutAboutToBeChanged.emit()
        persistent = self.persistentIndexList()
        ids = [self.rows[p.row()].id if p.row() < len(self.rows) else None for p in persistent]
        self.sort_column, self.sort_order = column, order
        self.rows.sort(key=self.SORT_KEYS[column], reverse=order == Qt.SortOrder.DescendingOrder)
        new = {r.id: i for i, r in enumerate(self.rows)}
        self.changePersistentIndexList(
            persistent, [self.index(new[i], p.column()) if i in new else QModelIndex() for p, i in zip(persistent, ids)])
        self.layoutChanged.emit()

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
        if not index.isValid() or not 0 <= index.row() < len(self.rows):
            return None
        row, column = self.rows[index.row()], index.column()
        if role == Qt.ItemDataRole.DisplayRole:
            return self._display(row, column)
        if role == ID_ROLE:
            return row.id
        if role == Qt.ItemDataRole.ToolTipRole:
            return self._tooltip(row, column)
        if role == Qt.ItemDataRole.TextAlignmentRole:
            return RIGHT if column in self.NUMERIC else LEFT
        if role == Qt.ItemDataRole.ForegroundRole and row.result_due and column in (self.NAME, self.RACE_DAY, self.DAYS):
            return QBrush(QColor(RESULT_DUE_RED))
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
        return self._display(row, column)


# --- one account's records ----------------------------------------------------------------
@dataclass(frozen=True, slots=True)
class RecordRow:
    """One line of a record table: the id, what each column shows and how each column sorts."""

    id: int
    cells: tuple[str, ...]
    sort_keys: tuple[Any, ...]
    tooltip: str = ""
    muted: bool = False  # done, left, resolved: still there, less prominent
    ink: tuple[tuple[int, Any], ...] = ()  # (column, QColor): a state that needs attention


def _sort_date(day: date | None) -> str:
    return day.isoformat() if day else ""


CADENCE_INK = {CadenceState.OVERDUE: BAND[Band.RED], CadenceState.DUE: BAND[Band.AMBER]}


def _next_call(c: cadence.Contact) -> str:
    """'by 3 Dec', 'due since 20 Nov', 'overdue since 1 Nov' (the day it turned amber)."""
    if c.state == CadenceState.NONE:
        return ""
    when = date_short(c.due_on) if c.due_on else ""
    if c.state == CadenceState.OK:
        return f"by {when}"
    word = "overdue" if c.state == CadenceState.OVERDUE else "due"
    return f"{word} since {when}" if when else word


def stakeholder_rows(session: Session, account_id: int, today: date) -> list[RecordRow]:
    out = []
    found = {c.stakeholder_id: c for c in cadence.contacts(session, today, [account_id])}
    for p in stakeholders.for_account(session, account_id):
        status = f"Left {date_long(p.left_on)}" if p.status == StakeholderStatus.LEFT else "Active"
        c = found.get(p.id)
        every = (f"every {c.cadence_days} d" + ("" if p.cadence_days is None else " (own)")) if c and c.cadence_days \
            else ""
        last = "" if c is None else ("never" if c.last_met is None else
                                     f"{date_short(c.last_met)} ({plural(c.days_since or 0, 'day')} ago)")
        state = _next_call(c) if c else ""
        cells = (p.name, p.title, label(p.role), every, last, state, p.email, p.location, status)
        keys = (p.name.lower(), p.title.lower(), label(p.role), (c.cadence_days or 0) if c else 0,
                _sort_date(c.last_met if c else None), list(CadenceState).index(c.state) if c else 9,
                p.email.lower(), p.location.lower(), f"{p.status} {_sort_date(p.left_on)}")
        tip = "" if c is None or not c.cadence_days else (
            f"{p.name}: a call every {plural(c.cadence_days, 'day')}; amber from day {c.cadence_days}, "
            f"red from day {(3 * c.cadence_days + 1) // 2} without one")
        ink = CADENCE_INK.get(c.state) if c else None
        out.append(RecordRow(p.id, cells, keys, tooltip=tip, muted=p.status == StakeholderStatus.LEFT,
                             ink=((5, ink),) if ink is not None else ()))
    return out


def note_rows(session: Session, account_id: int, today: date) -> list[RecordRow]:
    return [RecordRow(n.id, (date_long(n.noted_on), label(n.kind), one_line(n.text)),
                      (_sort_date(n.noted_on), label(n.kind), n.text.lower()), tooltip=n.text)
            for n in notes.for_account(session, account_id)]


def milestone_rows(session: Session, account_id: int, today: date) -> list[RecordRow]:
    out = []
    for m in milestones.for_account(session, account_id):
        status = label(m.status)
        if m.status == MilestoneStatus.PLANNED and m.planned_on < today:
            status = "Overdue"
        if m.status == MilestoneStatus.DONE and m.done_on:
            status = f"Done {date_short(m.done_on)}"
        cells = (date_long(m.planned_on), m.title, label(m.run_type), label(m.phase), status,
                 label(m.team), one_line(m.outcome, 80))
        keys = (_sort_date(m.planned_on), m.title.lower(), label(m.run_type), list(Phase).index(Phase(m.phase)),
                f"{m.status} {_sort_date(m.done_on)}", label(m.team), m.outcome.lower())
        tip = "\n".join(t for t in (m.title, m.outcome, m.notes) if t)
        out.append(RecordRow(m.id, cells, keys, tooltip=tip, muted=m.status != MilestoneStatus.PLANNED))
    return out


def obstacle_rows(session: Session, account_id: int, today: date) -> list[RecordRow]:
    out = []
    for o in obstacles.for_account(session, account_id):
        cells = (date_long(o.opened_on), o.title, label(o.kind), label(o.severity),
                 date_long(o.resolved_on, "Open"), one_line(o.mitigation, 80))
        keys = (_sort_date(o.opened_on), o.title.lower(), label(o.kind), SEVERITY_RANK[Severity(o.severity)],
                _sort_date(o.resolved_on) or "9999", o.mitigation.lower())
        out.append(RecordRow(o.id, cells, keys, tooltip="\n".join(t for t in (o.title, o.mitigation) if t),
                             muted=o.resolved_on is not None))
    return out


def checkin_rows(session: Session, account_id: int, today: date) -> list[RecordRow]:
    out = []
    for c in checkins.for_account(session, account_id):
        when = date_long(c.held_on) + (" (planned)" if c.held_on > today else "")
        feel = "Planned" if c.sentiment is None else sentiment_label(c.sentiment)
        cells = (when, label(c.kind), feel, one_line(c.summary, 80), one_line(c.next_steps, 80))
        keys = (_sort_date(c.held_on), label(c.kind), -9 if c.sentiment is None else c.sentiment, c.summary.lower(),
                c.next_steps.lower())
        tip = "\n\n".join(t for t in (c.summary, c.next_steps and f"Next steps: {c.next_steps}") if t)
        out.append(RecordRow(c.id, cells, keys, tooltip=tip))
    return out


@dataclass(frozen=True)
class TableKind:
    record_type: RecordType
    title: str  # the tab's title
    headers: tuple[str, ...]
    load: Callable[[Session, int, date], list[RecordRow]]
    stretch: tuple[int, ...]  # the columns that share the spare width
    widths: tuple[str, ...]  # a sample of each column's typical text: its starting width
    descending: bool = True  # newest first (dates); milestones read in plan order


TABLES: dict[RecordType, TableKind] = {
    t.record_type: t
    for t in (
        TableKind(RecordType.STAKEHOLDER, "Stakeholders",
                  ("Name", "Title", "Role", "Cadence", "Last call", "Next call", "Email", "Location", "Status"),
                  stakeholder_rows, (1, 6), ("Alexandra Whitfield", "", "Decision maker", "every 30 d (own)",
                                             "30 Sep (100 days ago)", "overdue since 30 Sep", "alexandra.whitfield@example.com",
                                             "San Francisco", "Left 30 Sep 2026"), descending=False),
        TableKind(RecordType.DISCOVERY_NOTE, "Discovery notes", ("Date", "Kind", "Note"), note_rows, (2,),
                  ("30 Sep 2026", "Success criteria", "")),
        TableKind(RecordType.MILESTONE, "Milestones",
                  ("Planned", "Title", "Run type", "Phase", "Status", "Team", "Outcome"),
                  milestone_rows, (1, 6), ("30 Sep 2026", "", "Medium", "Onboarding", "Done 30 Sep", "Leadership",
                                      "Sales Ops live; a homegrown quoting tool retired"), descending=False),
        TableKind(RecordType.OBSTACLE, "Obstacles", ("Opened", "Title", "Kind", "Severity", "Resolved", "Mitigation"),
                  obstacle_rows, (1, 5), ("30 Sep 2026", "", "Exec turnover", "Critical", "30 Sep 2026",
                                     "Find and onboard a new exec sponsor; re-confirm")),
        TableKind(RecordType.CHECK_IN, "Check-ins", ("Date", "Kind", "Sentiment", "Summary", "Next steps"),
                  checkin_rows, (3, 4), ("30 Sep 2026 (planned)", "Meeting", "Sentiment", "",
                                    "Send the value summary to the exec sponsor")),
    )
}


class RecordTableModel(QAbstractTableModel):
    """One account's records of one kind, sortable by any column (the view's header)."""

    def __init__(self, table: TableKind) -> None:
        super().__init__()
        self.table = table
        self.rows: list[RecordRow] = []
        self.sort_column: int | None = None
        self.sort_order = Qt.SortOrder.AscendingOrder

    def set_rows(self, rows: Sequence[RecordRow]) -> None:
        self.beginResetModel()
        self.rows = list(rows)
        if self.sort_column is not None:
            self._sort_rows()
        self.endResetModel()

    def _sort_rows(self) -> None:
        column = self.sort_column or 0
        self.rows.sort(key=lambda r: r.sort_keys[column], reverse=self.sort_order == Qt.SortOrder.DescendingOrder)

    def sort(self, column: int, order: Qt.SortOrder = Qt.SortOrder.AscendingOrder) -> None:
        if not 0 <= column < len(self.table.headers):
            return
        self.layoutAboutToBeChanged.emit()
        persistent = self.persistentIndexList()
        ids = [self.rows[p.row()].id if p.row() < len(self.rows) else None for p in persistent]
        self.sort_column, self.sort_order = column, order
        self._sort_rows()
        new = {r.id: i for i, r in enumerate(self.rows)}
        self.changePersistentIndexList(
            persistent, [self.index(new[i], p.column()) if i in new else QModelIndex() for p, i in zip(persistent, ids)])
        self.layoutChanged.emit()

    def id_at(self, row: int) -> int | None:
        return self.rows[row].id if 0 <= row < len(self.rows) else None

    def row_of(self, record_id: int) -> int | None:
        return next((i for i, r in enumerate(self.rows) if r.id == record_id), None)

    def rowCount(self, parent: Index = QModelIndex()) -> int:  # noqa: N802
        return 0 if parent.isValid() else len(self.rows)

    def columnCount(self, parent: Index = QModelIndex()) -> int:  # noqa: N802
        return 0 if parent.isValid() else len(self.table.headers)

    def headerData(self, section: int, orientation: Qt.Orientation, role: int = Qt.ItemDataRole.DisplayRole) -> Any:  # noqa: N802
        if role == Qt.ItemDataRole.DisplayRole and orientation == Qt.Orientation.Horizontal \
                and 0 <= section < len(self.table.headers):
            return self.table.headers[section]
        return None

    def data(self, index: Index, role: int = Qt.ItemDataRole.DisplayRole) -> Any:
        if not index.isValid() or not 0 <= index.row() < len(self.rows):
            return None
        row, column = self.rows[index.row()], index.column()
        if role == Qt.ItemDataRole.DisplayRole:
            return row.cells[column]
        if role == ID_ROLE:
            return row.id
        if role == Qt.ItemDataRole.ToolTipRole:
            return row.tooltip or row.cells[column] or None
        if role == Qt.ItemDataRole.ForegroundRole:
            ink = dict(row.ink).get(column)
            if ink is not None and not row.muted:
                return ink
            return muted_brush() if row.muted else None
        return None


def account_list_rows(rows: Sequence[accounts.AccountRow]) -> list[AccountListRow]:
    return [AccountListRow(r.id, r.name, r.segment, Stage(r.stage), r.arr_minor, r.currency, r.renewal, r.archived)
            for r in rows]
