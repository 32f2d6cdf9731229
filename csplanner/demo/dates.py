"""Calendar arithmetic the demo needs: working days, contract years, quarters."""

from datetime import date, timedelta


def weekday(d: date, forward: bool = False) -> date:
    """The nearest working day: Saturday goes back to Friday (or on to Monday), Sunday to Monday."""
    wd = d.weekday()
    if wd == 5:
        return d + timedelta(days=2) if forward else d - timedelta(days=1)
    if wd == 6:
        return d + timedelta(days=1)
    return d


def years_before(d: date, years: int) -> date:
    try:
        return d.replace(year=d.year - years)
    except ValueError:  # 29 February
        return d.replace(year=d.year - years, day=28)


def quarter(d: date) -> str:
    return f"Q{(d.month - 1) // 3 + 1} {d.year}"
