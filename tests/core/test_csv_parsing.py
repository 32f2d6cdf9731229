"""The pure pieces of CSV import: money, dates, encodings, delimiters, headers, row rules."""

import codecs
from datetime import date
from decimal import Decimal

import pytest

from csplanner.core.csv_import.dates import DateError, OrderGuess, guess_order, numeric_parts, parse_date
from csplanner.core.csv_import.headers import (
    apply_overrides,
    guess_mapping,
    header_currency,
    normalise,
    parse_map_option,
)
from csplanner.core.csv_import.money import Money, MoneyError, minor_digits, parse_money, parse_number, to_minor
from csplanner.core.csv_import.reading import decode, read_table, sniff_delimiter
from csplanner.core.csv_import.rows import finish, name_key, read_row
from csplanner.core.enums import Stage
from csplanner.core.errors import DomainError


@pytest.mark.parametrize(("cell", "amount", "currency"), [
    ("$1,250,000.00", "1250000.00", "USD"),
    ("12.500,00 €", "12500.00", "EUR"),
    ("€ 12.500", "12500", "EUR"),
    ("1.2M", "1.2E+6", None),
    ("1.2 M", "1.2E+6", None),
    ("1,2 Mio €", "1.2E+6", "EUR"),
    ("$1.5k", "1.5E+3", "USD"),
    ("250K", "2.50E+5", None),
    ("2bn", "2E+9", None),
    ("3 million", "3E+6", None),
    ("1250000", "1250000", None),
    ("1 250 000,50", "1250000.50", None),
    ("1\u00a0250\u00a0000,50 €", "1250000.50", "EUR"),
    ("1\u202f250", "1250", None),
    ("CHF 12'500.00", "12500.00", "CHF"),
    ("Fr. 12'500", "12500", "CHF"),
    ("USD 1,250", "1250", "USD"),
    ("1,250 usd", "1250", "USD"),
    ("£99.99", "99.99", "GBP"),
    ("¥150000", "150000", "JPY"),
    ("US$ 10", "10", "USD"),
    ("R$ 1.000,00", "1000.00", "BRL"),
    ("1.000.000", "1000000", None),
    ("1,000,000", "1000000", None),
    ("12,5", "12.5", None),
    ("12.50", "12.50", None),
    ("1234.567", "1234.567", None),
    ("1.250M", "1.250E+6", None),
    ("0", "0", None),
    ("$0.00", "0.00", "USD"),
    ("1.234.567,89", "1234567.89", None),
    ("1,234,567.89", "1234567.89", None),
    ("450000.5", "450000.5", None),
    ("1,250.", "1250", None),
    ("12 k€", "1.2E+4", "EUR"),
    ("€1.2M", "1.2E+6", "EUR"),
    ("1.2M USD", "1.2E+6", "USD"),
    ("XYZ 10", "10", "XYZ"),
])
def test_parse_money(cell, amount, currency):
    assert parse_money(cell) == Money(Decimal(amount), currency)


@pytest.mark.parametrize("cell", ["", "  ", "-", "–", "—", "n/a", "N/A", "na", "None", "null"])
def test_empty_money(cell):
    assert parse_money(cell) is None


@pytest.mark.parametrize(("cell", "reason"), [
    ("-500", "negative ARR '-500'"), ("−500", "negative ARR '−500'"), ("-$1,000", "negative ARR '-$1,000'"),
    ("$-1,000", "negative ARR '$-1,000'"), ("(1,000)", "negative ARR '(1,000)'"),
    ("1000-", "negative ARR '1000-'"), ("1,000.00 EUR−", "negative ARR '1,000.00 EUR−'"),
    ("1000-2000", "unreadable ARR '1000-2000'"), ("$(1,000)", "negative ARR '$(1,000)'"),
    ("about 5k", "unreadable ARR 'about 5k'"), ("TBD", "unreadable ARR 'TBD'"), ("100 dollars", "unreadable ARR '100 dollars'"),
    ("1,2,3", "unreadable ARR '1,2,3'"), ("1.2.3", "unreadable ARR '1.2.3'"), ("1,234.5.6", "unreadable ARR '1,234.5.6'"),
    ("12,34,567.8", "unreadable ARR '12,34,567.8'"), ("1.2,3,4", "unreadable ARR '1.2,3,4'"),
    ("€ 5 $", "unreadable ARR '€ 5 $' (two currencies)"), ("5 kg", "unreadable ARR '5 kg'"),
    ("1234.567.890", "unreadable ARR '1234.567.890'"),
])
def test_unreadable_or_negative_money(cell, reason):
    with pytest.raises(MoneyError) as err:
        parse_money(cell)
    assert str(err.value) == reason


