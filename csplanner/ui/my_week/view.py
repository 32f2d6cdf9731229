"""My week: the week ahead across every account, laid out like a page to print and pin up.

Left: overdue runs, then the seven days with their runs to tick off. Right: check-ins planned,
open obstacles by severity, races coming up with their health, and accounts that missed
training. Every change goes through an undoable command; the page redraws on ctx.bus.changed,
rebuilding only the rows whose accounts the change names. The weeks either side are read in a
worker and built while the user reads the one shown, so moving a week swaps pages. A week further
away shows its heading and "Reading the week…" at once, is read in a worker and then built on the
screen; every page is built a few rows per event-loop turn, so input never waits long.
"""

from collections.abc import Iterator, Sequence
from dataclasses import replace
from datetime import date, timedelta

import shiboken6
from PySide6.QtCore import QLocale, Qt, QTimer, Signal
from PySide6.QtGui import QKeySequence, QPalette, QShortcut, QShowEvent
from PySide6.QtWidgets import QApplication, QComboBox, QHBoxLayout, QLabel, QMessageBox, QPushButton, QScrollArea, QVBoxLayout, QWidget

from csplanner.core import calendar, coach_views, read, season_views, week, week_read
from csplanner.core.cadence import Contact, to_call
from csplanner.core.changes import Change, RecordType
from csplanner.ui import checkpoints, editing, operations
from csplanner.ui.context import AppContext
from csplanner.ui.my_week.ahead import OtherWeeks
from csplanner.ui.my_week.page import (
    DAY_CAP, LIST_CAP, PageBuilder, PageStack, WeekPage, column_of, day_key,
)

# what an edit of these records can change on the page, besides the plan's own lists
COACH_SECTIONS = {"calls": {RecordType.STAKEHOLDER, RecordType.CHECK_IN},
                  "results": {RecordType.SEASON}, "forecasts": {RecordType.SEASON, RecordType.FORECAST},
                  "steps": {RecordType.NEXT_STEP, RecordType.CHECK_IN, RecordType.STAKEHOLDER}}
PLAN_RECORDS = {RecordType.MILESTONE, RecordType.OBSTACLE, RecordType.CHECK_IN}
LOAD_RECORDS = {RecordType.MILESTONE, RecordType.CHECK_IN}  # what the week's load counts
WHOSE_KEY = "week/whose"  # "mine" or "everyone", remembered between runs
AHEAD_DELAY_MS = 300  # after a page is shown or redrawn, this long idle before reading ahead


