"""Every kind of bad file is refused with a message that says what is wrong and what to do,
a one-line error and a non-zero exit on the command line, and its bytes unchanged."""

import hashlib
import os
import sqlite3
import subprocess
import sys
import tempfile
from pathlib import Path

import pytest

from csplanner.cli import main
from csplanner.core import dbfile
from csplanner.core.db import open_database
from csplanner.core.dbfile import BadDatabase, Problem
from csplanner.core.services import accounts


def sha(path: Path) -> str:
    return hashlib.sha256(path.read_bytes()).hexdigest()


def book(path: Path, n: int = 3) -> Path:
    db = open_database(path)
    with db.session() as s:
        for i in range(n):
            accounts.create(s, name=f"Account {i}", goal="g" * 400)
    db.dispose()
    return path


def not_a_database(path):
    path.write_bytes(b"my precious notes, not a database\n" * 200)


def damaged(path):
    book(path, 400)
    data = bytearray(path.read_bytes())
    data[4096 * 4: 4096 * 8] = b"\xa5" * (4096 * 4)  # trash pages, keep the header
    path.write_bytes(bytes(data))


def foreign(path):
    conn = sqlite3.connect(path)  # another program's file, rollback journal (not WAL)
    conn.execute("CREATE TABLE recipes (id INTEGER PRIMARY KEY, name TEXT)")
    conn.execute("INSERT INTO recipes (name) VALUES ('soup')")
    conn.commit()
    conn.close()


def newer(path):
    book(path)
    conn = sqlite3.connect(path)
    conn.execute("UPDATE alembic_version SET version_num = '0099_from_the_future'")
    conn.commit()
    conn.close()


def empty(path):
    path.write_bytes(b"")


# kind -> (maker, problem, words the message must hold: what is wrong, what to do)
CASES = {
    "not a database": (not_a_database, Problem.NOT_DATABASE, ["not a csplanner database", "Restore a backup", "open another file"]),
    "damaged": (damaged, Problem.DAMAGED, ["is damaged", "Restore a backup", "open another file"]),
    "foreign": (foreign, Problem.FOREIGN, ["not a csplanner database", "another program", "Open another file"]),
    "newer": (newer, Problem.NEWER, ["newer csplanner", "0099_from_the_future", "open it read-only"]),
    "empty": (empty, Problem.EMPTY, ["is empty", "Restore a backup", "open another file"]),
}


@pytest.mark.parametrize("kind", CASES)
def test_opening_a_bad_file_is_refused_untouched(tmp_path, kind):
    make, problem, words = CASES[kind]
    path = tmp_path / "book.sqlite3"
    make(path)
    before = sha(path)
    with pytest.raises(BadDatabase) as err:
        open_database(path)
    assert err.value.problem == problem
    assert err.value.can_read_only == (problem == Problem.NEWER)
    for word in words:
        assert word in err.value.message
    assert "\n" not in err.value.message
    assert sha(path) == before
    assert not (tmp_path / "backups").exists()  # no pointless backup of a file we cannot open


@pytest.mark.parametrize("kind", CASES)
def test_the_command_line_refuses_a_bad_file_in_one_line(tmp_path, capsys, kind):
    make, _, words = CASES[kind]
    path = tmp_path / "book.sqlite3"
    make(path)
    before = sha(path)
    code = main(["import-json", "--db", str(path), str(tmp_path / "x.json"), "--merge"])
    err = capsys.readouterr().err
    assert code == 2 and err.count("\n") == 1 and "Traceback" not in err
    for word in words:
        assert word in err
    assert sha(path) == before
    assert sorted(p.name for p in tmp_path.iterdir()) == ["book.sqlite3"]