@pytest.mark.parametrize(("digits", "scaled", "number"), [
    ("1.250", False, "1250"), ("1.250", True, "1.250"), ("1250.000", False, "1250.000"), ("12.5", False, "12.5"),
    ("1,25", False, "1.25"), ("999,999", False, "999999"), ("1 000", False, "1000"), ("1'000", False, "1000"),
    ("1000", True, "1000"),
])
def test_parse_number(digits, scaled, number):
    assert parse_number(digits, scaled=scaled, cell=digits) == Decimal(number)


@pytest.mark.parametrize(("amount", "currency", "minor"), [
    ("1250000.00", "USD", 125_000_000), ("1.2E+6", "USD", 120_000_000), ("99.995", "USD", 10_000),
    ("99.994", "USD", 9_999), ("1500", "JPY", 1500), ("1500.5", "JPY", 1501), ("1.2345", "KWD", 1235),
    ("0", "EUR", 0), ("0.005", "EUR", 1), ("0.004", "EUR", 0),
])
def test_to_minor_uses_the_currencys_decimals(amount, currency, minor):
    assert to_minor(Decimal(amount), currency) == minor


def test_minor_digits():
    assert (minor_digits("USD"), minor_digits("JPY"), minor_digits("KWD"), minor_digits("EUR")) == (2, 0, 3, 2)


@pytest.mark.parametrize(("cell", "order", "day"), [
    ("2026-12-31", None, date(2026, 12, 31)), ("2026-12-31", "dmy", date(2026, 12, 31)),
    ("2026/12/31", "mdy", date(2026, 12, 31)), ("2026-3-5", None, date(2026, 3, 5)),
    ("2026-03-15 10:22", None, date(2026, 3, 15)), ("2026-03-15T10:22:33Z", None, date(2026, 3, 15)),
    ("2026-03-15T10:22:33.5+01:00", None, date(2026, 3, 15)), ("3/15/2026 9:05 PM", None, date(2026, 3, 15)),
    ("12/31/2026", None, date(2026, 12, 31)), ("31/12/2026", None, date(2026, 12, 31)),
    ("12/31/2026", "mdy", date(2026, 12, 31)), ("31/12/2026", "dmy", date(2026, 12, 31)),
    ("03/04/2026", "dmy", date(2026, 4, 3)), ("03/04/2026", "mdy", date(2026, 3, 4)),
    ("04/04/2026", None, date(2026, 4, 4)), ("31.12.2026", None, date(2026, 12, 31)),
    ("1.2.2026", "dmy", date(2026, 2, 1)), ("31-12-2026", None, date(2026, 12, 31)),
    ("12/31/26", None, date(2026, 12, 31)), ("31 Dec 2026", None, date(2026, 12, 31)),
    ("31-Dec-2026", None, date(2026, 12, 31)), ("Dec 31, 2026", None, date(2026, 12, 31)),
    ("December 31 2026", None, date(2026, 12, 31)), ("1 march 2026", None, date(2026, 3, 1)),
    ("Sept. 9, 2026", None, date(2026, 9, 9)), ("  2026-01-02  ", None, date(2026, 1, 2)),
    ("", None, None), ("   ", "dmy", None),
])
def test_parse_date(cell, order, day):
    assert parse_date(cell, order) == day


@pytest.mark.parametrize(("cell", "order", "reason"), [
    ("03/04/2026", None, "'03/04/2026' could be day/month or month/day: choose the date order"),
    ("03/04/2026", "ymd", "'03/04/2026' could be day/month or month/day: choose the date order"),
    ("12/31/2026", "dmy", "'12/31/2026' is not a real date"), ("31/12/2026", "mdy", "'31/12/2026' is not a real date"),
    ("2026-02-30", None, "'2026-02-30' is not a real date"), ("2026-13-01", None, "'2026-13-01' is not a real date"),
    ("31/31/2026", None, "'31/31/2026' is not a real date"), ("tomorrow", None, "'tomorrow' is not a date"),
    ("31 Foo 2026", None, "'31 Foo 2026' is not a date"), ("2026", None, "'2026' is not a date"),
    ("1/2/345", "dmy", "'1/2/345' is not a date"), ("12/31/2026/1", None, "'12/31/2026/1' is not a date"),
    ("31 Feb 2026", None, "'31 Feb 2026' is not a real date"), ("12-31/2026", None, "'12-31/2026' is not a date"),
])
def test_bad_dates(cell, order, reason):
    with pytest.raises(DateError) as err:
        parse_date(cell, order)
    assert str(err.value) == reason


