"""One My week page: what it was built from (WeekPage), the stack that shows one page at a time
(PageStack), and how a page and its sections are built (PageBuilder, mixed into the view).

A page is built from plain data the view holds, so the pages of the weeks either side can be built
ahead, a few rows at a time, while the user reads the one shown.
"""

from collections.abc import Callable, Hashable, Iterator, Sequence
from dataclasses import dataclass, field
from datetime import date, timedelta
from typing import Any, TypeVar

import shiboken6
from PySide6.QtCore import QEvent, QSize, Qt
from PySide6.QtGui import QFont, QPalette, QResizeEvent
from PySide6.QtWidgets import QLabel, QHBoxLayout, QSizePolicy, QVBoxLayout, QWidget

from csplanner.core import health, week
from csplanner.core.cadence import Contact
from csplanner.core.enums import MilestoneStatus, Severity
from csplanner.core.health import Health
from csplanner.core.load import LoadParts
from csplanner.core.present import date_long, date_range, day_long, day_short, money, plural, value_label
from csplanner.core.services.next_steps import StepRow
from csplanner.export.qcolors import MISSED
from csplanner.ui.my_week import rows as r
from csplanner.ui.my_week.coach_rows import CoachSections
from csplanner.ui.my_week.season_rows import SeasonSections

DAY_CAP = 25  # runs shown per day before "Show more"
LIST_CAP = 12  # rows per side list before "Show more"
PAGE = 50  # rows each "Show more" adds: a list of thousands is never drawn whole
WIDEST_DAY = date(2026, 9, 30)  # "Wed 30 Sep": sizes the race-day column in any locale
LEFT = ("load", "overdue")  # and the days; the rest go on the right
RIGHT = ("results", "forecasts", "steps", "calls", "checkins", "obstacles", "races", "missed")
T = TypeVar("T")


def short_name(part_name: str) -> str:
    """'Milestone compliance (8 weeks)' -> 'compliance'."""
    keys = {name: key for key, name in health.NAMES.items()}
    return health.SHORT_NAMES.get(keys.get(part_name, ""), part_name.lower())


def health_tip(h: Health) -> str:
    lines = [f"Health {h.score} / 100"] + [f"{p.name}: {p.explanation}" for p in h.parts]
    return "\n".join(lines)


def day_key(day: date) -> str:
    return f"day:{day.isoformat()}"


def column_of(key: str) -> int:
    """The page's column a section is in: 0 left, 1 right."""
    return 0 if key in LEFT or key.startswith("day:") else 1


def section_keys(plan: week.WeekPlan) -> list[str]:
    """The page's sections, left column first, top to bottom."""
    return [*LEFT, *(day_key(day) for day, _ in plan.days), *RIGHT]


@dataclass(eq=False)
class WeekPage:
    """One week's page and what it was built from: the week shown, or one read ahead."""

    plan: week.WeekPlan
    load: LoadParts
    health: dict[int, Health]  # of the accounts whose runs are shown
    calls: list[Contact]  # the contacts to call by the week's end
    steps: list[StepRow] | None  # open next steps due by the week's end (None: read when built)
    owner: str | None  # whose accounts
    expanded: dict[str, int] = field(default_factory=dict)  # section key -> rows shown beyond its cap
    widget: QWidget | None = None
    summary: QLabel | None = None
    columns: tuple[Any, Any] = (None, None)
    sections: dict[str, QWidget] = field(default_factory=dict)  # section key -> its widget on the page
    # section key -> its rows by what each shows: a section rebuilt after an edit takes over the
    # rows that show the same as before and builds only the changed ones
    rows: dict[str, dict[Hashable, QWidget]] = field(default_factory=dict)
    built: bool = False  # every section is on the page
    pending: list[Any] = field(default_factory=list)  # edits (Change) a page built ahead has yet to take

    @property
    def week_start(self) -> date:
        return self.plan.week_start


def _page_widget(stack: QWidget, week_start: date, today: date) -> tuple[QWidget, QVBoxLayout]:
    """A page's widget (hidden until the stack shows it) with its heading: the week's number, its
    days and today."""
    widget = QWidget(stack)
    widget.hide()
    widget.setObjectName("myWeekPage")
    widget.setBackgroundRole(QPalette.ColorRole.Base)
    widget.setAutoFillBackground(True)
    widget.setAttribute(Qt.WidgetAttribute.WA_StaticContents)  # growing taller repaints only what is new
    lay = QVBoxLayout(widget)
    lay.setContentsMargins(28, 20, 28, 24)
    lay.setSpacing(2)
    _, iso_week, _ = (week_start + timedelta(days=3)).isocalendar()
    title = r.plain(f"My week {iso_week}", bold=True)
    f = QFont(title.font())
    f.setPointSizeF(f.pointSizeF() * 2.0)
    title.setFont(f)
    span = date_range(week_start, week_start + timedelta(days=6))
    heading = QHBoxLayout()
    heading.addWidget(title)
    heading.addSpacing(10)
    heading.addWidget(r.plain(f"{span} · today is {day_long(today)}", muted=True), 0, Qt.AlignmentFlag.AlignBottom)
    heading.addStretch(1)
    lay.addLayout(heading)
    return widget, lay


