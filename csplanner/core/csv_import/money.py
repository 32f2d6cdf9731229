"""Money as CRM exports and spreadsheets write it: "$1,250,000.00", "12.500,00 €", "€ 12.500", "1.2M".

Pure functions: `parse_money` reads the amount (and the currency a symbol or code names),
`to_minor` turns it into integer minor units with the currency's own number of decimals.
"""

import re
from dataclasses import dataclass
from decimal import ROUND_HALF_UP, Decimal, InvalidOperation

from csplanner.core.present.money import minor_digits

__all__ = ["Money", "MoneyError", "minor_digits", "parse_money", "parse_number", "to_minor"]
# Longest first, so "US$" is not read as "$". "$" alone is taken as USD, the CRM default.
SYMBOLS: dict[str, str] = {
    "US$": "USD", "CA$": "CAD", "AU$": "AUD", "NZ$": "NZD", "HK$": "HKD", "R$": "BRL", "C$": "CAD",
    "A$": "AUD", "S$": "SGD", "$": "USD", "€": "EUR", "£": "GBP", "¥": "JPY", "₹": "INR", "₩": "KRW",
    "₪": "ILS", "₽": "RUB", "₺": "TRY", "zł": "PLN", "Kč": "CZK", "Fr.": "CHF",
}
MULTIPLIERS: dict[str, int] = {
    "k": 3, "thousand": 3, "m": 6, "mm": 6, "mn": 6, "mio": 6, "million": 6, "millions": 6,
    "b": 9, "bn": 9, "billion": 9, "billions": 9,
}
EMPTY = frozenset({"", "-", "–", "—", "n/a", "na", "none", "null"})
_SPACES = str.maketrans({"\u00a0": " ", "\u202f": " ", "\u2009": " "})
_NUMBER = re.compile(r"\d[\d.,' ]*")
_CODE = re.compile(r"[A-Za-z]{3}")


class MoneyError(ValueError):
    """The cell is not an amount of money we can read; str() says why, for the preview."""


@dataclass(frozen=True, slots=True)
class Money:
    amount: Decimal
    currency: str | None  # from a symbol or code in the cell; None when the cell names none


def _currency(marker: str, cell: str) -> str | None:
    if not marker:
        return None
    if marker in SYMBOLS:
        return SYMBOLS[marker]
    if _CODE.fullmatch(marker):
        return marker.upper()  # checked against ISO 4217 by the caller, which knows the column
    raise MoneyError(f"unreadable ARR '{cell}'")


def _split_suffix(after: str, cell: str) -> tuple[int, str | None]:
    """What follows the digits: a multiplier ("M", "k", "bn"), a currency, or both ("M €")."""
    if not after:
        return 0, None
    if after in SYMBOLS or _CODE.fullmatch(after):
        return 0, _currency(after, cell)
    head = re.match(r"[A-Za-z]+", after)
    if head and head.group().lower() in MULTIPLIERS:
        tail = after[head.end():].strip()
        return MULTIPLIERS[head.group().lower()], _currency(tail, cell)
    raise MoneyError(f"unreadable ARR '{cell}'")


def _grouped(groups: list[str]) -> bool:
    """Thousands groups: the first 1-3 digits, every later one exactly 3."""
    return 1 <= len(groups[0]) <= 3 and all(len(g) == 3 for g in groups[1:])


def parse_number(digits: str, *, scaled: bool, cell: str) -> Decimal:
    """A number with thousands and decimal separators of either convention.

    Both "." and ",": the last one is the decimal mark. One of them, several times: thousands.
    One of them once: decimal, unless exactly three digits follow (12.500 is twelve thousand
    five hundred) and no multiplier is attached (1.250M is 1.25 million).
    """
    digits = digits.replace(" ", "").replace("'", "")
    dots, commas = digits.count("."), digits.count(",")
    if dots and commas:
        decimal_mark = "." if digits.rfind(".") > digits.rfind(",") else ","
        thousands = "," if decimal_mark == "." else "."
        whole, _, fraction = digits.rpartition(decimal_mark)
        if fraction.count(thousands) or whole.count(decimal_mark) or not _grouped(whole.split(thousands)):
            raise MoneyError(f"unreadable ARR '{cell}'")
        number = whole.replace(thousands, "") + "." + fraction
    elif dots + commas == 0:
        number = digits
    else:
        mark = "." if dots else ","
        parts = digits.split(mark)
        if len(parts) > 2 or (len(parts[1]) == 3 and not scaled and len(parts[0]) <= 3):
            if not _grouped(parts):
                raise MoneyError(f"unreadable ARR '{cell}'")
            number = "".join(parts)
        else:
            number = parts[0] + "." + parts[1]
    try:
        return Decimal(number)
    except InvalidOperation:
        raise MoneyError(f"unreadable ARR '{cell}'") from None


def parse_money(cell: str) -> Money | None:
    """The amount in a cell, or None for an empty one ("", "-", "n/a"). Raises MoneyError."""
    text = " ".join(cell.translate(_SPACES).split())
    if text.lower() in EMPTY:
        return None
    found = _NUMBER.search(text)
    if found is None:
        raise MoneyError(f"unreadable ARR '{cell}'")
    number = found.group().rstrip(".,' ")
    # a separator trailing the digits ("1,250.") is punctuation, not part of what follows
    before, after = text[:found.start()].strip(), text[found.end():].strip()
    # a trailing minus ("1,000-") is how some ledgers write a credit
    if before.endswith(("-", "−")) or before.startswith(("-", "−", "(")) or after.endswith((")", "-", "−")):
        raise MoneyError(f"negative ARR '{cell}'")
    scale, after_currency = _split_suffix(after, cell)
    before_currency = _currency(before, cell)
    if before_currency and after_currency and before_currency != after_currency:
        raise MoneyError(f"unreadable ARR '{cell}' (two currencies)")
    amount = parse_number(number, scaled=scale > 0, cell=cell).scaleb(scale)
    return Money(amount, before_currency or after_currency)


def to_minor(amount: Decimal, currency: str) -> int:
    """The amount in minor units, rounded half up to the currency's decimals (present's CLDR digits)."""
    return int(amount.scaleb(minor_digits(currency)).quantize(Decimal(1), rounding=ROUND_HALF_UP))
