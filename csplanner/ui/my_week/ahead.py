"""My week's pages of other weeks: the weeks either side of the one shown, read in a worker and
built hidden while the user reads it (moving a week then swaps pages), and a week further away,
shown at once with its heading and "Reading the week…", read in a worker and built on the screen.

Every page is built a few rows per event-loop turn (about STEP_S each), so input never waits long.
A mixin of MyWeekView: it reads and writes the view's pages (`current`, `ahead`).
"""

import time
from collections.abc import Callable, Iterator
from contextlib import contextmanager
from datetime import date, timedelta
from functools import partial
from itertools import chain, zip_longest
from typing import Any

import shiboken6
from PySide6.QtCore import QTimer, Qt
from PySide6.QtWidgets import QWidget

from csplanner.core import week, week_read
from csplanner.core.cadence import Contact
from csplanner.core.changes import Change
from csplanner.core.errors import DomainError
from csplanner.ui.my_week import rows as r
from csplanner.ui.my_week.page import DAY_CAP, LIST_CAP, WeekPage, column_of, section_keys

STEP_S = 0.008  # a page is built in event-loop turns of about this long (then input and paint come in)


class OtherWeeks:
    """The view's half that reads and builds the pages of weeks other than the one shown."""

    # the view's (see MyWeekView)
    ctx: Any
    current: WeekPage | None
    ahead: dict[date, WeekPage]
    week_start: date
    _dirty: bool
    _reads: int
    _reading: bool
    _building: Iterator[None] | None
    _built: WeekPage | None
    _jumps: int
    _jumped_from: WeekPage | None
    _placeholder: QWidget | None
    _widths: dict[int, int]
    _retired: list[QWidget]
    _ahead_timer: QTimer
    contacts: list[Contact]

    def _jump(self) -> None:
        """Show a week not read ahead: its heading and "Reading the week…" at once, the week read in a
        worker, then its page built on the screen a few rows per event-loop turn. A week read for a
        jump the user has moved on from is dropped. (A book one thread only may read, an edit not
        drawn yet, or a new day: read and built now.)"""
        shown = self.current
        if shown is None and self._placeholder is not None:
            shown = self._jumped_from  # a jump during a jump: the lists of today as read before
        if shown is None or not self.ctx.db.threads_ok or not self._fresh(shown):
            self.refresh(keep_scroll=False, expanded={})
            return
        self._jumped_from = shown
        self._stop_building()
        self._jumps += 1
        self._reads += 1  # a week being read ahead is not needed now
        self._reading = False
        today, owner, token, monday = self.ctx.today(), self.owner, self._jumps, self.week_start
        self._remember_widths()
        focused = self._focus_in_page()
        old, self.current = self.current, None
        placeholder = self._reading_page(monday, today)
        self._drop_placeholder()
        self._placeholder = placeholder
        self._put_on_screen(placeholder, 0, self._relative_to(monday, today), reading=True)
        if focused:
            self.scroll.setFocus(Qt.FocusReason.OtherFocusReason)  # keys scroll the new week
        if old is not None:
            self._put_away(old)
        for other, page in list(self.ahead.items()):
            if abs((other - monday).days) != 7 or not page.built:  # (its building stopped)
                self._retire(self.ahead.pop(other))
        lists, contacts = (shown.plan.races, shown.plan.missed_training), self.contacts

        def work() -> week_read.WeekRead | None:
            return _read_week(self.ctx.db, monday, today, owner, lists, contacts) if token == self._jumps else None

        self.ctx.jobs.run(work, self._next_turn(partial(self._jumped, token)), owner=self)

    def _jumped(self, token: int, data: week_read.WeekRead | None) -> None:
        """The week jumped to is read: its page goes on the screen, and is built there."""
        if token != self._jumps:
            return  # moved on, or refreshed meanwhile
        if data is None or self._dirty or data.plan.today != self.ctx.today() or data.plan.week_start != self.week_start:
            if self.isVisible():
                self.refresh(keep_scroll=False, expanded={})
            return
        page = self._page_of(data, {})
        with self._on(page):
            self._skeleton(page)
        self._show(page, 0)
        self._build(page, shown=True)

    def _read_ahead(self) -> None:
        """Read a week either side of the one shown in a worker (its own connection), then build
        its page a few rows per event-loop turn, so that moving to it only swaps the page shown;
        then the other week. A book that cannot be read from two threads is read when shown."""
        if (self.current is None or self._dirty or not self.isVisible() or not self.ctx.db.threads_ok
                or self._reading or self._building is not None):
            return
        self._remember_widths()  # pages read ahead are laid out at the widths of the one shown
        today, owner, plan = self.ctx.today(), self.owner, self.current.plan
        for monday in (plan.week_start + timedelta(weeks=1), plan.week_start - timedelta(weeks=1)):
            if monday not in self.ahead:
                work = partial(_read_week, self.ctx.db, monday, today, owner, (plan.races, plan.missed_training),
                               self.contacts)
                self._reading = True
                self.ctx.jobs.run(work, self._next_turn(partial(self._read, self._reads)), owner=self)
                return

    def _next_turn(self, then: Callable[[Any], None]) -> Callable[[Any], None]:
        """A worker's result taken on the event-loop turn after it arrives: the app may spend the
        turn it arrives in on a full garbage collection (ui/collector), and the two in one turn
        would hold input for as long as both."""
        return lambda result: QTimer.singleShot(0, self, partial(then, result))  # type: ignore[call-overload]

    def ahead_ready(self) -> bool:
        """Are both weeks either side of the one shown read and built?"""
        if self.current is None:
            return False
        monday = self.current.week_start
        return all(m in self.ahead and self.ahead[m].built for m in (monday - timedelta(weeks=1),
                                                                      monday + timedelta(weeks=1)))

    def _read(self, reads: int, data: week_read.WeekRead | None) -> None:
        if reads != self._reads:
            return  # dropped: an edit or another day came meanwhile (a new read is under way)
        self._reading = False
        if (data is None or self.current is None or self._dirty or data.plan.week_start in self.ahead
                or abs((data.plan.week_start - self.current.week_start).days) != 7 or not self._fresh_read(data)):
            self._ahead_timer.start()  # moved on meanwhile: read what is next to the week shown now
            return
        page = self.ahead[data.plan.week_start] = self._page_of(data, {})
        self._build_next(page)

    def _fresh_read(self, data: week_read.WeekRead) -> bool:
        return data.plan.today == self.ctx.today() and self.current is not None and self.current.owner == self.owner

    def _build_next(self, page: WeekPage) -> None:
        """Build a page read ahead, hidden, a few rows per event-loop turn."""
        self._build(page, shown=False)

    def _build(self, page: WeekPage, shown: bool) -> None:
        self._building, self._built = self._steps_of(page, shown), page
        QTimer.singleShot(0, self, self._step)

    def _steps_of(self, page: WeekPage, shown: bool = False) -> Iterator[None]:
        """A page's steps: its skeleton, then for each section its rows one a step and the section.
        `shown`: the page is on the screen already: both columns fill from the top down together."""
        if page.widget is None:
            with self._on(page):
                self._skeleton(page)
            yield
        keys = section_keys(page.plan)
        if shown:  # what is on the screen first comes first
            columns = ([k for k in keys if column_of(k) == 0], [k for k in keys if column_of(k) == 1])
            keys = [k for k in chain.from_iterable(zip_longest(*columns)) if k is not None]
        for key in keys:
            width = self._widths.get(column_of(key), 0)
            yield from self._rows_ahead(page, key, width)
            with self._on(page):
                section = self._place(page, key)
                r.prepare(section, width)
            if shown:
                section.show()  # now, in this step (it would be shown on the next turn anyway)
            yield
        with self._on(page):
            if shown:
                self._tab_order(page)
            else:
                r.prepare(page.widget, self.stack.width())
        page.built = True

    def _tab_order(self, page: WeekPage) -> None:
        """Tab goes down the left column, then the right, as on a page built at once."""
        focusable = [w for key in section_keys(page.plan) if key in page.sections
                     for w in page.sections[key].findChildren(QWidget)
                     if w.focusPolicy() & Qt.FocusPolicy.TabFocus]
        for before, after in zip(focusable, focusable[1:]):
            QWidget.setTabOrder(before, after)

    def _step(self) -> None:
        """Build steps for about STEP_S, then let the event loop run."""
        if self._building is None:
            return
        end = time.perf_counter() + STEP_S
        try:
            while True:
                next(self._building)
                if time.perf_counter() >= end:
                    break
        except StopIteration:
            shown = self._built is self.current
            self._building = self._built = None
            if shown:  # a page jumped to: the weeks either side once it is painted and read a moment
                self._ahead_timer.start()
            else:
                self._read_ahead()  # the other week
            return
        QTimer.singleShot(0, self, self._step)

    def _stop_building(self) -> None:
        self._building = self._built = None

    def _merge_ahead(self, change: Change) -> None:
        """The weeks either side take the edit too: a page built ahead redraws what the edit
        changed on it, hidden, on a later event-loop turn (one that cannot is dropped); a week
        still being read or built is dropped, and read again."""
        self._reads += 1  # a read under way is thrown away
        self._reading = False
        if self._built is not self.current:
            self._stop_building()
        for monday, page in list(self.ahead.items()):
            if page.built:
                page.pending.append(change)
                QTimer.singleShot(0, self, partial(self._merge_into, page))
            else:
                self._retire(self.ahead.pop(monday))

    def _merge_into(self, page: WeekPage) -> bool:
        """Redraw a page built ahead with the edits that came since (False: it was dropped)."""
        if self.ahead.get(page.week_start) is not page:
            return False  # dropped meanwhile
        while page.pending:
            with self._on(page):
                merged = self._redraw(page.pending.pop(0))
            if not merged:
                self._retire(self.ahead.pop(page.week_start))
                return False
        return True

    def _drop_ahead(self) -> None:
        """Forget the weeks read or built ahead (an edit or another day changed what they show)."""
        self._reads += 1
        self._reading = False
        if self._built is not self.current:
            self._stop_building()  # (a page shown and being built is refreshed, or stopped then)
        for page in self.ahead.values():
            self._retire(page)
        self.ahead.clear()

    def _retire(self, page: WeekPage) -> None:
        """Take a page off the stack; its widgets are deleted a section per event-loop turn."""
        if page is self._built:
            self._stop_building()
        if page.widget is None or not shiboken6.isValid(page.widget):
            return
        page.widget.hide()
        page.widget.setParent(None)  # off the stack at once (a search of the view no longer finds it)
        parts = [*page.sections.values(), page.widget]
        self._retired.append(page.widget)  # Python must not delete it before deleteLater does
        page.sections, page.rows = {}, {}

        def delete_one() -> None:
            while parts and not shiboken6.isValid(parts[0]):
                parts.pop(0)
            if parts:
                parts.pop(0).deleteLater()  # a checkbox may still be inside its own toggled signal
                QTimer.singleShot(0, self, delete_one)

        QTimer.singleShot(0, self, delete_one)

    @contextmanager
    def _on(self, page: WeekPage) -> Iterator[None]:
        """Build for `page` (the page builder's methods read and write `self.current`)."""
        shown, self.current = self.current, page
        try:
            yield
        finally:
            self.current = shown


def _read_week(db: object, monday: date, today: date, owner: str | None,
               races_and_missed: tuple[list[week.RaceItem], list[week.QuietAccount]],
               contacts: list[Contact]) -> week_read.WeekRead | None:
    """A week read in a worker (and its contacts to call picked there too: thousands of them); None
    if the book cannot be read now (it is read when shown)."""
    try:
        return week_read.read_week(db, monday, today, day_cap=DAY_CAP, list_cap=LIST_CAP,  # type: ignore[arg-type]
                                   owner=owner, races_and_missed=races_and_missed, contacts=contacts)
    except DomainError:
        return None
