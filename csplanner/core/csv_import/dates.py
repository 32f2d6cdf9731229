"""Dates as CRMs and spreadsheets write them: 2026-12-31, 12/31/2026, 31/12/2026, 31.12.2026, 31-Dec-2026.

The order of day and month in numeric dates is the file's: chosen by the user, or guessed from
the values (a first number above 12 is a day); a file where nothing tells asks instead.
"""

import re
from collections.abc import Iterable
from dataclasses import dataclass
from datetime import date

ORDERS = ("dmy", "mdy", "ymd")
MONTHS = {m: i for i, m in enumerate(
    ("jan", "feb", "mar", "apr", "may", "jun", "jul", "aug", "sep", "oct", "nov", "dec"), start=1)}
_TIME = re.compile(r"[T ]\d{1,2}:\d{2}(:\d{2}(\.\d+)?)?\s*([AaPp][Mm])?(Z|[+-]\d{2}:?\d{2})?$")
_NUMERIC = re.compile(r"(\d{1,4})([-/.])(\d{1,2})\2(\d{1,4})")
_NAMED = re.compile(r"(\d{1,2})[ -]([A-Za-z]{3,9})\.?,?[ -](\d{4})|([A-Za-z]{3,9})\.? (\d{1,2}),? (\d{4})")


class DateError(ValueError):
    """The cell is not a date; str() says why."""


@dataclass(frozen=True, slots=True)
class Numeric:
    first: int
    second: int
    year: int  # four digits; a two-digit year means 20yy
    separator: str


def _strip_time(text: str) -> str:
    return _TIME.sub("", text.strip()).strip()


def numeric_parts(text: str) -> Numeric | None:
    """The day/month numbers of a date written with the year last (12/31/2026), else None."""
    found = _NUMERIC.fullmatch(_strip_time(text))
    if not found or len(found.group(1)) > 2 or len(found.group(4)) not in (2, 4):
        return None
    year = int(found.group(4))
    return Numeric(int(found.group(1)), int(found.group(3)), year + 2000 if year < 100 else year, found.group(2))


def _month(word: str) -> int | None:
    return MONTHS.get(word[:3].lower()) if word.lower()[:3] in MONTHS else None


def _make(year: int, month: int, day: int, cell: str) -> date:
    try:
        return date(year, month, day)
    except ValueError:
        raise DateError(f"'{cell}' is not a real date") from None


def parse_date(cell: str, order: str | None) -> date | None:
    """The date in a cell (None when empty). `order` reads numeric dates with the year last;
    None there means the order is unknown, and a date it would decide raises DateError."""
    text = _strip_time(cell)
    if not text:
        return None
    found = _NUMERIC.fullmatch(text)
    if found and len(found.group(1)) == 4:  # year first: always year, month, day
        return _make(int(found.group(1)), int(found.group(3)), int(found.group(4)), cell)
    parts = numeric_parts(text)
    if parts is not None:
        if parts.first == parts.second:
            return _make(parts.year, parts.first, parts.first, cell)
        if order == "dmy":
            return _make(parts.year, parts.second, parts.first, cell)
        if order == "mdy":
            return _make(parts.year, parts.first, parts.second, cell)
        if parts.first > 12 >= parts.second:
            return _make(parts.year, parts.second, parts.first, cell)
        if parts.second > 12 >= parts.first:
            return _make(parts.year, parts.first, parts.second, cell)
        if parts.first > 12 and parts.second > 12:
            raise DateError(f"'{cell}' is not a real date")
        raise DateError(f"'{cell}' could be day/month or month/day: choose the date order")
    named = _NAMED.fullmatch(text)
    if named:
        day, word, year = (named.group(1), named.group(2), named.group(3)) if named.group(1) else (
            named.group(5), named.group(4), named.group(6))
        month = _month(word)
        if month is not None:
            return _make(int(year), month, int(day), cell)
    raise DateError(f"'{cell}' is not a date")


@dataclass(frozen=True, slots=True)
class OrderGuess:
    order: str | None  # "dmy" / "mdy" when the values tell; None when they do not
    ambiguous: bool  # some value reads two ways and nothing decides: ask the user
    example: str = ""  # a value that reads two ways, for the question


def guess_order(cells: Iterable[str]) -> OrderGuess:
    """What the file's numeric dates say about their order.

    A first number above 12 (31/12/2026) votes day-first; a second above 12 (12/31/2026)
    month-first; dots (31.12.2026) are a day-first convention. Votes both ways leave it to the
    user, as do values like 03/04/2026 with no vote at all.
    """
    day_first = month_first = False
    example = ""
    for cell in cells:
        parts = numeric_parts(cell)
        if parts is None or parts.first == parts.second:
            continue
        if parts.first > 12 or parts.separator == ".":
            day_first = True
        elif parts.second > 12:
            month_first = True
        elif not example:
            example = cell.strip()
    if day_first != month_first:
        return OrderGuess("dmy" if day_first else "mdy", False)
    if day_first and month_first:
        return OrderGuess(None, True, example or "both 31/12 and 12/31 forms")
    return OrderGuess(None, bool(example), example)
