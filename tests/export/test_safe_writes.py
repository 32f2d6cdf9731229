"""Exports never overwrite the database, write whole files or nothing, 0600; long cells flow once."""

import errno
import hashlib
import os
import re
import stat

import pytest
from pypdf import PdfReader

from csplanner.cli import main
from csplanner.core import files
from csplanner.core.db import open_database
from csplanner.core.errors import DomainError
from csplanner.core.services import accounts, milestones
from csplanner.export.account_plan import export_account_plan
from tests.conftest import TODAY


def sha(path):
    return hashlib.sha256(path.read_bytes()).hexdigest()


@pytest.fixture
def book(tmp_path):
    path = tmp_path / "book.sqlite3"
    db = open_database(path)
    with db.session() as s:
        aid = accounts.create(s, name="Acme").id
        milestones.create(s, account_id=aid, title="Kickoff", planned_on=TODAY)
    db.dispose()
    return path


@pytest.mark.parametrize("target", ["book.sqlite3", "book.sqlite3-wal", "book.sqlite3-shm", "book.sqlite3.lock",
                                    "backups/book-daily.sqlite3", "link.sqlite3"])
@pytest.mark.parametrize("command", ["export-pdf", "export-week"])
def test_an_export_onto_the_database_or_its_files_is_refused(qapp, capsys, book, target, command):
    folder = book.parent
    (folder / "backups").mkdir()
    (folder / "backups" / "book-daily.sqlite3").write_bytes(book.read_bytes())
    (folder / "book.sqlite3.lock").write_text("123\n")
    (folder / "link.sqlite3").symlink_to(book)
    out = folder / target
    before = {p.name: sha(p) for p in folder.rglob("*") if p.is_file()}
    extra = ["--account", "Acme"] if command == "export-pdf" else []
    code = main([command, "--db", str(book), *extra, "--out", str(out)])
    err = capsys.readouterr().err
    assert code == 2 and "Refusing to write" in err and err.count("\n") == 1
    assert {p.name: sha(p) for p in folder.rglob("*") if p.is_file()} == before


def test_an_export_onto_another_database_is_refused(qapp, capsys, book, tmp_path):
    other = tmp_path / "other.db"
    other.write_bytes(book.read_bytes())
    before = sha(other)
    code = main(["export-pdf", "--db", str(book), "--account", "Acme", "--out", str(other)])
    assert code == 2 and "it is a database" in capsys.readouterr().err
    assert sha(other) == before


def test_an_exported_pdf_is_private(qapp, capsys, book, tmp_path):
    out = tmp_path / "plan.pdf"
    assert main(["export-pdf", "--db", str(book), "--account", "Acme", "--out", str(out)]) == 0
    assert stat.S_IMODE(out.stat().st_mode) == 0o600


@pytest.mark.parametrize("fails", ["write", "fsync"])
def test_a_full_disk_keeps_the_old_pdf_and_says_so(qapp, capsys, book, tmp_path, monkeypatch, fails):
    out = tmp_path / "plan.pdf"
    assert main(["export-pdf", "--db", str(book), "--account", "Acme", "--out", str(out)]) == 0
    good = sha(out)
    capsys.readouterr()
    real_write = os.write

    def short_write(fd, data):  # the first bytes land, then the disk is full
        if len(data) > 100:
            return real_write(fd, bytes(data[:100]))
        raise OSError(errno.ENOSPC, "No space left on device")

    def broken_fsync(_fd):
        raise OSError(errno.ENOSPC, "No space left on device")

    monkeypatch.setattr(files.os, "write" if fails == "write" else "fsync", short_write if fails == "write" else broken_fsync)
    code = main(["export-pdf", "--db", str(book), "--account", "Acme", "--out", str(out)])
    err = capsys.readouterr().err
    assert code == 2 and "the disk is full" in err and err.count("\n") == 1
    assert sha(out) == good
    assert sorted(p.name for p in tmp_path.iterdir()) == ["book.sqlite3", "plan.pdf"]


def test_write_atomic_never_follows_a_name_onto_a_backup(tmp_path):
    db_path = tmp_path / "b.sqlite3"
    db_path.write_bytes(files.SQLITE_HEADER + b"\0" * 100)
    with pytest.raises(DomainError, match="backups"):
        files.write_atomic(tmp_path / "backups" / "x.json", b"{}", protect=db_path)


def test_a_cell_longer_than_many_pages_is_printed_once(qapp, db, tmp_path):
    words = [f"w{i:05d}" for i in range(14_000)]
    outcome = " ".join(words)[:100_000]
    with db.session() as s:
        aid = accounts.create(s, name="Long Ltd").id
        milestones.create(s, account_id=aid, title="Long run", planned_on=TODAY, outcome=outcome)
    out = tmp_path / "long.pdf"
    result = export_account_plan(db, aid, out, today=TODAY)
    reader = PdfReader(str(out))
    text = re.sub(r"\s+", " ", " ".join(page.extract_text() for page in reader.pages))
    assert result.pages == len(reader.pages) < 120
    for token in ("w00000", "w05000", "w10000", words[len(outcome) // 7 - 1]):
        assert text.count(token) == 1, token
    assert out.stat().st_size < 3_000_000
