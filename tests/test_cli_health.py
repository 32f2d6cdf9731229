"""`csplanner health`: score and parts for one account (a unique part of its name) or all of them."""

import json
from datetime import date

from csplanner.cli import main
from csplanner.core import health
from csplanner.core.db import open_database
from csplanner.core.enums import StakeholderRole
from csplanner.core.services import accounts, stakeholders


def book(tmp_path):
    path = tmp_path / "book.sqlite3"
    db = open_database(path)
    with db.session() as s:
        for name in ("Alder Studios", "Alder Labs", "Birch & Co"):
            a = accounts.create(s, name=name)
            if name == "Birch & Co":
                stakeholders.create(s, account_id=a.id, name="Sam", role=StakeholderRole.EXEC_SPONSOR)
        gone = accounts.create(s, name="Cedar", archived=True)
        birch = accounts.by_name(s, "Birch & Co").id
        expected = health.account_health(s, birch, date.today())
    db.dispose()
    return path, birch, expected, gone.id


def run(capsys, *argv):
    code = main(list(argv))
    out, err = capsys.readouterr()
    return code, out, err


def test_one_account_by_a_unique_part_of_its_name_as_json(tmp_path, capsys):
    path, birch, expected, _ = book(tmp_path)
    code, out, err = run(capsys, "health", "--db", str(path), "--account", "birch", "--json")
    assert (code, err) == (0, "")
    [row] = json.loads(out)
    assert (row["account"], row["account_id"], row["score"]) == ("Birch & Co", birch, expected.score)
    assert [p["key"] for p in row["parts"]] == ["compliance", "obstacles", "checkins", "progress", "coverage"]
    cov = row["parts"][-1]
    assert (cov["score"], cov["weight"]) == (50.0, 0.2)  # never met, no contract date: overdue
    assert cov["explanation"] == "Single-threaded: one active stakeholder (−40), 1 contact overdue for a call (−10)."


def test_all_accounts_as_text_leave_out_archived_ones(tmp_path, capsys):
    path, *_ = book(tmp_path)
    code, out, _ = run(capsys, "health", "--db", str(path))
    assert code == 0
    heads = [line for line in out.splitlines() if not line.startswith("  ")]
    assert [h.split(":")[0] for h in heads] == ["Alder Labs", "Alder Studios", "Birch & Co"]
    assert "  Relationship coverage (20%): 15. No active stakeholder (−60), no active exec sponsor (−25)." in out


def test_an_ambiguous_or_unknown_name_is_one_line(tmp_path, capsys):
    path, *_ = book(tmp_path)
    code, out, err = run(capsys, "health", "--db", str(path), "--account", "alder")
    assert code == 2 and out == ""
    assert err == "csplanner: 'alder' matches 2 accounts: Alder Labs; Alder Studios. Give more of the name.\n"
    code, _, err = run(capsys, "health", "--db", str(path), "--account", "zzz")
    assert (code, err) == (2, "csplanner: No account named 'zzz'.\n")
    code, out, _ = run(capsys, "health", "--db", str(path), "--account", "ALDER s")
    assert code == 0 and out.startswith("Alder Studios: ")
