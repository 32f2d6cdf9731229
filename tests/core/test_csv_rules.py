"""CSV import rules at their edges: which numbers decide a date's order, which cells read as a
negative amount, the longest name and text a row may hold, and the exact sentences a preview shows."""

import codecs
import csv
from datetime import date
from decimal import Decimal

import pytest

from csplanner.core.csv_import.dates import DateError, OrderGuess, guess_order, parse_date
from csplanner.core.csv_import.headers import FIELDS, apply_overrides, parse_map_option
from csplanner.core.csv_import.money import Money, MoneyError, parse_money, parse_number
from csplanner.core.csv_import.reading import decode, read_table, sniff_delimiter
from csplanner.core.csv_import.rows import finish, read_row
from csplanner.core.enums import StakeholderRole
from csplanner.core.errors import DomainError

# --- dates: day or month first -----------------------------------------------------------------


@pytest.mark.parametrize(("cell", "day"), [
    ("13/05/2026", date(2026, 5, 13)),  # 13 cannot be a month: day first
    ("05/13/2026", date(2026, 5, 13)),  # month first
    ("12/13/2026", date(2026, 12, 13)),
    ("13/12/2026", date(2026, 12, 13)),
    ("07/07/2026", date(2026, 7, 7)),  # the same both ways
    ("31/12/0100", date(100, 12, 31)),  # a four-digit year is taken as written
    ("31/12/99", date(2099, 12, 31)),  # two digits: this century
    ("31/12/00", date(2000, 12, 31)),
])
def test_numeric_dates_whose_numbers_tell_the_order(cell, day):
    assert parse_date(cell, None) == day


@pytest.mark.parametrize(("cell", "message"), [
    ("12/05/2026", "'12/05/2026' could be day/month or month/day: choose the date order"),  # 12 is a month too
    ("05/12/2026", "'05/12/2026' could be day/month or month/day: choose the date order"),
    ("13/14/2026", "'13/14/2026' is not a real date"),  # neither number is a month
    ("14/13/2026", "'14/13/2026' is not a real date"),
    ("31/02/2026", "'31/02/2026' is not a real date"),  # day first, but February has no 31st
    ("02/31/2026", "'02/31/2026' is not a real date"),
    ("123/12/2026", "'123/12/2026' is not a date"),  # three digits are neither a day nor a month
    ("12/12/123", "'12/12/123' is not a date"),
])
def test_numeric_dates_that_cannot_be_read_say_why(cell, message):
    with pytest.raises(DateError) as info:
        parse_date(cell, None)
    assert str(info.value) == message


def test_a_chosen_order_reads_the_numbers_as_told():
    assert parse_date("05/12/2026", "dmy") == date(2026, 12, 5)
    assert parse_date("05/12/2026", "mdy") == date(2026, 5, 12)
    assert parse_date("5 Dec 2026", "mdy") == date(2026, 12, 5)


@pytest.mark.parametrize(("cells", "guess"), [
    (["05/12/2026"], OrderGuess(None, True, "05/12/2026")),  # 12 votes for nothing
    ([" 05/12/2026 ", "06/11/2026"], OrderGuess(None, True, "05/12/2026")),  # the first example is shown
    (["05/13/2026"], OrderGuess("mdy", False)),
    (["13/05/2026"], OrderGuess("dmy", False)),
    (["05.04.2026"], OrderGuess("dmy", False)),  # dots are a day-first convention
    (["13/05/2026", "05/13/2026"], OrderGuess(None, True, "both 31/12 and 12/31 forms")),
    (["13/05/2026", "05/13/2026", "03/04/2026"], OrderGuess(None, True, "03/04/2026")),
    (["07/07/2026", "2026-01-02", ""], OrderGuess(None, False, "")),
])
def test_guessing_the_order_from_the_files_dates(cells, guess):
    assert guess_order(cells) == guess


# --- money cells -------------------------------------------------------------------------------


@pytest.mark.parametrize("cell", ["USD −1000", "−$1,000", "($1,000", "-1000", "(1,000)"])
def test_a_negative_amount_is_refused_however_it_is_written(cell):
    with pytest.raises(MoneyError) as info:
        parse_money(cell)
    assert str(info.value) == f"negative ARR '{cell}'"


def test_separators_trailing_the_digits_are_punctuation():
    assert parse_money("1,250,") == Money(Decimal(1250), None)
    assert parse_money("1,250.") == Money(Decimal(1250), None)
    assert parse_money("€ 12.500,") == Money(Decimal(12500), "EUR")


def test_mixed_separators_that_make_no_number_are_unreadable():
    for cell in ("1,2.345,67", "1.2.345,6.7"):
        with pytest.raises(MoneyError) as info:
            parse_money(cell)
        assert str(info.value) == f"unreadable ARR '{cell}'"


# --- column mapping messages -------------------------------------------------------------------


