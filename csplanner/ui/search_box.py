"""Ctrl+K: one box that finds any account (by fuzzy name: "hbr" finds Harbor Energy) and then
any record (full text). Enter opens the account on the record's tab with the record selected.

    target = SearchBox.ask(window, ctx)     # None when closed without choosing
"""

from dataclasses import dataclass
from functools import lru_cache
from datetime import date

from PySide6.QtCore import QAbstractListModel, QModelIndex, QPersistentModelIndex, QRect, QSize, Qt, QTimer
from PySide6.QtGui import QColor, QFont, QFontMetrics, QKeyEvent, QPainter, QPalette
from PySide6.QtWidgets import (
    QDialog,
    QLabel,
    QLineEdit,
    QListView,
    QStyle,
    QStyledItemDelegate,
    QStyleOptionViewItem,
    QVBoxLayout,
    QWidget,
)

from csplanner.core import search
from csplanner.core.changes import Change, RecordType
from csplanner.core.fuzzy import LETTERS, AccountNames
from csplanner.core.present import date_long, plural
from csplanner.ui.context import AppContext
from csplanner.ui.nouns import NOUNS

ACCOUNT_LIMIT = 8
LOOSE_ACCOUNTS = 3  # names matched only by letters in order ("hbr"): a few, when records matched too
RECORD_LIMIT = 40
NEWEST = 2000  # a word in tens of thousands of records ranks among the newest 2,000 while typing
MIN_RECORD_CHARS = 2  # one letter matches nearly everything: accounts only until the second


@dataclass(frozen=True, slots=True)
class SearchTarget:
    """Where Enter goes: an account, and the record to select on its tab (None: the overview)."""

    account_id: int
    record_type: RecordType | None = None
    record_id: int | None = None


@dataclass(frozen=True, slots=True)
class ResultRow:
    heading: str  # the account's or the record's name; a section title when target is None
    detail: str = ""  # "Milestone · Harbor Energy · 02/04/2026"
    snippet: str = ""  # the match in context, matches between search.MARK_START/END
    target: SearchTarget | None = None


@lru_cache(maxsize=4096)
def _day(day: date | None) -> str:
    return date_long(day)  # cached: formatting through the locale data cost more than the query per keystroke


def record_rows(hits: list[search.Hit], skip_accounts: set[int]) -> list[ResultRow]:
    """Full-text hits as result rows; accounts already listed by name are not repeated."""
    rows = []
    for hit in hits:
        record_type = RecordType(hit.kind)
        if record_type == RecordType.ACCOUNT and hit.account_id in skip_accounts:
            continue
        noun = NOUNS[record_type].capitalize()
        if hit.title:  # "SSO rollout" / "Milestone · Harbor Energy · 2 Dec 2026"
            heading = hit.title
            parts = [noun] + ([hit.account_name] if record_type != RecordType.ACCOUNT else []) + [_day(hit.day)]
        else:  # notes and check-ins have no title: "Harbor Energy" / "Check-in · 2 Nov 2026"
            heading, parts = hit.account_name, [noun, _day(hit.day)]
        target = SearchTarget(hit.account_id, record_type if record_type != RecordType.ACCOUNT else None,
                              hit.record_id if record_type != RecordType.ACCOUNT else None)
        rows.append(ResultRow(heading, " · ".join(p for p in parts if p), hit.snippet, target))
    return rows


def records_query(text: str) -> str:
    """What the record search looks for while typing: a last word of one letter ("renewal r") waits
    for its second letter, since a one-letter prefix matches most of the index and stalls the box."""
    words = text.split()
    return " ".join(words[:-1]) if len(words) > 1 and len(words[-1]) == 1 else text


