"""Small checks shared by the services; each raises DomainError naming the field."""

import re
from datetime import date, datetime
from enum import StrEnum
from typing import TypeVar

import pycountry

from csplanner.core.present.labels import field_label as label, value_label
from csplanner.core.errors import DomainError

E = TypeVar("E", bound=StrEnum)
EMAIL = re.compile(r"^[^@\s<>]+@[^@\s<>]+\.[^@\s<>]+$")
MAX_TEXT = 100_000  # long notes are fine; a pasted novel is not
# The supported date range: every screen and export can draw it (year 9999 overflowed them).
FIRST_DAY = date(1900, 1, 1)
LAST_DAY = date(2200, 12, 31)
MAX_ID = 2**63 - 1  # SQLite's largest integer


def text(value: object, field: str, *, required: bool = False, max_len: int = MAX_TEXT) -> str:
    if value is None:
        value = ""
    if not isinstance(value, str):
        raise DomainError(f"{label(field)} must be text.", field)
    if "\x00" in value:
        raise DomainError(f"{label(field)} contains a NUL character; remove it.", field)
    try:
        value.encode("utf-8")
    except UnicodeEncodeError:  # a lone surrogate, e.g. half of a broken emoji
        raise DomainError(f"{label(field)} contains a broken character (an unpaired surrogate).", field) from None
    value = value.strip()
    if required and not value:
        raise DomainError(f"{label(field)} is required.", field)
    if len(value) > max_len:
        raise DomainError(f"{label(field)} is too long ({len(value)} characters; at most {max_len}).", field)
    return value


def a_date(value: object, field: str, *, required: bool = False) -> date | None:
    if value is None or value == "":
        if required:
            raise DomainError(f"{label(field)} is required.", field)
        return None
    day: date | None = None
    if isinstance(value, datetime):
        day = value.date()
    elif isinstance(value, date):
        day = value
    elif isinstance(value, str) and value.isascii():
        try:
            day = date.fromisoformat(value.strip())
        except ValueError:
            pass
    if day is None:
        raise DomainError(f"{label(field)}: '{str(value)[:40]}' is not a valid date (use YYYY-MM-DD).", field)
    if not FIRST_DAY <= day <= LAST_DAY:
        raise DomainError(f"{label(field)} must be between {FIRST_DAY.year} and {LAST_DAY.year}, not {day.isoformat()}.", field)
    return day


def a_bool(value: object, field: str) -> bool:
    """True or False only: the text "false" is not False."""
    if not isinstance(value, bool):
        raise DomainError(f"{label(field)} must be yes or no (True or False).", field)
    return value


def is_id(value: object) -> bool:
    return not isinstance(value, bool) and isinstance(value, int) and 1 <= value <= MAX_ID


def an_id(value: object, field: str = "id") -> int:
    """A record id: a whole number from 1 up to SQLite's largest (True is not 1)."""
    if not is_id(value):
        raise DomainError(f"{label(field)}: {str(value)[:40]!r} is not a record id.", field)
    return value


def a_timestamp(value: object, field: str) -> datetime:
    if not isinstance(value, datetime) or value.utcoffset() is None or not FIRST_DAY <= value.date() <= LAST_DAY:
        raise DomainError(f"{label(field)} must be a date and time with its time zone, in the supported range.", field)
    return value


def an_enum(value: object, enum: type[E], field: str) -> E:
    try:
        return enum(value)
    except (ValueError, TypeError):
        choices = ", ".join(value_label(m.value) for m in enum)
        raise DomainError(f"{label(field)} must be one of: {choices}.", field) from None


def currency(value: object) -> str:
    code = text(value, "currency", required=True).upper()
    if len(code) != 3 or pycountry.currencies.get(alpha_3=code) is None:
        raise DomainError(f"'{code}' is not an ISO 4217 currency code (for example USD, EUR, GBP).", "currency")
    return code


def money_minor(value: object, field: str) -> int:
    if isinstance(value, bool) or not isinstance(value, int):
        raise DomainError(f"{label(field)} must be a whole number of minor units (cents).", field)
    if value < 0:
        raise DomainError(f"{label(field)} cannot be negative.", field)
    if value > 10**15:
        raise DomainError(f"{label(field)} is unrealistically large.", field)
    return value


def email(value: object) -> str:
    value = text(value, "email", max_len=320)
    if value and not EMAIL.match(value):
        raise DomainError(f"'{value}' is not a valid email address.", "email")
    return value


def not_before(later: date | None, earlier: date | None, later_field: str, earlier_field: str, *, strictly: bool = False) -> None:
    if later is None or earlier is None:
        return
    if later < earlier or (strictly and later == earlier):
        word = "after" if strictly else "on or after"
        raise DomainError(
            f"{label(later_field)} ({later.isoformat()}) must be {word} {label(earlier_field).lower()} ({earlier.isoformat()}).",
            later_field,
        )
