"""My week: the week ahead across every account, laid out like a page to print and pin up.

Left: overdue runs, then the seven days with their runs to tick off. Right: check-ins planned,
open obstacles by severity, races coming up with their health, and accounts that missed
training. Every change goes through an undoable command; the page redraws on ctx.bus.changed.
"""

from collections.abc import Callable, Hashable, Sequence
from dataclasses import replace
from datetime import date, timedelta
from typing import TypeVar

import shiboken6
from PySide6.QtCore import QLocale, Qt, Signal
from PySide6.QtGui import QFont, QKeySequence, QPalette, QShortcut, QShowEvent
from PySide6.QtWidgets import (
    QComboBox, QHBoxLayout, QLabel, QMessageBox, QPushButton, QScrollArea, QSizePolicy, QVBoxLayout, QWidget,
)

from csplanner.core import calendar, coach_views, health, read, week
from csplanner.core.cadence import Contact, to_call
from csplanner.core.changes import Change, RecordType
from csplanner.core.enums import MilestoneStatus, Severity
from csplanner.core.load import LoadParts
from csplanner.core.present import date_long, date_range, day_long, day_short, money, plural, value_label
from csplanner.export.qcolors import MISSED
from csplanner.ui import editing, operations
from csplanner.ui.context import AppContext
from csplanner.ui.my_week import rows as r
from csplanner.ui.my_week.coach_rows import CoachSections
from csplanner.ui.my_week.season_rows import SeasonSections

DAY_CAP = 25  # runs shown per day before "Show more"
LIST_CAP = 12  # rows per side list before "Show more"
PAGE = 50  # rows each "Show more" adds: a list of thousands is never drawn whole
# what an edit of these records can change on the page, besides the plan's own lists
COACH_SECTIONS = {"calls": {RecordType.STAKEHOLDER, RecordType.CHECK_IN},
                  "results": {RecordType.SEASON}, "forecasts": {RecordType.SEASON, RecordType.FORECAST},
                  "steps": {RecordType.NEXT_STEP, RecordType.CHECK_IN, RecordType.STAKEHOLDER}}
PLAN_RECORDS = {RecordType.MILESTONE, RecordType.OBSTACLE, RecordType.CHECK_IN}
LOAD_RECORDS = {RecordType.MILESTONE, RecordType.CHECK_IN}  # what the week's load counts
WHOSE_KEY = "week/whose"  # "mine" or "everyone", remembered between runs
WIDEST_DAY = date(2026, 9, 30)  # "Wed 30 Sep": sizes the race-day column in any locale
T = TypeVar("T")


def short_name(part_name: str) -> str:
    """'Milestone compliance (8 weeks)' -> 'compliance'."""
    keys = {name: key for key, name in health.NAMES.items()}
    return health.SHORT_NAMES.get(keys.get(part_name, ""), part_name.lower())


def health_tip(h: health.Health) -> str:
    lines = [f"Health {h.score} / 100"] + [f"{p.name}: {p.explanation}" for p in h.parts]
    return "\n".join(lines)


