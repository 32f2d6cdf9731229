"""The selected account: an overview and one tab per kind of record, loaded only when shown."""

from PySide6.QtCore import QItemSelectionModel, Qt, Signal
from PySide6.QtGui import QKeyEvent
from PySide6.QtWidgets import (
    QAbstractItemView,
    QFrame,
    QGridLayout,
    QHBoxLayout,
    QHeaderView,
    QLabel,
    QMessageBox,
    QPushButton,
    QScrollArea,
    QStackedWidget,
    QTableView,
    QTabWidget,
    QVBoxLayout,
    QWidget,
)

from csplanner.core.changes import Change, RecordType
from csplanner.core.enums import MilestoneStatus
from csplanner.core.present import countdown, date_long, days_to_race, money, value_label
from csplanner.core.errors import DomainError
from csplanner.core.models import Account
from csplanner.core.services import counts, records
from csplanner.ui import editing, operations
from csplanner.ui.context import AppContext
from csplanner.ui.labels import plain_label, scaled_font
from csplanner.ui.nouns import NOUNS
from csplanner.ui.record_models import TABLES, RecordTableModel



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
    """One record type's rows for the account: a table (or a hint when empty) and Add / Edit / Delete."""

    def __init__(self, ctx: AppContext, record_type: RecordType, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.ctx, self.record_type = ctx, record_type
        self.table_kind = TABLES[record_type]
        self.account_id: int | None = None
        self.stale = True
        noun = NOUNS[record_type]
        self.model = RecordTableModel(self.table_kind)
        self.table = RecordTable()
        self.table.setModel(self.model)
        self.table.setSelectionBehavior(QAbstractItemView.SelectionBehavior.SelectRows)
        self.table.setSelectionMode(QAbstractItemView.SelectionMode.SingleSelection)
        self.table.setEditTriggers(QAbstractItemView.EditTrigger.NoEditTriggers)
        self.table.setSortingEnabled(True)
        self.table.setAlternatingRowColors(True)
        self.table.setShowGrid(False)
        self.table.setWordWrap(False)
        self.table.setTabKeyNavigation(False)
        self.table.verticalHeader().hide()
        self.table.verticalHeader().setDefaultSectionSize(self.fontMetrics().height() + 10)
        header = self.table.horizontalHeader()
        header.setHighlightSections(False)
        metrics = self.fontMetrics()
        for column, sample in enumerate(self.table_kind.widths):
            if sample:
                header.resizeSection(column, metrics.horizontalAdvance(sample) + 24)
        for column in self.table_kind.stretch:
            header.setSectionResizeMode(column, QHeaderView.ResizeMode.Stretch)
        header.setMinimumSectionSize(metrics.horizontalAdvance("Title") + 24)
        header.setSortIndicator(0, Qt.SortOrder.DescendingOrder if self.table_kind.descending
                                else Qt.SortOrder.AscendingOrder)
        self.table.doubleClicked.connect(lambda _index: self.edit_current())
        self.table.edit_requested.connect(self.edit_current)
        self.table.delete_requested.connect(self.delete_current)
        self.empty = plain_label(select=False, wrap=True)
        self.empty.setAlignment(Qt.AlignmentFlag.AlignCenter)
        self.empty.setStyleSheet("color: palette(placeholder-text);")
        self.stack = QStackedWidget()
        self.stack.addWidget(self.table)
        self.stack.addWidget(self.empty)
        self.add_button = QPushButton(f"Add {noun}…")
        self.edit_button = QPushButton("Edit…")
        self.delete_button = QPushButton("Delete…")
        self.add_button.clicked.connect(self.add)
        self.edit_button.clicked.connect(self.edit_current)
        self.delete_button.clicked.connect(self.delete_current)
        buttons = QHBoxLayout()
        buttons.addWidget(self.add_button)
        buttons.addWidget(self.edit_button)
        buttons.addWidget(self.delete_button)
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
        """Read this account's records of this kind (and nothing else)."""
        self.stale = False
        keep = self.current_id()
        rows = []
        if self.account_id is not None:
            with self.ctx.db.session() as s:
                rows = self.table_kind.load(s, self.account_id, self.ctx.today())
        self.model.set_rows(rows)
        noun = NOUNS[self.record_type]
        self.empty.setText(f"No {self.table_kind.title.lower()} yet.\nAdd the first {noun} with the button above"
                           f"{' or ' + self.shortcut_hint if self.shortcut_hint else ''}.")
        self.stack.setCurrentWidget(self.table if rows else self.empty)
        if keep is not None:
            self.select(keep)
        elif self.record_type == RecordType.MILESTONE:  # open the plan at the next runs, not at kickoff long ago
            upcoming = next((i for i, r in enumerate(self.model.rows) if r.sort_keys[4].startswith("planned")), None)
            if upcoming is not None:
                self.table.scrollTo(self.model.index(upcoming, 0), QAbstractItemView.ScrollHint.PositionAtCenter)
        self.update_buttons()

    shortcut_hint = ""  # set by the window: the menu shortcut that adds one, e.g. "Ctrl+Shift+M"

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
            index = self.model.index(row, 0)
            self.table.selectionModel().setCurrentIndex(
                index, QItemSelectionModel.SelectionFlag.ClearAndSelect | QItemSelectionModel.SelectionFlag.Rows)

    def update_buttons(self) -> None:
        has_account, has_row = self.account_id is not None, self.current_id() is not None
        self.add_button.setEnabled(has_account)
        self.edit_button.setEnabled(has_row)
        self.delete_button.setEnabled(has_row)
        if self.record_type == RecordType.MILESTONE:
            self.done_button.setEnabled(has_row)

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


class Overview(QScrollArea):
    """Dates, LAER stage, ARR, goal, success criteria, regions and days to race day, plus plug-ins."""

    def __init__(self, ctx: AppContext, extras: list[QWidget], parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.ctx = ctx
        self.account_id: int | None = None
        self.setWidgetResizable(True)
        self.setFrameShape(QFrame.Shape.NoFrame)
        body = QWidget()
        self.setWidget(body)
        self.facts: dict[str, QLabel] = {}
        grid = QGridLayout()
        grid.setHorizontalSpacing(18)
        grid.setVerticalSpacing(6)
        left = (("stage", "Stage (LAER)"), ("segment", "Segment"), ("arr", "ARR"), ("regions", "Regions"))
        right = (("contract_signed", "Contract signed"), ("kickoff", "Kickoff"), ("renewal", "Race day (renewal)"),
                 ("countdown", "Days to race day"))
        for column, pairs in ((0, left), (2, right)):
            for row, (key, text) in enumerate(pairs):
                caption = QLabel(text)
                caption.setStyleSheet("color: palette(placeholder-text);")
                value = plain_label()
                self.facts[key] = value
                grid.addWidget(caption, row, column)
                grid.addWidget(value, row, column + 1)
        grid.setColumnMinimumWidth(1, 220)
        grid.setColumnStretch(4, 1)
        self.goal = plain_label(wrap=True)
        self.criteria = plain_label(wrap=True)
        self.records = plain_label(wrap=True)
        self.edit_button = QPushButton("Edit account…")
        self.archive_button = QPushButton("Archive")
        self.delete_button = QPushButton("Delete account…")
        self.edit_button.clicked.connect(self.edit)
        self.archive_button.clicked.connect(self.toggle_archived)
        self.delete_button.clicked.connect(self.delete)
        buttons = QHBoxLayout()
        for button in (self.edit_button, self.archive_button, self.delete_button):
            buttons.addWidget(button)
        buttons.addStretch(1)
        layout = QVBoxLayout(body)
        layout.setContentsMargins(12, 12, 12, 12)
        layout.addLayout(buttons)
        layout.addSpacing(6)
        layout.addLayout(grid)
        for title, widget in (("Goal — what they are working towards", self.goal),
                              ("Success criteria", self.criteria), ("On record", self.records)):
            heading = QLabel(title)
            heading.setFont(scaled_font(self.font(), 1.0))
            layout.addSpacing(10)
            layout.addWidget(heading)
            layout.addWidget(widget)
        for extra in extras:
            layout.addSpacing(10)
            layout.addWidget(extra)
        layout.addStretch(1)
        self.archived = False

    def set_account(self, account_id: int | None) -> None:
        self.account_id = account_id
        self.load()

    def load(self) -> None:
        if self.account_id is None:
            return
        try:
            with self.ctx.db.session() as s:
                account = records.get(s, Account, self.account_id)
                on_record = counts.account_children(s, self.account_id)
        except DomainError:
            return
        today = self.ctx.today()
        self.archived = account.archived
        self.facts["stage"].setText(value_label(account.stage))
        self.facts["segment"].setText(account.segment or "—")
        self.facts["arr"].setText(money(account.arr_minor, account.currency) if account.arr_minor else "—")
        self.facts["regions"].setText(account.regions or "—")
        for key in ("contract_signed", "kickoff", "renewal"):
            self.facts[key].setText(date_long(getattr(account, key), "—"))
        self.facts["countdown"].setText(days_to_race(account.renewal, today))
        self.goal.setText(account.goal or "No goal written down yet — what are they training for?")
        self.criteria.setText(account.success_criteria or "No success criteria yet — how will they know it worked?")
        self.records.setText(", ".join(f"{n} {noun}" for n, noun in on_record) or "Nothing recorded yet.")
        self.archive_button.setText("Unarchive" if account.archived else "Archive")

    def on_changed(self, change: Change) -> None:
        if change.concerns(self.account_id):
            self.load()

    def edit(self) -> None:
        if self.account_id is not None:
            editing.edit_record(self, self.ctx, RecordType.ACCOUNT, self.account_id)

    def toggle_archived(self) -> None:
        if self.account_id is not None:
            editing.set_archived(self, self.ctx, self.account_id, not self.archived)

    def delete(self) -> None:
        if self.account_id is not None:
            editing.delete_record(self, self.ctx, RecordType.ACCOUNT, self.account_id)


class AccountPage(QWidget):
    """Header with the name and countdown, then Overview, the record tabs and the plug-in tabs."""

    def __init__(self, ctx: AppContext, extra_tabs: list[tuple[str, QWidget]], overview_extras: list[QWidget],
                 parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.ctx = ctx
        self.account_id: int | None = None
        self.title = plain_label()
        self.title.setFont(scaled_font(self.font(), 1.5))
        self.subtitle = plain_label()
        self.overview_extras = overview_extras
        self.overview = Overview(ctx, overview_extras)
        self.record_tabs = {record_type: RecordTab(ctx, record_type) for record_type in TABLES}
        self.extra_tabs = [widget for _, widget in extra_tabs]
        self.tabs = QTabWidget()
        self.tabs.setDocumentMode(True)
        self.tabs.addTab(self.overview, "Overview")
        self.tab_content: dict[int, QWidget] = {}  # id(tab page) -> the plug-in widget inside it
        for title, widget in extra_tabs:  # the training calendar sits right after the overview
            # In a scroll area: a wide plug-in must not force the accounts list narrow.
            holder = QScrollArea()
            holder.setWidgetResizable(True)
            holder.setFrameShape(QFrame.Shape.NoFrame)
            holder.setVerticalScrollBarPolicy(Qt.ScrollBarPolicy.ScrollBarAlwaysOff)  # the calendar scrolls itself
            holder.setWidget(widget)
            self.tab_content[id(holder)] = widget
            self.tabs.addTab(holder, title)
            holder.setAccessibleName(title)
        for record_type, tab in self.record_tabs.items():
            self.tabs.addTab(tab, TABLES[record_type].title)
        self.tabs.currentChanged.connect(self.on_tab)
        self.placeholder = plain_label("Select an account on the left, or add one with Ctrl+N.", select=False)
        self.placeholder.setAlignment(Qt.AlignmentFlag.AlignCenter)
        self.placeholder.setStyleSheet("color: palette(placeholder-text);")
        self.pages = QStackedWidget()
        content = QWidget()
        inner = QVBoxLayout(content)
        inner.setContentsMargins(0, 0, 0, 0)
        header = QVBoxLayout()
        header.setContentsMargins(12, 8, 12, 4)
        header.setSpacing(2)
        header.addWidget(self.title)
        header.addWidget(self.subtitle)
        inner.addLayout(header)
        inner.addWidget(self.tabs, 1)
        self.pages.addWidget(self.placeholder)
        self.pages.addWidget(content)
        layout = QVBoxLayout(self)
        layout.setContentsMargins(0, 0, 0, 0)
        layout.addWidget(self.pages)
        self.plugin_state: dict[int, int | None] = {}  # id(widget) -> the account it was last given
        ctx.bus.changed.connect(self.on_changed)

    def account_widgets(self) -> list[QWidget]:
        """Everything that wants set_account(): the plug-in tabs and overview widgets."""
        return [w for w in (*self.extra_tabs, *self.overview_extras) if hasattr(w, "set_account")]

    def set_account(self, account_id: int | None) -> None:
        self.account_id = account_id
        self.pages.setCurrentIndex(0 if account_id is None else 1)
        self.load_header()
        self.overview.set_account(account_id)
        for tab in self.record_tabs.values():
            tab.set_account(account_id)
        for widget in self.overview_extras:
            self._give(widget, account_id)
        current = self.current_plugin()
        if current is not None:
            self._give(current, account_id)

    def current_plugin(self) -> QWidget | None:
        page = self.tabs.currentWidget()
        return self.tab_content.get(id(page)) if page is not None else None

    def _give(self, widget: QWidget, account_id: int | None) -> None:
        """Plug-in widgets are told only when visible (or shown later): switching stays instant."""
        if hasattr(widget, "set_account") and self.plugin_state.get(id(widget), -1) != account_id:
            self.plugin_state[id(widget)] = account_id
            widget.set_account(account_id)

    def on_tab(self, _index: int) -> None:
        current = self.current_plugin()
        if current is not None:
            self._give(current, self.account_id)

    def load_header(self) -> None:
        if self.account_id is None:
            return
        try:
            with self.ctx.db.session() as s:
                account = records.get(s, Account, self.account_id)
        except DomainError:
            return
        self.title.setText(account.name + ("  (archived)" if account.archived else ""))
        self.name_for_readers(account.name)
        parts = [value_label(account.stage)]
        if account.segment:
            parts.append(account.segment)
        if account.arr_minor:
            parts.append(money(account.arr_minor, account.currency))
        if account.renewal:
            parts.append(f"race day {date_long(account.renewal)} ({countdown(account.renewal, self.ctx.today())})")
        self.subtitle.setText(" · ".join(parts))

    def name_for_readers(self, account: str) -> None:
        """Accessible names say whose data a screen reader is in: 'Milestones of Alder Studios'."""
        self.tabs.setAccessibleName(f"Account {account}")
        self.tabs.setAccessibleDescription("Overview, training calendar and records; Ctrl+Tab moves between them")
        self.overview.setAccessibleName(f"Overview of {account}")
        for i in range(self.tabs.count()):
            page = self.tabs.widget(i)
            if page is not self.overview and page.accessibleName():
                page.setAccessibleName(f"{self.tabs.tabText(i)} of {account}")
        for tab in self.record_tabs.values():
            tab.table.setAccessibleName(f"{tab.table_kind.title} of {account}")
            tab.table.setAccessibleDescription("Enter edits the selected row, Delete deletes it")

    def on_changed(self, change: Change) -> None:
        if not change.concerns(self.account_id):
            return
        if change.accounts_list:
            self.load_header()
        self.overview.on_changed(change)
        for tab in self.record_tabs.values():
            tab.on_changed(change)

    def show_records(self, record_type: RecordType) -> None:
        self.tabs.setCurrentWidget(self.record_tabs[record_type])
