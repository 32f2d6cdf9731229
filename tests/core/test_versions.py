"""Optimistic concurrency: two people on one book. A write based on a stale read is refused with
who changed the record and when; nothing is overwritten; undo and redo are checked the same way."""

from dataclasses import replace
from datetime import UTC, date, datetime, timedelta, timezone

import pytest
import sqlalchemy as sa
from sqlmodel import select

from csplanner.core import book_json, edits, migrate, read, realign, templates, versions
from csplanner.core import settings as coach_settings
from csplanner.core.changes import RecordType
from csplanner.core.db import open_database
from csplanner.core.enums import MilestoneStatus, Phase, RunType, Team
from csplanner.core.models import Account, Milestone, Setting
from csplanner.core.realign import Mode
from csplanner.core.services import accounts, milestones

TODAY = date(2026, 11, 25)
CET = timezone(timedelta(hours=1))
SAM_NOW = datetime(2026, 11, 25, 10, 40, tzinfo=CET)
DANA_NOW = datetime(2026, 11, 25, 10, 42, tzinfo=CET)  # 09:42 UTC


@pytest.fixture
def other(db):
    """Dana's app on the same book (file or server): its own engine, its own ledger."""
    second = open_database(db.server if db.server is not None else db.path)
    yield second
    second.dispose()


@pytest.fixture
def book(db):
    with db.session("sam", SAM_NOW) as s:
        aid = accounts.create(s, name="Acme", contract_signed=date(2026, 6, 1), renewal=date(2027, 6, 1)).id
        mid = milestones.create(s, account_id=aid, title="QBR", planned_on=date(2026, 12, 2)).id
    return aid, mid


def sam(db, step, guard=None):
    return edits.run(db, step, who="sam", now=SAM_NOW, guard=guard)


def dana(db, step, guard=None):
    return edits.run(db, step, who="dana", now=DANA_NOW, guard=guard)


def version(db, model, record_id):
    with db.session() as s:
        return s.get(model, record_id).version


def goal(db, aid):
    with db.session() as s:
        return s.get(Account, aid).goal


STALE = r"‘Acme’ was changed by dana at 10:42\. Reload\?"


def test_each_change_bumps_the_version_and_says_who_and_when_in_utc(db, book):
    aid, _ = book
    assert version(db, Account, aid) == 1
    sam(db, edits.UpdateRecord(RecordType.ACCOUNT, aid, {"goal": "Grow"}, TODAY).apply)
    with db.session() as s:
        acme = s.get(Account, aid)
        assert (acme.version, acme.changed_by) == (2, "sam")
        assert acme.changed_at.astimezone(UTC) == datetime(2026, 11, 25, 9, 40, tzinfo=UTC)


def test_a_stale_update_is_refused_with_who_and_when_and_nothing_is_overwritten(db, other, book):
    aid, _ = book
    seen = version(db, Account, aid)  # Sam opens the dialog
    dana(other, edits.UpdateRecord(RecordType.ACCOUNT, aid, {"goal": "Dana's goal"}, TODAY).apply)
    with pytest.raises(versions.Stale, match=STALE):
        sam(db, edits.UpdateRecord(RecordType.ACCOUNT, aid, {"goal": "Sam's goal"}, TODAY, seen=seen).apply)
    assert goal(db, aid) == "Dana's goal"
    # read again, the same edit goes through
    sam(db, edits.UpdateRecord(RecordType.ACCOUNT, aid, {"goal": "Sam's goal"}, TODAY,
                               seen=version(db, Account, aid)).apply)
    assert goal(db, aid) == "Sam's goal"


def test_the_time_is_said_in_the_readers_zone_and_with_the_day_when_not_today(db, other, book):
    aid, _ = book
    dana(other, edits.UpdateRecord(RecordType.ACCOUNT, aid, {"goal": "x"}, TODAY).apply)
    next_morning = datetime(2026, 11, 26, 8, 0, tzinfo=timezone(timedelta(hours=-5)))  # 04:42 there
    with pytest.raises(versions.Stale, match=r"changed by dana on 25 Nov at 04:42\. Reload"):
        edits.run(db, edits.UpdateRecord(RecordType.ACCOUNT, aid, {"goal": "y"}, TODAY, seen=1).apply,
                  now=next_morning)


@pytest.mark.parametrize("make", [
    lambda mid, seen: edits.MarkRun(mid, MilestoneStatus.DONE, TODAY, seen=seen),
    lambda mid, seen: edits.MoveRun(mid, date(2026, 12, 9), TODAY, seen=seen),
    lambda mid, seen: edits.DeleteRecord(RecordType.MILESTONE, mid, seen=seen),
], ids=["mark run", "move run", "delete"])
def test_marking_moving_or_deleting_a_run_someone_changed_is_refused(db, other, book, make):
    _, mid = book
    seen = version(db, Milestone, mid)
    dana(other, edits.UpdateRecord(RecordType.MILESTONE, mid, {"title": "QBR with the CFO"}, TODAY).apply)
    with pytest.raises(versions.Stale, match=r"‘QBR with the CFO’ was changed by dana at 10:42"):
        sam(db, make(mid, seen).apply)
    with db.session() as s:
        run = s.get(Milestone, mid)
        assert (run.title, run.status, run.planned_on) == ("QBR with the CFO", MilestoneStatus.PLANNED,
                                                             date(2026, 12, 2))


