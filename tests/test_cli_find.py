"""`csplanner search` and `csplanner import-csv`: output, exit codes, what lands."""

from datetime import date
from pathlib import Path

import pytest
from sqlmodel import select

from csplanner.cli import main
from csplanner.core.db import open_database
from csplanner.core.models import Account
from csplanner.core.services import accounts, milestones
from tests.core.test_search import HOSTILE

FILES = Path(__file__).parent / "core" / "csv_files"


def run(capsys, *argv):
    code = main([str(a) for a in argv])
    out, err = capsys.readouterr()
    return code, out, err


@pytest.fixture
def book(tmp_path):
    path = tmp_path / "book.sqlite3"
    db = open_database(path)
    with db.session() as s:
        a = accounts.create(s, name="Harbor Energy", goal="SSO for every depot")
        milestones.create(s, account_id=a.id, title="SSO rollout", planned_on=date(2026, 4, 2), notes="Okta")
    db.dispose()
    return path


def names(path):
    db = open_database(path)
    try:
        with db.session() as s:
            return [a.name for a in s.exec(select(Account).order_by(Account.id)).all()]
    finally:
        db.dispose()


def test_search_prints_kind_account_date_and_snippet(capsys, book):
    code, out, err = run(capsys, "search", "--db", book, "sso")
    assert (code, err) == (0, "")
    assert out.splitlines() == [
        "Milestone\tHarbor Energy\t2026-04-02\t[SSO] rollout",
        "Account\tHarbor Energy\t-\t[SSO] for every depot",
    ]
    code, out, _ = run(capsys, "search", "--db", book, "sso", "--limit", "1")
    assert len(out.splitlines()) == 1


@pytest.mark.parametrize("query", HOSTILE[:40])
def test_search_exits_0_for_hostile_queries(capsys, book, query):
    if "\x00" in query:
        query = query.replace("\x00", "")  # argv cannot carry NUL
    code, _, err = run(capsys, "search", "--db", book, "--", query)  # "--": a query may start with "-"
    assert (code, err) == (0, "")


def test_search_needs_a_database(capsys, tmp_path):
    code, _, err = run(capsys, "search", "--db", tmp_path / "none.sqlite3", "x")
    assert code == 2 and err.startswith("csplanner: No database at")


def test_import_csv_adds_the_accounts(capsys, book):
    code, out, err = run(capsys, "import-csv", "--db", book, FILES / "salesforce_report.csv")
    assert (code, err) == (0, "")
    assert out.strip().endswith("3 added, 1 updated")  # Harbor Energy was there already
    assert names(book) == ["Harbor Energy", "Smith, Jones & Partners", 'The "Best" Widgets, Inc.',
                           'Acme Rockets, "West" Division']


def test_import_csv_with_bad_rows_imports_nothing_and_names_each_line(capsys, book):
    code, out, err = run(capsys, "import-csv", "--db", book, FILES / "broken_rows.csv")
    assert code == 2 and out == ""
    lines = err.splitlines()
    assert lines[0] == "line 3: empty name"
    assert lines[8] == "line 11: 7 cells but the header has 6 (a stray delimiter or quote?)"
    assert lines[-1].startswith("csplanner: 10 rows cannot be imported") and len(lines) == 11
    assert names(book) == ["Harbor Energy"]


def test_import_csv_skip_invalid_imports_the_valid_rows(capsys, book):
    code, out, err = run(capsys, "import-csv", "--db", book, FILES / "broken_rows.csv", "--skip-invalid")
    assert code == 0 and len(err.splitlines()) == 10
    assert out.strip().endswith("2 added, 0 updated, 10 skipped")
    assert names(book) == ["Harbor Energy", "Good Co", "Last Good Co"]


def test_import_csv_dry_run_prints_every_fate_and_writes_nothing(capsys, book):
    code, out, err = run(capsys, "import-csv", "--db", book, FILES / "broken_rows.csv", "--dry-run")
    assert (code, err) == (0, "")
    lines = out.splitlines()
    assert lines[0].startswith("columns: Account Name → name, ARR → arr")
    assert "line 2\tadd\tGood Co" in lines
    assert "line 3\terror\t\tempty name" in lines
    assert lines[-1] == "2 to add, 0 to update, 10 with errors (dry run: nothing written)"
    assert names(book) == ["Harbor Energy"]


def test_import_csv_update_shows_what_changes(capsys, book):
    code, out, _ = run(capsys, "import-csv", "--db", book, FILES / "salesforce_report.csv", "--dry-run")
    assert "line 4\tupdate\tHarbor Energy + contact Tom O'Neil\tarr_minor, contract_signed, owner, regions, " \
           "renewal, segment" in out.splitlines()


def test_import_csv_map_and_date_order(capsys, book, tmp_path):
    csv = tmp_path / "x.csv"
    csv.write_text("Kunde,Ende\nAcme,03/04/2027\n")
    code, _, err = run(capsys, "import-csv", "--db", book, csv, "--map", "Kunde=name", "--map", "Ende=renewal")
    assert code == 2 and "--date-order" in err and "03/04/2027" in err
    assert names(book) == ["Harbor Energy"]
    code, _, err = run(capsys, "import-csv", "--db", book, csv, "--map", "Kunde=name", "--map", "Ende=renewal",
                       "--date-order", "dmy")
    assert (code, err) == (0, "")
    db = open_database(book)
    with db.session() as s:
        assert accounts.by_name(s, "acme").renewal == date(2027, 4, 3)
    db.dispose()


@pytest.mark.parametrize(("argv", "message"), [
    (["--map", "Nope=name"], "the file has no column 'Nope'"),
    (["--map", "Account Name=boss"], "'boss' is not a field"),
    (["--date-order", "ydm"], "invalid choice: 'ydm'"),
])
def test_import_csv_bad_options_give_one_line(capsys, book, argv, message):
    code, _, err = run(capsys, "import-csv", "--db", book, FILES / "broken_rows.csv", *argv)
    assert code == 2 and message in err and len(err.splitlines()) == 1


def test_import_csv_missing_file(capsys, book, tmp_path):
    code, _, err = run(capsys, "import-csv", "--db", book, tmp_path / "nope.csv")
    assert code == 2 and "No such file" in err