def test_mapping_messages_list_the_choices():
    with pytest.raises(DomainError) as info:
        parse_map_option("Cust=manager")
    assert info.value.message == (f"--map 'Cust=manager': 'manager' is not a field; use one of {', '.join(FIELDS)} "
                                  "or ignore.")
    assert "name, segment, arr, currency" in info.value.message
    with pytest.raises(DomainError) as info:
        apply_overrides(["Name", "ARR"], {0: "name"}, [("Owner", "ignore")])
    assert info.value.message == "--map: the file has no column 'Owner' (it has: Name, ARR)."


# --- one row's values --------------------------------------------------------------------------


def test_the_longest_name_and_segment_a_row_may_hold():
    fits = read_row({"name": "n" * 200, "segment": "s" * 100}, date_order=None)
    assert fits.reasons == [] and fits.name == "n" * 200 and fits.account == {"segment": "s" * 100}
    over = read_row({"name": "n" * 201, "segment": "s" * 101}, date_order=None)
    assert over.reasons == ["name is too long (201 characters; at most 200)",
                            "segment is too long (101 characters; at most 100)"]


def test_the_owner_holds_100_characters_and_loses_the_spaces_around_it():
    fits = read_row({"name": "A", "owner": "  " + "o" * 100 + " "}, date_order=None)
    assert fits.reasons == [] and fits.account == {"owner": "o" * 100}
    over = read_row({"name": "A", "owner": "o" * 101}, date_order=None)
    assert over.reasons == ["owner is too long (101 characters; at most 100)"] and over.account == {}
    assert read_row({"name": "A", "owner": "   "}, date_order=None).account == {}


def test_a_row_without_a_name_column_has_an_empty_name():
    out = read_row({"arr": "5"}, date_order=None)
    assert out.name == "" and out.reasons == ["empty name"]


def test_text_fields_each_go_to_their_own_field():
    out = read_row({"name": "A", "goal": "g", "success_criteria": "sc", "regions": "r", "currency": "eur"},
                   date_order=None)
    assert out.account == {"goal": "g", "success_criteria": "sc", "regions": "r", "currency": "EUR"}
    assert out.arr_currency is None


def test_an_unknown_currency_is_left_out_of_the_account():
    out = read_row({"name": "A", "currency": "ZZZ"}, date_order=None)
    assert out.account == {} and out.reasons == ["unknown currency 'ZZZ'"]


def test_the_currency_an_arr_cell_names():
    out = read_row({"name": "A", "arr": "€5"}, date_order=None)
    assert out.arr_currency == "EUR" and out.account == {"arr_amount": Decimal(5), "currency": "EUR"}
    odd = read_row({"name": "A", "arr": "ABC 100"}, date_order=None)
    assert odd.reasons == ["unknown currency 'ABC' in ARR 'ABC 100'"] and odd.arr_currency == "ABC"
    assert odd.account == {}


@pytest.mark.parametrize(("cells", "contact", "reasons"), [
    ({"contact_title": "CFO"}, None, ["contact without a name"]),
    ({"contact_email": "a@b.example"}, None, ["contact without a name"]),
    ({"contact_name": "n" * 200, "contact_title": "t" * 200},
     {"name": "n" * 200, "title": "t" * 200, "email": "", "role": StakeholderRole.OTHER}, []),
    ({"contact_name": "n" * 201}, None, ["contact name is too long (at most 200)"]),
    ({"contact_name": "Ana", "contact_title": "t" * 201}, None, ["contact title is too long (at most 200)"]),
    ({"contact_name": "n" * 201, "contact_title": "t" * 201}, None, ["contact name is too long (at most 200)"]),
    ({"contact_name": "Ana", "contact_role": "Executive Sponsor"},
     {"name": "Ana", "title": "", "email": "", "role": StakeholderRole.EXEC_SPONSOR}, []),
])
def test_the_rows_contact(cells, contact, reasons):
    out = read_row({"name": "A", **cells}, date_order=None)
    assert (out.contact, out.reasons) == (contact, reasons)


def test_an_amount_without_a_currency_is_in_dollars_cents():
    out = read_row({"name": "A", "arr": "1000.5"}, date_order=None)
    assert finish(out, None) == {"arr_minor": 100050}


def test_an_amount_too_large_names_the_arr_field():
    huge = read_row({"name": "Acme", "arr": "20000bn"}, date_order=None)
    with pytest.raises(DomainError) as info:
        finish(huge, None)
    assert (info.value.message, info.value.field) == ("ARR is unrealistically large.", "arr_minor")