def test_numeric_parts():
    assert numeric_parts("12/31/26") is not None and numeric_parts("12/31/26").year == 2026
    assert numeric_parts("2026-12-31") is None and numeric_parts("31 Dec 2026") is None
    assert numeric_parts("1.2.2026").separator == "."


@pytest.mark.parametrize(("cells", "guess"), [
    (["12/31/2026", "01/02/2026"], OrderGuess("mdy", False)),
    (["31/12/2026", "01/02/2026"], OrderGuess("dmy", False)),
    (["01.02.2026"], OrderGuess("dmy", False)),
    (["01/02/2026", "03/04/2026"], OrderGuess(None, True, "01/02/2026")),
    (["31/12/2026", "12/31/2026"], OrderGuess(None, True, "both 31/12 and 12/31 forms")),
    (["31/12/2026", "12/31/2026", "01/02/2026"], OrderGuess(None, True, "01/02/2026")),
    (["2026-01-02", "04/04/2026", "", "junk"], OrderGuess(None, False, "")),
    ([], OrderGuess(None, False, "")),
    (["13/01/2026"], OrderGuess("dmy", False)), (["01/13/2026"], OrderGuess("mdy", False)),
    (["12/12/2026", "12/11/2026"], OrderGuess(None, True, "12/11/2026")),
])
def test_guess_order(cells, guess):
    assert guess_order(cells) == guess


def test_decode_utf8_bom_utf16_cp1252_latin1():
    assert decode(codecs.BOM_UTF8 + "Café".encode()) == ("Café", "utf-8-sig")
    assert decode("Café".encode()) == ("Café", "utf-8")
    assert decode("Café €".encode("cp1252")) == ("Café €", "cp1252")
    assert decode(b"A\x81B") == ("A\x81B", "latin-1")
    assert decode("Name\tARR".encode("utf-16")) == ("Name\tARR", "utf-16")
    with pytest.raises(DomainError, match="says it is UTF-8"):
        decode(codecs.BOM_UTF8 + b"\xff")


@pytest.mark.parametrize(("text", "delimiter"), [
    ("a,b,c\n1,2,3\n", ","), ("a;b;c\n1;2,5;3\n", ";"), ("a\tb\n1\t2\n", "\t"), ("a|b\n1|2\n", "|"),
    ('"x, y";b\n"1, 2";3\n', ";"), ("name\nacme\n", ","), ("a,b;c;d\n1,2;3;4\n", ";"),
])
def test_sniff_delimiter(text, delimiter):
    assert sniff_delimiter(text) == delimiter


def test_read_table_lines_blank_rows_quotes_sep_hint_and_footer():
    data = b'sep=;\r\nName;Goal;ARR\r\n"Acme; Inc";"line one\r\nline two";5\r\n\r\n;;\r\nBeta;;6\r\n"Total"\r\n'
    table = read_table(data)
    assert (table.delimiter, table.encoding, table.header) == (";", "utf-8", ["Name", "Goal", "ARR"])
    assert table.rows == [(3, ["Acme; Inc", "line one\r\nline two", "5"]), (7, ["Beta", "", "6"])]


def test_read_table_refuses_an_empty_file():
    with pytest.raises(DomainError, match="empty"):
        read_table(b"\r\n \r\n")


def test_read_table_keeps_a_one_cell_row_under_a_narrow_table():
    assert read_table(b"Name,ARR\nAcme,5\nBeta\n").rows == [(2, ["Acme", "5"]), (3, ["Beta"])]


@pytest.mark.parametrize(("header", "key"), [
    ("Account Name", "accountname"), ("ARR (USD)", "arr"), ("Country/Region", "countryregion"),
    (" E-mail_Address ", "emailaddress"), ("Contract End Date", "contractenddate"),
])
def test_normalise(header, key):
    assert normalise(header) == key


def test_header_currency():
    assert (header_currency("ARR (eur)"), header_currency("ARR"), header_currency("ARR (in k)")) == ("EUR", None, None)