class PageStack(QWidget):
    """The scroll area's widget: shows one page at a time, as tall as that page is for the width
    (the pages of the weeks either side wait hidden, built)."""

    def __init__(self) -> None:
        super().__init__()
        self.current: QWidget | None = None
        policy = self.sizePolicy()
        policy.setHeightForWidth(True)  # the scroll area then asks heightForWidth
        self.setSizePolicy(policy)
        self.setBackgroundRole(QPalette.ColorRole.Base)
        self.setAutoFillBackground(True)
        self.setAttribute(Qt.WidgetAttribute.WA_StaticContents)

    def show_page(self, page: QWidget) -> None:
        old, self.current = self.current, page
        page.setGeometry(self.rect())
        page.show()
        if old is not None and old is not page and shiboken6.isValid(old):
            old.hide()
        self.updateGeometry()

    def hasHeightForWidth(self) -> bool:  # noqa: N802 (Qt override)
        return True

    def heightForWidth(self, width: int) -> int:  # noqa: N802
        return self.current.heightForWidth(width) if self.current is not None else 0

    def sizeHint(self) -> QSize:  # noqa: N802
        return self.current.sizeHint() if self.current is not None else QSize(0, 0)

    def minimumSizeHint(self) -> QSize:  # noqa: N802
        return self.current.minimumSizeHint() if self.current is not None else QSize(0, 0)

    def resizeEvent(self, event: QResizeEvent) -> None:  # noqa: N802
        super().resizeEvent(event)
        if self.current is not None:
            self.current.setGeometry(self.rect())

    def event(self, event: QEvent) -> bool:
        if event.type() == QEvent.Type.LayoutRequest:  # the page wants another height: the scroll
            self.updateGeometry()  # area sizes the stack (and so the page) again
        return super().event(event)


