"""ARR as people type and read it: '120,000.50' <-> 12000050 minor units."""

import re
from decimal import Decimal, InvalidOperation

# Currencies without minor units (ISO 4217 exponent 0): one minor unit is one yen, won, ...
ZERO_DECIMAL = {"JPY", "KRW", "VND", "CLP", "ISK", "HUF", "XOF", "XAF", "UGX", "PYG"}


def exponent(currency: str) -> int:
    return 0 if currency.upper() in ZERO_DECIMAL else 2


def format_amount(minor: int, currency: str) -> str:
    """12000050, 'USD' -> '120,000.50'; whole amounts without decimals."""
    if exponent(currency) == 0:
        return f"{minor:,}"
    whole, cents = divmod(minor, 100)
    return f"{whole:,}" if cents == 0 else f"{whole:,}.{cents:02d}"


def format_money(minor: int, currency: str) -> str:
    return f"{currency} {format_amount(minor, currency)}"


def parse_amount(text: str, currency: str) -> int | None:
    """'120,000.50' -> 12000050; '' -> 0; None when it is not an amount. 'k' and 'm' suffixes allowed."""
    cleaned = re.sub(r"[\s,_']", "", text.strip().lower())
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
    minor = amount * (10 ** exponent(currency))
    if amount < 0 or minor != minor.to_integral_value():
        return None
    return int(minor)
