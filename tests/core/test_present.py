"""Every rule of presentation, pinned at its edges: money, bands, labels, dates, plurals, countdowns."""

from datetime import date, timedelta

import pytest

from csplanner.core import enums, present
from csplanner.core.present import Band

D = date(2026, 11, 5)  # a Thursday


@pytest.mark.parametrize(("minor", "currency", "full"), [
    (120000, "HUF", "HUF 1,200"),  # HUF has 2 digits (CLDR), whatever the app once thought
    (120000, "JPY", "JPY 120,000"),  # no minor units
    (12000050, "USD", "USD 120,000.50"),
    (12000000, "USD", "USD 120,000"),  # whole amounts without decimals
    (1, "USD", "USD 0.01"),
    (1234567, "BHD", "BHD 1,234.567"),  # three digits
    (1000, "BHD", "BHD 1"),
    (5, "KWD", "KWD 0.005"),
    (0, "USD", "USD 0"),
    (-1250, "USD", "USD -12.50"),
    (-120000, "JPY", "JPY -120,000"),
])
def test_money_full_form(minor, currency, full):
    assert present.money(minor, currency) == full


def test_money_follows_the_locale_when_asked():
    assert present.money(12000050, "USD", locale="de_DE") == "USD 120.000,50"
    assert present.money(12000050, "USD", locale="en_US") == "USD 120,000.50"


@pytest.mark.parametrize(("minor", "currency", "compact"), [
    (5_900_000, "USD", "USD 59k"),
    (116_250_000, "USD", "USD 1.16M"),
    (100_000_000, "USD", "USD 1M"),
    (999_900, "USD", "USD 9,999"),  # below 10,000: the figure itself
    (1_000_000, "USD", "USD 10k"),
    (59_000, "JPY", "JPY 59k"),
    (120_000, "HUF", "HUF 1,200"),
    (0, "USD", "USD 0"),
    (-5_900_000, "USD", "USD -59k"),
])
def test_money_compact_form(minor, currency, compact):
    assert present.money_compact(minor, currency) == compact


@pytest.mark.parametrize(("currency", "digits"), [("JPY", 0), ("jpy", 0), ("HUF", 2), ("USD", 2), ("BHD", 3)])
def test_minor_digits_come_from_one_table(currency, digits):
    assert present.minor_digits(currency) == digits


@pytest.mark.parametrize(("text", "currency", "minor"), [
    ("120,000.50", "USD", 12000050),
    ("120000", "HUF", 12000000),
    ("1.234", "BHD", 1234),
    ("1.2345", "BHD", None),  # more decimals than the currency has
    ("1.5", "JPY", None),
    ("59k", "JPY", 59000),
    ("1.2m", "USD", 120000000),
    ("", "USD", 0),
    ("-5", "USD", None),
    ("abc", "USD", None),
    ("nan", "USD", None),
    ("inf", "USD", None),
])
def test_parse_money(text, currency, minor):
    assert present.parse_money(text, currency) == minor


@pytest.mark.parametrize("locale", ["en_GB", "en_US", "de_DE", "fr_FR", "de_CH"])
@pytest.mark.parametrize(("minor", "currency"), [(12000050, "USD"), (123456, "JPY"), (1234567, "BHD")])
def test_what_the_money_field_shows_reads_back(locale, minor, currency):
    shown = present.money_amount(minor, currency, locale)
    assert present.parse_money(shown, currency, locale) == minor


@pytest.mark.parametrize(("score", "band", "word"), [
    (0, Band.RED, "poor"), (49, Band.RED, "poor"), (49.9, Band.RED, "poor"), (50, Band.AMBER, "fair"),
    (74, Band.AMBER, "fair"), (75, Band.GREEN, "good"), (100, Band.GREEN, "good"),
])
def test_health_bands(score, band, word):
    assert present.band(score) == band and present.band_word(score) == word


@pytest.mark.parametrize(("percent", "band"), [(0, Band.RED), (49, Band.RED), (50, Band.AMBER), (79, Band.AMBER),
                                               (80, Band.GREEN), (100, Band.GREEN)])
def test_compliance_bands(percent, band):
    assert present.compliance_band(percent) == band


def test_value_labels_and_field_labels_are_kept_apart():
    assert present.value_label(enums.Phase.RENEWAL) == "Renewal"
    assert present.field_label("renewal") == "Renewal (race day)"
    assert present.value_label("exec_sponsor") == "Exec sponsor"
    assert present.value_label(enums.CheckInKind.QBR) == "QBR"
    assert present.value_label(enums.CheckInKind.ON_SITE) == "On-site"
    assert present.value_label(enums.Team.CSM) == "CSM"
    assert present.field_label("arr_minor") == "ARR"
    assert present.field_label("held_on") == "Date"
    assert present.field_label("success_criteria") == "Success criteria"
    assert present.run_legend(enums.RunType.MEDIUM) == "Medium · mid-term initiative"
    assert [present.sentiment_label(s) for s in (1, 0, -1, None)] == ["Positive", "Neutral", "Negative", ""]


