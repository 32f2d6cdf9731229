from datetime import date

import pytest

from csplanner.core.enums import Stage
from csplanner.core.errors import DomainError
from csplanner.core.models import Account, CheckIn, Milestone
from csplanner.core.services import accounts, checkins, milestones


def make(db, **values):
    values.setdefault("name", "Acme")
    with db.session() as s:
        return accounts.create(s, **values)


def test_name_is_trimmed_and_required(db):
    assert make(db, name="  Northwind  ").name == "Northwind"
    with pytest.raises(DomainError, match="Name is required") as err:
        make(db, name="   ")
    assert err.value.field == "name"


def test_name_longer_than_200_is_refused(db):
    with pytest.raises(DomainError, match="too long"):
        make(db, name="x" * 201)
    assert make(db, name="x" * 200).name == "x" * 200


def test_names_are_unique_ignoring_case(db):
    make(db, name="Acme")
    with pytest.raises(DomainError, match="already exists"):
        make(db, name="ACME ")
    with db.session() as s:
        assert len(accounts.list_rows(s)) == 1


def test_renaming_to_own_name_is_fine_but_not_to_another(db):
    a = make(db, name="Acme")
    make(db, name="Bluefin")
    with db.session() as s:
        accounts.update(s, a.id, name="acme")
    with db.session() as s, pytest.raises(DomainError, match="already exists"):
        accounts.update(s, a.id, name="bluefin")
    with db.session() as s:
        assert accounts.get(s, a.id).name == "acme"


def test_renewal_must_come_after_contract_signed(db):
    with pytest.raises(DomainError, match="must be after") as err:
        make(db, contract_signed=date(2026, 5, 1), renewal=date(2026, 5, 1))
    assert err.value.field == "renewal"
    assert make(db, contract_signed=date(2026, 5, 1), renewal=date(2027, 5, 1)).renewal == date(2027, 5, 1)


def test_kickoff_cannot_precede_contract(db):
    with pytest.raises(DomainError, match="Kickoff"):
        make(db, contract_signed=date(2026, 5, 1), kickoff=date(2026, 4, 30))


def test_invalid_date_text_gets_a_readable_message(db):
    with pytest.raises(DomainError, match="'2026-02-30' is not a valid date"):
        make(db, renewal="2026-02-30")


def test_arr_is_non_negative_integer_minor_units(db):
    assert make(db, arr_minor=12_500_000).arr_minor == 12_500_000
    for bad in (-1, 12.5, "100", True):
        with pytest.raises(DomainError, match="ARR"):
            make(db, name=f"bad {bad!r}", arr_minor=bad)


def test_currency_must_be_iso_4217(db):
    assert make(db, currency="eur").currency == "EUR"
    with pytest.raises(DomainError, match="ISO 4217"):
        make(db, name="Other", currency="XYZ")


def test_stage_must_be_laer(db):
    assert make(db, stage="expand").stage == Stage.EXPAND
    with pytest.raises(DomainError, match="Stage must be one of: Land, Adopt, Expand, Renew"):
        make(db, name="B", stage="sell")


def test_failed_update_changes_nothing(db):
    a = make(db, contract_signed=date(2026, 1, 1), renewal=date(2027, 1, 1))
    with db.session() as s, pytest.raises(DomainError):
        accounts.update(s, a.id, goal="new goal", renewal=date(2025, 1, 1))
    with db.session() as s:
        saved = accounts.get(s, a.id)
        assert (saved.goal, saved.renewal) == ("", date(2027, 1, 1))


def test_delete_takes_children_with_it(db):
    a = make(db)
    with db.session() as s:
        milestones.create(s, account_id=a.id, title="Kickoff", planned_on=date(2026, 1, 5))
        checkins.create(s, account_id=a.id, held_on=date(2026, 1, 6))
    with db.session() as s:
        accounts.delete(s, a.id)
    with db.session() as s:
        assert s.get(Account, a.id) is None
        assert s.exec(__import__("sqlmodel").select(Milestone)).all() == []
        assert s.exec(__import__("sqlmodel").select(CheckIn)).all() == []


def test_list_filters_sorts_and_hides_archived(db):
    make(db, name="Zeta", renewal=date(2027, 1, 1), arr_minor=5, segment="SMB")
    make(db, name="alpha", renewal=date(2026, 12, 1), arr_minor=50, stage="renew")
    make(db, name="Mid", arr_minor=10, archived=True, segment="Enterprise")
    with db.session() as s:
        assert [r.name for r in accounts.list_rows(s)] == ["alpha", "Zeta"]
        assert [r.name for r in accounts.list_rows(s, include_archived=True, sort="arr")] == ["alpha", "Mid", "Zeta"]
        assert [r.name for r in accounts.list_rows(s, sort="renewal")] == ["alpha", "Zeta"]
        assert [r.name for r in accounts.list_rows(s, sort="stage")] == ["Zeta", "alpha"]
        assert [r.name for r in accounts.list_rows(s, "smb")] == ["Zeta"]
        assert [r.name for r in accounts.list_rows(s, "enter", include_archived=True)] == ["Mid"]


def test_list_filter_takes_percent_and_underscore_as_typed_and_folds_any_segment(db):
    make(db, name="100% Fitness", segment="Öffentlicher Dienst")
    make(db, name="1000 Fitness")
    make(db, name="a_b Logistics")
    make(db, name="axb Logistics", segment="ÖFFENTLICH")
    with db.session() as s:
        assert [r.name for r in accounts.list_rows(s, "100%")] == ["100% Fitness"]
        assert [r.name for r in accounts.list_rows(s, "a_b")] == ["a_b Logistics"]
        # SQLite's lower() leaves Ö alone: the segment is folded like names are
        assert [r.name for r in accounts.list_rows(s, "öffentlich")] == ["100% Fitness", "axb Logistics"]
        assert [r.name for r in accounts.list_rows(s, "%")] == ["100% Fitness"]


def test_by_name_is_case_insensitive_and_says_when_missing(db):
    make(db, name="Acme Corp")
    with db.session() as s:
        assert accounts.by_name(s, " acme corp").name == "Acme Corp"
        with pytest.raises(DomainError, match="No account named 'Nope'"):
            accounts.by_name(s, "Nope")