class SearchResultsModel(QAbstractListModel):
    """Plain result rows; section titles are rows that cannot be selected."""

    RowRole = Qt.ItemDataRole.UserRole + 1

    def __init__(self, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.rows: list[ResultRow] = []

    def set_rows(self, rows: list[ResultRow]) -> None:
        self.beginResetModel()
        self.rows = rows
        self.endResetModel()

    def rowCount(self, parent: QModelIndex | QPersistentModelIndex = QModelIndex()) -> int:  # noqa: B008, N802
        return 0 if parent.isValid() else len(self.rows)

    def data(self, index: QModelIndex | QPersistentModelIndex, role: int = Qt.ItemDataRole.DisplayRole) -> object:
        if not index.isValid() or not 0 <= index.row() < len(self.rows):
            return None
        row = self.rows[index.row()]
        if role == Qt.ItemDataRole.DisplayRole:
            return row.heading
        if role == Qt.ItemDataRole.ToolTipRole and row.target is not None:
            return " ".join(search.plain_snippet(row.snippet, "", "").split()) or row.detail
        if role == Qt.ItemDataRole.AccessibleDescriptionRole:
            return f"{row.detail}. {search.plain_snippet(row.snippet, '', '')}".strip(". ")
        if role == self.RowRole:
            return row
        return None

    def flags(self, index: QModelIndex | QPersistentModelIndex) -> Qt.ItemFlag:
        if not index.isValid() or self.rows[index.row()].target is None:
            return Qt.ItemFlag.NoItemFlags
        return Qt.ItemFlag.ItemIsEnabled | Qt.ItemFlag.ItemIsSelectable

    def first_target_row(self, start: int = 0, step: int = 1) -> int | None:
        row = start
        while 0 <= row < len(self.rows):
            if self.rows[row].target is not None:
                return row
            row += step
        return None


class ResultDelegate(QStyledItemDelegate):
    """Two lines per result: the name in bold, then what it is and the match in context with the
    words found in bold. Drawn as plain text (user text is never read as HTML), piece by piece:
    a rich-text document per row cost more than the search itself on every keystroke."""

    def paint(self, painter: QPainter, option: QStyleOptionViewItem, index: QModelIndex | QPersistentModelIndex) -> None:
        row = index.data(SearchResultsModel.RowRole)
        if row is None:
            return
        opt = QStyleOptionViewItem(option)
        self.initStyleOption(opt, index)
        opt.text = ""
        style = opt.widget.style() if opt.widget else None
        if style is not None:
            style.drawControl(QStyle.ControlElement.CE_ItemViewItem, opt, painter, opt.widget)
        selected = bool(opt.state & QStyle.StateFlag.State_Selected)
        group = QPalette.ColorGroup.Active
        text = opt.palette.color(group, QPalette.ColorRole.HighlightedText if selected else QPalette.ColorRole.Text)
        dim = text if selected else opt.palette.color(group, QPalette.ColorRole.PlaceholderText)
        normal, bold = QFont(opt.font), QFont(opt.font)
        bold.setBold(True)
        rect = opt.rect.adjusted(8, 4, -8, -4)
        line = QFontMetrics(normal).height()
        painter.save()
        if row.target is None:  # a section title: small capitals, dimmed
            small = QFont(normal)
            small.setPointSizeF(max(6.0, normal.pointSizeF() * 0.85))
            self._piece(painter, rect, rect.left(), rect.top(), line, row.heading.upper(), small, dim)
        else:
            self._piece(painter, rect, rect.left(), rect.top(), line, row.heading, bold, text)
            x, y = rect.left(), rect.top() + line
            if row.detail:
                x = self._piece(painter, rect, x, y, line, row.detail + "   ", normal, dim)
            for piece, hit in search.snippet_parts(" ".join(row.snippet.split())):
                x = self._piece(painter, rect, x, y, line, piece, bold if hit else normal, text)
        painter.restore()

    @staticmethod
    def _piece(painter: QPainter, rect: QRect, x: int, y: int, height: int, text: str, font: QFont,
               color: QColor) -> int:
        """Draw one run of text from x (elided at the right edge); the x after it."""
        room = rect.right() - x
        if room <= 0 or not text:
            return x
        metrics = QFontMetrics(font)
        width = metrics.horizontalAdvance(text)
        if width > room:
            text, width = metrics.elidedText(text, Qt.TextElideMode.ElideRight, room), room
        painter.setFont(font)
        painter.setPen(color)
        painter.drawText(QRect(x, y, width + 1, height), int(Qt.AlignmentFlag.AlignLeft | Qt.AlignmentFlag.AlignVCenter),
                         text)
        return x + width

    def sizeHint(self, option: QStyleOptionViewItem, index: QModelIndex | QPersistentModelIndex) -> QSize:  # noqa: N802
        row = index.data(SearchResultsModel.RowRole)
        line = option.fontMetrics.height()
        if row is None or row.target is None or not (row.detail or row.snippet):
            return QSize(200, line + 10)  # section titles and account names: one line
        return QSize(200, 2 * line + 10)


class SearchBox(QDialog):
    """The search box: type, move with the arrows, Enter opens, Esc closes."""

    def __init__(self, ctx: AppContext, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.ctx = ctx
        self.setWindowTitle("Search")
        self.chosen: SearchTarget | None = None
        self._names: AccountNames | None = None
        self.input = QLineEdit()
        self.input.setPlaceholderText("Search accounts, people, notes, runs, obstacles, check-ins…")
        self.input.setClearButtonEnabled(True)
        self.input.setAccessibleName("Search")
        self.model = SearchResultsModel(self)
        self.results = QListView()
        self.results.setModel(self.model)
        self.results.setItemDelegate(ResultDelegate(self.results))
        self.results.setUniformItemSizes(False)
        self.results.setHorizontalScrollBarPolicy(Qt.ScrollBarPolicy.ScrollBarAlwaysOff)
        self.results.setFocusPolicy(Qt.FocusPolicy.NoFocus)  # typing stays in the box; arrows move the list
        self.results.activated.connect(self._open_index)
        self.results.clicked.connect(self._open_index)
        self.status = QLabel()
        self.status.setTextFormat(Qt.TextFormat.PlainText)
        self.status.setStyleSheet("color: palette(placeholder-text);")
        layout = QVBoxLayout(self)
        layout.addWidget(self.input)
        layout.addWidget(self.results, 1)
        layout.addWidget(self.status)
        self.input.textChanged.connect(self._schedule)
        self.input.installEventFilter(self)
        self._timer = QTimer(self)  # coalesces a burst of keystrokes into one search
        self._timer.setSingleShot(True)
        self._timer.setInterval(0)
        self._timer.timeout.connect(self.refresh)
        ctx.bus.changed.connect(self.on_changed)
        self.resize(640, 520)
        self.refresh()

    # --- searching -------------------------------------------------------------------------
    def names(self) -> AccountNames:
        if self._names is None:
            self._names = search.account_names(self.ctx.db)
        return self._names

    def on_changed(self, change: Change) -> None:
        if change.accounts_list:
            self._names = None
        if self.isVisible() and self.input.text().strip():
            self._schedule()

    def _schedule(self) -> None:
        self._timer.start()

    def pending(self) -> bool:
        """Typed text not searched yet: the search runs once a burst of keystrokes ends."""
        return self._timer.isActive()

    def refresh(self) -> None:
        """Search for what is typed now and show accounts, then records."""
        text = self.input.text().strip()
        if not text:
            self.model.set_rows([])
            self.status.setText("Accounts by name (\"hbr\" finds Harbor Energy), then every note, run, "
                                "obstacle, check-in and person that mentions the words.")
            return
        accounts = self.names().match(text, ACCOUNT_LIMIT)
        found = search.Found([], False)
        if len(text) >= MIN_RECORD_CHARS:
            found = search.find(self.ctx.db, records_query(text), limit=RECORD_LIMIT, newest=NEWEST)
        if found.hits:  # "beatr" is Beatriz more likely than Beacon Travel: loose names yield to records
            loose = [m for m in accounts if m.tier == LETTERS]
            accounts = [m for m in accounts if m.tier != LETTERS] + loose[:LOOSE_ACCOUNTS]
        rows: list[ResultRow] = []
        if accounts:
            rows.append(ResultRow("Accounts"))
            rows += [ResultRow(m.name, "", "", SearchTarget(m.account_id)) for m in accounts]
        records = record_rows(found.hits, {m.account_id for m in accounts})
        if records:
            rows.append(ResultRow("Records"))
            rows += records
        self.model.set_rows(rows)
        first = self.model.first_target_row()
        if first is not None:
            self.results.setCurrentIndex(self.model.index(first, 0))
        self.status.setText(self._summary(len(accounts), len(records), found.capped, len(text)))

    @staticmethod
    def _summary(accounts: int, records: int, capped: bool, typed: int) -> str:
        if not accounts and not records:
            return "Nothing found." if typed >= MIN_RECORD_CHARS else "Type another letter to search records too."
        parts = [plural(accounts, 'account')] if accounts else []
        if typed < MIN_RECORD_CHARS:
            parts.append("type another letter to search records too")
        else:
            parts.append(plural(records, 'record'))
        note = " (best of the newest matches: type more to narrow)" if capped else ""
        return ", ".join(parts) + note + " · ↑↓ to choose, Enter to open, Esc to close"

    # --- keys and choosing --------------------------------------------------------------------
    def eventFilter(self, watched: object, event: object) -> bool:  # noqa: N802
        if watched is self.input and isinstance(event, QKeyEvent) and event.type() == QKeyEvent.Type.KeyPress:
            key = event.key()
            if key in (Qt.Key.Key_Down, Qt.Key.Key_Up, Qt.Key.Key_PageDown, Qt.Key.Key_PageUp):
                self._move(1 if key in (Qt.Key.Key_Down, Qt.Key.Key_PageDown) else -1,
                           5 if key in (Qt.Key.Key_PageDown, Qt.Key.Key_PageUp) else 1)
                return True
            if key in (Qt.Key.Key_Return, Qt.Key.Key_Enter):
                if self._timer.isActive():  # Enter right after typing: search what is typed first
                    self._timer.stop()
                    self.refresh()
                self._open_index(self.results.currentIndex())
                return True
        return super().eventFilter(watched, event)  # type: ignore[arg-type]

    def _move(self, step: int, times: int) -> None:
        row = self.results.currentIndex().row()
        for _ in range(times):
            nxt = self.model.first_target_row(row + step, step) if row >= 0 else self.model.first_target_row()
            if nxt is None:
                break
            row = nxt
        if row >= 0 and self.model.rowCount():
            index = self.model.index(row, 0)
            self.results.setCurrentIndex(index)
            self.results.scrollTo(index)

    def _open_index(self, index: QModelIndex) -> None:
        row = index.data(SearchResultsModel.RowRole) if index.isValid() else None
        if row is None or row.target is None:
            return
        self.chosen = row.target
        self.accept()

    @classmethod
    def ask(cls, parent: QWidget, ctx: AppContext, text: str = "") -> SearchTarget | None:
        box = cls(ctx, parent)
        box.input.setText(text)
        try:
            return box.chosen if box.exec() == QDialog.DialogCode.Accepted else None
        finally:
            ctx.bus.changed.disconnect(box.on_changed)
            box.deleteLater()
