"""Account names: stored NFC, unique and found by Unicode case folding, clashes as DomainError."""

import multiprocessing
import re
import unicodedata

import pytest

from csplanner.core.db import open_database
from csplanner.core.errors import DomainError
from csplanner.core.services import accounts


def test_a_german_name_is_found_whatever_its_case(db):
    with db.session() as s:
        accounts.create(s, name="Ärzte GmbH")
    with db.session() as s:
        assert accounts.by_name(s, "ärzte gmbh").name == "Ärzte GmbH"
        assert accounts.by_name(s, "ÄRZTE GMBH").name == "Ärzte GmbH"
        assert [r.name for r in accounts.list_rows(s, "ärzte")] == ["Ärzte GmbH"]


def test_names_sort_as_people_read_them_accents_and_case_aside(db):
    from csplanner.core import names

    typed = ["zeta", "Ärzte GmbH", "Arzt Praxis", "arzte gmbh", "Éclair", "Eagle", "Straße", "strasse 2"]
    assert sorted(typed, key=names.sort_key) == [
        "Arzt Praxis", "arzte gmbh", "Ärzte GmbH", "Eagle", "Éclair", "Straße", "strasse 2", "zeta"]
    assert names.loose("ÄRZTE") == names.loose("arzte") == "arzte"
    with db.session() as s:
        for name in ("zeta", "Ärzte GmbH", "Arzt Praxis", "Éclair"):
            accounts.create(s, name=name)
    with db.session() as s:
        assert [r.name for r in accounts.list_rows(s)] == ["Arzt Praxis", "Ärzte GmbH", "Éclair", "zeta"]
        assert [r.name for r in accounts.list_rows(s, "eclair")] == ["Éclair"]  # typed without the accent


@pytest.mark.parametrize("again", ["ÄRZTE GMBH", "Ärzte GmbH", " ärzte gmbh ", unicodedata.normalize("NFD", "Ärzte GmbH")])
def test_a_name_that_folds_to_an_existing_one_is_refused(db, again):
    with db.session() as s:
        accounts.create(s, name="Ärzte GmbH")
    with pytest.raises(DomainError, match="already exists"), db.session() as s:
        accounts.create(s, name=again)


def test_strasse_and_ligatures_fold_too(db):
    with db.session() as s:
        accounts.create(s, name="Große Straße AG")
    with pytest.raises(DomainError, match="already exists"), db.session() as s:
        accounts.create(s, name="GROSSE STRASSE AG")


def test_names_are_stored_nfc(db):
    decomposed = unicodedata.normalize("NFD", "Café Señor")
    with db.session() as s:
        aid = accounts.create(s, name=decomposed).id
    with db.session() as s:
        assert accounts.get(s, aid).name == unicodedata.normalize("NFC", "Café Señor")


def _create(path: str, name: str, start, out) -> None:
    db = open_database(path)
    start.wait()
    try:
        with db.session() as s:
            accounts.create(s, name=name)
        out.put("ok")
    except DomainError as exc:
        out.put(exc.message)
    except Exception as exc:  # noqa: BLE001  (what the test must never see)
        out.put(f"RAW {type(exc).__name__}: {exc}")
    finally:
        db.dispose()


def test_two_processes_racing_for_one_name_get_one_account_and_one_clear_message(tmp_path):
    path = str(tmp_path / "race.sqlite3")
    open_database(path).dispose()
    ctx = multiprocessing.get_context("spawn")
    start, out = ctx.Barrier(2), ctx.Queue()
    procs = [ctx.Process(target=_create, args=(path, n, start, out)) for n in ("Ärzte GmbH", "ÄRZTE GMBH")]
    for p in procs:
        p.start()
    results = sorted(out.get(timeout=60) for _ in procs)
    for p in procs:
        p.join(timeout=60)
    # the loser is refused by the service's check (the winner had saved) or by the unique key (both
    # checked first): either way one clear sentence
    assert results[1] == "ok", results
    assert re.fullmatch(r"An account (with that name|named 'Ärzte GmbH'|named 'ÄRZTE GMBH') already exists\.",
                        results[0]), results
    db = open_database(path)
    with db.session() as s:
        assert len(accounts.list_rows(s)) == 1
    db.dispose()