class MyWeekView(OtherWeeks, PageBuilder, QWidget):
    open_account = Signal(int)

    def __init__(self, ctx: AppContext, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.ctx = ctx
        first_weekday = QLocale().firstDayOfWeek().value - 1  # Qt: 1 = Monday … 7 = Sunday
        self.first_weekday = first_weekday
        self.week_start = calendar.week_start(ctx.today(), first_weekday)
        self.current: WeekPage | None = None  # the page shown (None while a week jumped to is read)
        self.ahead: dict[date, WeekPage] = {}  # the weeks either side, read and built ahead
        self.contacts: list[Contact] = []  # every contact's cadence as of today
        self._today: dict[str, list] = {}  # results and forecasts due: today's, whatever the week
        self._retired: list[QWidget] = []  # sections and pages replaced, waiting for deleteLater
        self._dirty = True
        self._reads = 0  # changes when the weeks read ahead are dropped: a read under way is thrown away
        self._reading = False  # a week is being read ahead (one at a time)
        self._building: Iterator[None] | None = None  # the steps of the page being built (ahead, or jumped to)
        self._built: WeekPage | None = None  # that page
        self._jumps = 0  # changes when a week read for a jump is no longer wanted (moved on, refreshed)
        self._placeholder: QWidget | None = None  # a week's heading and "Reading the week…" while it is read
        self._widths: dict[int, int] = {}  # the columns' widths on the page last shown (0 left, 1 right)
        self._jumped_from: WeekPage | None = None  # the page shown before a jump (its lists of today)
        self._ahead_timer = QTimer(self, singleShot=True, interval=AHEAD_DELAY_MS)
        self._ahead_timer.timeout.connect(self._read_ahead)

        self.previous = QPushButton("◀  Previous week")
        self.this_week = QPushButton("This week")
        self.next = QPushButton("Next week  ▶")
        self.previous.setToolTip("Previous week (Alt+Left)")
        self.next.setToolTip("Next week (Alt+Right)")
        self.this_week.setToolTip("Back to this week (Alt+Home)")
        self.previous.clicked.connect(lambda: self.go(-1))
        self.next.clicked.connect(lambda: self.go(1))
        self.this_week.clicked.connect(lambda: self.show_week(ctx.today()))
        for keys, step in (("Alt+Left", -1), ("Alt+Right", 1)):
            QShortcut(QKeySequence(keys), self, lambda step=step: self.go(step))
        QShortcut(QKeySequence("Alt+Home"), self, lambda: self.show_week(ctx.today()))
        # a team's book: my own accounts (and the unassigned ones) by default, everyone's on demand
        self.whose = QComboBox()
        self.whose.addItem("My accounts", "mine")
        self.whose.addItem("Everyone's", "everyone")
        self.whose.setAccessibleName("Whose accounts")
        self.whose.setToolTip("My accounts: the ones you look after and the unassigned ones. "
                              "Everyone's: every account in the book")
        self.whose.setCurrentIndex(1 if str(ctx.settings.value(WHOSE_KEY, "mine")) == "everyone" else 0)
        self.whose.currentIndexChanged.connect(self.on_whose)
        self.where = QLabel()
        self.where.setTextFormat(Qt.TextFormat.PlainText)
        self.where.setForegroundRole(QPalette.ColorRole.PlaceholderText)
        bar = QHBoxLayout()
        for b in (self.previous, self.this_week, self.next):
            bar.addWidget(b)
        bar.addSpacing(12)
        bar.addWidget(self.where)
        bar.addStretch(1)
        bar.addWidget(self.whose)

        self.scroll = QScrollArea()
        self.scroll.setWidgetResizable(True)
        self.scroll.setFrameShape(QScrollArea.Shape.NoFrame)
        self.scroll.setAccessibleName("My week")
        self.stack = PageStack()
        self.scroll.setWidget(self.stack)
        outer = QVBoxLayout(self)
        outer.setContentsMargins(8, 8, 8, 0)
        outer.addLayout(bar)
        outer.addWidget(self.scroll, 1)
        ctx.bus.changed.connect(self.on_changed)  # the week is read when first shown (_dirty)

    # --- navigation and refresh -----------------------------------------------------------

    def go(self, weeks: int) -> None:
        self._show_week_of(self.week_start + timedelta(weeks=weeks))

    def show_week(self, day: date) -> None:
        self._show_week_of(calendar.week_start(day, self.first_weekday))

    def _show_week_of(self, monday: date) -> None:
        """Show that week from the top: its page as built ahead if it is ready, else read now."""
        page = self.ahead.get(monday)
        if page is not None and page.built and self._fresh(page) and self._merge_into(page):  # edits not in it yet
            self.week_start = monday
            self._show(self.ahead.pop(monday), 0)
            return
        page = self.ahead.pop(monday, None)
        self.week_start = monday
        if page is not None:
            self._retire(page)
        self._jump()

    def _fresh(self, page: WeekPage) -> bool:
        """Is a page built ahead still what a read now would give (nothing edited since, same day)?"""
        return not self._dirty and page.plan.today == self.ctx.today() and page.owner == self.owner

    def on_whose(self, _index: int) -> None:
        self.ctx.settings.setValue(WHOSE_KEY, self.whose.currentData())
        self._dirty = True  # races and missed training are someone else's list now
        self.refresh(keep_scroll=False, expanded={})

    @property
    def owner(self) -> str | None:
        """Whose week: the user's (with the unassigned accounts), or None for everyone's."""
        return None if self.whose.currentData() == "everyone" else self.ctx.user

    def on_changed(self, change: Change) -> None:
        watched = {RecordType.SEASON, RecordType.FORECAST, RecordType.NEXT_STEP, RecordType.STAKEHOLDER}
        # runs, obstacles, check-ins, races move the calendar or health; forecasts and next steps neither
        if not (change.calendar or change.health or change.records & watched):
            return
        if change.records & {RecordType.SEASON, RecordType.FORECAST}:
            self._today.clear()
        if not self.isVisible():
            self._dirty = True  # redraw when shown, not for every edit made elsewhere
            self._drop_ahead()
        elif self._dirty or not self._redraw(change):
            self._dirty = True  # a whole read: what depends on today alone is read again too
            self._drop_ahead()
            self.refresh()
        else:
            self._merge_ahead(change)
            self._ahead_timer.start()

    def showEvent(self, event: QShowEvent) -> None:
        super().showEvent(event)
        if self._dirty:
            self.refresh()
        else:
            self._ahead_timer.start()

    def refresh(self, keep_scroll: bool = True, expanded: dict[str, int] | None = None) -> None:
        """Read the whole week and build its page. Moving between weeks (nothing edited since the
        last read) keeps what depends on today alone: races, missed training, contact cadences,
        results and forecasts due. `expanded`: the lists' "Show more" (default: as they are)."""
        today = self.ctx.today()
        same_day = not self._dirty and self.plan is not None and self.plan.today == today
        kept = (self.plan.races, self.plan.missed_training) if same_day and self.plan is not None else None
        if not same_day:
            self._drop_ahead()
            self._today.clear()
            self.contacts = coach_views.contacts(self.ctx.db, today, owner=self.owner)
        if expanded is None:
            expanded = dict(self.expanded) if self.plan is not None and self.plan.week_start == self.week_start else {}
        self._jumps += 1  # a week being read for a jump is not wanted now
        if self.current is not None and not self.current.built:
            self._stop_building()  # the page half built is replaced
        data = week_read.read_week(self.ctx.db, self.week_start, today, day_cap=DAY_CAP, list_cap=LIST_CAP,
                                   owner=self.owner, races_and_missed=kept)
        page = self._page_of(data, expanded)
        self._dirty = False
        position = self.scroll.verticalScrollBar().value() if keep_scroll else 0
        with self._on(page):
            self._health_of_shown()  # the rows shown beyond the caps
            self._build_page(page)
        page.built = True
        self._show(page, position)

    def _page_of(self, data: week_read.WeekRead, expanded: dict[str, int]) -> WeekPage:
        calls = to_call(self.contacts, data.plan.week_end) if data.calls is None else data.calls
        return WeekPage(data.plan, data.load, dict(data.health), calls, data.steps, self.owner, expanded=dict(expanded))

    def _show(self, page: WeekPage, position: int) -> None:
        """Put this page on the screen in place of the one shown (which is kept, built, as a week
        either side when it is one and shows no more than a fresh page would)."""
        self._remember_widths()
        focused = self._focus_in_page()
        old, self.current = self.current, page
        assert page.widget is not None
        self._put_on_screen(page.widget, position, self._relative(page.plan))
        self._drop_placeholder()
        if focused and old is not page:
            self.scroll.setFocus(Qt.FocusReason.OtherFocusReason)  # not on a widget of a page put away
        if old is not None and old is not page:
            self._put_away(old)
        for monday in [m for m in self.ahead if abs((m - page.week_start).days) != 7]:
            self._retire(self.ahead.pop(monday))
        self._ahead_timer.start()

    def _put_on_screen(self, widget: QWidget, position: int, where: str, reading: bool = False) -> None:
        self.stack.show_page(widget)
        self.scroll.setWidgetResizable(True)  # sizes the stack to the page now (scroll range too)
        self.scroll.verticalScrollBar().setValue(position)
        self.where.setText(where)
        self.scroll.setAccessibleDescription(f"Runs, check-ins, obstacles and race days, {where}"
                                             + (", being read" if reading else ""))

    def _put_away(self, old: WeekPage) -> None:
        """A page no longer shown: kept, built, as a week either side of the one shown when it is one
        and shows no more than a fresh page would; else deleted."""
        near = abs((old.week_start - self.week_start).days) == 7
        if near and old.built and not old.expanded and self._fresh(old):
            self.ahead[old.week_start] = old
        else:
            self._retire(old)

    def _drop_placeholder(self) -> None:
        placeholder, self._placeholder = self._placeholder, None
        if placeholder is not None and shiboken6.isValid(placeholder):
            placeholder.hide()
            placeholder.setParent(None)
            placeholder.deleteLater()
            self._retired.append(placeholder)

    def _focus_in_page(self) -> bool:
        """Is the keyboard on a widget of the page shown (which is about to go)?"""
        focus = QApplication.focusWidget()
        return focus is not None and focus is not self.stack and self.stack.isAncestorOf(focus)

    def _remember_widths(self) -> None:
        """The columns' widths on the page shown, to lay pages built later out at."""
        if self.current is None or not self.current.built:
            return
        for key, section in self.current.sections.items():
            if shiboken6.isValid(section) and section.width() > 1:
                self._widths[column_of(key)] = section.width()

    def _redraw(self, change: Change) -> bool:
        """After an edit of a few accounts' records: read those accounts again, merge them into the
        week shown and rebuild only the sections whose rows changed. False: a whole refresh is due
        (an account's own row changed, settings, a new day, or the edit does not say whose)."""
        ids, today = change.account_ids, self.ctx.today()
        if (not ids or not change.records or RecordType.ACCOUNT in change.records or self.plan is None
                or self.page is None or self.plan.today != today or self.current is None or not self.current.built):
            return False
        before = {key: self._shows(key) for key in self.sections}
        known = {aid: h for aid, h in self.health.items() if not (change.health and aid in ids)}
        plan = self.plan
        reread = bool(change.records & PLAN_RECORDS or change.health)
        if reread:  # the week's rows first: they say whose health the page shows now
            part = read.week_plan(self.ctx.db, self.plan.week_start, today, ids, races_and_missed=([], []),
                                  owner=self.owner)
            plan = week.merged(self.plan, part, ids)
        # health read once, for the runs' badges and the races alike
        need = (set(ids) if change.health else set()) | (self._shown_accounts(plan) - known.keys())
        fresh = read.health_many(self.ctx.db, sorted(need), today) if need else {}
        self.health = known | fresh
        if reread:
            lists = read.races_and_missed(self.ctx.db, today, ids, self.owner, fresh)
            self.plan = week.merged(self.plan, replace(part, races=lists[0], missed_training=lists[1]), ids)
        if change.records & LOAD_RECORDS and self.load is not None:
            self.load = self.load.merged(coach_views.load_parts(self.ctx.db, self.plan.week_start, self.owner, ids), ids)
        if change.records & COACH_SECTIONS["calls"]:
            self.contacts = coach_views.merged_contacts(
                self.contacts, coach_views.contacts(self.ctx.db, today, ids, live_only=True, owner=self.owner), ids)
            self.calls = to_call(self.contacts, self.plan.week_end)
        if change.records & COACH_SECTIONS["steps"]:
            self.steps = None  # read again when its section is built
        self._health_of_shown()
        stale = {key for key in self.sections if self._shows(key) != before[key]}
        stale |= {key for key, records in COACH_SECTIONS.items() if change.records & records}
        self._rebuild(stale)
        return True

    def _shown_accounts(self, plan: week.WeekPlan) -> set[int]:
        """The accounts whose runs the page shows (their rows carry a health badge)."""
        shown = {i.account_id for day, items in plan.days for i in items[:self._cap(day_key(day), DAY_CAP)]}
        return shown | {i.account_id for i in plan.overdue[:self._cap("overdue", LIST_CAP)]}

    def _health_of_shown(self) -> None:
        """Health of the accounts whose runs are shown and not known yet (after a read: all of them)."""
        assert self.plan is not None
        missing = sorted(self._shown_accounts(self.plan) - self.health.keys())
        if missing:
            self.health.update(read.health_many(self.ctx.db, missing, self.plan.today))

    def _shows(self, key: str) -> tuple:
        """What a section of the plan draws: its shown rows (with their health) and its count."""
        assert self.plan is not None
        plan = self.plan
        lists: dict[str, tuple[Sequence, int]] = {
            "overdue": (plan.overdue, LIST_CAP), "checkins": (plan.checkins, LIST_CAP),
            "obstacles": (plan.obstacles, LIST_CAP), "races": (plan.races, LIST_CAP),
            "missed": (plan.missed_training, LIST_CAP),
            **{day_key(day): (items, DAY_CAP) for day, items in plan.days}}
        if key == "calls":
            return tuple(self.calls[:self._cap(key, LIST_CAP)]), len(self.calls)
        if key == "load":
            return (self.load.week,) if self.load is not None else ()
        if key not in lists:
            return ()
        items, cap = lists[key]
        shown = tuple(items[:self._cap(key, cap)])
        if key == "overdue" or key.startswith("day:"):  # their rows carry the account's health
            return shown, len(items), tuple(self.health.get(i.account_id) for i in shown)
        return shown, len(items)

    def _relative(self, plan: week.WeekPlan) -> str:
        return self._relative_to(plan.week_start, plan.today)

    def _relative_to(self, week_start: date, today: date) -> str:
        this = calendar.week_start(today, self.first_weekday)
        weeks = (week_start - this).days // 7
        if weeks == 0:
            return "This week"
        if weeks == 1:
            return "Next week"
        if weeks == -1:
            return "Last week"
        return f"{abs(weeks)} weeks {'ahead' if weeks > 0 else 'ago'}"

    def _today_list(self, name: str) -> list:
        """Race days that need a result, or forecasts due: today's, shared by every week's page."""
        if name not in self._today:
            today = self.ctx.today()
            self._today[name] = (season_views.results_due(self.ctx.db, today, owner=self.owner) if name == "results"
                                 else season_views.checkpoints_due(self.ctx.db, today, checkpoints.weeks(self.ctx),
                                                                   owner=self.owner))
        return self._today[name]

    # --- actions ------------------------------------------------------------------------------

    def tick(self, item: week.MilestoneItem, done: bool) -> None:
        """Tick a run off as done today, or untick it back to planned; one undo step."""
        error = operations.tick_run(self.ctx, item.milestone_id, done, seen=item.version).error
        if error is not None:
            QMessageBox.warning(self, "csplanner", error.message)
            self.refresh()  # the box goes back to what is saved

    def log_checkin(self, account_id: int, checkin_id: int | None = None) -> None:
        if checkin_id is not None:
            editing.edit_record(self, self.ctx, RecordType.CHECK_IN, checkin_id)
        else:
            editing.edit_record(self, self.ctx, RecordType.CHECK_IN, None,
                                {"account_id": account_id, "held_on": self.ctx.today()})

    def log_with(self, account_id: int, stakeholder_id: int) -> None:
        """Log a check-in today with this person ticked as there."""
        editing.edit_record(self, self.ctx, RecordType.CHECK_IN, None,
                            {"account_id": account_id, "held_on": self.ctx.today(), "attendee_ids": [stakeholder_id]})

    def _open(self, account_id: int) -> None:
        self.open_account.emit(account_id)
