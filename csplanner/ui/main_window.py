"""The main window: accounts on the left, the selected account on the right; other views beside it."""

from typing import TYPE_CHECKING

from PySide6.QtCore import QByteArray, Qt
from PySide6.QtGui import QAction, QActionGroup, QCloseEvent, QKeySequence
from PySide6.QtWidgets import QLabel, QMainWindow, QMessageBox, QSplitter, QStackedWidget, QWidget

from csplanner.core.changes import Change, RecordType
from csplanner.core.dbfile import BadDatabase
from csplanner.ui import after_start, editing, screens, sort_arrow
from csplanner.ui.account_list import AccountList
from csplanner.ui.account_page import AccountPage
from csplanner.ui.app_icon import app_icon
from csplanner.ui.context import AppContext
from csplanner.ui.lazy_page import content_of, when_built
from csplanner.ui.nouns import NOUNS
from csplanner.ui.poll import ChangePoll
from csplanner.ui.account_list_model import AccountListModel

if TYPE_CHECKING:
    from csplanner.ui.search_box import SearchTarget

GEOMETRY_KEY = "window/geometry"
STATE_KEY = "window/state"
SPLITTER_KEY = "window/splitter"
ACCOUNT_KEY = "window/account"
ARCHIVED_KEY = "accounts/show_archived"
SORT_KEY = "accounts/sort"
TAB_KEY = "window/account_tab"

# record type -> (menu text, shortcut); the shortcut is shown in the menu and in the empty tables
NEW_RECORD = {
    RecordType.STAKEHOLDER: ("New &stakeholder…", "Ctrl+Shift+P"),
    RecordType.DISCOVERY_NOTE: ("New discovery &note…", "Ctrl+Shift+N"),
    RecordType.MILESTONE: ("New &milestone…", "Ctrl+Shift+M"),
    RecordType.OBSTACLE: ("New &obstacle…", "Ctrl+Shift+O"),
    RecordType.CHECK_IN: ("New &check-in…", "Ctrl+Shift+C"),
}
SORTS = (("&Name", AccountListModel.NAME, Qt.SortOrder.AscendingOrder),
         ("&Race day", AccountListModel.RACE_DAY, Qt.SortOrder.AscendingOrder),
         ("&ARR", AccountListModel.ARR, Qt.SortOrder.DescendingOrder),
         ("&Stage", AccountListModel.STAGE, Qt.SortOrder.AscendingOrder),
         ("&Health", AccountListModel.HEALTH, Qt.SortOrder.AscendingOrder))


