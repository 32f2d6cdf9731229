"""The accounts list: filter as you type, sort by any column, archived hidden unless asked for."""

from datetime import date, timedelta

from PySide6.QtCore import QItemSelectionModel, QModelIndex, Qt, Signal
from PySide6.QtGui import QBrush, QColor, QKeyEvent, QPalette, QResizeEvent
from PySide6.QtWidgets import (
    QAbstractItemView, QCheckBox, QComboBox, QHBoxLayout, QHeaderView, QLineEdit, QStyledItemDelegate, QStyleOptionViewItem,
    QTableView, QVBoxLayout, QWidget,
)

from csplanner.core import read
from csplanner.core.changes import Change
from csplanner.core.errors import DomainError
from csplanner.core.present import BAND_FROM, Band, band, date_long, plural
from csplanner.export.qcolors import band_color, tint
from csplanner.ui import after_start
from csplanner.ui.context import AppContext
from csplanner.ui.account_list_model import AccountListModel

RACE_HORIZON = 120  # days: "renewals coming up" in the status bar
WHOSE_KEY = "accounts/whose"  # "mine" or "everyone", remembered between runs


class HealthDelegate(QStyledItemDelegate):
    """The health score in its band's colour, as on the overview: green from 75, amber from 50, red below."""

    TEXT, BASE = QPalette.ColorRole.Text, QPalette.ColorRole.Base

    def __init__(self, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        # (band, base colour) -> (text colour, background): worked out once, not for every cell of every paint
        self.looks: dict[tuple[Band, int], tuple[QColor, QBrush]] = {}

    def initStyleOption(self, option: QStyleOptionViewItem, index: QModelIndex) -> None:  # noqa: N802
        super().initStyleOption(option, index)
        text = option.text.strip()
        if not text.isdigit():
            return
        text_color, ground = self.look(int(text), option.palette.color(self.BASE))
        option.palette.setColor(self.TEXT, text_color)
        option.font.setBold(True)
        option.backgroundBrush = ground

    def look(self, score: int, base: QColor) -> tuple[QColor, QBrush]:
        key = (band(score), base.rgba())
        look = self.looks.get(key)
        if look is None:
            color = band_color(score)
            dark = base.lightness() < 128
            look = self.looks[key] = (color.lighter(135) if dark else color.darker(135),
                                      QBrush(tint(color, 0.16, base)))
        return look

    def warm(self, palette: QPalette) -> None:
        """Do now what the first scored cell would: work out the bands' looks, and have Qt's Python
        side meet what a scored cell touches (a one-off ~10 ms), before 5000 scores arrive at once."""
        option = QStyleOptionViewItem()
        option.palette = QPalette(palette)
        base = option.palette.color(self.BASE)
        for score in (100, BAND_FROM[Band.GREEN] - 1, 0):
            text_color, ground = self.look(score, base)
        option.palette.setColor(self.TEXT, text_color)
        option.font.setBold(True)
        option.backgroundBrush = ground


class AccountTable(QTableView):
    """Delete asks to delete the selected account; everything else as a table does."""

    delete_requested = Signal()
    resized = Signal()

    def resizeEvent(self, event: QResizeEvent) -> None:  # noqa: N802
        super().resizeEvent(event)
        self.resized.emit()

    def keyPressEvent(self, event: QKeyEvent) -> None:  # noqa: N802
        if event.key() == Qt.Key.Key_Delete and event.modifiers() == Qt.KeyboardModifier.NoModifier:
            self.delete_requested.emit()
            return
        super().keyPressEvent(event)


class AccountList(QWidget):
    account_selected = Signal(object)  # int | None
    counts_changed = Signal()

    def __init__(self, ctx: AppContext, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.ctx = ctx
        self.filter = QLineEdit()
        self.filter.setPlaceholderText("Filter accounts (Ctrl+F)")
        self.filter.setClearButtonEnabled(True)
        self.filter.setAccessibleName("Filter accounts")
        self.filter.setAccessibleDescription("Type part of an account's name or segment; Enter selects the first match")
        self.show_archived = QCheckBox("Show archived")
        self.show_archived.setToolTip("Archived accounts are hidden from the list unless this is ticked")
        self.whose = QComboBox()
        self.whose.addItem("Mine", "mine")
        self.whose.addItem("Everyone", "everyone")
        self.whose.setAccessibleName("Whose accounts")
        self.whose.setToolTip(f"Mine: the accounts you ({ctx.user or 'no user name'}) look after, and the "
                              "unassigned ones. Everyone: every account in the book")
        mine = str(ctx.settings.value(WHOSE_KEY, "mine")) != "everyone"
        self.whose.setCurrentIndex(0 if mine else 1)
        self.model = AccountListModel(ctx.today)
        self.model.mine = ctx.user if mine else None
        self.table = AccountTable()
        self.table.setModel(self.model)
        self.table.setAccessibleName("Accounts")
        self.table.setAccessibleDescription("Your accounts with race day, ARR, stage and health; Enter edits, Delete deletes")
        self.table.setSelectionBehavior(QAbstractItemView.SelectionBehavior.SelectRows)
        self.table.setSelectionMode(QAbstractItemView.SelectionMode.SingleSelection)
        self.table.setEditTriggers(QAbstractItemView.EditTrigger.NoEditTriggers)
        self.table.setSortingEnabled(True)
        self.table.verticalHeader().hide()
        self.table.setShowGrid(False)
        self.table.setAlternatingRowColors(True)
        self.table.setWordWrap(False)
        self.table.setTabKeyNavigation(False)  # Tab leaves the list for the account page
        self.table.verticalHeader().setDefaultSectionSize(self.fontMetrics().height() + 10)
        header = self.table.horizontalHeader()
        header.setSectionResizeMode(AccountListModel.NAME, QHeaderView.ResizeMode.Stretch)
        header.setHighlightSections(False)
        metrics = self.fontMetrics()
        self.widths = {column: metrics.horizontalAdvance(sample) + 22 for column, sample in (
            (AccountListModel.STAGE, "Expand"), (AccountListModel.RACE_DAY, date_long(date(2026, 9, 30))),
            (AccountListModel.DAYS, "−999"), (AccountListModel.ARR, "USD 1.16M"), (AccountListModel.HEALTH, "Health"),
            (AccountListModel.OWNER, "Unassigned"))}
        for column, width in self.widths.items():
            header.resizeSection(column, width)
        header.setMinimumSectionSize(metrics.horizontalAdvance("Days") + 16)
        self.health_delegate = HealthDelegate(self.table)
        self.table.setItemDelegateForColumn(AccountListModel.HEALTH, self.health_delegate)
        self._widths_font, self._name_widths = "", {}  # fit_columns' measured names
        self.table.resized.connect(self.fit_columns)
        self.model.modelReset.connect(self.fit_columns)
        header.setSortIndicator(AccountListModel.NAME, Qt.SortOrder.AscendingOrder)
        top = QHBoxLayout()  # the filter gets the whole width: a narrow list squeezed it to a word
        top.addWidget(self.filter, 1)
        scope = QHBoxLayout()
        scope.addWidget(self.whose)
        scope.addWidget(self.show_archived)
        scope.addStretch(1)
        layout = QVBoxLayout(self)
        layout.setContentsMargins(0, 0, 0, 0)
        layout.addLayout(top)
        layout.addLayout(scope)
        layout.addWidget(self.table, 1)
        self.setTabOrder(self.filter, self.whose)
        self.setTabOrder(self.whose, self.show_archived)
        self.setTabOrder(self.show_archived, self.table)
        self.filter.textChanged.connect(self.on_filter)
        self.filter.returnPressed.connect(self.select_first_if_none)
        self.show_archived.toggled.connect(lambda _on: self.reload())
        self.whose.currentIndexChanged.connect(self.on_whose)
        self.table.selectionModel().currentRowChanged.connect(self.on_current_row)
        self.model.modelReset.connect(self.after_reset)
        self.current_id: int | None = None
        # the rows first, health once the list is on screen, computed in a worker: 5000 scores cost
        # more than the rest of the first screen (the column fills in a moment after the window appears)
        self.reload(with_health=False)
        after_start.after_first_paint(self, self._fill_health)

    # names come first: a narrow list drops Owner, Days, then ARR, then Stage, before it cuts a name
    DROP_ORDER = (AccountListModel.OWNER, AccountListModel.DAYS, AccountListModel.ARR, AccountListModel.STAGE,
                  AccountListModel.RACE_DAY)

    def fit_columns(self) -> None:
        metrics = self.table.fontMetrics()
        font = self.table.font().key()
        if font != self._widths_font:  # measured names are kept: a reset after new scores measures none
            self._widths_font, self._name_widths = font, {}
        known, measure = self._name_widths, metrics.horizontalAdvance
        longest = max((known.get(r.name) or known.setdefault(r.name, measure(r.name))
                       for r in self.model.all_rows[:2000]), default=0)
        need = max(metrics.horizontalAdvance("Account") + 40, min(longest + 24, 20 * metrics.averageCharWidth()))
        room = self.table.viewport().width()
        hidden: set[int] = set()
        for column in self.DROP_ORDER:
            if room - sum(w for c, w in self.widths.items() if c not in hidden) >= need:
                break
            hidden.add(column)
        for column in self.widths:
            self.table.setColumnHidden(column, column in hidden)
        self.table.setHorizontalScrollBarPolicy(Qt.ScrollBarPolicy.ScrollBarAlwaysOff)  # names wrap nowhere: no sideways

    # --- loading ---------------------------------------------------------------------------
    def reload(self, with_health: bool = True) -> None:
        """Read every account's list row (no children) and the health scores, keeping the selection."""
        self.model.set_rows(read.account_rows(self.ctx.db, self.ctx.today(),
                                              include_archived=self.show_archived.isChecked(), with_health=with_health))
        self.counts_changed.emit()

    def _fill_health(self) -> None:
        db, today, rows = self.ctx.db, self.ctx.today(), self.model.all_rows

        def fill(scored: list[read.AccountListRow]) -> None:
            if self.model.all_rows is rows:  # the GUI thread only swaps the rows in
                self.model.fill_health(scored)
            else:  # reloaded or rescored meanwhile: fill in only what is still missing
                missing = {r.id for r in self.model.all_rows if r.health is None}
                self.model.set_health({r.id: read.HealthScore(r.health, r.weakest) for r in scored
                                       if r.id in missing and r.health is not None})

        if any(r.health is None and not r.archived for r in rows):
            self.health_delegate.warm(self.table.palette())
            self.ctx.jobs.run(lambda: read.with_health(db, rows, today), fill, owner=self, threads=db.threads_ok)

    def on_changed(self, change: Change) -> None:
        if change.accounts_list:
            self.reload()
        elif change.health and change.account_ids:
            self.model.set_health(read.health_scores(self.ctx.db, sorted(change.account_ids), self.ctx.today()))

    # --- selection -------------------------------------------------------------------------
    def after_reset(self) -> None:
        """Keep the same account selected after a reload, filter or sort; else select none."""
        row = self.model.row_of(self.current_id) if self.current_id is not None else None
        if row is None:
            if self.current_id is not None:
                self.current_id = None
                self.account_selected.emit(None)
            return
        self._select_row(row)

    def _select_row(self, row: int) -> None:
        index = self.model.index(row, 0)
        self.table.selectionModel().setCurrentIndex(
            index, QItemSelectionModel.SelectionFlag.ClearAndSelect | QItemSelectionModel.SelectionFlag.Rows)
        self.table.scrollTo(index)

    def on_current_row(self, current: QModelIndex, _previous: QModelIndex) -> None:
        account_id = self.model.id_at(current.row()) if current.isValid() else None
        if account_id != self.current_id:
            self.current_id = account_id
            self.account_selected.emit(account_id)

    def on_filter(self, text: str) -> None:
        self.model.set_filter(text)

    def on_whose(self, _index: int) -> None:
        """Mine / Everyone: filter the rows already read, and remember the choice."""
        everyone = self.whose.currentData() == "everyone"
        self.ctx.settings.setValue(WHOSE_KEY, "everyone" if everyone else "mine")
        self.model.set_mine(None if everyone else self.ctx.user)
        self.counts_changed.emit()

    def select_first_if_none(self) -> None:
        """Enter in the filter opens the first match and moves to the list."""
        if self.model.rowCount() and self.model.row_of(self.current_id or -1) is None:
            self._select_row(0)
        self.table.setFocus()

    def select(self, account_id: int) -> bool:
        """Select an account, clearing the filter or showing archived ones if that hides it."""
        if self.model.row_of(account_id) is None and self.filter.text():
            self.filter.clear()
        known = self.model.known(account_id)
        if self.model.row_of(account_id) is None and known is not None and self.model.mine is not None \
                and known.owner not in (self.model.mine, ""):
            self.whose.setCurrentIndex(1)  # someone else's: show everyone's
        if self.model.row_of(account_id) is None and self.model.known(account_id) is None \
                and not self.show_archived.isChecked():
            try:
                archived = read.account(self.ctx.db, account_id).archived
            except DomainError:  # gone meanwhile
                archived = False
            if archived:
                self.show_archived.setChecked(True)
        row = self.model.row_of(account_id)
        if row is None:
            return False
        self._select_row(row)
        return True

    # --- figures for the status bar -------------------------------------------------------------
    def summary(self) -> str:
        today = self.ctx.today()
        active = [r for r in self.model.in_scope if not r.archived]
        soon = sum(1 for r in active if r.renewal and today <= r.renewal <= today + timedelta(days=RACE_HORIZON))
        n = len(active)
        return f"{plural(n, 'account')} · {plural(soon, 'renewal')} in {RACE_HORIZON} days"