def test_a_stale_delete_of_an_account_keeps_it_and_everything_on_it(db, other, book):
    aid, mid = book
    seen = version(db, Account, aid)
    dana(other, edits.UpdateRecord(RecordType.ACCOUNT, aid, {"segment": "Enterprise"}, TODAY).apply)
    with pytest.raises(versions.Stale, match=STALE):
        sam(db, edits.DeleteRecord(RecordType.ACCOUNT, aid, seen=seen).apply)
    assert version(db, Milestone, mid) == 1


def test_applying_a_template_over_runs_someone_changed_is_refused(db, other, book):
    aid, mid = book
    with db.session() as s:
        going = templates.replaceable(s, aid, None)
    assert [(r.id, r.version) for r in going] == [(mid, 1)]
    dana(other, edits.MoveRun(mid, date(2026, 12, 16), TODAY).apply)
    runs = [templates.PlannedRun("Kickoff", date(2026, 12, 1), RunType.SPRINT, Phase.KICKOFF, Team.CSM, 1)]
    edit = edits.ApplyTemplate(aid, runs, replace=(mid,), seen={r.id: r.version for r in going})
    with pytest.raises(versions.Stale, match=r"‘QBR’ was changed by dana"):
        sam(db, edit.apply)
    with db.session() as s:
        assert [m.title for m in s.exec(select(Milestone)).all()] == ["QBR"]


def test_realigning_runs_someone_moved_meanwhile_is_refused(db, other, book):
    aid, mid = book
    with db.session() as s:
        pv = realign.preview(s, aid, TODAY, Mode.SHIFT, days=7, ids=[mid])
    dana(other, edits.MoveRun(mid, date(2026, 12, 4), TODAY).apply)
    with pytest.raises(versions.Stale, match=r"‘QBR’ was changed by dana"):
        sam(db, realign.MoveRuns(pv.moves).apply)
    with db.session() as s:
        assert s.get(Milestone, mid).planned_on == date(2026, 12, 4)  # Dana's day stays


def test_undo_after_someone_else_changed_the_record_is_refused(db, other, book):
    aid, _ = book
    edit, guard = edits.UpdateRecord(RecordType.ACCOUNT, aid, {"goal": "Sam's"}, TODAY), []
    sam(db, edit.apply, guard)
    dana(other, edits.UpdateRecord(RecordType.ACCOUNT, aid, {"goal": "Dana's"}, TODAY).apply)
    with pytest.raises(versions.Stale, match=STALE):
        sam(db, edit.revert, guard)
    assert goal(db, aid) == "Dana's"


def test_undo_and_redo_of_ones_own_edits_go_through_in_any_number(db, book):
    aid, _ = book
    first, second = (edits.UpdateRecord(RecordType.ACCOUNT, aid, {"goal": g}, TODAY) for g in ("one", "two"))
    g1, g2 = [], []
    sam(db, first.apply, g1)
    sam(db, second.apply, g2)
    sam(db, second.revert, g2)  # my own later edit, undone, does not block undoing the first
    sam(db, first.revert, g1)
    assert goal(db, aid) == ""
    sam(db, first.apply, g1)
    assert goal(db, aid) == "one"


def test_redo_after_someone_else_changed_the_record_is_refused(db, other, book):
    aid, _ = book
    edit, guard = edits.UpdateRecord(RecordType.ACCOUNT, aid, {"goal": "Sam's"}, TODAY), []
    sam(db, edit.apply, guard)
    sam(db, edit.revert, guard)
    dana(other, edits.UpdateRecord(RecordType.ACCOUNT, aid, {"goal": "Dana's"}, TODAY).apply)
    with pytest.raises(versions.Stale, match=STALE):
        sam(db, edit.apply, guard)
    assert goal(db, aid) == "Dana's"


def test_undoing_an_add_that_someone_deleted_says_so(db, other, book):
    aid, _ = book
    add, guard = edits.CreateRecord(RecordType.MILESTONE, {"account_id": aid, "title": "Go live",
                                                           "planned_on": date(2026, 12, 20)}, TODAY), []
    sam(db, add.apply, guard)
    dana(other, edits.DeleteRecord(RecordType.MILESTONE, add.record_id).apply)
    with pytest.raises(versions.Stale, match=r"‘Go live’ was deleted by someone else"):
        sam(db, add.revert, guard)


