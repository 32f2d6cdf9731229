"""Dates as the user's locale writes them ('25 Nov 2026' in en_GB, 'Nov 25, 2026' in en_US).

The locale is chosen once at the boundary (the app or the command line reads the user's
setting and calls `use_locale`); every function also takes an explicit `locale`.
Formatting is cached: the calendar and the lists ask for the same few hundred days again and again.
"""

from datetime import date, timedelta
from functools import lru_cache

from babel import Locale, UnknownLocaleError
from babel.dates import format_interval, format_skeleton

DEFAULT_LOCALE = "en_GB"  # day month year, the house style when the user's locale is unknown ("C")
_current = Locale.parse(DEFAULT_LOCALE)


def use_locale(tag: str | None) -> Locale:
    """Format for `tag` ('de_DE', 'en-US', 'C'…) from now on; None, 'C' or unknown: the default."""
    global _current
    _current = locale_of(tag)
    return _current


def current_locale() -> Locale:
    return _current


def locale_of(tag: str | Locale | None) -> Locale:
    """The locale a system's tag names ('de_DE.UTF-8@euro' -> de_DE); unknown, C or POSIX: en_GB."""
    if isinstance(tag, Locale):
        return tag
    name = (tag or "").split(".")[0].split("@")[0].replace("-", "_")
    if name in ("", "C", "POSIX"):
        return Locale.parse(DEFAULT_LOCALE)
    try:
        return Locale.parse(name)
    except (ValueError, UnknownLocaleError):
        return Locale.parse(DEFAULT_LOCALE)


Loc = str | Locale | None


@lru_cache(maxsize=8192)
def _skeleton(day: date, skeleton: str, locale: Locale) -> str:
    return format_skeleton(skeleton, day, locale=locale)


def _fmt(day: date, skeleton: str, locale: Loc) -> str:
    return _skeleton(day, skeleton, _current if locale is None else locale_of(locale))


def date_long(day: date | None, none: str = "", locale: Loc = None) -> str:
    """'25 Nov 2026': a date with its year."""
    return _fmt(day, "yMMMd", locale) if day else none


def date_full(day: date, locale: Loc = None) -> str:
    """'Wednesday 25 November 2026': a single day named in full (tooltips, menus)."""
    return _fmt(day, "yMMMMEEEEd", locale)


def date_short(day: date | None, none: str = "", locale: Loc = None) -> str:
    """'25 Nov': a date near enough that the year goes without saying."""
    return _fmt(day, "MMMd", locale) if day else none


def day_long(day: date, locale: Loc = None) -> str:
    """'Wednesday 25 November'."""
    return _fmt(day, "MMMMEEEEd", locale)


def day_short(day: date, locale: Loc = None) -> str:
    """'Wed 25 Nov'."""
    return _fmt(day, "MMMEd", locale)


def weekday_short(day: date, locale: Loc = None) -> str:
    """'Wed': a column head."""
    return _fmt(day, "EEE", locale)


def weekday_names(first_weekday: int = 0, locale: Loc = None) -> list[str]:
    """The seven short day names from `first_weekday` (0 = Monday): a calendar's column heads."""
    monday = date(2024, 1, 1)
    return [weekday_short(monday + timedelta(days=(first_weekday + i) % 7), locale) for i in range(7)]


def date_range(start: date, end: date, locale: Loc = None) -> str:
    """'23–29 Nov 2026', '30 Nov – 6 Dec 2026': the year and the month written once where shared."""
    loc = _current if locale is None else locale_of(locale)
    return format_interval(start, end, "yMMMd", locale=loc)


def week_label(day: date) -> str:
    """'W48': the ISO week number of `day`."""
    return f"W{day.isocalendar()[1]:02d}"


def iso_week(day: date) -> str:
    """'2026-W48': the ISO week of `day`, as typed on the command line."""
    iso = day.isocalendar()
    return f"{iso[0]}-W{iso[1]:02d}"
