"""The command line: one-line errors and a non-zero exit, never a traceback."""

import subprocess
import sys

import pytest

from csplanner.cli import main
from csplanner.core import migrate
from csplanner.core.db import open_database
from csplanner.core.services import accounts


def run(capsys, *argv):
    code = main(list(argv))
    out, err = capsys.readouterr()
    return code, out, err


def test_help_lists_the_commands(capsys):
    with pytest.raises(SystemExit) as exit_:
        main(["--help"])
    assert exit_.value.code == 0
    out = capsys.readouterr().out
    for name in ("demo", "check"):
        assert name in out


@pytest.mark.parametrize(
    "argv, message",
    [
        (["frobnicate"], "invalid choice: 'frobnicate'"),
        (["demo", "--accounts", "many"], "'many' is not a whole number"),
        (["demo", "--accounts", "0"], "must be at least 1"),
        (["check", "--db", "/nonexistent/x.sqlite3"], "No database at /nonexistent/x.sqlite3"),
    ],
)
def test_bad_arguments_give_one_line(capsys, argv, message):
    code, out, err = run(capsys, *argv)
    assert code == 2
    assert message in err
    assert err.count("\n") == 1 and "Traceback" not in err


def test_check_reports_a_healthy_file(capsys, tmp_path):
    path = tmp_path / "x.sqlite3"
    db = open_database(path)
    with db.session() as s:
        accounts.create(s, name="Acme")
    db.dispose()
    code, out, _ = run(capsys, "check", "--db", str(path))
    assert code == 0
    head = migrate.head_revision()
    assert "integrity: ok" in out and f"schema: {head} (latest {head})" in out


def test_check_refuses_a_file_that_is_not_a_database(capsys, tmp_path):
    path = tmp_path / "x.sqlite3"
    path.write_text("hello")
    code, _, err = run(capsys, "check", "--db", str(path))
    assert code == 2 and "not a csplanner database" in err


def test_db_comes_from_the_environment(capsys, tmp_path, monkeypatch):
    path = tmp_path / "env.sqlite3"
    open_database(path).dispose()
    monkeypatch.setenv("CSPLANNER_DB", str(path))
    code, out, _ = run(capsys, "check")
    assert code == 0 and "integrity: ok" in out


def test_the_installed_command_prints_no_traceback(tmp_path):
    bad = tmp_path / "bad.sqlite3"
    bad.write_bytes(b"\x00" * 4096)
    proc = subprocess.run(
        [sys.executable, "-m", "csplanner", "check", "--db", str(bad)],
        capture_output=True, text=True, timeout=60,
    )
    assert proc.returncode == 2
    assert proc.stderr.startswith("csplanner: ") and "Traceback" not in proc.stderr


def dump(path):
    import sqlite3

    conn = sqlite3.connect(path)
    rows = conn.execute("SELECT name, arr_minor, renewal, stage FROM account ORDER BY id").fetchall()
    conn.close()
    return rows


def test_demo_writes_the_same_book_for_the_same_seed_and_day(capsys, tmp_path):
    args = ["--accounts", "12", "--seed", "7", "--today", "2026-11-25"]
    code, out, _ = run(capsys, "demo", "--db", str(tmp_path / "a.sqlite3"), *args)
    assert code == 0 and "Wrote 12 demo accounts" in out
    run(capsys, "demo", "--db", str(tmp_path / "b.sqlite3"), *args)
    assert dump(tmp_path / "a.sqlite3") == dump(tmp_path / "b.sqlite3")
    assert len(dump(tmp_path / "a.sqlite3")) == 12


def test_demo_refuses_a_database_with_accounts(capsys, tmp_path):
    path = tmp_path / "a.sqlite3"
    run(capsys, "demo", "--db", str(path), "--accounts", "3")
    code, _, err = run(capsys, "demo", "--db", str(path), "--accounts", "3")
    assert code == 2 and "already holds a demo book of 3 accounts; add --replace" in err
    assert err.count("\n") == 1 and len(dump(path)) == 3


def test_demo_refuses_someone_s_own_book_without_replace(capsys, tmp_path):
    path = tmp_path / "mine.sqlite3"
    db = open_database(path)
    with db.session() as s:
        accounts.create(s, name="Acme")
    db.dispose()
    code, _, err = run(capsys, "demo", "--db", str(path))
    assert code == 2 and err.count("\n") == 1
    assert "already has 1 account that is not demo data; demo data goes into a new file" in err
    assert [row[0] for row in dump(path)] == ["Acme"]
    assert not (tmp_path / "backups").exists()


def test_demo_replace_writes_a_new_book_after_a_backup(capsys, tmp_path):
    import sqlite3

    path = tmp_path / "a.sqlite3"
    db = open_database(path)
    with db.session() as s:
        accounts.create(s, name="Acme")
    db.dispose()
    code, out, _ = run(capsys, "demo", "--db", str(path), "--accounts", "4", "--today", "2026-11-25", "--replace")
    assert code == 0 and "Replaced the 1 account in" in out and "with 4 demo accounts" in out
    assert len(dump(path)) == 4 and "Acme" not in [row[0] for row in dump(path)]
    [saved] = (tmp_path / "backups").glob("a-before-demo-*.sqlite3")
    assert str(saved) in out
    conn = sqlite3.connect(saved)
    assert conn.execute("SELECT name FROM account").fetchall() == [("Acme",)]  # nothing lost
    conn.close()


def test_make_demo_runs_twice(capsys, tmp_path, monkeypatch):
    """The Makefile's `demo` recipe, run twice in a row, writes the book both times."""
    import shlex
    from pathlib import Path

    makefile = (Path(__file__).parents[1] / "Makefile").read_text().splitlines()
    recipe = makefile[makefile.index(next(line for line in makefile if line.startswith("demo:"))) + 1]
    argv = shlex.split(recipe)
    argv = argv[argv.index(next(a for a in argv if a.endswith("/csplanner"))) + 1:]
    monkeypatch.chdir(tmp_path)
    for _ in range(2):
        code, out, err = run(capsys, *argv, "--today", "2026-11-25")
        assert (code, err) == (0, "")
    assert len(dump(tmp_path / "demo.sqlite3")) == 60


def test_demo_refuses_a_file_the_app_has_open(capsys, tmp_path):
    from csplanner.app import lock_database

    path = tmp_path / "a.sqlite3"
    lock = lock_database(path)
    try:
        code, _, err = run(capsys, "demo", "--db", str(path), "--replace")
    finally:
        lock.unlock()
    assert code == 2 and "is open in csplanner; close it and try again" in err
    assert not path.exists()


def test_demo_builds_the_book_around_the_clock_s_today_by_default(capsys, tmp_path):
    import sqlite3
    from datetime import date

    path = tmp_path / "a.sqlite3"
    code, out, _ = run(capsys, "demo", "--db", str(path), "--accounts", "1")
    assert code == 0 and "Wrote 1 demo account to" in out
    conn = sqlite3.connect(path)
    signed = conn.execute("SELECT contract_signed FROM account").fetchone()[0]
    conn.close()
    assert 0 < (date.today() - date.fromisoformat(signed)).days <= 3 * 366


def test_demo_bad_date(capsys, tmp_path):
    code, _, err = run(capsys, "demo", "--db", str(tmp_path / "a.sqlite3"), "--today", "2026-13-01")
    assert code == 2 and "'2026-13-01' is not a date" in err
