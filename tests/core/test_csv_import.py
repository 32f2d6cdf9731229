"""CSV import from real-looking CRM exports: exactly what lands, one transaction, undo."""

from datetime import date
from pathlib import Path

import pytest
from sqlmodel import select

from csplanner.core import csv_import as ci
from csplanner.core.enums import Stage, StakeholderRole
from csplanner.core.errors import DomainError
from csplanner.core.models import Account, Stakeholder
from csplanner.core.search import search
from csplanner.core.services import accounts, stakeholders

FILES = Path(__file__).parent / "csv_files"


def preview(db, name_or_bytes, overrides=(), date_order=None):
    data = name_or_bytes if isinstance(name_or_bytes, bytes) else (FILES / name_or_bytes).read_bytes()
    table = ci.read_table(data)
    mapping = ci.apply_overrides(table.header, ci.guess_mapping(table.header), list(overrides))
    with db.session() as s:
        return ci.build_preview(table, ci.existing_accounts(s), mapping=mapping, date_order=date_order)


def landed(db):
    """Every account as (name, segment, arr_minor, currency, contract_signed, renewal, stage, regions)."""
    with db.session() as s:
        rows = s.exec(select(Account).order_by(Account.id)).all()
        return [(a.name, a.segment, a.arr_minor, a.currency, a.contract_signed, a.renewal, a.stage, a.regions)
                for a in rows]


def contacts(db):
    with db.session() as s:
        return [(s.get(Account, c.account_id).name, c.name, c.title, c.email, c.role)
                for c in s.exec(select(Stakeholder).order_by(Stakeholder.id)).all()]


def apply(db, p, skip_invalid=False):
    with db.session() as s:
        return ci.apply_preview(s, p, skip_invalid=skip_invalid)


def test_salesforce_report_with_quoted_commas_and_quotes(db):
    p = preview(db, "salesforce_report.csv")
    assert p.date_order == "mdy" and not p.needs_date_order
    assert [(r.line, r.fate) for r in p.rows] == [(n, ci.Fate.ADD) for n in (2, 3, 4, 5)]  # footer left out
    apply(db, p)
    assert landed(db) == [
        ("Smith, Jones & Partners", "Customer - Direct", 125_000_000, "USD", date(2026, 1, 15), date(2027, 1, 14),
         Stage.LAND, "United States"),
        ('The "Best" Widgets, Inc.', "Customer - Channel", 8_750_000, "USD", date(2026, 3, 1), date(2027, 2, 28),
         Stage.LAND, "Canada"),
        ("Harbor Energy", "Customer - Direct", 240_000_000, "USD", date(2025, 7, 31), date(2026, 7, 30),
         Stage.LAND, "United Kingdom"),
        ('Acme Rockets, "West" Division', "Customer - Direct", 0, "USD", date(2025, 12, 1), date(2026, 11, 30),
         Stage.LAND, "United States"),
    ]
    assert contacts(db) == [
        ("Smith, Jones & Partners", "Beatriz Ōtani", "VP Operations", "beatriz@smithjones.example",
         StakeholderRole.OTHER),
        ("Harbor Energy", "Tom O'Neil", "CIO", "tom.oneil@harbor.example", StakeholderRole.OTHER),
    ]
    with db.session() as s:  # imported text is searchable at once
        assert [h.kind for h in search(s, "otani").hits] == ["stakeholder"]


def test_hubspot_export_with_bom_and_datetimes(db):
    p = preview(db, "hubspot_companies.csv")
    assert p.header[0] == "Record ID"  # the BOM is not part of the first header
    assert sorted(p.mapping.values()) == ["arr", "contract_signed", "name", "regions"]  # Lifecycle Stage left alone
    apply(db, p)
    assert landed(db) == [
        ("Northwind Traders", "", 120_000_000, "USD", date(2026, 2, 1), None, Stage.LAND, "Germany"),
        ("Blue Fjord AS", "", 0, "USD", date(2026, 3, 15), None, Stage.LAND, "Norway"),
        ("Café Olé", "", 45_000_050, "USD", None, None, Stage.LAND, "France"),
    ]


def test_excel_cp1252_semicolons_decimal_commas_and_mapped_columns(db):
    p = preview(db, "excel_cp1252.csv", [("Kunde", "name"), ("vertragsbeginn", "contract_signed")])
    assert p.date_order == "dmy"
    apply(db, p)
    assert landed(db) == [
        ("Müller Maschinenbau GmbH", "Enterprise", 1_250_000, "EUR", date(2026, 2, 1), date(2027, 1, 31),
         Stage.LAND, "DACH"),
        ("Société Générale Services", "Mid-Market", 4_800_000, "EUR", date(2026, 3, 15), date(2027, 3, 14),
         Stage.LAND, "France"),
        ("Björk & Söner AB", "SMB", 725_050, "EUR", date(2026, 4, 3), date(2027, 4, 2), Stage.LAND, "Nordics"),
    ]


