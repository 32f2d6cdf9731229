"""The selected account: an overview and one tab per kind of record, loaded only when shown."""

from PySide6.QtCore import Qt
from PySide6.QtWidgets import (
    QFrame,
    QGridLayout,
    QHBoxLayout,
    QLabel,
    QPushButton,
    QScrollArea,
    QStackedWidget,
    QTabWidget,
    QVBoxLayout,
    QWidget,
)

from csplanner.core import read
from csplanner.core.changes import Change, RecordType
from csplanner.core.errors import DomainError
from csplanner.core.present import countdown, date_long, days_to_race, money, value_label
from csplanner.ui import editing
from csplanner.ui.context import AppContext
from csplanner.ui.labels import plain_label, scaled_font
from csplanner.ui.lazy_page import content_of
from csplanner.ui.record_table import SPECS, RecordTab


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
        left = (("stage", "Stage (LAER)"), ("segment", "Segment"), ("arr", "ARR"), ("regions", "Regions"),
                ("owner", "Owner"))
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

    def set_account(self, account_id: int | None, facts: read.AccountFacts | None = None) -> None:
        """`facts`: the account as the page's header just read it (not read twice)."""
        self.account_id = account_id
        self.load(facts)

    def load(self, account: read.AccountFacts | None = None) -> None:
        if self.account_id is None:
            return
        if account is None or account.id != self.account_id:
            try:
                account = read.account(self.ctx.db, self.account_id)
            except DomainError:  # deleted meanwhile
                return
        today = self.ctx.today()
        self.archived = account.archived
        self.facts["stage"].setText(value_label(account.stage))
        self.facts["segment"].setText(account.segment or "—")
        self.facts["arr"].setText(money(account.arr_minor, account.currency) if account.arr_minor else "—")
        self.facts["regions"].setText(account.regions or "—")
        self.facts["owner"].setText(account.owner or "Unassigned")
        for key in ("contract_signed", "kickoff", "renewal"):
            self.facts[key].setText(date_long(getattr(account, key), "—"))
        self.facts["countdown"].setText(days_to_race(account.renewal, today))
        self.goal.setText(account.goal or "No goal written down yet — what are they training for?")
        self.criteria.setText(account.success_criteria or "No success criteria yet — how will they know it worked?")
        self.records.setText(", ".join(f"{n} {noun}" for n, noun in account.on_record) or "Nothing recorded yet.")
        self.archive_button.setText("Unarchive" if account.archived else "Archive")
        for button in (self.archive_button, self.delete_button):
            editing.allow_edit(self.ctx, button)

    def on_changed(self, change: Change) -> None:
        if change.concerns(self.account_id) and not change.trend_only:  # the health panel draws the trend
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
        self.record_tabs = {record_type: RecordTab(ctx, record_type) for record_type in SPECS}
        self.extra_tabs = [widget for _, widget in extra_tabs]  # LazyPages: built when their tab is first shown
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
            self.tabs.addTab(tab, SPECS[record_type].title)
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

    def set_account(self, account_id: int | None) -> None:
        self.account_id = account_id
        self.pages.setCurrentIndex(0 if account_id is None else 1)
        self.overview.set_account(account_id, self.load_header())
        for tab in self.record_tabs.values():
            tab.set_account(account_id)
        for widget in self.overview_extras:
            self._give(widget, account_id)
        current = self.current_plugin()
        if current is not None:
            self._give(current, account_id)

    def current_plugin(self) -> QWidget | None:
        page = self.tabs.currentWidget()
        widget = self.tab_content.get(id(page)) if page is not None else None
        return content_of(widget) if widget is not None else None

    def _give(self, widget: QWidget, account_id: int | None) -> None:
        """Plug-in widgets are told only when visible (or shown later): switching stays instant."""
        if self.plugin_state.get(id(widget), -1) != account_id:
            self.plugin_state[id(widget)] = account_id
            widget.set_account(account_id)

    def on_tab(self, _index: int) -> None:
        current = self.current_plugin()
        if current is not None:
            self._give(current, self.account_id)

    def load_header(self) -> read.AccountFacts | None:
        """Show the account's name and key facts; returns what it read (None: no account, or gone)."""
        if self.account_id is None:
            return None
        try:
            account = read.account(self.ctx.db, self.account_id)
        except DomainError:  # deleted meanwhile
            return None
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
        return account

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
            tab.table.setAccessibleName(f"{tab.spec.title} of {account}")
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
