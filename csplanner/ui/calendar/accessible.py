"""The painted calendar as assistive technology sees it: a table whose rows are weeks, whose
cells are days, and whose cells hold the day's runs and obstacles.

PySide6 does not expose QAccessibleTableInterface, so the table is built from child interfaces
(role Row, Cell, and the items inside). Children are looked up from the grid each time they are
asked, by a stable key (a week's start, a day, a run's id), so a screen reader never holds a
stale picture; moving the cursor sends a Focus event for the day or run under it.
"""

from collections.abc import Callable
from datetime import date
from typing import Any

from PySide6.QtCore import QObject, QRect
from PySide6.QtGui import QAccessible, QAccessibleEvent, QAccessibleInterface
from PySide6.QtWidgets import QAccessibleWidget, QWidget

from csplanner.core.calendar import Bar, Chip, Week
from csplanner.core.present import date_short, day_long, hurt_label, plural, value_label, weeks_to_race

GRID_KEYS = ("Weeks are rows and days are columns. Arrow keys move by day and week, Page Up and Page Down "
             "by screen; Tab walks the day's runs; Enter opens a run or adds one; Delete deletes; "
             "T goes to today, R to race day; the Menu key marks a run done, missed or skipped.")


# ---- names, in the app's words ------------------------------------------------------------
def run_name(chip: Chip) -> str:
    """'Tuesday 17 November, race day: Renewal, planned, Alder Studios'."""
    kind = "race day" if chip.run_type == "race" else f"{value_label(chip.run_type).lower()} run"
    state = "overdue" if chip.overdue else value_label(chip.status).lower()
    return f"{day_long(chip.day)}, {kind}: {chip.title}, {state}, {chip.account_name}"


def bar_name(bar: Bar, with_account: bool = True) -> str:
    """'Injury: Exec sponsor left, high, 2 Nov to 20 Nov' (and the account on the all-accounts view)."""
    kind = hurt_label(bar.injury)
    who = f", {bar.account_name}" if with_account and bar.account_name else ""
    return (f"{kind}: {bar.title}, {value_label(bar.severity).lower()}, "
            f"{date_short(bar.start)} to {date_short(bar.end)}{who}")


def week_name(week: Week) -> str:
    """'Week 26 · 27 weeks to race day, W48, 3 planned, 1 done, 1 missed'."""
    parts = [week.label() if week.number is not None or week.weeks_to_race is not None else week.iso_label()]
    if week.number is not None:
        parts.append(week.iso_label())
    if week.planned:
        parts.append(f"{plural(week.planned, 'run')} planned, {week.done} done")
        if week.missed:
            parts.append(f"{week.missed} missed")
    else:
        parts.append("rest week")
    return ", ".join(parts)


# ---- the interfaces -----------------------------------------------------------------------
class _Item(QAccessibleInterface):
    """A virtual child: no QObject of its own; its text and place come from the grid on demand."""

    def __init__(self, grid_iface: "CalendarInterface", key: tuple, parent_key: tuple | None) -> None:
        super().__init__()
        self.grid_iface, self.key, self.parent_key = grid_iface, key, parent_key

    # what subclasses say
    def name(self) -> str: raise NotImplementedError
    def kids(self) -> list[tuple]: return []
    def area(self) -> QRect: return QRect()
    def role(self) -> QAccessible.Role: raise NotImplementedError  # noqa: D102

    @property
    def grid(self) -> Any:
        return self.grid_iface.widget()

    def isValid(self) -> bool:  # noqa: N802 (Qt's names throughout)
        return self.grid_iface.isValid() and self.grid_iface.find(self.key) is not None

    def object(self) -> QObject | None:
        return None

    def window(self) -> QAccessibleInterface | None:
        return self.grid_iface.window()

    def relations(self, _match: object = None) -> list:
        return []

    def focusChild(self) -> QAccessibleInterface | None:
        return None

    def childAt(self, x: int, y: int) -> QAccessibleInterface | None:
        for i in range(self.childCount()):
            kid = self.child(i)
            if kid is not None and kid.rect().contains(x, y):
                return kid
        return None

    def parent(self) -> QAccessibleInterface:
        return self.grid_iface.item(self.parent_key) if self.parent_key else self.grid_iface

    def child(self, index: int) -> QAccessibleInterface | None:
        keys = self.kids()
        return self.grid_iface.item(keys[index]) if 0 <= index < len(keys) else None

    def childCount(self) -> int:
        return len(self.kids())

    def indexOfChild(self, child: QAccessibleInterface) -> int:
        keys = self.kids()
        key = getattr(child, "key", None)
        return keys.index(key) if key in keys else -1

    def text(self, kind: QAccessible.Text) -> str:
        return self.name() if kind == QAccessible.Text.Name else ""

    def setText(self, _kind: object, _text: str) -> None:
        pass

    def rect(self) -> QRect:
        r = self.area()
        if r.isNull():
            return r
        top_left = self.grid.viewport().mapToGlobal(r.topLeft())
        return QRect(top_left, r.size())

    def state(self) -> QAccessible.State:
        s = QAccessible.State()
        s.focusable = True
        s.selectable = True
        s.invisible = self.area().isNull()
        return s