def default_split(width: int) -> list[int]:
    """Accounts list and account page at first start: the list takes about a third, the calendar the rest."""
    left = max(300, min(440, width * 3 // 10))
    return [left, width - left]


class MainWindow(QMainWindow):
    def __init__(self, ctx: AppContext) -> None:
        super().__init__()
        self.ctx = ctx
        self.setWindowTitle(f"csplanner — {ctx.db.name}")
        self.setWindowIcon(app_icon())
        self.account_list = AccountList(ctx)
        self.account_page = AccountPage(ctx, screens.account_tabs(ctx), screens.overview_widgets(ctx))
        self.splitter = QSplitter(Qt.Orientation.Horizontal)
        self.splitter.setChildrenCollapsible(False)
        self.splitter.addWidget(self.account_list)
        self.splitter.addWidget(self.account_page)
        self.splitter.setStretchFactor(1, 1)
        self.views = QStackedWidget()
        self.views.addWidget(self.splitter)
        self.top_views: list[tuple[str, QWidget, str]] = screens.top_views(ctx)
        for _title, widget, _keys in self.top_views:
            self.views.addWidget(widget)
        self.setCentralWidget(self.views)
        for widget in [w for _t, w, _k in self.top_views] + self.account_page.extra_tabs + self.account_page.overview_extras:
            when_built(widget, self._listen_for_accounts)
        self.status_counts = QLabel()
        self.statusBar().addPermanentWidget(self.status_counts)
        self._build_actions()
        self._build_menus_and_toolbar()
        self.read_only_label = QLabel()
        self.read_only_label.hide()
        self.statusBar().addWidget(self.read_only_label)
        self.show_read_only()
        ctx.bus.read_only_changed.connect(self.show_read_only)
        self.account_list.account_selected.connect(self.on_account_selected)
        self.account_list.counts_changed.connect(self.update_status)
        ctx.bus.changed.connect(self.account_list.on_changed)
        ctx.bus.failed.connect(lambda message: QMessageBox.warning(self, "csplanner", message))
        for record_type, tab in self.account_page.record_tabs.items():
            tab.shortcut_hint = NEW_RECORD[record_type][1]
        screen = self.screen().availableGeometry() if self.screen() is not None else None
        sort_arrow.fix_sort_arrows(self)
        self.resize(min(1440, screen.width()) if screen else 1440, min(900, screen.height()) if screen else 900)
        self.restore_state()
        current = self.account_list.current_id
        if current is None or self.account_page.account_id != current:  # restore_state's selection may have shown it
            self.on_account_selected(current)
        self.update_status()
        # after the window is up, in worker threads: the file's check, the day's backup, the health trend
        after_start.start(ctx, self, self.on_damaged)
        self.poll = ChangePoll(ctx, self)  # others' changes on a shared book show up within seconds

    # --- read-only --------------------------------------------------------------------------
    def show_read_only(self) -> None:
        """Browsing and export work; every edit is disabled and says why (or all enabled again)."""
        db = self.ctx.db
        title = f"csplanner — {db.name}"
        self.setWindowTitle(f"{title} (read-only)" if db.read_only else title)
        why = f"Read-only: {db.read_only_why}. Edits are disabled." if db.read_only else ""
        self.read_only_label.setText(why)
        self.read_only_label.setVisible(db.read_only)
        for action in [self.new_account_action, self.undo_action, self.redo_action]:
            action.setToolTip(why)
        self.new_account_action.setEnabled(not db.read_only)
        self.undo_action.setEnabled(not db.read_only and self.ctx.undo_stack.canUndo())
        self.redo_action.setEnabled(not db.read_only and self.ctx.undo_stack.canRedo())
        for action in self.account_actions:
            action.setToolTip(why)
            action.setEnabled(not db.read_only and self.current_account_id() is not None)

    def on_damaged(self, problem: BadDatabase) -> None:
        """The check after the first paint found the file damaged: nothing more is written to it,
        the window turns read-only, and the user is told what is wrong and what to do."""
        from csplanner.ui.bad_file_dialog import TITLES

        self.ctx.db.found_damaged(problem)
        self.ctx.undo_stack.clear()  # its steps would write
        self.ctx.bus.read_only_changed.emit()
        current = self.current_account_id()
        if current is not None:  # the account's screens grey the buttons that would save (editing.allow_edit)
            self.ctx.bus.announce(Change(account_ids=frozenset({current}), records=frozenset(RecordType), calendar=True))
        box = QMessageBox(QMessageBox.Icon.Critical, "csplanner found damage in the book",
                          TITLES[problem.problem], parent=self)
        box.setInformativeText(f"{problem.message} It is open read-only now: browsing and exports work, "
                               "edits are disabled.")
        box.setStandardButtons(QMessageBox.StandardButton.Close)
        box.open()  # not modal to the app's own work: the window stays readable behind it
        self.damage_box = box

    # --- actions ---------------------------------------------------------------------------
    def _action(self, text: str, slot: object, shortcut: str | QKeySequence.StandardKey | list | None = None,
                tip: str = "") -> QAction:
        action = QAction(text, self)
        if isinstance(shortcut, list):
            action.setShortcuts([QKeySequence(s) for s in shortcut])
        elif shortcut is not None:
            action.setShortcut(QKeySequence(shortcut))
        if tip:
            action.setStatusTip(tip)
        action.triggered.connect(slot)  # type: ignore[arg-type]
        self.addAction(action)  # shortcuts work whichever view is shown
        return action

    def _build_actions(self) -> None:
        self.new_account_action = self._action("&New account…", self.new_account, "Ctrl+N",
                                               "Add a customer: name, ARR, race day")
        self.new_record_actions = {
            record_type: self._action(text, lambda _=False, t=record_type: self.new_record(t), keys,
                                      f"Add a {NOUNS[record_type]} to the selected account")
            for record_type, (text, keys) in NEW_RECORD.items()
        }
        self.find_action = self._action("&Find account", self.focus_filter, "Ctrl+F",
                                        "Filter the accounts list by name or segment")
        self.search_action = self._action("&Search everything…", self.search_everything, "Ctrl+K",
                                          "Find any account, person, note, run, obstacle or check-in")
        self.edit_account_action = self._action("&Edit account…", self.edit_account, "F2")
        self.archive_action = self._action("&Archive account", self.archive_account, None,
                                           "Hide the account from the list (View → Show archived brings it back)")
        self.delete_account_action = self._action("&Delete account…", self.delete_account, None)
        self.quit_action = self._action("&Quit", self.close, QKeySequence.StandardKey.Quit)
        self.undo_action = self.ctx.undo_stack.createUndoAction(self, "&Undo")
        self.undo_action.setShortcut(QKeySequence.StandardKey.Undo)
        self.redo_action = self.ctx.undo_stack.createRedoAction(self, "&Redo")
        self.redo_action.setShortcuts([QKeySequence("Ctrl+Shift+Z"), QKeySequence.StandardKey.Redo])
        self.addActions([self.undo_action, self.redo_action])
        self.show_archived_action = QAction("Show &archived accounts", self, checkable=True)
        self.show_archived_action.toggled.connect(self.account_list.show_archived.setChecked)
        self.account_list.show_archived.toggled.connect(self.show_archived_action.setChecked)
        self.view_group = QActionGroup(self)
        self.view_actions: list[QAction] = []
        for index, (title, keys) in enumerate([("Accounts", "Ctrl+1")] + [(t, k) for t, _w, k in self.top_views]):
            action = self._action(f"&{title}", lambda _=False, i=index: self.show_view(i), keys or None,
                                  f"Show the {title} view")
            action.setCheckable(True)
            self.view_group.addAction(action)
            self.view_actions.append(action)
        self.view_actions[0].setChecked(True)

    def _build_menus_and_toolbar(self) -> None:
        bar = self.menuBar()
        file_menu = bar.addMenu("&File")
        file_menu.addAction(self.new_account_action)
        extra = screens.file_actions(self.ctx, self)
        if extra:
            file_menu.addSeparator()
            file_menu.addActions(extra)
        file_menu.addSeparator()
        file_menu.addAction(self.quit_action)
        edit_menu = bar.addMenu("&Edit")
        edit_menu.addActions([self.undo_action, self.redo_action])
        edit_menu.addSeparator()
        edit_menu.addActions([self.find_action, self.search_action])
        view_menu = bar.addMenu("&View")
        view_menu.addActions(self.view_actions)
        view_menu.addSeparator()
        view_menu.addAction(self.show_archived_action)
        sort_menu = view_menu.addMenu("&Sort accounts by")
        for text, column, order in SORTS:
            sort_menu.addAction(text, lambda c=column, o=order: self.sort_accounts(c, o))
        account_menu = bar.addMenu("&Account")
        account_menu.addActions(list(self.new_record_actions.values()))
        account_menu.addSeparator()
        account_menu.addActions([self.edit_account_action, self.archive_action, self.delete_account_action])
        help_menu = bar.addMenu("&Help")
        self.about_action = help_menu.addAction("&About csplanner", self.show_about)
        self.about_action.setMenuRole(QAction.MenuRole.AboutRole)
        self.account_actions = [*self.new_record_actions.values(), self.edit_account_action, self.archive_action,
                                self.delete_account_action]
        tools = self.addToolBar("Main")
        tools.setObjectName("main_toolbar")
        tools.setMovable(False)
        tools.setToolButtonStyle(Qt.ToolButtonStyle.ToolButtonTextOnly)
        tools.addActions(self.view_actions)
        tools.addSeparator()
        tools.addAction(self._tool_action(self.new_account_action, "+ account"))
        for record_type, short in ((RecordType.MILESTONE, "+ milestone"), (RecordType.CHECK_IN, "+ check-in"),
                                   (RecordType.DISCOVERY_NOTE, "+ note"), (RecordType.OBSTACLE, "+ obstacle")):
            tools.addAction(self._tool_action(self.new_record_actions[record_type], short))
        tools.addSeparator()
        tools.addActions([self._tool_action(self.undo_action, "Undo"), self._tool_action(self.redo_action, "Redo")])
        self.toolbar = tools
        for action in tools.actions():  # a screen reader reads "New milestone", not "+ milestone"
            button = tools.widgetForAction(action)
            if button is not None and action.text().startswith("+ "):
                button.setAccessibleName(action.toolTip().split(" (")[0])
        self.account_list.table.delete_requested.connect(self.delete_account)
        self.account_list.table.doubleClicked.connect(lambda _i: self.edit_account())

    def _tool_action(self, source: QAction, text: str) -> QAction:
        """A toolbar twin of a menu action: its own short, fixed label, so the toolbar never shifts;
        the full text ("Undo Move 'QBR' to 3 Dec 2026") and the shortcut go in the tooltip."""
        twin = QAction(text, self)
        twin.triggered.connect(source.trigger)

        def follow() -> None:
            twin.setEnabled(source.isEnabled())
            full = source.text().replace("&", "").rstrip("…")
            keys = source.shortcut().toString(QKeySequence.SequenceFormat.NativeText)
            twin.setToolTip(f"{full} ({keys})" if keys else full)
            twin.setStatusTip(source.statusTip())

        source.changed.connect(follow)
        follow()
        return twin

    def toolbar_button(self, text: str) -> QWidget | None:
        """The toolbar's button labelled `text` (tests and screenshots)."""
        for action in self.toolbar.actions():
            if action.text() == text:
                return self.toolbar.widgetForAction(action)
        return None

    def show_about(self) -> None:
        from csplanner.ui.dialogs.about import AboutDialog

        AboutDialog.ask(self, self.ctx.db.path, self.ctx.db.label)

    # --- views -----------------------------------------------------------------------------
    def _listen_for_accounts(self, widget: QWidget) -> None:
        if isinstance(widget, screens.OpensAccounts):
            widget.open_account.connect(self.show_account)

    def show_view(self, index: int) -> None:
        content_of(self.views.widget(index))  # a view opened for the first time is built now
        self.views.setCurrentIndex(index)
        self.view_actions[index].setChecked(True)

    def current_view(self) -> QWidget:
        """The view on screen (Accounts: the splitter), built."""
        return content_of(self.views.currentWidget())

    def show_account(self, account_id: int) -> None:
        """Another view asked for an account: show it in the Accounts view."""
        self.show_view(0)
        self.select_account(account_id)

    # --- the selected account ---------------------------------------------------------------
    def current_account_id(self) -> int | None:
        return self.account_list.current_id

    def select_account(self, account_id: int) -> None:
        self.account_list.select(account_id)

    def on_account_selected(self, account_id: int | None) -> None:
        self.account_page.set_account(account_id)
        for action in self.account_actions:
            action.setEnabled(account_id is not None and not self.ctx.db.read_only)
        row = self.account_list.model.known(account_id) if account_id is not None else None
        if row is not None:
            self.archive_action.setText("Unarchive account" if row.archived else "&Archive account")

    def update_status(self) -> None:
        self.status_counts.setText(f"{self.account_list.summary()} · {self.ctx.db.label}")

    def focus_filter(self) -> None:
        self.show_view(0)
        self.account_list.filter.setFocus(Qt.FocusReason.ShortcutFocusReason)
        self.account_list.filter.selectAll()

    def search_everything(self) -> None:
        from csplanner.ui.search_box import SearchBox  # imported when first asked for

        target = SearchBox.ask(self, self.ctx)
        if target is not None:
            self.open_target(target)

    def open_target(self, target: "SearchTarget") -> None:
        """Show a search result: its account, on the record's tab, with the record selected."""
        self.show_account(target.account_id)
        if target.record_type is None or target.record_id is None:
            self.account_page.tabs.setCurrentIndex(0)  # the overview
            return
        self.account_page.show_records(target.record_type)
        tab = self.account_page.record_tabs[target.record_type]
        tab.select(target.record_id)
        tab.table.scrollTo(tab.table.currentIndex())
        tab.table.setFocus(Qt.FocusReason.OtherFocusReason)

    def sort_accounts(self, column: int, order: Qt.SortOrder) -> None:
        self.account_list.table.horizontalHeader().setSortIndicator(column, order)

    # --- edits -----------------------------------------------------------------------------
    def new_account(self) -> int | None:
        saved = editing.edit_record(self, self.ctx, RecordType.ACCOUNT)
        if saved is not None:
            self.show_view(0)
            self.select_account(saved)
        return saved

    def new_record(self, record_type: RecordType) -> int | None:
        account_id = self.current_account_id()
        if account_id is None:
            self.statusBar().showMessage("Select an account first.", 5000)
            return None
        self.show_view(0)
        self.account_page.show_records(record_type)
        return self.account_page.record_tabs[record_type].add()

    def edit_account(self) -> None:
        if self.current_account_id() is not None:
            editing.edit_record(self, self.ctx, RecordType.ACCOUNT, self.current_account_id())

    def archive_account(self) -> None:
        account_id = self.current_account_id()
        row = self.account_list.model.known(account_id) if account_id is not None else None
        if row is not None:
            editing.set_archived(self, self.ctx, row.id, not row.archived)

    def delete_account(self) -> None:
        if self.current_account_id() is not None:
            editing.delete_record(self, self.ctx, RecordType.ACCOUNT, self.current_account_id())

    # --- remembered between runs -------------------------------------------------------------
    def restore_state(self) -> None:
        s = self.ctx.settings
        geometry, state, sizes = s.value(GEOMETRY_KEY), s.value(STATE_KEY), s.value(SPLITTER_KEY)
        if isinstance(geometry, QByteArray):
            self.restoreGeometry(geometry)
        if isinstance(state, QByteArray):
            self.restoreState(state)
        if isinstance(sizes, QByteArray):
            self.splitter.restoreState(sizes)
        else:
            self.splitter.setSizes(default_split(self.width()))
        if str(s.value(ARCHIVED_KEY, "false")).lower() == "true":
            self.account_list.show_archived.setChecked(True)
        try:
            column, order = (int(x) for x in str(s.value(SORT_KEY, "0,0")).split(","))
            self.sort_accounts(column, Qt.SortOrder(order))
        except ValueError:
            pass
        try:
            tab = int(s.value(TAB_KEY, 0))  # type: ignore[call-overload]
        except (TypeError, ValueError):
            tab = 0
        self.account_page.tabs.setCurrentIndex(max(0, min(tab, self.account_page.tabs.count() - 1)))
        try:
            last = int(s.value(ACCOUNT_KEY, 0))  # type: ignore[call-overload]
        except (TypeError, ValueError):
            last = 0
        if last and not self.account_list.select(last) and self.account_list.model.rowCount():
            self.account_list._select_row(0)
        elif not last and self.account_list.model.rowCount():
            self.account_list._select_row(0)

    def save_state(self) -> None:
        s = self.ctx.settings
        s.setValue(GEOMETRY_KEY, self.saveGeometry())
        s.setValue(STATE_KEY, self.saveState())
        s.setValue(SPLITTER_KEY, self.splitter.saveState())
        s.setValue(ARCHIVED_KEY, "true" if self.account_list.show_archived.isChecked() else "false")
        model = self.account_list.model
        s.setValue(SORT_KEY, f"{model.sort_column},{model.sort_order.value}")
        s.setValue(TAB_KEY, self.account_page.tabs.currentIndex())
        s.setValue(ACCOUNT_KEY, self.current_account_id() or 0)
        s.sync()

    def closeEvent(self, event: QCloseEvent) -> None:  # noqa: N802
        self.ctx.jobs.stop()  # nothing runs on behind a closed window
        self.save_state()
        super().closeEvent(event)
