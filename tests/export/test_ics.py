"""ICS export: parses back with icalendar, right events and dates, stable UIDs, safe writes."""

from datetime import UTC, date, datetime, timedelta

import pytest
from icalendar import Calendar

from csplanner.cli import main
from csplanner.core.book import book_id
from csplanner.core.errors import DomainError
from csplanner.core.services import accounts, checkins, milestones
from csplanner.export.ics import export_ics

TODAY = date(2026, 11, 25)
NOW = datetime(2026, 11, 25, 9, 30, tzinfo=UTC)


@pytest.fixture
def book(db):
    with db.session() as s:
        harbor = accounts.create(s, name="Harbor Energy", contract_signed=date(2026, 1, 5), renewal=date(2027, 1, 5))
        run = milestones.create(s, account_id=harbor.id, title="SSO rollout", planned_on=date(2026, 12, 2),
                                run_type="sprint", phase="onboarding", outcome="Sign-in tickets gone <b>x</b>")
        done = milestones.create(s, account_id=harbor.id, title="Kickoff", planned_on=date(2026, 1, 12),
                                 status="done", done_on=date(2026, 1, 12), run_type="medium", phase="kickoff")
        future = checkins.create(s, account_id=harbor.id, held_on=date(2026, 12, 10), kind="qbr",
                                 summary="Quarterly review", next_steps="Bring the roadmap")
        checkins.create(s, account_id=harbor.id, held_on=date(2026, 11, 1), summary="Past call")  # held: not planned
        north = accounts.create(s, name="Northwind", renewal=date(2027, 6, 30))
        gone = accounts.create(s, name="Archived Co", renewal=date(2027, 2, 1), archived=True)
        milestones.create(s, account_id=gone.id, title="Never shown", planned_on=date(2026, 12, 1))
    return {"harbor": harbor.id, "run": run.id, "done": done.id, "qbr": future.id, "north": north.id, "gone": gone.id}


def events(path):
    cal = Calendar.from_ical(path.read_bytes())
    return cal, {str(e["summary"]): e for e in cal.walk("VEVENT")}


def test_export_parses_back_with_the_right_events_and_dates(db, book, tmp_path):
    out = tmp_path / "plan.ics"
    result = export_ics(db, out, today=TODAY, now=NOW)
    assert (result.path, result.events) == (out, 5)
    cal, found = events(out)
    assert str(cal["prodid"]) == "-//csplanner//csplanner//EN" and str(cal["version"]) == "2.0"
    assert sorted(found) == ["Harbor Energy · Kickoff", "Harbor Energy · QBR", "Harbor Energy · Race day (renewal)",
                             "Harbor Energy · SSO rollout", "Northwind · Race day (renewal)"]
    run = found["Harbor Energy · SSO rollout"]
    assert run.decoded("dtstart") == date(2026, 12, 2) and run.decoded("dtend") == date(2026, 12, 3)
    assert str(run["description"]) == ("Run type: Sprint\nPhase: Onboarding\nStatus: Planned\n"
                                       "Outcome: Sign-in tickets gone <b>x</b>")
    assert run["categories"].cats == ["Planned"]
    assert found["Harbor Energy · Kickoff"]["categories"].cats == ["Done"]
    race = found["Harbor Energy · Race day (renewal)"]
    assert race.decoded("dtstart") == date(2027, 1, 5) and race["categories"].cats == ["Race day"]
    qbr = found["Harbor Energy · QBR"]
    assert qbr.decoded("dtstart") == date(2026, 12, 10)
    assert str(qbr["description"]) == "QBR (planned check-in)\nQuarterly review\nBring the roadmap"
    assert qbr.decoded("dtstamp") == NOW


def test_uids_are_stable_across_exports_and_unique_per_database(db, book, tmp_path, tmp_path_factory):
    export_ics(db, tmp_path / "a.ics", today=TODAY, now=NOW)
    with db.session() as s:
        milestones.update(s, book["run"], title="SSO go-live", planned_on=date(2026, 12, 9))
    export_ics(db, tmp_path / "b.ics", today=TODAY, now=NOW + timedelta(days=1))
    _, first = events(tmp_path / "a.ics")
    _, second = events(tmp_path / "b.ics")
    uids_a = sorted(str(e["uid"]) for e in first.values())
    uids_b = sorted(str(e["uid"]) for e in second.values())
    assert uids_a == uids_b and len(set(uids_a)) == 5
    with db.session() as s:
        book_uuid = book_id(s)
    assert str(second["Harbor Energy · SSO go-live"]["uid"]) == f"milestone-{book['run']}@{book_uuid}.csplanner"
    assert str(first["Harbor Energy · SSO rollout"]["uid"]) == f"milestone-{book['run']}@{book_uuid}.csplanner"
    from csplanner.core.db import open_database  # another file: another identity, so no UID clashes
    other = open_database(tmp_path_factory.mktemp("other") / "x.sqlite3")
    with other.session() as s:
        assert book_id(s) != book_uuid
    other.dispose()