@pytest.mark.parametrize("kind", CASES)
def test_check_never_changes_a_bad_file(tmp_path, capsys, kind):
    make, problem, words = CASES[kind]
    path = tmp_path / "book.sqlite3"
    make(path)
    before = sha(path)
    code = main(["check", "--db", str(path)])
    out, err = capsys.readouterr()
    if problem == Problem.NEWER:  # check can read it: it says newer, not "will be upgraded"
        assert code == 1 and "newer than this csplanner" in out and "upgraded" not in out
    else:
        assert code == 2 and err.count("\n") == 1
        for word in words[:1]:
            assert word in err
    assert sha(path) == before
    assert sorted(p.name for p in tmp_path.iterdir()) == ["book.sqlite3"]  # no -wal, -shm, stray file


def test_a_newer_file_opens_read_only_and_still_refuses_edits(tmp_path):
    path = tmp_path / "book.sqlite3"
    newer(path)
    before = sha(path)
    db = open_database(path, read_only=True)
    try:
        assert db.read_only and "newer csplanner" in db.read_only_why
        with db.session() as s:
            assert [r.name for r in accounts.list_rows(s)] == ["Account 0", "Account 1", "Account 2"]
        with pytest.raises(Exception, match="open read-only.*Nothing was saved"), db.session() as s:
            accounts.create(s, name="New")
    finally:
        db.dispose()
    assert sha(path) == before


def test_a_locked_file_says_locked_quickly_and_stays_untouched(tmp_path, capsys):
    path = book(tmp_path / "book.sqlite3")
    holder = sqlite3.connect(path)
    holder.execute("PRAGMA locking_mode=EXCLUSIVE")
    holder.execute("BEGIN EXCLUSIVE")
    try:
        before = sha(path)
        with pytest.raises(BadDatabase, match="locked by another program") as err:
            open_database(path)
        assert "Close that program" in err.value.message
        code = main(["check", "--db", str(path)])
        err_text = capsys.readouterr().err
        assert code == 2 and "locked by another program" in err_text and err_text.count("\n") == 1
        assert sha(path) == before
    finally:
        holder.rollback()
        holder.close()


def test_check_leaves_another_programs_file_in_its_journal_mode(tmp_path, capsys):
    path = tmp_path / "recipes.db"
    foreign(path)
    main(["check", "--db", str(path)])
    capsys.readouterr()
    conn = sqlite3.connect(path)
    assert conn.execute("PRAGMA journal_mode").fetchone()[0] == "delete"
    conn.close()


# --- read-only files and folders: real permissions, so a non-root user runs the command ---

def as_user() -> dict:
    """Run a subprocess as 'nobody' when the tests run as root (root ignores permissions)."""
    if os.geteuid() != 0:
        return {}
    try:
        probe = subprocess.run([sys.executable, "-c", "pass"], capture_output=True,
                               preexec_fn=lambda: (os.setgid(65534), os.setuid(65534)))
    except OSError:
        probe = None
    if probe is None or probe.returncode != 0:
        pytest.skip("running as root, and 'nobody' cannot run this Python: permissions cannot be tested for real")
    return {"preexec_fn": lambda: (os.setgid(65534), os.setuid(65534))}


def cli(*argv: str) -> subprocess.CompletedProcess:
    env = {**os.environ, "PYTHONPATH": str(Path(__file__).resolve().parents[2])}
    env["CSPLANNER_HOME"] = tempfile.mkdtemp()
    os.chmod(env["CSPLANNER_HOME"], 0o777)
    return subprocess.run([sys.executable, "-m", "csplanner", *argv], capture_output=True, text=True,
                          timeout=120, env=env, **as_user())


@pytest.fixture
def shared_dir():
    """A folder 'nobody' can reach (pytest's tmp folders are private to their owner)."""
    folder = Path(tempfile.mkdtemp(prefix="csplanner-ro-"))
    os.chmod(folder, 0o755)
    yield folder
    os.chmod(folder, 0o755)
    for p in sorted(folder.rglob("*"), reverse=True):
        os.chmod(p, 0o755) if p.is_dir() else None
        p.rmdir() if p.is_dir() else p.unlink()
    folder.rmdir()


