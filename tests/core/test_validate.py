"""The shared field checks: what passes, what is cleaned up, and the exact message a form shows."""

from datetime import UTC, date, datetime, timedelta, timezone

import pytest

from csplanner.core import validate as v
from csplanner.core.enums import MilestoneStatus, Severity
from csplanner.core.errors import DomainError


def refused(call, *args, **kwargs) -> DomainError:
    with pytest.raises(DomainError) as info:
        call(*args, **kwargs)
    return info.value


def test_text_is_trimmed_and_none_is_empty():
    assert v.text("  Close the books  ", "goal") == "Close the books"
    assert v.text(None, "goal") == ""
    assert v.text("", "goal") == ""


def test_text_that_is_not_a_string_is_refused_with_the_field_named():
    err = refused(v.text, 5, "title")
    assert (err.message, err.field) == ("Title must be text.", "title")


@pytest.mark.parametrize("value", [None, "", "   "])
def test_required_text_refuses_nothing_and_blanks(value):
    err = refused(v.text, value, "title", required=True)
    assert (err.message, err.field) == ("Title is required.", "title")


def test_required_text_keeps_a_value():
    assert v.text(" QBR ", "title", required=True) == "QBR"


def test_text_length_limit_counts_after_trimming():
    assert v.text("x" * 200, "title", max_len=200) == "x" * 200
    assert v.text(" " + "x" * 200 + " ", "title", max_len=200) == "x" * 200
    err = refused(v.text, "x" * 201, "title", max_len=200)
    assert (err.message, err.field) == ("Title is too long (201 characters; at most 200).", "title")


def test_default_text_limit_is_a_hundred_thousand_characters():
    assert len(v.text("y" * 100_000, "notes")) == 100_000
    err = refused(v.text, "y" * 100_001, "notes")
    assert err.message == "Notes is too long (100001 characters; at most 100000)."


def test_a_date_accepts_dates_datetimes_and_iso_text():
    assert v.a_date(date(2026, 1, 5), "planned_on") == date(2026, 1, 5)
    moment = v.a_date(datetime(2026, 1, 5, 23, 59), "planned_on")
    assert moment == date(2026, 1, 5) and type(moment) is date  # the time of day is dropped
    assert v.a_date(" 2026-01-05 ", "planned_on") == date(2026, 1, 5)
    assert v.a_date(None, "planned_on") is None
    assert v.a_date("", "planned_on") is None


@pytest.mark.parametrize("value", [None, ""])
def test_a_required_date_refuses_nothing(value):
    err = refused(v.a_date, value, "planned_on", required=True)
    assert (err.message, err.field) == ("Planned on is required.", "planned_on")


@pytest.mark.parametrize(("value", "shown"), [("2026-13-01", "2026-13-01"), ("next week", "next week"), (20260105, "20260105")])
def test_a_date_that_is_not_one_says_how_to_write_it(value, shown):
    err = refused(v.a_date, value, "planned_on")
    assert err.message == f"Planned on: '{shown}' is not a valid date (use YYYY-MM-DD)."
    assert err.field == "planned_on"


def test_an_enum_takes_values_and_lists_the_choices_when_wrong():
    assert v.an_enum("done", MilestoneStatus, "status") is MilestoneStatus.DONE
    assert v.an_enum(Severity.HIGH, Severity, "severity") is Severity.HIGH
    err = refused(v.an_enum, "jog", MilestoneStatus, "status")
    assert (err.message, err.field) == ("Status must be one of: Planned, Done, Missed, Skipped.", "status")
    assert refused(v.an_enum, None, Severity, "severity").message == (
        "Severity must be one of: Low, Medium, High, Critical.")


def test_currency_is_an_upper_case_iso_code():
    assert v.currency(" eur ") == "EUR"
    assert v.currency("usd") == "USD"


@pytest.mark.parametrize("code", ["XYZ", "US", "ABCD", "EURO"])
def test_an_unknown_currency_is_refused(code):
    err = refused(v.currency, code)
    assert err.message == f"'{code}' is not an ISO 4217 currency code (for example USD, EUR, GBP)."
    assert err.field == "currency"


def test_currency_is_required():
    err = refused(v.currency, "  ")
    assert (err.message, err.field) == ("Currency is required.", "currency")


def test_money_is_whole_minor_units_from_zero_to_a_quadrillion():
    assert v.money_minor(0, "arr_minor") == 0
    assert v.money_minor(10**15, "arr_minor") == 10**15
    assert v.money_minor(1, "arr_minor") == 1


@pytest.mark.parametrize(("value", "message"), [
    (True, "ARR must be a whole number of minor units (cents)."),
    (False, "ARR must be a whole number of minor units (cents)."),
    (12.5, "ARR must be a whole number of minor units (cents)."),
    ("100", "ARR must be a whole number of minor units (cents)."),
    (-1, "ARR cannot be negative."),
    (10**15 + 1, "ARR is unrealistically large."),
])
def test_money_refusals(value, message):
    err = refused(v.money_minor, value, "arr_minor")
    assert (err.message, err.field) == (message, "arr_minor")


@pytest.mark.parametrize(("value", "kept"), [
    ("ana@example.com", "ana@example.com"),
    ("  ana.lopez+cs@mail.example.co.uk ", "ana.lopez+cs@mail.example.co.uk"),
    ("a@b.c", "a@b.c"),
    ("", ""),
    (None, ""),
])
def test_email_accepts_addresses_and_nothing(value, kept):
    assert v.email(value) == kept