def test_without_a_name_column_the_file_is_refused(db):
    with pytest.raises(DomainError, match="No column holds the account name"):
        preview(db, "excel_cp1252.csv")


BROKEN = [
    (2, ci.Fate.ADD, ()),
    (3, ci.Fate.ERROR, ("empty name",)),
    (4, ci.Fate.ERROR, ("bad contract start date: '2026-02-30' is not a real date",)),
    (5, ci.Fate.ERROR, ("negative ARR '-$5,000'",)),
    (6, ci.Fate.ERROR, ("unreadable ARR 'about 5k'",)),
    (7, ci.Fate.ERROR, ("unknown currency 'XYZ'",)),
    (8, ci.Fate.ERROR, ("'good co' already appears on line 2",)),
    (9, ci.Fate.ERROR, ("name is too long (201 characters; at most 200)",)),
    (10, ci.Fate.ERROR, ("Renewal (race day) (2026-01-01) must be after contract signed (2027-01-01)",)),
    (11, ci.Fate.ERROR, ("7 cells but the header has 6 (a stray delimiter or quote?)",)),
    (13, ci.Fate.ERROR, ("unknown stage 'Prospect' (use Land, Adopt, Expand or Renew)",)),
    (14, ci.Fate.ADD, ()),
]


def test_broken_rows_each_get_their_reason(db):
    p = preview(db, "broken_rows.csv")
    assert [(r.line, r.fate, r.reasons) for r in p.rows] == BROKEN
    assert p.counts == {ci.Fate.ADD: 2, ci.Fate.UPDATE: 0, ci.Fate.ERROR: 10}


def test_all_or_nothing_refuses_a_file_with_bad_rows(db):
    p = preview(db, "broken_rows.csv")
    with pytest.raises(DomainError, match=r"10 rows cannot be imported \(lines 3, 4, 5, 6, 7, 8, 9, 10, 11, 13\)"):
        apply(db, p)
    assert landed(db) == []


def test_valid_rows_only_imports_the_good_ones(db):
    apply(db, preview(db, "broken_rows.csv"), skip_invalid=True)
    assert landed(db) == [
        ("Good Co", "", 1_000_000, "USD", date(2026, 1, 1), date(2027, 1, 1), Stage.ADOPT, ""),
        ("Last Good Co", "", 900_000, "EUR", date(2026, 6, 1), date(2027, 6, 1), Stage.RENEW, ""),
    ]


def test_an_existing_name_updates_that_account_case_and_accents_aside(db):
    with db.session() as s:
        harbor = accounts.create(s, name="HARBOR ENERGY", segment="Enterprise", arr_minor=5, currency="GBP",
                                 goal="Keep this goal", contract_signed=date(2025, 7, 1)).id
        stakeholders.create(s, account_id=harbor, name="Tom O'Neil")
        cafe = accounts.create(s, name="CAFÉ OLÉ").id
    p = preview(db, "salesforce_report.csv")
    (update,) = p.of(ci.Fate.UPDATE)
    assert (update.line, update.account_id, update.name) == (4, harbor, "HARBOR ENERGY")
    assert update.contact is None  # Tom is already there
    assert update.values == {"segment": "Customer - Direct", "arr_minor": 240_000_000, "currency": "USD",
                             "contract_signed": date(2025, 7, 31), "renewal": date(2026, 7, 30),
                             "regions": "United Kingdom", "owner": "Ravi Patel"}  # Salesforce's Account Owner
    apply(db, p)
    with db.session() as s:
        a = accounts.get(s, harbor)
        assert (a.name, a.goal, a.arr_minor, a.currency) == ("HARBOR ENERGY", "Keep this goal", 240_000_000, "USD")
        assert len(s.exec(select(Stakeholder).where(Stakeholder.account_id == harbor)).all()) == 1
    assert [r.fate for r in preview(db, "hubspot_companies.csv").rows] == [ci.Fate.ADD, ci.Fate.ADD, ci.Fate.UPDATE]
    assert preview(db, "hubspot_companies.csv").rows[2].account_id == cafe


def test_importing_the_same_file_twice_changes_nothing_the_second_time(db):
    apply(db, preview(db, "salesforce_report.csv"))
    before = landed(db), contacts(db)
    again = preview(db, "salesforce_report.csv")
    assert [(r.fate, r.values, r.contact) for r in again.rows] == [(ci.Fate.UPDATE, {}, None)] * 4
    apply(db, again)
    assert (landed(db), contacts(db)) == before