@pytest.mark.parametrize("where", ["file", "folder"])
def test_a_read_only_book_is_refused_for_editing_but_checks_and_exports(shared_dir, where):
    path = book(shared_dir / "ro" / "book.sqlite3")
    os.chmod(path.parent, 0o755)
    os.chmod(path, 0o444 if where == "file" else 0o644)
    if where == "folder":
        os.chmod(path.parent, 0o555)
    before = sha(path)
    proc = cli("import-json", "--db", str(path), str(shared_dir / "none.json"), "--merge")
    assert proc.returncode == 2 and proc.stderr.count("\n") == 1, proc.stderr
    assert "is read-only" in proc.stderr and "Open it read-only" in proc.stderr
    assert ("its folder" in proc.stderr) == (where == "folder")
    assert "already open" not in proc.stderr
    proc = cli("check", "--db", str(path))
    assert proc.returncode == 0 and "integrity: ok" in proc.stdout and "access: read-only" in proc.stdout, proc.stderr
    out = shared_dir / "book.json"
    os.chmod(shared_dir, 0o777)
    proc = cli("export-json", "--db", str(path), "--out", str(out))
    assert proc.returncode == 0 and "3 accounts" in proc.stdout, proc.stderr
    assert sha(path) == before
    assert sorted(p.name for p in path.parent.iterdir()) == ["book.sqlite3"]


def test_inspect_reports_a_missing_file_as_new(tmp_path):
    found = dbfile.inspect(tmp_path / "none.sqlite3")
    assert not found.exists and not (tmp_path / "none.sqlite3").exists()


@pytest.mark.parametrize("why", ["the file is read-only", "its folder /x is read-only"])
def test_a_read_only_book_opens_read_only_when_asked(tmp_path, monkeypatch, why):
    """The same refusal in-process (permissions simulated: these tests may run as root)."""
    path = book(tmp_path / "book.sqlite3")
    before = sha(path)
    monkeypatch.setattr(dbfile, "writable_problem", lambda _p: why)
    with pytest.raises(BadDatabase) as err:
        open_database(path)
    assert err.value.problem == Problem.READ_ONLY and err.value.can_read_only
    assert why in err.value.message and "Open it read-only" in err.value.message
    db = open_database(path, read_only=True)
    try:
        assert db.read_only_why == why
        with db.session() as s:
            assert len(accounts.list_rows(s)) == 3
    finally:
        db.dispose()
    assert sha(path) == before
    assert sorted(p.name for p in tmp_path.iterdir()) == ["book.sqlite3"]


def test_the_app_may_open_a_book_before_its_whole_file_check_and_run_it_after(tmp_path):
    """The app defers quick_check (it reads every page) until its window is drawn; the check then
    finds the damage, says it in the same words, and the file stays as it was."""
    path = tmp_path / "book.sqlite3"
    damaged(path)
    before = sha(path)
    db = open_database(path, check=False)  # what the app's start reads is sound
    try:
        assert not db.checked
        found = dbfile.quick_check(path)
        assert found is not None and found.problem == Problem.DAMAGED
        for word in CASES["damaged"][2]:
            assert word in found.message
        assert dbfile.quick_check(path, stop=lambda: True) is None  # asked to stop: no verdict
        assert dbfile.quick_check(tmp_path / "gone.sqlite3") is None  # nothing there: nothing damaged
    finally:
        db.dispose()
    assert sha(path) == before


def test_an_unchecked_book_is_checked_before_an_upgrade_writes_it(tmp_path):
    path = tmp_path / "old.sqlite3"
    path.write_bytes((Path(__file__).parents[1] / "fixtures" / "book-0001.sqlite3").read_bytes())
    data = bytearray(path.read_bytes())
    size = int.from_bytes(data[16:18], "big")
    data[size * 3: size * 6] = b"\xa5" * (size * 3)  # past the schema and the version row
    path.write_bytes(bytes(data))
    before = sha(path)
    with pytest.raises(BadDatabase) as err:
        open_database(path, check=False)
    assert err.value.problem == Problem.DAMAGED and sha(path) == before
    assert not (tmp_path / "backups").exists()  # no before-migration copy of a damaged file