class _WeekItem(_Item):
    def role(self) -> QAccessible.Role:
        return QAccessible.Role.Row

    def name(self) -> str:
        row = self.grid_iface.find(self.key)
        return week_name(row.week) if row else ""

    def kids(self) -> list[tuple]:
        row = self.grid_iface.find(self.key)
        return [("day", cell.day) for cell in row.days] if row else []

    def area(self) -> QRect:
        row = self.grid_iface.find(self.key)
        return row.rect if row else QRect()


class _DayItem(_Item):
    def role(self) -> QAccessible.Role:
        return QAccessible.Role.Cell

    def name(self) -> str:
        cell = self.grid_iface.find(self.key)
        if cell is None:
            return ""
        day: date = cell.day
        parts = [day_long(day)]
        if day == self.grid.today():
            parts.append("today")
        races = self.grid._race_names(day)
        if races:
            parts.append(f"race day: {', '.join(races[:10])}" if self.grid.show_account or len(races) > 1 else "race day")
        runs = max(cell.total.runs, len(cell.all_chips))
        parts.append(plural(runs, "run") if runs else "no runs")
        bars = len(self.grid_iface.bars_on(day))
        if bars:
            parts.append(plural(bars, "obstacle"))
        return ", ".join(parts)

    def kids(self) -> list[tuple]:
        cell = self.grid_iface.find(self.key)
        if cell is None:
            return []
        runs = [("run", c.milestone_id, c.day) for c in cell.all_chips]
        return runs + [("bar", b.obstacle_id, cell.day) for b in self.grid_iface.bars_on(cell.day)]

    def area(self) -> QRect:
        cell = self.grid_iface.find(self.key)
        return cell.rect if cell else QRect()

    def state(self) -> QAccessible.State:
        s = super().state()
        s.focused = self.grid.hasFocus() and self.key[1] == self.grid.current and self.grid.selected_chip() is None
        s.selected = self.key[1] == self.grid.current
        return s


class _RunItem(_Item):
    def role(self) -> QAccessible.Role:
        return QAccessible.Role.ListItem

    def name(self) -> str:
        chip = self.grid_iface.find(self.key)
        return run_name(chip) if chip else ""

    def area(self) -> QRect:
        rect = self.grid.chip_rect(self.key[1])
        return rect if rect is not None else QRect()

    def state(self) -> QAccessible.State:
        s = super().state()
        s.selected = self.grid.selected == self.key[1]
        s.focused = self.grid.hasFocus() and s.selected and self.grid.current == self.key[2]
        s.invisible = False  # may sit behind "+3 more", still there
        return s


class _BarItem(_Item):
    def role(self) -> QAccessible.Role:
        return QAccessible.Role.StaticText

    def name(self) -> str:
        bar = self.grid_iface.find(self.key)
        return bar_name(bar, self.grid.show_account) if bar else ""

    def area(self) -> QRect:
        for week in self.grid.layout_rows():
            for rect, bar in week.bars:
                if bar.obstacle_id == self.key[1] and bar.start <= self.key[2] <= bar.end:
                    return rect
        return QRect()


KINDS: dict[str, Callable[..., _Item]] = {"week": _WeekItem, "day": _DayItem, "run": _RunItem, "bar": _BarItem}


