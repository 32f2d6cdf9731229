"""Every rule of presentation in one place: money, health bands, labels, dates, plurals, countdowns.

Qt-free, used by both the app (ui) and the PDFs (export), so the screen and the paper print
the same text. Dates and numbers follow one locale, chosen once at the boundary
(`use_locale`, from the user's settings); core itself never reads the environment or the clock.
"""

from csplanner.core.present.bands import BAND_FROM, COMPLIANCE_FROM, Band, band, band_word, compliance_band
from csplanner.core.present.dates import (
    date_full,
    date_long,
    date_range,
    date_short,
    day_long,
    day_short,
    iso_week,
    use_locale,
    week_label,
    weekday_names,
    weekday_short,
)
from csplanner.core.present.labels import (
    FIELD_LABELS,
    RUN_MEANINGS,
    SENTIMENTS,
    STATUS_MARKS,
    VALUE_LABELS,
    field_label,
    hurt_label,
    run_legend,
    sentiment_label,
    status_mark,
    value_label,
)
from csplanner.core.present.money import minor_digits, money, money_amount, money_compact, parse_money
from csplanner.core.present.text import (
    countdown,
    days_ago,
    days_to_race,
    more,
    one_line,
    plural,
    race_countdown,
    signed_days,
    weeks_to_race,
)

__all__ = [
    "BAND_FROM", "COMPLIANCE_FROM", "Band", "band", "band_word", "compliance_band",
    "date_full", "date_long", "date_range", "date_short", "day_long", "day_short", "iso_week", "use_locale", "week_label",
    "weekday_names", "weekday_short",
    "FIELD_LABELS", "RUN_MEANINGS", "SENTIMENTS", "STATUS_MARKS", "VALUE_LABELS", "field_label",
    "hurt_label", "run_legend", "sentiment_label",
    "status_mark", "value_label",
    "minor_digits", "money", "money_amount", "money_compact", "parse_money",
    "countdown", "days_ago", "days_to_race", "more", "one_line", "plural", "race_countdown", "signed_days", "weeks_to_race",
]