class MyWeekView(QWidget):
    open_account = Signal(int)

    def __init__(self, ctx: AppContext, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.ctx = ctx
        first_weekday = QLocale().firstDayOfWeek().value - 1  # Qt: 1 = Monday … 7 = Sunday
        self.first_weekday = first_weekday
        self.week_start = calendar.week_start(ctx.today(), first_weekday)
        self.plan: week.WeekPlan | None = None
        self.load: LoadParts | None = None  # the week's load, per account
        self.health: dict[int, health.Health] = {}  # of the accounts whose runs are shown
        self.contacts: list[Contact] = []  # every contact's cadence as of plan.today
        self.calls: list[Contact] = []  # of those, the ones to call by the week's end
        self.expanded: dict[str, int] = {}  # section key -> rows shown beyond its cap ("Show more")
        self.sections: dict[str, QWidget] = {}  # section key -> its widget on the page
        # section key -> its rows by what each shows: a section rebuilt after an edit takes over
        # the rows that show the same as before and builds only the changed ones
        self._rows: dict[str, dict[Hashable, QWidget]] = {}
        self._retired: list[QWidget] = []  # sections replaced, waiting for deleteLater
        self._dirty = True

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
        self.page: QWidget | None = None
        outer = QVBoxLayout(self)
        outer.setContentsMargins(8, 8, 8, 0)
        outer.addLayout(bar)
        outer.addWidget(self.scroll, 1)
        ctx.bus.changed.connect(self.on_changed)  # the week is read when first shown (_dirty)

    # --- navigation and refresh -----------------------------------------------------------

    def go(self, weeks: int) -> None:
        self.week_start += timedelta(weeks=weeks)
        self.expanded.clear()
        self.refresh(keep_scroll=False)

    def show_week(self, day: date) -> None:
        self.week_start = calendar.week_start(day, self.first_weekday)
        self.expanded.clear()
        self.refresh(keep_scroll=False)

    def on_whose(self, _index: int) -> None:
        self.ctx.settings.setValue(WHOSE_KEY, self.whose.currentData())
        self._dirty = True  # races and missed training are someone else's list now
        self.refresh(keep_scroll=False)

    @property
    def owner(self) -> str | None:
        """Whose week: the user's (with the unassigned accounts), or None for everyone's."""
        return None if self.whose.currentData() == "everyone" else self.ctx.user

    def on_changed(self, change: Change) -> None:
        watched = {RecordType.SEASON, RecordType.FORECAST, RecordType.NEXT_STEP, RecordType.STAKEHOLDER}
        # runs, obstacles, check-ins, races move the calendar or health; forecasts and next steps neither
        if not (change.calendar or change.health or change.records & watched):
            return
        if not self.isVisible():
            self._dirty = True  # redraw when shown, not for every edit made elsewhere
        elif self._dirty or not self._redraw(change):
            self.refresh()

    def showEvent(self, event: QShowEvent) -> None:
        super().showEvent(event)
        if self._dirty:
            self.refresh()

    def refresh(self, keep_scroll: bool = True) -> None:
        """Read the whole week and build the page. Moving between weeks (nothing edited since the
        last read) keeps what depends on today alone: races, missed training, contact cadences."""
        today = self.ctx.today()
        same_day = not self._dirty and self.plan is not None and self.plan.today == today
        kept = (self.plan.races, self.plan.missed_training) if same_day and self.plan is not None else None
        self.plan = read.week_plan(self.ctx.db, self.week_start, today, races_and_missed=kept, owner=self.owner)
        if not same_day:
            self.contacts = coach_views.contacts(self.ctx.db, today, owner=self.owner)
        self.calls = to_call(self.contacts, self.plan.week_end)
        self.load = coach_views.load_parts(self.ctx.db, self.week_start, self.owner)
        self.health = {}
        self._health_of_shown()
        self._dirty = False
        position = self.scroll.verticalScrollBar().value() if keep_scroll else 0
        old = self.scroll.takeWidget()
        self._rows = {}  # a new read (maybe another week or day): every row is built afresh
        if old is not None:
            old.deleteLater()  # a checkbox may still be inside its own toggled signal
        self.page = self._build_page(self.plan)
        self.scroll.setWidget(self.page)
        self.scroll.verticalScrollBar().setValue(position)
        self.where.setText(self._relative(self.plan))
        self.scroll.setAccessibleDescription(f"Runs, check-ins, obstacles and race days, {self.where.text()}")

    def _redraw(self, change: Change) -> bool:
        """After an edit of a few accounts' records: read those accounts again, merge them into the
        week shown and rebuild only the sections whose rows changed. False: a whole refresh is due
        (an account's own row changed, settings, a new day, or the edit does not say whose)."""
        ids, today = change.account_ids, self.ctx.today()
        if (not ids or not change.records or RecordType.ACCOUNT in change.records or self.plan is None
                or self.page is None or self.plan.today != today):
            return False
        before = {key: self._shows(key) for key in self.sections}
        known = {aid: h for aid, h in self.health.items() if not (change.health and aid in ids)}
        plan = self.plan
        reread = bool(change.records & PLAN_RECORDS or change.health)
        if reread:  # the week's rows first: they say whose health the page shows now
            part = read.week_plan(self.ctx.db, self.week_start, today, ids, races_and_missed=([], []),
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
            self.load = self.load.merged(coach_views.load_parts(self.ctx.db, self.week_start, self.owner, ids), ids)
        if change.records & COACH_SECTIONS["calls"]:
            self.contacts = coach_views.merged_contacts(
                self.contacts, coach_views.contacts(self.ctx.db, today, ids, live_only=True, owner=self.owner), ids)
            self.calls = to_call(self.contacts, self.plan.week_end)
        self._health_of_shown()
        stale = {key for key in self.sections if self._shows(key) != before[key]}
        stale |= {key for key, records in COACH_SECTIONS.items() if change.records & records}
        self._rebuild(stale)
        return True

    def _shown_accounts(self, plan: week.WeekPlan) -> set[int]:
        """The accounts whose runs the page shows (their rows carry a health badge)."""
        shown = {i.account_id for day, items in plan.days for i in items[:self._cap(_day_key(day), DAY_CAP)]}
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
            **{_day_key(day): (items, DAY_CAP) for day, items in plan.days}}
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

    def _rebuild(self, keys: set[str]) -> None:
        """Replace these sections on the page in place (the rest, and the scroll position, stay)."""
        assert self.plan is not None and self.page is not None
        self._retired = [w for w in self._retired if shiboken6.isValid(w)]  # those deleted by now go
        for key in keys & self.sections.keys():
            old = self.sections[key]
            new = self._section(key, self.plan)
            if new is old:  # rows changed in place under the same heading
                continue
            self.page.layout().replaceWidget(old, new)  # searches the columns' layouts too
            self.sections[key] = new
            old.hide()
            old.setParent(None)  # off the page at once, deleted later:
            old.deleteLater()  # a checkbox may still be inside its own toggled signal
            self._retired.append(old)  # (and until then Python must not delete it)
        self.summary.setText(self._summary(self.plan))

    def _cap(self, key: str, cap: int) -> int:
        return cap + self.expanded.get(key, 0)

    def _expand(self, key: str, rows: int) -> None:
        self.expanded[key] = self.expanded.get(key, 0) + rows
        if self.plan is not None:
            self._health_of_shown()
        self._rebuild({key})

    def _relative(self, plan: week.WeekPlan) -> str:
        this = calendar.week_start(plan.today, self.first_weekday)
        weeks = (plan.week_start - this).days // 7
        if weeks == 0:
            return "This week"
        if weeks == 1:
            return "Next week"
        if weeks == -1:
            return "Last week"
        return f"{abs(weeks)} weeks {'ahead' if weeks > 0 else 'ago'}"

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

    # --- the page -----------------------------------------------------------------------------

    def _build_page(self, plan: week.WeekPlan) -> QWidget:
        page = QWidget()
        page.setObjectName("myWeekPage")
        page.setBackgroundRole(QPalette.ColorRole.Base)
        page.setAutoFillBackground(True)
        lay = QVBoxLayout(page)
        lay.setContentsMargins(28, 20, 28, 24)
        lay.setSpacing(2)

        _, iso_week, _ = (plan.week_start + timedelta(days=3)).isocalendar()
        title = r.plain(f"My week {iso_week}", bold=True)
        f = QFont(title.font())
        f.setPointSizeF(f.pointSizeF() * 2.0)
        title.setFont(f)
        span = date_range(plan.week_start, plan.week_end)
        heading = QHBoxLayout()
        heading.addWidget(title)
        heading.addSpacing(10)
        heading.addWidget(r.plain(f"{span} · today is {day_long(plan.today)}", muted=True), 0,
                          Qt.AlignmentFlag.AlignBottom)
        heading.addStretch(1)
        lay.addLayout(heading)
        self.summary = r.plain(self._summary(plan), muted=True)
        lay.addWidget(self.summary)
        lay.addSpacing(8)

        columns = QHBoxLayout()
        columns.setSpacing(32)
        left, right = QVBoxLayout(), QVBoxLayout()
        left.setSpacing(6)
        right.setSpacing(6)
        self.sections = {}
        for column, keys in ((left, ["load", "overdue", *(_day_key(day) for day, _ in plan.days)]),
                             (right, ["results", "forecasts", "steps", "calls", "checkins", "obstacles", "races",
                                      "missed"])):
            for key in keys:
                self.sections[key] = self._section(key, plan)
                column.addWidget(self.sections[key])
            column.addStretch(1)
        columns.addLayout(left, 11)
        columns.addLayout(right, 9)
        lay.addLayout(columns, 1)
        return page

    def _section(self, key: str, plan: week.WeekPlan) -> QWidget:
        """One section of the page, built from what the view holds (the coach's and the seasons'
        sections read their own few rows)."""
        if key.startswith("day:"):
            day = date.fromisoformat(key[4:])
            return self._day(plan, day, dict(plan.days)[day])
        coach = CoachSections(self, self.ctx, self._open, self._fill, self.log_with)
        extra = SeasonSections(self, self.ctx, self._open, self._fill)
        build: dict[str, Callable[[], QWidget]] = {
            "load": lambda: coach.load(plan.week_start, None if self.load is None else self.load.week),
            "overdue": lambda: self._overdue(plan),
            "results": lambda: extra.results(plan.today),
            "forecasts": lambda: extra.forecasts(plan.today),
            "steps": lambda: extra.steps(plan.today, plan.week_end),
            "calls": lambda: coach.who_to_call(self.calls),
            "checkins": lambda: self._checkins(plan),
            "obstacles": lambda: self._obstacles(plan),
            "races": lambda: self._races(plan),
            "missed": lambda: self._missed(plan),
        }
        return build[key]()

    def _summary(self, plan: week.WeekPlan) -> str:
        due = [i for _, items in plan.days for i in items]
        done = sum(i.status == MilestoneStatus.DONE for i in due)
        return " · ".join([
            f"{plural(len(due), 'run')} this week ({done} done)", f"{len(plan.overdue)} overdue",
            f"{plural(len(plan.checkins), 'check-in')} planned", f"{plural(len(plan.obstacles), 'open obstacle')}",
            f"{plural(len(plan.races), 'race')} in {week.RACE_HORIZON_DAYS} days",
            f"{len(plan.missed_training)} missed training",
        ])

    def _fill(self, section: r.Section, key: str, items: Sequence[T], row: Callable[[T], QWidget], nothing: str,
              cap: int = LIST_CAP, shows: Callable[[T], Hashable] | None = None) -> r.Section:
        """The first `cap` rows, a quiet line when there are none, and "Show more" (a page at a time).

        `shows(item)`: everything its row shows (default: the item itself). A row the section had
        that shows the same is moved over, not built again."""
        shown = items[:self._cap(key, cap)]
        old = self.sections.get(key)
        if old is not None and isinstance(old, r.Section) and old.head == section.head and shiboken6.isValid(old):
            target = old  # the same heading: its rows change in place, the section stays on the page
        else:
            target = section
        before, now = self._rows.get(key, {}), {}
        widgets: list[QWidget] = []
        for item in shown:
            what = item if shows is None else shows(item)
            widget = before.pop(what, None)
            if widget is None or not shiboken6.isValid(widget):
                widget = row(item)
            now[what] = widget
            widgets.append(widget)
        self._rows[key] = now
        if not items:
            widgets.append(r.plain(nothing, muted=True))
        rest = len(items) - len(shown)
        if rest > 0:
            text = f"Show all {len(items)}" if rest <= PAGE else f"Show {PAGE} more of {len(items)}"
            more = r.small_button(text, "Show more rows of this list", lambda: self._expand(key, min(rest, PAGE)))
            more.setObjectName(f"more-{key}")
            widgets.append(more)
        if target is old:
            target.set_rows(widgets)
            section.deleteLater()  # the heading built for nothing
        else:
            for widget in widgets:
                target.add(widget)
        return target

    def _run_row(self, item: week.MilestoneItem, *, with_date: bool) -> r.Row:
        done = item.status == MilestoneStatus.DONE
        box = r.tick_box(done, item.title, lambda checked, item=item: self.tick(item, checked))
        title = r.plain(item.title, wrap=True)
        if done:
            r.struck(title)
        pieces: list[QWidget] = [box]
        if with_date:
            when = r.ink(r.plain(day_short(item.planned_on)), MISSED)
            pieces.append(when)
        pieces += [r.run_badge(item.run_type), r.AccountLink(item.account_id, item.account_name, self._open), title]
        h = self.health.get(item.account_id)
        if h is not None:
            pieces.append(r.health_badge(h.score, health_tip(h)))
        return r.Row(*pieces, key=("run", item.milestone_id))

    def _run_shows(self, item: week.MilestoneItem) -> Hashable:
        h = self.health.get(item.account_id)
        return item, None if h is None else (h.score, health_tip(h))

    def _overdue(self, plan: week.WeekPlan) -> QWidget:
        section = r.Section("Overdue", len(plan.overdue), accent=MISSED if plan.overdue else None)
        return self._fill(section, "overdue", plan.overdue, lambda item: self._run_row(item, with_date=True),
                          "Nothing overdue before this week.", shows=self._run_shows)

    def _day(self, plan: week.WeekPlan, day: date, items: list[week.MilestoneItem]) -> QWidget:
        is_today = day == plan.today
        title = day_long(day) + ("  ·  today" if is_today else "")
        section = r.Section(title, len(items) or None, size=1.05, muted=day < plan.today,
                            accent=MISSED.darker(110) if is_today else None)
        return self._fill(section, _day_key(day), items, lambda item: self._run_row(item, with_date=False),
                          "Nothing due.", DAY_CAP, shows=self._run_shows)

    def _checkins(self, plan: week.WeekPlan) -> QWidget:
        def row(c: week.CheckInItem) -> QWidget:
            return r.Row(
                r.plain(day_short(c.held_on)), r.badge(value_label(c.kind), r.SEVERITY[Severity.LOW], outline=True, width=52),
                r.AccountLink(c.account_id, c.account_name, self._open), r.plain(c.summary, wrap=True, muted=True),
                r.small_button("Log…", "Write down how it went", lambda: self.log_checkin(c.account_id, c.checkin_id)),
                key=("checkin", c.checkin_id))

        return self._fill(r.Section("Check-ins planned", len(plan.checkins)), "checkins", plan.checkins, row,
                          "No check-ins planned for the rest of this week.")

    def _obstacles(self, plan: week.WeekPlan) -> QWidget:
        def row(o: week.ObstacleItem) -> QWidget:
            age = r.plain(f"{(plan.today - o.opened_on).days} d" if o.opened_on <= plan.today else "new", muted=True)
            age.setToolTip(f"Open since {date_long(o.opened_on)} · {value_label(o.kind)}")
            return r.Row(r.severity_badge(o.severity), r.AccountLink(o.account_id, o.account_name, self._open),
                         r.plain(o.title, wrap=True), age, key=("obstacle", o.obstacle_id))

        return self._fill(r.Section("Open obstacles by severity", len(plan.obstacles)), "obstacles", plan.obstacles,
                          row, "No open obstacles.", shows=lambda o: (o, plan.today))  # its age counts from today

    def _races(self, plan: week.WeekPlan) -> QWidget:
        def row(race: week.RaceItem) -> QWidget:
            when = r.plain(day_short(race.race_day))
            when.setMinimumWidth(when.fontMetrics().horizontalAdvance(day_short(WIDEST_DAY)) + 4)
            countdown = r.plain("today" if race.days_to_race == 0 else f"in {race.days_to_race} d", muted=True)
            score = r.health_badge(race.health, f"Health {race.health} / 100 · drags it down most: {race.weakest}")
            weakest = r.plain(f"{money(race.arr_minor, race.currency)} · weakest: {short_name(race.weakest)}",
                              wrap=True, muted=True)
            return r.Row(when, countdown, r.AccountLink(race.account_id, race.account_name, self._open),
                         score, weakest, key=("race", race.account_id))

        return self._fill(r.Section(f"Races in the next {week.RACE_HORIZON_DAYS} days", len(plan.races)), "races",
                          plan.races, row, f"No renewals in the next {week.RACE_HORIZON_DAYS} days.")

    def _missed(self, plan: week.WeekPlan) -> QWidget:
        def row(q: week.QuietAccount) -> QWidget:
            days = r.plain("never" if q.days_since is None else plural(q.days_since, "day"))
            days.setMinimumWidth(days.fontMetrics().horizontalAdvance("100 days") + 4)
            if q.days_since is None or q.days_since >= 60:
                r.ink(days, MISSED)
            link = r.AccountLink(q.account_id, q.account_name, self._open)
            log = r.small_button("Log check-in…", f"Log a check-in with {q.account_name} today",
                                 lambda: self.log_checkin(q.account_id))
            spacer = QWidget()
            spacer.setSizePolicy(QSizePolicy.Policy.Expanding, QSizePolicy.Policy.Fixed)
            return r.Row(days, link, spacer, log, key=("quiet", q.account_id))

        section = r.Section(f"Missed training · no check-in for {week.QUIET_DAYS}+ days", len(plan.missed_training))
        return self._fill(section, "missed", plan.missed_training, row,
                          f"Every account had a check-in in the last {week.QUIET_DAYS} days.")


def _day_key(day: date) -> str:
    return f"day:{day.isoformat()}"