def test_revert_and_redo_give_the_same_rows_and_ids(db):
    with db.session() as s:
        harbor = accounts.create(s, name="Harbor Energy", segment="Enterprise").id
    p = preview(db, "salesforce_report.csv")
    done = apply(db, p)
    after = landed(db), contacts(db)
    with db.session() as s:
        ci.revert(s, done)
    assert landed(db) == [("Harbor Energy", "Enterprise", 0, "USD", None, None, Stage.LAND, "")]
    assert contacts(db) == []
    with db.session() as s:
        assert search(s, "widgets").hits == [] and search(s, "otani").hits == []
    with db.session() as s:
        redone = ci.apply_preview(s, p, skip_invalid=False, again=done)
    assert redone == done and done.account_ids == set(done.created.values()) | {harbor}
    assert (landed(db), contacts(db)) == after


def test_a_name_clash_found_while_writing_keeps_nothing(db):
    p = preview(db, "salesforce_report.csv")
    with db.session() as s:
        accounts.create(s, name="the \"best\" widgets, inc.")  # added after the preview was made
    with pytest.raises(DomainError, match="already exists"), db.session() as s:
        ci.apply_preview(s, p, skip_invalid=False)
    assert [row[0] for row in landed(db)] == ['the "best" widgets, inc.']


def test_ambiguous_dates_ask_and_the_chosen_order_reads_them(db):
    data = b"Account Name,Renewal Date\nAcme,03/04/2027\nBeta,05/06/2027\n"
    p = preview(db, data)
    assert p.needs_date_order and p.ambiguous_example == "03/04/2027"
    assert p.rows[0].reasons == ("bad renewal date: '03/04/2027' could be day/month or month/day: "
                                 "choose the date order",)
    assert preview(db, data, date_order="dmy").rows[0].values["renewal"] == date(2027, 4, 3)
    assert preview(db, data, date_order="mdy").rows[0].values["renewal"] == date(2027, 3, 4)


def test_a_symbol_fills_the_currency_and_the_currency_column_wins(db):
    data = ("Account Name,ARR,Currency\nA,£1.2M,\nB,1.2M,EUR\nC,€ 12.500,EUR\nD,€ 12.500,USD\n"
            "E,¥1500000,\nF,1500,jpy\nG,KWD 1.2345,\n").encode()
    p = preview(db, data)
    assert [(r.values.get("arr_minor"), r.values.get("currency"), r.reasons) for r in p.rows] == [
        (120_000_000, "GBP", ()), (120_000_000, "EUR", ()), (1_250_000, "EUR", ()),
        (None, None, ("ARR '€ 12.500' is in EUR but the currency column says USD",)),
        (1_500_000, "JPY", ()), (1500, "JPY", ()), (1235, "KWD", ()),
    ]


def test_a_currency_in_the_arr_header_counts(db):
    p = preview(db, "Company,ARR (EUR)\nAcme,1.000\n".encode())
    assert (p.rows[0].values["arr_minor"], p.rows[0].values["currency"]) == (100_000, "EUR")


def test_stage_words_and_contact_roles_from_crms(db):
    data = ("Account,Stage,Contact,Role,Email\nA,Onboarding,Ann,Executive Sponsor,ann@a.example\n"
            "B,expansion,Bo,champion,\nC,Renewing,Cy,Billing,\nD,,,,\nE,Adopt,,,e@x.example\nF,Land,Fi,,not-an-email\n"
            ).encode()
    p = preview(db, data)
    assert [(r.values.get("stage"), r.contact and r.contact["role"], r.reasons) for r in p.rows] == [
        (Stage.LAND, StakeholderRole.EXEC_SPONSOR, ()), (Stage.EXPAND, StakeholderRole.CHAMPION, ()),
        (Stage.RENEW, StakeholderRole.OTHER, ()), (None, None, ()),
        (None, None, ("contact without a name",)), (None, None, ("contact email 'not-an-email' is not valid",)),
    ]


def test_existing_accounts_reads_names_fields_and_contacts(db):
    with db.session() as s:
        a = accounts.create(s, name="Ōtani  Foods", currency="EUR", renewal=date(2027, 1, 1)).id
        stakeholders.create(s, account_id=a, name="Ana RUIZ")
        found = ci.existing_accounts(s)
    assert list(found) == ["ōtani foods"]
    assert found["ōtani foods"].contacts == frozenset({"ana ruiz"})
    assert (found["ōtani foods"].fields["currency"], found["ōtani foods"].fields["renewal"]) == ("EUR", date(2027, 1, 1))
