"""Counts and countdowns in words: '1 account', '+ 3 more runs', 'in 34 days', 'Race week'."""

from datetime import date


def plural(n: int, word: str, words: str | None = None) -> str:
    """'1 account', '0 accounts', '2 accounts'; `words` for an irregular plural ('1 party', '3 parties')."""
    return f"{n} {word if n == 1 else words or word + 's'}"


def more(hidden: int, word: str, words: str | None = None) -> str:
    """'+ 1 more run', '+ 8 more runs'; nothing hidden: ''."""
    return f"+ {hidden} more {word if hidden == 1 else words or word + 's'}" if hidden > 0 else ""


def signed_days(n: int) -> str:
    """A day count for a column of numbers: '34', '−12' (a true minus sign, as wide as a digit)."""
    return str(n).replace("-", "−")


def countdown(day: date | None, today: date) -> str:
    """'in 34 days', 'in 1 day', 'today', '1 day ago', '12 days ago'; no day: ''."""
    if day is None:
        return ""
    n = (day - today).days
    if n == 0:
        return "today"
    return f"in {plural(n, 'day')}" if n > 0 else f"{plural(-n, 'day')} ago"


def days_ago(day: date, today: date) -> str:
    """'today', '1 day ago', '12 days ago': how long something has been so."""
    n = (today - day).days
    return "today" if n == 0 else f"{plural(n, 'day')} ago" if n > 0 else f"in {plural(-n, 'day')}"


def race_countdown(race_day: date | None, today: date | None) -> str:
    """'Race day in 21 weeks (147 days)', 'Race day in 5 days', 'Race day is today', 'Race day was 3 days ago'."""
    if race_day is None or today is None:
        return "No race day (renewal) set"
    days = (race_day - today).days
    if days == 0:
        return "Race day is today"
    if days < 0:
        return f"Race day was {plural(-days, 'day')} ago"
    if days < 14:
        return f"Race day in {plural(days, 'day')}"
    return f"Race day in {days // 7} weeks ({days} days)"


def weeks_to_race(weeks: int) -> str:
    """'Race week', '1 week to race day', '21 weeks to race day'."""
    return "Race week" if weeks == 0 else f"{plural(weeks, 'week')} to race day"


def one_line(text: str, limit: int = 120) -> str:
    """User text on one line, cut with an ellipsis past `limit` characters."""
    flat = " ".join(text.split())
    return flat if len(flat) <= limit else flat[: limit - 1] + "…"


def days_to_race(race_day: date | None, today: date) -> str:
    """The overview's countdown: '34 days', '1 day', 'Race day is today', 'Race day was 12 days ago'."""
    if race_day is None:
        return "No race day set"
    n = (race_day - today).days
    if n < 0:
        return f"Race day was {countdown(race_day, today)}"
    return plural(n, "day") if n else "Race day is today"