@pytest.mark.parametrize(("header", "mapping"), [
    (["Account Name", "Account Owner", "Type", "Annual Revenue", "Billing Country", "Contract Start Date",
      "Contract End Date"], {0: "name", 1: "owner", 2: "segment", 3: "arr", 4: "regions", 5: "contract_signed",
                             6: "renewal"}),
    (["Record ID", "Company name", "Create Date", "Annual revenue", "Close date", "Lifecycle Stage"],
     {1: "name", 3: "arr", 4: "contract_signed"}),
    (["Company Name", "ARR", "Renewal Date", "Original Contract Date", "Stage", "Tier", "CSM", "Region"],
     {0: "name", 1: "arr", 2: "renewal", 3: "contract_signed", 4: "stage", 5: "segment", 6: "owner", 7: "regions"}),
    (["Name", "Account Name", "Currency ISO Code", "Kickoff Date", "Goals", "Success Criteria"],
     {0: "name", 2: "currency", 3: "kickoff", 4: "goal", 5: "success_criteria"}),
    (["Primary Contact", "Job Title", "Email", "Role"],
     {0: "contact_name", 1: "contact_title", 2: "contact_email", 3: "contact_role"}),
])
def test_guess_mapping_from_crm_headers(header, mapping):
    assert guess_mapping(header) == mapping


@pytest.mark.parametrize(("option", "parsed"), [
    ("Kunde=name", ("Kunde", "name")), (" Cust Name = NAME ", ("Cust Name", "name")),
    ("a=b=arr", ("a=b", "arr")), ("Owner=ignore", ("Owner", "ignore")),
])
def test_parse_map_option(option, parsed):
    assert parse_map_option(option) == parsed


@pytest.mark.parametrize(("option", "message"), [
    ("Kunde", "use COLUMN=FIELD"), ("=name", "use COLUMN=FIELD"), ("Kunde=boss", "'boss' is not a field"),
])
def test_bad_map_option(option, message):
    with pytest.raises(DomainError, match=message):
        parse_map_option(option)


def test_apply_overrides_moves_a_field_and_ignores_columns():
    header = ["Account Name", "Legal Name", "ARR", "Owner"]
    guessed = guess_mapping(header)
    assert guessed == {0: "name", 2: "arr", 3: "owner"}
    assert apply_overrides(header, guessed, [("legal name", "name"), ("ARR", "ignore"), ("Owner", "ignore")]) \
        == {1: "name"}
    with pytest.raises(DomainError, match="no column 'Nope'"):
        apply_overrides(header, guessed, [("Nope", "name")])


@pytest.mark.parametrize(("name", "key"), [
    ("Acme", "acme"), ("  ACME   Corp ", "acme corp"), ("Straße", "strasse"), ("ŌTANI", "ōtani"),
    ("Cafe\u0301", "café"), ("Café", "café"),
])
def test_name_key(name, key):
    assert name_key(name) == key


def test_read_row_collects_every_reason():
    out = read_row({"name": "", "arr": "-5", "currency": "ZZZ", "renewal": "soon", "stage": "lost",
                    "segment": "x" * 101}, date_order=None)
    assert out.reasons == ["empty name", "bad renewal date: 'soon' is not a date", "unknown currency 'ZZZ'",
                           "negative ARR '-5'", "segment is too long (101 characters; at most 100)",
                           "unknown stage 'lost' (use Land, Adopt, Expand or Renew)"]


def test_read_row_and_finish_give_account_fields():
    out = read_row({"name": " Acme   Corp ", "arr": "€1.2M", "renewal": "2027-01-31", "stage": "Adoption",
                    "goal": "Grow", "regions": "EMEA", "contact_name": "Ana"}, date_order=None)
    assert out.reasons == [] and out.name == "Acme Corp"
    assert finish(out, None) == {"currency": "EUR", "arr_minor": 120_000_000, "renewal": date(2027, 1, 31),
                                 "stage": Stage.ADOPT, "goal": "Grow", "regions": "EMEA"}
    assert out.contact == {"name": "Ana", "title": "", "email": "", "role": "other"}


def test_finish_keeps_the_existing_currency_and_checks_dates_against_the_account():
    out = read_row({"name": "Acme", "arr": "1000", "renewal": "2026-01-01"}, date_order=None)
    assert finish(out, {"currency": "JPY"}) == {"arr_minor": 1000, "renewal": date(2026, 1, 1)}
    with pytest.raises(DomainError, match="must be after contract signed"):
        finish(out, {"currency": "USD", "contract_signed": date(2026, 6, 1)})
    big = read_row({"name": "Acme", "arr": "1bn bn"}, date_order=None)
    assert big.reasons == ["unreadable ARR '1bn bn'"]
    huge = read_row({"name": "Acme", "arr": "20000bn"}, date_order=None)
    with pytest.raises(DomainError, match="unrealistically large"):
        finish(huge, None)