@pytest.mark.parametrize("value", [
    "ana", "ana@example", "@example.com", "ana@.com", "ana@example.", "ana@@example.com",
    "ana lopez@example.com", "ana@exa mple.com", "<ana@example.com>", "ana@example.com>", "Ana <ana@example.com>",
    "ana@example.com\nbob@example.com",
])
def test_email_refuses_what_is_not_one_address(value):
    err = refused(v.email, value)
    assert (err.message, err.field) == (f"'{value.strip()}' is not a valid email address.", "email")


def test_email_length_limit_is_320():
    local = "a" * 64
    domain = "b" * (320 - 64 - 1 - 4) + ".com"
    address = f"{local}@{domain}"
    assert len(address) == 320 and v.email(address) == address
    err = refused(v.email, "a" + address)
    assert err.message == "Email is too long (321 characters; at most 320)."
    assert err.field == "email"


def test_not_before_allows_the_same_day_unless_strictly():
    day = date(2026, 2, 1)
    v.not_before(day, day, "renewal", "contract_signed")
    v.not_before(date(2026, 2, 2), day, "renewal", "contract_signed", strictly=True)
    v.not_before(None, day, "renewal", "contract_signed", strictly=True)
    v.not_before(day, None, "renewal", "contract_signed", strictly=True)
    err = refused(v.not_before, day, day, "renewal", "contract_signed", strictly=True)
    assert err.message == "Renewal (race day) (2026-02-01) must be after contract signed (2026-02-01)."
    assert err.field == "renewal"


def test_not_before_names_both_dates_when_the_later_one_is_earlier():
    err = refused(v.not_before, date(2026, 1, 31), date(2026, 2, 1), "renewal", "contract_signed")
    assert err.message == "Renewal (race day) (2026-01-31) must be on or after contract signed (2026-02-01)."
    assert err.field == "renewal"


# --- record ids and stored time stamps (an undo's restore and a JSON import hand them back) -----


@pytest.mark.parametrize("value", [1, 2, 2**63 - 1])
def test_a_record_id_is_a_whole_number_from_1_to_sqlites_largest(value):
    assert v.is_id(value) is True
    assert v.an_id(value, "milestones") == value


@pytest.mark.parametrize("value", [0, -1, 2**63, True, False, 1.0, "1", None])
def test_what_is_not_a_record_id_is_refused_with_the_field_named(value):
    assert v.is_id(value) is False
    error = refused(v.an_id, value, "account_id")
    assert error.message == f"Account id: {str(value)!r} is not a record id." and error.field == "account_id"


def test_a_record_ids_message_shows_the_first_40_characters_and_names_id_by_default():
    error = refused(v.an_id, "7" * 50)
    assert error.message == f"Id: '{'7' * 40}' is not a record id." and error.field == "id"


@pytest.mark.parametrize("value", [
    datetime(1900, 1, 1, 0, 0, tzinfo=UTC), datetime(2200, 12, 31, 23, 59, tzinfo=UTC),
    datetime(2026, 11, 25, 9, 30, tzinfo=timezone(timedelta(hours=-5))),
])
def test_a_time_stamp_with_its_zone_in_the_supported_range_is_kept(value):
    assert v.a_timestamp(value, "created_at") is value


@pytest.mark.parametrize("value", [
    datetime(2026, 11, 25, 9, 30),  # no time zone
    date(2026, 11, 25), "2026-11-25T09:30:00+00:00", None,
    datetime(1899, 12, 31, 23, 59, tzinfo=UTC), datetime(2201, 1, 1, 0, 0, tzinfo=UTC),
])
def test_a_time_stamp_without_a_zone_or_out_of_range_is_refused(value):
    error = refused(v.a_timestamp, value, "updated_at")
    assert error.message == "Updated at must be a date and time with its time zone, in the supported range."
    assert error.field == "updated_at"


@pytest.mark.parametrize("value", [True, False])
def test_yes_or_no_is_true_or_false_only(value):
    assert v.a_bool(value, "archived") is value


@pytest.mark.parametrize("value", ["false", 0, 1, None])
def test_yes_or_no_refuses_text_and_numbers_with_the_field_named(value):
    error = refused(v.a_bool, value, "archived")
    assert error.message == "Archived must be yes or no (True or False)." and error.field == "archived"


def test_a_date_keeps_the_first_and_last_supported_days_and_refuses_the_days_beyond():
    assert v.a_date(date(1900, 1, 1), "renewal") == date(1900, 1, 1)
    assert v.a_date("2200-12-31", "renewal") == date(2200, 12, 31)
    assert refused(v.a_date, date(1899, 12, 31), "kickoff").message == \
        "Kickoff must be between 1900 and 2200, not 1899-12-31."
    late = refused(v.a_date, "2201-01-01", "renewal")
    assert (late.message, late.field) == ("Renewal (race day) must be between 1900 and 2200, not 2201-01-01.", "renewal")


def test_a_date_that_is_not_one_is_quoted_up_to_40_characters():
    err = refused(v.a_date, "x" * 41, "planned_on")
    assert err.message == f"Planned on: '{'x' * 40}' is not a valid date (use YYYY-MM-DD)."


def test_text_with_a_nul_or_a_broken_character_is_refused_with_the_field_named():
    err = refused(v.text, "a\x00b", "goal")
    assert (err.message, err.field) == ("Goal contains a NUL character; remove it.", "goal")
    err = refused(v.text, "a\ud800b", "goal")
    assert (err.message, err.field) == ("Goal contains a broken character (an unpaired surrogate).", "goal")
    assert v.text("a\x01b", "goal") == "a\x01b"  # other control characters are kept
