"""Money as people read and type it; amounts are integer minor units of an ISO 4217 currency.

How many minor units a currency has comes from one source, the Unicode CLDR data shipped
with Babel (JPY 0, USD 2, BHD 3…), for the screen, the PDF and the input field alike.
"""

import re
from decimal import Decimal, InvalidOperation
from functools import lru_cache

from babel.numbers import format_decimal, get_currency_precision, get_decimal_symbol, get_group_symbol

from csplanner.core.present.dates import Loc, current_locale, locale_of


@lru_cache(maxsize=512)
def minor_digits(currency: str) -> int:
    """Digits after the decimal point: 'JPY' -> 0, 'USD' -> 2, 'BHD' -> 3 (unknown codes: 2)."""
    return get_currency_precision(currency.upper())


def _number(value: Decimal, decimals: int, locale: Loc) -> str:
    loc = current_locale() if locale is None else locale_of(locale)
    pattern = "#,##0" + ("." + "0" * decimals if decimals else "")
    return format_decimal(value, pattern, locale=loc, decimal_quantization=True)


def money_amount(minor: int, currency: str, locale: Loc = None) -> str:
    """12000050 USD -> '120,000.50'; whole amounts without decimals ('120,000')."""
    digits = minor_digits(currency)
    shown = digits if minor % (10 ** digits) else 0
    return _number(Decimal(minor).scaleb(-digits), shown, locale)


def money(minor: int, currency: str, locale: Loc = None) -> str:
    """The exact figure: 'USD 120,000.50', 'JPY 1,250,000'."""
    return f"{currency} {money_amount(minor, currency, locale)}"


def money_compact(minor: int, currency: str, locale: Loc = None) -> str:
    """'USD 59k', 'USD 1.16M': a list column stays narrow (three significant figures at most)."""
    whole = Decimal(abs(minor)).scaleb(-minor_digits(currency))
    sign = "-" if minor < 0 else ""
    thousands = (whole / 1000).quantize(Decimal(1))
    if thousands >= 1000:  # 999,999 rounds up to 1M, not "1,000k"
        millions = Decimal(f"{whole / 1_000_000:.3g}")
        digits = max(0, -millions.normalize().as_tuple().exponent)  # type: ignore[operator]
        return f"{currency} {sign}{_number(millions, digits, locale)}M"
    if whole >= 10_000:
        return f"{currency} {sign}{_number(thousands, 0, locale)}k"
    return f"{currency} {sign}{_number(whole.quantize(Decimal(1)), 0, locale)}"


def parse_money(text: str, currency: str, locale: Loc = None) -> int | None:
    """What the user typed -> minor units: '120,000.50' -> 12000050, '' -> 0, '59k', '1.2m'.

    Read as the locale writes numbers, so what `money_amount` shows reads back ('120.000,50' in de_DE).
    None when it is not an amount: a negative figure, text, or more decimals than the currency has.
    """
    loc = current_locale() if locale is None else locale_of(locale)
    group, point = get_group_symbol(loc), get_decimal_symbol(loc)
    cleaned = re.sub(r"[\s_'\u2019]", "", text.strip().lower())  # \s covers the no-break spaces
    cleaned = cleaned.replace(group, "").replace(point, ".")
    if not cleaned:
        return 0
    factor = 1
    if cleaned[-1] in "km":
        factor = 1000 if cleaned[-1] == "k" else 1_000_000
        cleaned = cleaned[:-1]
    try:
        amount = Decimal(cleaned) * factor
    except InvalidOperation:
        return None
    if not amount.is_finite():
        return None
    minor = amount.scaleb(minor_digits(currency))
    if amount < 0 or minor != minor.to_integral_value():
        return None
    return int(minor)