class CalendarInterface(QAccessibleWidget):
    """The grid itself: a table of the weeks on screen."""

    def __init__(self, grid: QWidget) -> None:
        super().__init__(grid, QAccessible.Role.Table)
        self.items: dict[tuple, _Item] = {}  # kept alive for the grid's life: Qt may hold them

    def grid(self) -> Any:
        return self.widget()

    def rows(self) -> list:
        return self.grid().layout_rows()

    def bars_on(self, day: date) -> list[Bar]:
        plan = self.grid()._plan
        return plan.bars_in(day, day) if plan is not None else []

    def find(self, key: tuple) -> Any:
        """The week row, day cell, chip or bar a key names, if it is on screen now."""
        kind = key[0]
        for row in self.rows():
            if kind == "week" and row.week.start == key[1]:
                return row
            for cell in row.days:
                if kind == "day" and cell.day == key[1]:
                    return cell
                if kind == "run" and cell.day == key[2]:
                    return next((c for c in cell.all_chips if c.milestone_id == key[1]), None)
                if kind == "bar" and cell.day == key[2]:
                    return next((b for b in self.bars_on(cell.day) if b.obstacle_id == key[1]), None)
        return None

    def item(self, key: tuple) -> _Item:
        found = self.items.get(key)
        if found is None:
            kind = key[0]
            parent = None if kind == "week" else ("week", _week_of(self, key[1])) if kind == "day" else ("day", key[2])
            found = self.items[key] = KINDS[key[0]](self, key, parent)
        return found

    def childCount(self) -> int:  # noqa: N802
        return len(self.rows())

    def child(self, index: int) -> QAccessibleInterface | None:
        rows = self.rows()
        return self.item(("week", rows[index].week.start)) if 0 <= index < len(rows) else None

    def indexOfChild(self, child: QAccessibleInterface) -> int:  # noqa: N802
        starts = [("week", row.week.start) for row in self.rows()]
        key = getattr(child, "key", None)
        return starts.index(key) if key in starts else -1

    def childAt(self, x: int, y: int) -> QAccessibleInterface | None:  # noqa: N802
        for i in range(self.childCount()):
            kid = self.child(i)
            if kid is not None and kid.rect().contains(x, y):
                return kid
        return None

    def focusChild(self) -> QAccessibleInterface | None:  # noqa: N802
        return self.current_item()

    def current_item(self) -> _Item | None:
        grid = self.grid()
        chip = grid.selected_chip()
        if chip is not None:
            return self.item(("run", chip.milestone_id, chip.day))
        if self.find(("day", grid.current)) is not None:
            return self.item(("day", grid.current))
        return None

    def text(self, kind: QAccessible.Text) -> str:
        grid = self.grid()
        if kind == QAccessible.Text.Name:
            return grid.accessibleName()
        if kind == QAccessible.Text.Description:
            return grid.accessibleDescription()
        return super().text(kind)


def _week_of(iface: CalendarInterface, day: date) -> date:
    for row in iface.rows():
        if row.week.start <= day <= row.week.end:
            return row.week.start
    return day


# ---- wiring -------------------------------------------------------------------------------
def _factory(_key: str, obj: QObject) -> QAccessibleInterface | None:
    if getattr(obj, "accessible_calendar", False) and isinstance(obj, QWidget):
        return CalendarInterface(obj)
    return None


_installed = False


def install() -> None:
    """Register the calendar's interface with Qt (once)."""
    global _installed
    if not _installed:
        QAccessible.installFactory(_factory)
        _installed = True


def send(event: QAccessibleEvent) -> None:
    """Hand an event to the platform's screen-reader bridge (a seam for tests)."""
    QAccessible.updateAccessibility(event)


def announce(grid: QWidget) -> None:
    """The cursor moved: tell the screen reader which day or run now has the focus."""
    if not grid.hasFocus():
        return
    iface = QAccessible.queryAccessibleInterface(grid)
    current = iface.current_item() if isinstance(iface, CalendarInterface) else None
    if current is not None:
        send(QAccessibleEvent(current, QAccessible.Event.Focus))
        send(QAccessibleEvent(current, QAccessible.Event.Selection))
