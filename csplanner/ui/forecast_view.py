"""The Forecast view: ARR due by quarter (committed, at risk, forecast to churn, without a
forecast), each quarter's accounts beneath it; double-click an account to open it."""

from PySide6.QtCore import Qt, Signal
from PySide6.QtGui import QBrush, QColor, QFont
from PySide6.QtWidgets import QHeaderView, QLabel, QTreeWidget, QTreeWidgetItem, QVBoxLayout, QWidget

from csplanner.core import season_views
from csplanner.core.changes import Change, RecordType
from csplanner.core.services.forecasts import BUCKET_LABELS, BUCKETS
from csplanner.ui.context import AppContext
from csplanner.core.present import date_long, money

COLUMNS = ("Quarter / account", "ARR due", *(BUCKET_LABELS[b] for b in BUCKETS), "Forecast ARR", "Race day")
BUCKET_COLORS = {"committed": "#2e7d32", "at_risk": "#b7791f", "churn": "#c62828", "no_forecast": "#6b7280"}
ACCOUNT_ROLE = Qt.ItemDataRole.UserRole + 1
WATCHED = frozenset({RecordType.ACCOUNT, RecordType.SEASON, RecordType.FORECAST})


class ForecastView(QWidget):
    open_account = Signal(int)

    def __init__(self, ctx: AppContext, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.ctx = ctx
        self.stale = True
        self.heading = QLabel("Forecast: ARR up for renewal by quarter")
        f = QFont(self.heading.font())
        f.setBold(True)
        f.setPointSizeF(f.pointSizeF() * 1.4)
        self.heading.setFont(f)
        self.explain = QLabel(
            "In each account's ARR today. Committed: renew or expand with medium or high confidence. "
            "At risk: contract, or low confidence. Forecast to churn: churn. Without forecast: none "
            "taken this season.")
        self.explain.setWordWrap(True)
        self.explain.setStyleSheet("color: palette(placeholder-text);")
        self.tree = QTreeWidget()
        self.tree.setColumnCount(len(COLUMNS))
        self.tree.setAccessibleName("Forecast: ARR due by quarter")
        self.tree.setAccessibleDescription("Committed, at risk, forecast to churn and without forecast; Enter opens an account")
        self.tree.setHeaderLabels(list(COLUMNS))
        self.tree.setAlternatingRowColors(True)
        self.tree.setUniformRowHeights(True)
        header = self.tree.header()
        header.setStretchLastSection(False)
        header.setSectionResizeMode(0, QHeaderView.ResizeMode.Stretch)
        for col in range(1, len(COLUMNS)):
            header.setSectionResizeMode(col, QHeaderView.ResizeMode.ResizeToContents)
            self.tree.headerItem().setTextAlignment(col, Qt.AlignmentFlag.AlignRight | Qt.AlignmentFlag.AlignVCenter)
        self.tree.itemActivated.connect(self._activated)
        self.empty = QLabel("No race days in the next four quarters.")
        self.empty.setStyleSheet("color: palette(placeholder-text);")
        layout = QVBoxLayout(self)
        layout.setContentsMargins(16, 12, 16, 12)
        layout.addWidget(self.heading)
        layout.addWidget(self.explain)
        layout.addWidget(self.tree, 1)
        layout.addWidget(self.empty)
        ctx.bus.changed.connect(self.on_changed)

    def showEvent(self, event: object) -> None:  # noqa: N802
        super().showEvent(event)  # type: ignore[arg-type]
        if self.stale:
            self.load()

    def on_changed(self, change: Change) -> None:
        if change.records & WATCHED or change.accounts_list:
            self.stale = True
            if self.isVisible():
                self.load()

    def load(self) -> None:
        self.stale = False
        rows = season_views.rollup(self.ctx.db, self.ctx.today())
        self.tree.clear()
        bold = QFont(self.tree.font())
        bold.setBold(True)
        for q in rows:
            cur = q.currency
            top = QTreeWidgetItem([f"{q.label()} · {cur}", money(q.due_minor, cur),
                                   *(self._cell(q.amounts[b], q.counts[b], cur) for b in BUCKETS),
                                   money(q.forecast_minor, cur), ""])
            for col in range(len(COLUMNS)):
                top.setFont(col, bold)
            for i, b in enumerate(BUCKETS):
                if q.amounts[b]:
                    top.setForeground(2 + i, QBrush(QColor(BUCKET_COLORS[b])))
            if q.quarter == 0:
                top.setForeground(0, QBrush(QColor(BUCKET_COLORS["churn"])))
            for a in sorted(q.accounts, key=lambda a: (a.race_day, a.account_name.lower())):
                cells = ["" for _ in BUCKETS]
                cells[BUCKETS.index(a.bucket)] = money(a.arr_minor, cur)
                child = QTreeWidgetItem([a.account_name, money(a.arr_minor, cur), *cells,
                                         money(a.forecast_arr_minor, cur) if a.forecast_arr_minor is not None
                                         else "—", date_long(a.race_day)])
                child.setData(0, ACCOUNT_ROLE, a.account_id)
                child.setForeground(2 + BUCKETS.index(a.bucket), QBrush(QColor(BUCKET_COLORS[a.bucket])))
                top.addChild(child)
            for item in [top] + [top.child(i) for i in range(top.childCount())]:
                for col in range(1, len(COLUMNS)):
                    item.setTextAlignment(col, Qt.AlignmentFlag.AlignRight | Qt.AlignmentFlag.AlignVCenter)
            self.tree.addTopLevelItem(top)
            top.setExpanded(len(q.accounts) <= 12)
        self.tree.setVisible(bool(rows))
        self.empty.setVisible(not rows)

    @staticmethod
    def _cell(amount: int, count: int, currency: str) -> str:
        return f"{money(amount, currency)} ({count})" if count else "—"

    def _activated(self, item: QTreeWidgetItem, _column: int) -> None:
        account_id = item.data(0, ACCOUNT_ROLE)
        if isinstance(account_id, int):
            self.open_account.emit(account_id)