class PageBuilder:
    """The view's half that builds pages: every method builds for `self.current`'s page (the view
    points it at a page read ahead while building that one)."""

    current: WeekPage | None
    stack: PageStack
    _retired: list[QWidget]

    # the page being built or shown: what its methods read and write
    @property
    def plan(self) -> week.WeekPlan | None:
        return None if self.current is None else self.current.plan

    @plan.setter
    def plan(self, plan: week.WeekPlan) -> None:
        assert self.current is not None
        self.current.plan = plan

    @property
    def load(self) -> LoadParts | None:
        return None if self.current is None else self.current.load

    @load.setter
    def load(self, load: LoadParts) -> None:
        assert self.current is not None
        self.current.load = load

    @property
    def health(self) -> dict[int, Health]:
        return {} if self.current is None else self.current.health

    @health.setter
    def health(self, scores: dict[int, Health]) -> None:
        assert self.current is not None
        self.current.health = scores

    @property
    def calls(self) -> list[Contact]:
        return [] if self.current is None else self.current.calls

    @calls.setter
    def calls(self, calls: list[Contact]) -> None:
        assert self.current is not None
        self.current.calls = calls

    @property
    def steps(self) -> list[StepRow] | None:
        return None if self.current is None else self.current.steps

    @steps.setter
    def steps(self, steps: list[StepRow] | None) -> None:
        assert self.current is not None
        self.current.steps = steps

    @property
    def expanded(self) -> dict[str, int]:
        return {} if self.current is None else self.current.expanded

    @property
    def sections(self) -> dict[str, QWidget]:
        return {} if self.current is None else self.current.sections

    @property
    def _rows(self) -> dict[str, dict[Hashable, QWidget]]:
        return {} if self.current is None else self.current.rows

    @property
    def page(self) -> QWidget | None:
        return None if self.current is None else self.current.widget

    @property
    def summary(self) -> QLabel | None:
        return None if self.current is None else self.current.summary

    def _skeleton(self, page: WeekPage) -> None:
        """The page's widget with its heading and two empty columns (sections go in by `_place`)."""
        plan = page.plan
        widget, lay = _page_widget(self.stack, plan.week_start, plan.today)
        page.summary = r.plain(self._summary(plan), muted=True)
        lay.addWidget(page.summary)
        lay.addSpacing(8)

        columns = QHBoxLayout()
        columns.setSpacing(32)
        left, right = QVBoxLayout(), QVBoxLayout()
        left.setSpacing(6)
        right.setSpacing(6)
        for column in (left, right):
            column.addStretch(1)  # the sections go above it (`_place`): they keep their heights
        columns.addLayout(left, 11)
        columns.addLayout(right, 9)
        lay.addLayout(columns, 1)
        page.widget, page.columns, page.sections = widget, (left, right), {}

    def _reading_page(self, week_start: date, today: date) -> QWidget:
        """What a week not read yet shows while it is read: its page's heading, and that it is read."""
        widget, lay = _page_widget(self.stack, week_start, today)
        reading = r.plain("Reading the week…", muted=True)
        reading.setObjectName("reading")
        lay.addWidget(reading)
        lay.addStretch(1)
        return widget

    def _place(self, page: WeekPage, key: str) -> QWidget:
        """Build one section of the page and put it at the end of its column."""
        section = page.sections[key] = self._section(key, page.plan)
        column = page.columns[column_of(key)]
        column.insertWidget(column.count() - 1, section)  # above the stretch
        return section

    def _rows_ahead(self, page: WeekPage, key: str, width: int) -> Iterator[None]:
        """Build a list section's heading and then its rows, one a step, each laid out at the
        column's `width` (0: not known), before the section goes on the page: `_fill` then finds
        the section with that heading and puts the rows shown in it instead of building them (and
        none is moved to another parent, which cost half a millisecond a row)."""
        with self._on(page):  # type: ignore[attr-defined]
            spec = self._list_rows(page.plan, key)
            shown = [] if spec is None else spec[0][:self._cap(key, spec[3])]
        if not shown or key in page.sections:
            return
        assert spec is not None and page.widget is not None
        _, row, shows, _ = spec
        section = page.sections[key] = self._head(page.plan, key)
        section.setParent(page.widget)  # not in a column yet, so not shown (`_place` puts it in)
        ready = page.rows.setdefault(key, {})
        for item in shown:
            with self._on(page):  # type: ignore[attr-defined]
                what = item if shows is None else shows(item)
                if what not in ready:
                    widget = ready[what] = row(item)
                    widget.setParent(section)  # polished as it will be shown
                    r.prepare(widget, width)
            yield

    def _list_rows(self, plan: week.WeekPlan, key: str) -> tuple[Sequence, Callable, Callable | None, int] | None:
        """A list section's items, how each becomes a row, what a row shows (see `_fill`) and its cap."""
        if key == "overdue":
            return plan.overdue, lambda i: self._run_row(i, with_date=True), self._run_shows, LIST_CAP
        if key.startswith("day:"):
            items = dict(plan.days)[date.fromisoformat(key[4:])]
            return items, lambda i: self._run_row(i, with_date=False), self._run_shows, DAY_CAP
        lists: dict[str, tuple[Sequence, Callable, Callable | None, int]] = {
            "checkins": (plan.checkins, self._checkin_row, None, LIST_CAP),
            "obstacles": (plan.obstacles, lambda o: self._obstacle_row(o, plan.today), lambda o: (o, plan.today),
                          LIST_CAP),  # its age counts from today
            "races": (plan.races, self._race_row, None, LIST_CAP),
            "missed": (plan.missed_training, self._quiet_row, None, LIST_CAP),
        }
        return lists.get(key)

    def _build_page(self, page: WeekPage) -> None:
        """The whole page at once (the page shown; pages read ahead are built a section a step)."""
        self._skeleton(page)
        for key in section_keys(page.plan):
            self._place(page, key)

    def _section(self, key: str, plan: week.WeekPlan) -> QWidget:
        """One section of the page, built from what the page holds (and the lists of today)."""
        if key.startswith("day:"):
            day = date.fromisoformat(key[4:])
            return self._day(plan, day, dict(plan.days)[day])
        coach = CoachSections(self, self.ctx, self._open, self._fill, self.log_with)
        extra = SeasonSections(self, self.ctx, self._open, self._fill)
        build: dict[str, Callable[[], QWidget]] = {
            "load": lambda: coach.load(plan.week_start, None if self.load is None else self.load.week),
            "overdue": lambda: self._overdue(plan),
            "results": lambda: extra.results(plan.today, self._today_list("results")),
            "forecasts": lambda: extra.forecasts(plan.today, self._today_list("forecasts")),
            "steps": lambda: extra.steps(plan.today, plan.week_end, self.steps),
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
        width = target.width() if target is old and target.isVisible() else 0
        for item in shown:
            what = item if shows is None else shows(item)
            widget = before.pop(what, None)
            if widget is None or not shiboken6.isValid(widget):
                widget = row(item)
                if width > 1:  # a row new on the page shown: at its size before it goes in, so that
                    widget.setParent(target)  # the rows around it are not laid out again and again
                    r.prepare(widget, width)
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

    def _list(self, plan: week.WeekPlan, key: str, section: r.Section, nothing: str) -> QWidget:
        spec = self._list_rows(plan, key)
        assert spec is not None
        items, row, shows, cap = spec
        return self._fill(section, key, items, row, nothing, cap, shows=shows)

    def _head(self, plan: week.WeekPlan, key: str) -> r.Section:
        """A list section's heading, with no rows yet."""
        if key.startswith("day:"):
            day = date.fromisoformat(key[4:])
            is_today = day == plan.today
            title = day_long(day) + ("  ·  today" if is_today else "")
            return r.Section(title, len(dict(plan.days)[day]) or None, size=1.05, muted=day < plan.today,
                             accent=MISSED.darker(110) if is_today else None)
        heads: dict[str, Callable[[], r.Section]] = {
            "overdue": lambda: r.Section("Overdue", len(plan.overdue), accent=MISSED if plan.overdue else None),
            "checkins": lambda: r.Section("Check-ins planned", len(plan.checkins)),
            "obstacles": lambda: r.Section("Open obstacles by severity", len(plan.obstacles)),
            "races": lambda: r.Section(f"Races in the next {week.RACE_HORIZON_DAYS} days", len(plan.races)),
            "missed": lambda: r.Section(f"Missed training · no check-in for {week.QUIET_DAYS}+ days",
                                        len(plan.missed_training)),
        }
        return heads[key]()

    def _overdue(self, plan: week.WeekPlan) -> QWidget:
        return self._list(plan, "overdue", self._head(plan, "overdue"), "Nothing overdue before this week.")

    def _day(self, plan: week.WeekPlan, day: date, items: list[week.MilestoneItem]) -> QWidget:
        return self._list(plan, day_key(day), self._head(plan, day_key(day)), "Nothing due.")

    def _checkins(self, plan: week.WeekPlan) -> QWidget:
        return self._list(plan, "checkins", self._head(plan, "checkins"), "No check-ins planned for the rest of this week.")

    def _checkin_row(self, c: week.CheckInItem) -> QWidget:
        return r.Row(
            r.plain(day_short(c.held_on)), r.badge(value_label(c.kind), r.SEVERITY[Severity.LOW], outline=True, width=52),
            r.AccountLink(c.account_id, c.account_name, self._open), r.plain(c.summary, wrap=True, muted=True),
            r.small_button("Log…", "Write down how it went", lambda: self.log_checkin(c.account_id, c.checkin_id)),
            key=("checkin", c.checkin_id))

    def _obstacles(self, plan: week.WeekPlan) -> QWidget:
        return self._list(plan, "obstacles", self._head(plan, "obstacles"), "No open obstacles.")

    def _obstacle_row(self, o: week.ObstacleItem, today: date) -> QWidget:
        age = r.plain(f"{(today - o.opened_on).days} d" if o.opened_on <= today else "new", muted=True)
        age.setToolTip(f"Open since {date_long(o.opened_on)} · {value_label(o.kind)}")
        return r.Row(r.severity_badge(o.severity), r.AccountLink(o.account_id, o.account_name, self._open),
                     r.plain(o.title, wrap=True), age, key=("obstacle", o.obstacle_id))

    def _races(self, plan: week.WeekPlan) -> QWidget:
        return self._list(plan, "races", self._head(plan, "races"), f"No renewals in the next {week.RACE_HORIZON_DAYS} days.")

    def _race_row(self, race: week.RaceItem) -> QWidget:
        when = r.plain(day_short(race.race_day))
        when.setMinimumWidth(when.fontMetrics().horizontalAdvance(day_short(WIDEST_DAY)) + 4)
        countdown = r.plain("today" if race.days_to_race == 0 else f"in {race.days_to_race} d", muted=True)
        score = r.health_badge(race.health, f"Health {race.health} / 100 · drags it down most: {race.weakest}")
        weakest = r.plain(f"{money(race.arr_minor, race.currency)} · weakest: {short_name(race.weakest)}",
                          wrap=True, muted=True)
        return r.Row(when, countdown, r.AccountLink(race.account_id, race.account_name, self._open),
                     score, weakest, key=("race", race.account_id))

    def _missed(self, plan: week.WeekPlan) -> QWidget:
        return self._list(plan, "missed", self._head(plan, "missed"),
                          f"Every account had a check-in in the last {week.QUIET_DAYS} days.")

    def _quiet_row(self, q: week.QuietAccount) -> QWidget:
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
        assert self.summary is not None
        self.summary.setText(self._summary(self.plan))

    def _cap(self, key: str, cap: int) -> int:
        return cap + self.expanded.get(key, 0)

    def _expand(self, key: str, rows: int) -> None:
        self.expanded[key] = self.expanded.get(key, 0) + rows
        if self.plan is not None:
            self._health_of_shown()
        self._rebuild({key})