def test_one_account_and_a_date_range(db, book, tmp_path):
    out = tmp_path / "one.ics"
    assert export_ics(db, out, today=TODAY, now=NOW, account_id=book["harbor"], start=date(2026, 12, 1),
                      end=date(2026, 12, 31)).events == 2
    cal, found = events(out)
    assert sorted(found) == ["Harbor Energy · QBR", "Harbor Energy · SSO rollout"]
    assert str(cal["x-wr-calname"]) == "csplanner · Harbor Energy"
    assert export_ics(db, out, today=TODAY, now=NOW, account_id=book["gone"]).events == 2  # asked for by name


def test_an_empty_calendar_is_still_valid(db, tmp_path):
    out = tmp_path / "empty.ics"
    assert export_ics(db, out, today=TODAY, now=NOW).events == 0
    assert list(Calendar.from_ical(out.read_bytes()).walk("VEVENT")) == []


def test_export_refuses_the_database_and_its_side_files(db, book):
    for target in (db.path, db.path.with_name(db.path.name + "-wal")):
        with pytest.raises(DomainError, match="Refusing to write"):
            export_ics(db, target, today=TODAY, now=NOW)


def test_export_ics_account_reads_a_name_or_a_unique_start_like_every_account_option(db, book, tmp_path, capsys):
    out = tmp_path / "one.ics"
    assert main(["export-ics", "--db", str(db.path), "--out", str(out), "--account", "HARB"]) == 0
    titles = {str(e["SUMMARY"]) for e in Calendar.from_ical(out.read_bytes()).walk("VEVENT")}
    assert titles and all(t.startswith("Harbor Energy · ") for t in titles)
    with db.session() as s:
        accounts.create(s, name="Harbor Bank")
    capsys.readouterr()
    assert main(["export-ics", "--db", str(db.path), "--out", str(out), "--account", "harb"]) != 0
    assert "'harb' matches 2 accounts: Harbor Bank; Harbor Energy" in capsys.readouterr().err
    assert main(["export-ics", "--db", str(db.path), "--out", str(out), "--account", "Zed"]) != 0
    assert "No account named 'Zed'" in capsys.readouterr().err


def test_cli_export_ics(capsys, db, book, tmp_path):
    out = tmp_path / "cli.ics"
    code = main(["export-ics", "--db", str(db.path), "--out", str(out), "--account", "north"])
    captured = capsys.readouterr()
    assert (code, captured.err) == (0, "")
    assert captured.out.strip() == f"Wrote {out} (1 event)"
    _, found = events(out)
    assert list(found) == ["Northwind · Race day (renewal)"]


@pytest.mark.parametrize(("argv", "message"), [
    (["--from", "2026-12-31", "--to", "2026-12-01"], "--to 2026-12-01 is before --from 2026-12-31"),
    (["--from", "31/12/2026"], "'31/12/2026' is not a date"),
    (["--account", "nobody"], "No account named 'nobody'"),
])
def test_cli_export_ics_bad_input(capsys, db, book, tmp_path, argv, message):
    code = main(["export-ics", "--db", str(db.path), "--out", str(tmp_path / "x.ics"), *argv])
    err = capsys.readouterr().err
    assert code == 2 and message in err and len(err.splitlines()) == 1
    assert not (tmp_path / "x.ics").exists()


def test_a_wiped_book_gets_a_new_identity_that_then_stays(db, book, tmp_path):
    from csplanner.core.models import Meta

    with db.session() as s:
        old = book_id(s)
        s.delete(s.get(Meta, "book_id"))  # as demo --replace empties every table
    export_ics(db, tmp_path / "a.ics", today=TODAY, now=NOW)
    export_ics(db, tmp_path / "b.ics", today=TODAY, now=NOW)
    _, first = events(tmp_path / "a.ics")
    _, second = events(tmp_path / "b.ics")
    uids = sorted(str(e["uid"]) for e in first.values())
    assert uids == sorted(str(e["uid"]) for e in second.values())
    assert all(old not in u for u in uids)
