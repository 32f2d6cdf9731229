"""Names with `?`, `%`, `#` or `[` reach exactly the file named, for opening, checking and backups."""

import sqlite3

import pytest

from csplanner.cli import main
from csplanner.core.db import backup, open_database
from csplanner.core.services import accounts

NAMES = ["q?x.sqlite3", "100%25.sqlite3", "bad#1.sqlite3", "plan[2].sqlite3", "a b&c=d.sqlite3"]


@pytest.mark.parametrize("name", NAMES)
def test_data_lands_in_the_file_named_and_nowhere_else(tmp_path, name):
    folder = tmp_path / "f"
    db = open_database(folder / name)
    with db.session() as s:
        accounts.create(s, name="Acme")
    db.dispose()
    assert sorted(p.name for p in folder.iterdir()) == [name]
    conn = sqlite3.connect(folder / name)
    assert conn.execute("SELECT name FROM account").fetchall() == [("Acme",)]
    conn.close()


@pytest.mark.parametrize("name", NAMES)
def test_a_backup_of_a_quoted_name_holds_the_data(tmp_path, name):
    db = open_database(tmp_path / name)
    with db.session() as s:
        accounts.create(s, name="Acme")
    db.dispose()
    copy = backup(tmp_path / name)
    conn = sqlite3.connect(copy)
    assert conn.execute("SELECT name FROM account").fetchall() == [("Acme",)]
    conn.close()


def test_check_on_a_damaged_file_with_a_hash_in_its_name_reports_it(tmp_path, capsys):
    path = tmp_path / "bad#1.sqlite3"
    db = open_database(path)
    with db.session() as s:
        for i in range(300):
            accounts.create(s, name=f"Account {i}", goal="g" * 300)
    db.dispose()
    data = bytearray(path.read_bytes())
    data[4096 * 3: 4096 * 5] = b"\xff" * 8192  # trash some pages, keep the header
    path.write_bytes(bytes(data))
    code = main(["check", "--db", str(path)])
    out, err = capsys.readouterr()
    assert code != 0 and "integrity: ok" not in out
    assert all(p.name.startswith("bad#1.sqlite3") for p in tmp_path.iterdir())  # no stray "bad"
