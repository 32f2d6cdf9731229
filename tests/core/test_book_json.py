"""The whole book as JSON: a lossless round trip, merge or replace, all or nothing."""

import json
from datetime import date, datetime

import pytest

from csplanner.cli import main
from csplanner.core import backups, book_json
from csplanner.core.db import open_database
from csplanner.core.errors import DomainError
from csplanner.core.services import accounts
from csplanner.demo import generate

NOW = datetime(2026, 11, 20, 9, 0)


@pytest.fixture
def demo_book(tmp_path):
    path = tmp_path / "demo.sqlite3"
    db = open_database(path)
    generate(db, accounts=12, seed=3, today=date(2026, 11, 25))
    db.dispose()
    return path


def test_a_round_trip_gives_back_every_row(tmp_path, capsys, demo_book):
    first = tmp_path / "book.json"
    assert main(["export-json", "--db", str(demo_book), "--out", str(first)]) == 0
    copy = tmp_path / "copy.sqlite3"
    assert main(["import-json", "--db", str(copy), str(first)]) == 0  # an empty book needs no flag
    second = tmp_path / "again.json"
    assert main(["export-json", "--db", str(copy), "--out", str(second)]) == 0
    a, b = json.loads(first.read_text()), json.loads(second.read_text())
    assert a == b
    assert a["format"] == "csplanner-book" and a["version"] == 1
    assert {t for t, rows in a["tables"].items() if rows} >= {"account", "milestone", "obstacle", "check_in", "stakeholder"}
    assert "Imported 12 accounts" in capsys.readouterr().out


def test_importing_into_a_book_with_accounts_needs_merge_or_replace(tmp_path, capsys, demo_book):
    out = tmp_path / "book.json"
    main(["export-json", "--db", str(demo_book), "--out", str(out)])
    capsys.readouterr()
    code = main(["import-json", "--db", str(demo_book), str(out)])
    err = capsys.readouterr().err
    assert code == 2 and "--merge" in err and "--replace" in err and err.count("\n") == 1


def test_merge_adds_only_new_accounts_with_everything_they_hold(tmp_path, demo_book):
    out = tmp_path / "book.json"
    db = open_database(demo_book, read_only=True)
    book_json.export(db, out)
    db.dispose()
    other = open_database(tmp_path / "other.sqlite3")
    with other.session() as s:
        accounts.create(s, name="Mine Ltd")
    first_name = json.loads(out.read_text())["tables"]["account"][0]["name"]
    with other.session() as s:
        accounts.create(s, name=first_name.upper())  # already there, in another case
    result = book_json.import_book(other, out, "merge", NOW)
    assert result.accounts == 11 and result.skipped_accounts == [first_name]
    with other.session() as s:
        assert len(accounts.list_rows(s, include_archived=True)) == 13
    assert [b.reason for b in backups.list_backups(other.path)] == ["before-import"]
    other.dispose()


def test_replace_swaps_the_whole_book_after_a_backup(tmp_path, demo_book):
    out = tmp_path / "book.json"
    db = open_database(demo_book, read_only=True)
    book_json.export(db, out)
    db.dispose()
    other = open_database(tmp_path / "other.sqlite3")
    with other.session() as s:
        accounts.create(s, name="Mine Ltd")
    book_json.import_book(other, out, "replace", NOW)
    with other.session() as s:
        names = [r.name for r in accounts.list_rows(s, include_archived=True)]
    assert len(names) == 12 and "Mine Ltd" not in names
    other.dispose()


@pytest.mark.parametrize("spoil", [
    lambda d: d["tables"]["milestone"][-1].update(planned_on="not a date"),
    lambda d: d["tables"]["milestone"][-1].update(account_id=999_999),
    lambda d: d["tables"]["account"][-1].update(archived="false"),
    lambda d: d["tables"]["account"][-1].update(surprise=1),
    lambda d: d["tables"]["check_in"][-1].update(summary="\ud800"),
])
def test_a_bad_row_anywhere_imports_nothing(tmp_path, demo_book, spoil):
    out = tmp_path / "book.json"
    db = open_database(demo_book, read_only=True)
    book_json.export(db, out)
    db.dispose()
    doc = json.loads(out.read_text())
    spoil(doc)
    out.write_text(json.dumps(doc))
    target = open_database(tmp_path / "t.sqlite3")
    with target.session() as s:
        accounts.create(s, name="Mine Ltd")
    with pytest.raises(DomainError, match="Nothing was imported"):
        book_json.import_book(target, out, "replace", NOW)
    with target.session() as s:
        assert [r.name for r in accounts.list_rows(s)] == ["Mine Ltd"]
    target.dispose()


def test_a_file_that_is_not_an_export_is_refused(tmp_path, capsys):
    bad = tmp_path / "x.json"
    bad.write_text('{"hello": 1}')
    code = main(["import-json", "--db", str(tmp_path / "b.sqlite3"), str(bad)])
    assert code == 2 and "not a csplanner JSON export" in capsys.readouterr().err
