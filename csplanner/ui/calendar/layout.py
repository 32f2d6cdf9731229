"""The grid's shape: sizes, and where each visible week, day, chip and bar is placed."""

from dataclasses import dataclass
from datetime import date
from typing import Protocol

from PySide6.QtCore import QRect

from csplanner.core.calendar import AccountPlan, Bar, Chip, DayTotal, Week

HEADER_H = 26
LABEL_W = 150
SUMMARY_W = 124
MIN_DAY_W = 72
CHIP_H = 18
CHIP_GAP = 2
BAR_H = 13
DAY_TOP = 20  # the date line at the top of each day


class Source(Protocol):
    """What the grid shows: a run of weeks, and the data for any window of them."""

    def row_count(self) -> int: ...
    def week_start(self, row: int) -> date: ...
    def row_of(self, day: date) -> int | None: ...
    def window(self, first_row: int, last_row: int) -> AccountPlan: ...


@dataclass
class DayCell:
    day: date
    rect: QRect
    chips: list[tuple[QRect, Chip]]
    hidden: int  # chips that did not fit ("+3 more")
    all_chips: list[Chip]  # the loaded ones (the all-accounts view loads a few per day)
    total: DayTotal


@dataclass
class WeekRow:
    row: int
    week: Week
    rect: QRect
    days: list[DayCell]
    bars: list[tuple[QRect, Bar]]
