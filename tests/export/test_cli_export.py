"""`csplanner export-pdf` and `export-week`: a PDF or a one-line error, never a half-written file."""

import os
import re
import subprocess
import sys
from datetime import date, timedelta
from pathlib import Path

import pytest
from pypdf import PdfReader

from csplanner.cli import main
from csplanner.core.db import open_database
from csplanner.core.services import accounts, checkins, milestones


def text_of(path: Path) -> str:
    return re.sub(r"\s+", " ", " ".join(p.extract_text() for p in PdfReader(str(path)).pages))


@pytest.fixture
def db_file(tmp_path) -> Path:
    path = tmp_path / "book.sqlite3"
    db = open_database(path)
    today = date.today()
    with db.session() as s:
        aid = accounts.create(s, name="Globex", goal="One platform for all plants",
                              renewal=today + timedelta(days=100), segment="Enterprise-INTERNAL").id
        milestones.create(s, account_id=aid, title="Plant 1 live", planned_on=today)
        checkins.create(s, account_id=aid, held_on=today, summary="INTERNAL summary", next_steps="Plan plant 2")
    db.dispose()
    return path


def run(capsys, *argv):
    code = main([str(a) for a in argv])
    out, err = capsys.readouterr()
    return code, out, err


def test_export_pdf_customer_version(qapp, capsys, db_file, tmp_path):
    out = tmp_path / "globex.pdf"
    code, stdout, err = run(capsys, "export-pdf", "--db", db_file, "--account", "globex", "--out", out,
                            "--audience", "customer", "--paper", "letter")
    assert code == 0 and err == ""
    assert stdout.startswith(f"Wrote {out} (") and "customer version" in stdout
    text = text_of(out)
    assert "One platform for all plants" in text and "Plan plant 2" in text and "INTERNAL" not in text
    assert round(float(PdfReader(str(out)).pages[0].mediabox.width)) == 612


def test_export_pdf_is_internal_by_default(qapp, capsys, db_file, tmp_path):
    out = tmp_path / "globex.pdf"
    assert run(capsys, "export-pdf", "--db", db_file, "--account", "Globex", "--out", out)[0] == 0
    assert "INTERNAL summary" in text_of(out)


def test_export_week(qapp, capsys, db_file, tmp_path):
    out = tmp_path / "week.pdf"
    code, stdout, _ = run(capsys, "export-week", "--db", db_file, "--out", out)
    assert code == 0 and "(1 page)" in stdout
    assert "Plant 1 live" in text_of(out)


@pytest.mark.parametrize(
    "argv, message",
    [
        (["export-pdf", "--account", "Initech", "--out", "{tmp}/x.pdf"], "No account named 'Initech'."),
        (["export-pdf", "--account", "Globex", "--out", "{tmp}/missing/x.pdf"], "the folder"),
        (["export-pdf", "--account", "Globex", "--out", "{tmp}/x.pdf", "--audience", "boss"], "invalid choice"),
        (["export-week", "--week", "2026-W60", "--out", "{tmp}/x.pdf"], "is not a week"),
        (["export-week", "--out", "{tmp}"], "it is a folder"),
    ],
)
def test_bad_input_gives_one_line_and_no_file(qapp, capsys, db_file, tmp_path, argv, message):
    before = sorted(tmp_path.rglob("*"))
    code, _, err = run(capsys, *[a.replace("{tmp}", str(tmp_path)) for a in argv], "--db", db_file)
    assert code == 2 and message in err
    assert err.count("\n") == 1 and "Traceback" not in err
    assert sorted(p for p in tmp_path.rglob("*") if not p.name.startswith("book.sqlite3")) == [
        p for p in before if not p.name.startswith("book.sqlite3")]


def test_works_with_no_display(db_file, tmp_path):
    """A real process, as a script or cron job would run it: no DISPLAY, no QT_QPA_PLATFORM."""
    env = {k: v for k, v in os.environ.items() if k not in ("DISPLAY", "WAYLAND_DISPLAY", "QT_QPA_PLATFORM")}
    out = tmp_path / "plan.pdf"
    proc = subprocess.run(
        [sys.executable, "-m", "csplanner", "export-pdf", "--db", str(db_file), "--account", "Globex",
         "--out", str(out)], capture_output=True, text=True, env=env, timeout=120,
    )
    assert proc.returncode == 0, proc.stderr
    assert "Globex" in text_of(out)


def test_export_pdf_takes_a_unique_start_of_the_name_and_lists_several(qapp, capsys, db_file, tmp_path):
    db = open_database(db_file)
    with db.session() as s:
        accounts.create(s, name="Glowing Travel")
    db.dispose()
    out = tmp_path / "globex.pdf"
    code, stdout, err = run(capsys, "export-pdf", "--db", db_file, "--account", "glo", "--out", out)
    assert code != 0 and len(err.strip().splitlines()) == 1
    assert "'glo' matches 2 accounts: Globex; Glowing Travel. Give more of the name." in err
    assert not out.exists()
    code, stdout, err = run(capsys, "export-pdf", "--db", db_file, "--account", "glob", "--out", out)
    assert code == 0 and err == "" and out.exists()
    assert "One platform for all plants" in text_of(out)  # Globex's plan, found by the start of its name