@pytest.mark.parametrize("enum", [enums.Stage, enums.StakeholderRole, enums.StakeholderStatus, enums.NoteKind,
                                  enums.MilestoneStatus, enums.RunType, enums.Phase, enums.Team,
                                  enums.ObstacleKind, enums.Severity, enums.CheckInKind])
def test_every_enum_value_reads_as_words(enum):
    for member in enum:
        text = present.value_label(member)
        assert text and "_" not in text and text[0].isupper() and "(" not in text


@pytest.mark.parametrize(("n", "text"), [(0, "0 accounts"), (1, "1 account"), (2, "2 accounts")])
def test_plural(n, text):
    assert present.plural(n, "account") == text


def test_plural_irregular_and_more():
    assert present.plural(1, "party", "parties") == "1 party"
    assert present.plural(3, "party", "parties") == "3 parties"
    assert present.more(0, "account") == ""
    assert present.more(1, "account") == "+ 1 more account"  # never "1 more accounts"
    assert present.more(2, "account") == "+ 2 more accounts"


@pytest.mark.parametrize(("offset", "text"), [(-12, "12 days ago"), (-1, "1 day ago"), (0, "today"),
                                              (1, "in 1 day"), (34, "in 34 days")])
def test_countdown(offset, text):
    assert present.countdown(D + timedelta(days=offset), D) == text


def test_countdown_without_a_day_and_days_ago():
    assert present.countdown(None, D) == ""
    assert [present.days_ago(D - timedelta(days=n), D) for n in (0, 1, 2, -1)] == [
        "today", "1 day ago", "2 days ago", "in 1 day"]


@pytest.mark.parametrize(("offset", "text"), [
    (None, "No race day (renewal) set"), (-3, "Race day was 3 days ago"), (-1, "Race day was 1 day ago"),
    (0, "Race day is today"), (1, "Race day in 1 day"), (13, "Race day in 13 days"),
    (14, "Race day in 2 weeks (14 days)"), (147, "Race day in 21 weeks (147 days)"),
])
def test_race_countdown(offset, text):
    race = None if offset is None else D + timedelta(days=offset)
    assert present.race_countdown(race, D) == text


@pytest.mark.parametrize(("offset", "text"), [(None, "No race day set"), (-12, "Race day was 12 days ago"),
                                              (0, "Race day is today"), (1, "1 day"), (34, "34 days")])
def test_days_to_race(offset, text):
    race = None if offset is None else D + timedelta(days=offset)
    assert present.days_to_race(race, D) == text


def test_weeks_to_race():
    assert [present.weeks_to_race(n) for n in (0, 1, 21)] == ["Race week", "1 week to race day", "21 weeks to race day"]


def test_dates_in_the_default_locale():
    assert present.date_long(D) == "5 Nov 2026"
    assert present.date_short(D) == "5 Nov"
    assert present.date_full(D) == "Thursday, 5 November 2026"
    assert present.day_long(D) == "Thursday 5 November"
    assert present.day_short(D) == "Thu 5 Nov"
    assert present.weekday_short(D) == "Thu"
    assert present.date_long(None) == "" and present.date_long(None, "—") == "—"
    assert present.date_range(date(2026, 11, 23), date(2026, 11, 29)) == "23–29 Nov 2026"
    assert present.date_range(date(2026, 11, 30), date(2026, 12, 6)) == "30 Nov\u2009–\u20096 Dec 2026"  # thin spaces, as CLDR writes it
    assert present.date_range(date(2026, 12, 28), date(2027, 1, 3)) == "28 Dec 2026\u2009–\u20093 Jan 2027"


def test_iso_weeks_and_weekday_names():
    assert present.week_label(D) == "W45"
    assert present.iso_week(date(2027, 1, 1)) == "2026-W53"  # a Friday: still the last week of 2026
    assert present.iso_week(date(2026, 1, 1)) == "2026-W01"
    assert present.weekday_names(0) == ["Mon", "Tue", "Wed", "Thu", "Fri", "Sat", "Sun"]
    assert present.weekday_names(6)[:2] == ["Sun", "Mon"]


def test_dates_follow_the_chosen_locale():
    assert present.date_long(D, locale="en_US") == "Nov 5, 2026"
    present.use_locale("de_DE.UTF-8")
    assert present.date_long(D) == "5. Nov. 2026"
    assert present.money(12000050, "EUR") == "EUR 120.000,50"
    for unknown in ("C", "POSIX", "", None, "xx_YY"):
        present.use_locale(unknown)
        assert present.date_long(D) == "5 Nov 2026"


def test_one_line():
    assert present.one_line("  two\nlines  ") == "two lines"
    assert present.one_line("abcdef", 4) == "abc…" and present.one_line("abcd", 4) == "abcd"