@pytest.mark.parametrize(("cells", "existing", "message", "field"), [
    ({"kickoff": "2026-01-31", "contract_signed": "2026-02-01"}, None,
     "Kickoff (2026-01-31) must be on or after contract signed (2026-02-01).", "kickoff"),
    ({"kickoff": "2026-01-31"}, {"contract_signed": date(2026, 2, 1)},
     "Kickoff (2026-01-31) must be on or after contract signed (2026-02-01).", "kickoff"),
    ({"kickoff": "2026-03-01", "renewal": "2026-03-01"}, None,
     "Renewal (race day) (2026-03-01) must be after kickoff (2026-03-01).", "renewal"),
    ({"renewal": "2026-02-28"}, {"kickoff": date(2026, 3, 1)},
     "Renewal (race day) (2026-02-28) must be after kickoff (2026-03-01).", "renewal"),
    ({"renewal": "2026-02-01", "contract_signed": "2026-02-01"}, None,
     "Renewal (race day) (2026-02-01) must be after contract signed (2026-02-01).", "renewal"),
])
def test_dates_that_contradict_each_other(cells, existing, message, field):
    out = read_row({"name": "A", **cells}, date_order=None)
    with pytest.raises(DomainError) as info:
        finish(out, existing)
    assert (info.value.message, info.value.field) == (message, field)


def test_dates_in_order_pass():
    out = read_row({"name": "A", "contract_signed": "2026-02-01", "kickoff": "2026-02-01", "renewal": "2026-02-02"},
                   date_order=None)
    assert finish(out, None) == {"contract_signed": date(2026, 2, 1), "kickoff": date(2026, 2, 1),
                                 "renewal": date(2026, 2, 2)}


# --- reading the file: delimiter, line ends, errors ----------------------------------------------


@pytest.mark.parametrize(("text", "delimiter"), [
    ("a;b\n", ";"),  # a header alone
    ("a;b\n1;2;3\n", ";"),  # ragged, but the only delimiter that splits at all
    ("a,b;c\n1,2;3\n", ","),  # a tie goes to the first of , ; tab |
    ("a,b;c;d\n1,2;3\n", ","),  # every row as wide as the first beats a wider first row
    ("a,b;c;d\n1,2;3\n1,2;3\n1,2,3;4\n", ","),  # 3 of 4 rows as wide as the first, each way: the narrower wins
    ("a,b;c;d\n1,2,3;4\n", ";"),  # as consistent each way: the wider first row wins
    ("a,b;c\n;;\n;;\n1,2;3\n", ";"),  # rows of bare semicolons are blank for ';' and do not count
    ("a;b\r1;2\r", ";"),  # old Mac line ends
])
def test_sniffing_the_delimiter(text, delimiter):
    assert sniff_delimiter(text) == delimiter


def test_sniffing_reads_the_first_50_rows_only():
    rows = "x,y,z;w\n" * 50 + "x;w\n"  # the 51st row would make ',' ragged
    assert sniff_delimiter(rows) == ","
    assert sniff_delimiter("x;w\n" * 60) == ";"


def test_a_delimiter_too_big_to_read_gives_way_to_the_next():
    old = csv.field_size_limit(1_000_000)
    try:  # split by ',' the row is one field past the limit; by ';' it is two that fit
        assert sniff_delimiter("h1;h2\n" + "x" * 700_000 + ";" + "y" * 700_000 + "\n") == ";"
    finally:
        csv.field_size_limit(old)


def test_a_five_character_first_line_is_a_header_not_a_separator_hint():
    table = read_table(b"ab,cd\n1,2\n")
    assert (table.header, table.rows, table.delimiter) == (["ab", "cd"], [(2, ["1", "2"])], ",")


def test_old_mac_line_ends_are_rows():
    assert read_table(b"Name,ARR\rAcme,5\r").rows == [(2, ["Acme", "5"])]


def test_a_broken_utf8_file_names_the_byte():
    with pytest.raises(DomainError) as info:
        decode(codecs.BOM_UTF8 + b"ab\xff")
    assert info.value.message == "The file says it is UTF-8 but byte 5 is not."  # counting from 0, BOM included


@pytest.mark.parametrize(("data", "line"), [
    (b'Name;ARR\n"' + b"x" * 1_000_001 + b'";5\n', 2),
    (b'sep=;\nName;ARR\n"' + b"x" * 1_000_001 + b'";5\n', 3),  # the hint's line counts
])
def test_a_field_past_the_limit_names_its_line(data, line):
    with pytest.raises(DomainError) as info:
        read_table(data)
    assert info.value.message == (f"Line {line}: the file cannot be read as CSV "
                                  "(field larger than field limit (1000000)).")


def test_an_empty_file_says_so():
    with pytest.raises(DomainError) as info:
        read_table(b" \n\n")
    assert info.value.message == "The file is empty: no header row and no accounts."


def test_a_number_decimal_cannot_read_is_unreadable():
    with pytest.raises(MoneyError) as info:
        parse_number("12a", scaled=False, cell="12a USD")
    assert str(info.value) == "unreadable ARR '12a USD'"


def test_a_contact_name_at_the_limit_with_a_title_past_it_blames_the_title():
    out = read_row({"name": "A", "contact_name": "n" * 200, "contact_title": "t" * 201}, date_order=None)
    assert out.reasons == ["contact title is too long (at most 200)"] and out.contact is None