def test_undoing_settings_someone_changed_since_is_refused(db, other):
    edit, guard = coach_settings.SetWeekHours(date(2026, 11, 23), 20.0), []
    sam(db, edit.apply, guard)
    dana(other, coach_settings.SetWeekHours(date(2026, 11, 23), 10.0).apply)
    with pytest.raises(versions.Stale, match="changed by dana"):
        sam(db, edit.revert, guard)
    with db.session() as s:
        assert coach_settings.week_hours(s, date(2026, 11, 23)) == 10.0
        assert s.get(Setting, "week_hours@2026-11-23").version == 2


def test_a_write_racing_between_read_and_flush_is_refused_not_lost(db, other, book):
    aid, _ = book
    with pytest.raises(versions.Stale, match="same moment"), db.session("sam") as s:
        acme = s.get(Account, aid)  # read version 1 ...
        with other.session("dana") as s2:  # ... Dana commits version 2 ...
            s2.get(Account, aid).goal = "Dana's"
        acme.goal = "Sam's"  # ... and the UPDATE ... WHERE version = 1 finds no row
    assert goal(db, aid) == "Dana's"


def test_the_change_counter_tells_others_changes_from_ones_own(db, other, book):
    start = read.change_count(db)
    sam(db, edits.UpdateRecord(RecordType.ACCOUNT, book[0], {"goal": "mine"}, TODAY).apply)
    now = read.change_count(db)
    assert now == start + 1
    assert not db.ledger.others_changed(start, now)
    with db.session() as s:  # reading bumps nothing
        s.exec(select(Account)).all()
    dana(other, edits.UpdateRecord(RecordType.ACCOUNT, book[0], {"goal": "hers"}, TODAY).apply)
    later = read.change_count(db)
    assert later == now + 1 and db.ledger.others_changed(now, later)


def test_upgrading_gives_existing_accounts_the_owner_only_when_one_is_passed(tmp_path):
    for owner, expected in (("", ""), ("sam", "sam")):
        engine = sa.create_engine(f"sqlite:///{tmp_path / (owner or 'nobody')}.sqlite3")
        migrate.upgrade(engine, "0007_coach")
        with engine.begin() as conn:
            conn.exec_driver_sql(
                "INSERT INTO account (name, name_key, segment, arr_minor, currency, stage, goal, success_criteria,"
                " regions, archived, created_at, updated_at) VALUES ('Acme', 'acme', '', 0, 'USD', 'land', '', '',"
                " '', 0, '2026-01-01', '2026-01-01')")
        migrate.upgrade(engine, owner=owner)
        with engine.connect() as conn:
            assert conn.exec_driver_sql("SELECT owner, version FROM account").one() == (expected, 1)
            assert conn.exec_driver_sql("SELECT n FROM change_counter").scalar() == 0
        engine.dispose()


def test_saving_coach_settings_someone_changed_since_is_refused(db, other):
    with db.session() as s:
        mine = coach_settings.load(s)
    with other.session() as s:
        theirs = coach_settings.load(s)
    dana(other, coach_settings.SaveSettings(replace(theirs, week_hours=20.0)).apply)
    with pytest.raises(versions.Stale, match=r"^The coach settings were changed by dana at 10:42\. Reload"):
        sam(db, coach_settings.SaveSettings(replace(mine, week_hours=40.0)).apply)
    with db.session() as s:
        reread = coach_settings.load(s)
    assert reread.week_hours == 20.0
    sam(db, coach_settings.SaveSettings(replace(reread, week_hours=40.0)).apply)  # read again: saved
    with db.session() as s:
        assert coach_settings.load(s).week_hours == 40.0


def test_a_calendar_chip_moved_after_someone_changed_its_run_is_refused(db, other, book):
    aid, mid = book
    (chip,) = read.account_plan(db, aid, TODAY).chips
    assert chip.version == 1
    dana(other, edits.MarkRun(mid, MilestoneStatus.MISSED, TODAY).apply)
    with pytest.raises(versions.Stale, match="‘QBR’ was changed by dana"):
        sam(db, edits.MoveRun(mid, date(2026, 12, 9), TODAY, seen=chip.version).apply)


def test_json_export_and_import_carry_owners_and_who_changed_what(db, book, tmp_path):
    aid, _ = book
    sam(db, edits.UpdateRecord(RecordType.ACCOUNT, aid, {"owner": "dana"}, TODAY).apply)
    path, _ = book_json.export(db, tmp_path / "book.json")
    fresh = open_database(tmp_path / "fresh.sqlite3")
    try:
        book_json.import_book(fresh, path, None, datetime(2026, 11, 25, 12, 0))
        with fresh.session() as s:
            acme = s.get(Account, aid)
            assert (acme.owner, acme.version, acme.changed_by) == ("dana", 2, "sam")
        assert read.change_count(fresh) == 1  # an import is a change other windows see
    finally:
        fresh.dispose()
