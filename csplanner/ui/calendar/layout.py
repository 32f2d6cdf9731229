"""The grid's shape: sizes, and where each visible week, day, chip and bar is placed."""

from dataclasses import dataclass
from datetime import date
from typing import Protocol

from PySide6.QtCore import QRect, Qt
from PySide6.QtGui import QFontMetrics

from csplanner.core.calendar import Bar, CalendarWeeks, Chip, DayTotal, Week

HEADER_H = 26
LABEL_W = 150  # the week label and summary columns at their roomiest…
SUMMARY_W = 124
LABEL_MIN_W = 104  # …and as narrow as they go, so the grid fits from a 1024 px window up
SUMMARY_MIN_W = 92
ROOMY_DAY_W = 110  # days narrower than this first take room from the label and summary columns
MIN_DAY_W = 56
CHIP_H = 18
CHIP_GAP = 2
BAR_H = 13
DAY_TOP = 20  # the date line at the top of each day


class Source(Protocol):
    """What the grid shows: a run of weeks, and the data for any window of them."""

    def row_count(self) -> int: ...
    def week_start(self, row: int) -> date: ...
    def row_of(self, day: date) -> int | None: ...
    def window(self, first_row: int, last_row: int, wait: bool = True) -> CalendarWeeks: ...


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


def column_widths(width: int) -> tuple[int, int, int]:
    """(label, summary, day) widths for a grid `width` pixels wide; the summary never goes off screen."""
    roomy = LABEL_W + SUMMARY_W + 7 * ROOMY_DAY_W
    tight = LABEL_MIN_W + SUMMARY_MIN_W + 7 * MIN_DAY_W
    k = min(1.0, max(0.0, (width - tight) / (roomy - tight)))
    label = round(LABEL_MIN_W + k * (LABEL_W - LABEL_MIN_W))
    summary = round(SUMMARY_MIN_W + k * (SUMMARY_W - SUMMARY_MIN_W))
    return label, summary, max(MIN_DAY_W, (width - label - summary) // 7)


def two_lines(fm: QFontMetrics, text: str, width: int) -> list[str]:
    """`text` on at most two lines of `width` pixels: broken at a space, the rest elided."""
    if fm.horizontalAdvance(text) <= width:
        return [text]
    words, first = text.split(" "), ""
    for i in range(len(words), 0, -1):
        head = " ".join(words[:i])
        if fm.horizontalAdvance(head) <= width:
            first, rest = head, " ".join(words[i:])
            break
    else:  # one long word: cut it where it stops fitting
        cut = max(1, len(fm.elidedText(text, Qt.TextElideMode.ElideNone, width)))
        while cut > 1 and fm.horizontalAdvance(text[:cut]) > width:
            cut -= 1
        first, rest = text[:cut], text[cut:]
    return [first, fm.elidedText(rest.strip(), Qt.TextElideMode.ElideRight, width)] if rest.strip() else [first]
