"""Presentation rules at the edges test_present.py leaves: locale tags, every label users read,
compact money around its unit changes, signed day counts and long lines."""

from datetime import date

import pytest

from csplanner.core import enums, present
from csplanner.core.present import dates

D = date(2026, 11, 5)  # a Thursday


@pytest.mark.parametrize(("tag", "locale"), [
    (None, "en_GB"), ("", "en_GB"), ("C", "en_GB"), ("POSIX", "en_GB"), ("C.UTF-8", "en_GB"),
    ("en-US", "en_US"), ("de_DE.UTF-8", "de_DE"), ("de_DE@euro", "de_DE"), ("fr_FR.UTF-8@euro", "fr_FR"),
    ("xx_YY", "en_GB"), ("not a locale!", "en_GB"),
])
def test_locale_tags_as_systems_write_them(tag, locale):
    assert str(dates.locale_of(tag)) == locale
    assert present.date_long(D, locale=tag) == present.date_long(D, locale=locale)


def test_use_locale_changes_the_default_until_changed_back():
    try:
        assert str(present.use_locale("en-US")) == "en_US"
        assert str(dates.current_locale()) == "en_US"
        assert present.date_long(D) == "Nov 5, 2026"
        assert present.money(12000050, "USD") == "USD 120,000.50"
    finally:
        assert str(present.use_locale(None)) == "en_GB"
    assert present.date_long(D) == "5 Nov 2026"


def test_every_date_form_takes_a_locale():
    assert present.date_full(D, "en_GB") == "Thursday, 5 November 2026"
    assert present.day_long(D, "de_DE") == "Do., 5. November"
    assert present.day_short(D, "en_US") == "Thu, Nov 5"
    assert present.date_short(D, locale="en_US") == "Nov 5"
    assert present.date_short(None, "—") == "—" and present.date_short(None) == ""
    assert present.weekday_short(D, "de_DE") == "Do"
    assert present.weekday_names(3) == ["Thu", "Fri", "Sat", "Sun", "Mon", "Tue", "Wed"]
    assert present.weekday_names(0, "de_DE") == ["Mo", "Di", "Mi", "Do", "Fr", "Sa", "So"]
    assert present.date_range(date(2026, 11, 23), date(2026, 11, 29), "en_US") == "Nov 23\u2009\u2013\u200929, 2026"


def test_iso_week_labels_around_new_year():
    assert present.week_label(date(2027, 1, 1)) == "W53"
    assert present.week_label(date(2027, 1, 4)) == "W01"
    assert present.iso_week(date(2020, 12, 31)) == "2020-W53"
    assert present.iso_week(date(2021, 1, 4)) == "2021-W01"


@pytest.mark.parametrize(("minor", "compact"), [
    (99_999_900, "USD 1M"),  # $999,999 rounds to a million, not "1,000k"
    (99_950_000, "USD 1M"),
    (99_949_900, "USD 999k"),
    (123_456_789_00, "USD 123M"),
    (1_250_000_00, "USD 1.25M"),
    (999_949, "USD 9,999"),
    (-99_999_900, "USD -1M"),
])
def test_money_compact_keeps_three_figures_around_the_units(minor, compact):
    assert present.money_compact(minor, "USD") == compact


@pytest.mark.parametrize(("text", "currency", "locale", "minor"), [
    (" 1 200,50 ", "EUR", "fr_FR", 120050),
    ("1.200,5", "EUR", "de_DE", 120050),
    ("1'200", "CHF", "de_CH", 120000),
    ("12K", "USD", None, 1200000),
    ("0.5m", "JPY", None, 500000),
    ("1,5k", "USD", "de_DE", 150000),
    ("1_000", "USD", None, 100000),
    ("k", "USD", None, None),
    ("1.2.3", "USD", None, None),
])
def test_parse_money_reads_what_people_type(text, currency, locale, minor):
    assert present.parse_money(text, currency, locale) == minor


def test_signed_days_use_a_true_minus():
    assert [present.signed_days(n) for n in (-12, 0, 34)] == ["\u221212", "0", "34"]


def test_more_with_an_irregular_plural_and_nothing_negative():
    assert present.more(3, "party", "parties") == "+ 3 more parties"
    assert present.more(1, "party", "parties") == "+ 1 more party"
    assert present.more(-1, "run") == ""


def test_one_line_cuts_at_120_by_default():
    assert present.one_line("x" * 120) == "x" * 120
    assert present.one_line("x" * 121) == "x" * 119 + "…"
    assert present.one_line(" a \t b\n\nc ") == "a b c"


@pytest.mark.parametrize(("name", "label"), [
    ("next_steps", "Next steps"), ("goal", "Goal"), ("arr_minor", "ARR"), ("arr_start_minor", "ARR at start"),
    ("arr_result_minor", "ARR at the result"), ("new_arr_minor", "New ARR"), ("contract_signed", "Contract signed"),
    ("planned_on", "Planned on"), ("done_on", "Done on"), ("opened_on", "Opened on"), ("resolved_on", "Resolved on"),
    ("held_on", "Date"), ("noted_on", "Date"), ("left_on", "Left on"), ("renewal", "Renewal (race day)"),
    ("run_type", "Run type"), ("success_criteria", "Success criteria"), ("exec_sponsor", "Exec sponsor"),
])
def test_field_labels(name, label):
    assert present.field_label(name) == label


@pytest.mark.parametrize(("value", "label"), [
    ("qbr", "QBR"), ("on_site", "On-site"), ("csm", "CSM"), ("no_value", "Did not see the value"),
    ("acquired", "Acquired or closed"), ("customer", "The customer"), ("exec_turnover", "Exec turnover"),
    ("renewal", "Renewal"), (enums.Phase.RENEWAL, "Renewal"),
])
def test_value_labels(value, label):
    assert present.value_label(value) == label


def test_run_legends_and_sentiments():
    assert [present.run_legend(r) for r in enums.RunType] == [
        "Sprint · quick win", "Medium · mid-term initiative", "Long · long-term change", "Race · renewal"]
    assert present.run_legend("long") == "Long · long-term change"
    assert present.sentiment_label(2) == ""
