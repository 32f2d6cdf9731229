"""Writing a demo book: the summary, what it refuses, and the same book for the same seed and day."""

from datetime import timedelta

import pytest
from sqlmodel import select

from csplanner import demo
from csplanner.core import health
from csplanner.core.db import open_database
from csplanner.core.errors import DomainError
from csplanner.core.models import Account, CheckIn, DiscoveryNote, Milestone, Obstacle, ObstacleMilestone, Stakeholder
from csplanner.core.services import accounts, checkins, milestones, notes, obstacles, records, stakeholders
from tests.conftest import TODAY
from tests.demo.conftest import ACCOUNTS, dump, make


def test_summary_counts_every_table(book, data):
    _, summary = book
    assert summary.accounts == len(data["account"]) == ACCOUNTS
    assert summary.stakeholders == len(data["stakeholder"])
    assert summary.notes == len(data["discovery_note"])
    assert summary.milestones == len(data["milestone"])
    assert summary.obstacles == len(data["obstacle"])
    assert summary.checkins == len(data["check_in"])
    assert summary.obstacle_links == len(data["obstacle_milestone"]) > 0
    assert summary.attendees == len(data["check_in_attendee"]) > 0
    assert summary.total == sum(len(rows) for rows in data.values())
    assert data["health_snapshot"] == []  # health is computed elsewhere
    with pytest.raises(AttributeError):
        summary.accounts = 1  # frozen


def test_refuses_a_database_that_already_has_accounts(tmp_path):
    db = open_database(tmp_path / "demo.sqlite3")
    try:
        with db.session() as s:
            accounts.create(s, name="Acme")
        assert demo.contents(db) == demo.Contents(accounts=1, demo=False)
        with pytest.raises(DomainError, match="already has 1 account that is not demo data; demo data goes into a new file"):
            demo.generate(db, accounts=5, today=TODAY)
        with db.session() as s:
            assert [a.name for a in s.exec(select(Account)).all()] == ["Acme"]
            assert s.exec(select(Milestone)).all() == []
    finally:
        db.dispose()


def test_a_demo_book_is_recognised_and_refused_without_replace(tmp_path):
    db, _ = make(tmp_path / "demo.sqlite3", accounts=3)
    try:
        assert demo.contents(db) == demo.Contents(accounts=3, demo=True)
        with pytest.raises(DomainError, match="already holds a demo book of 3 accounts; add --replace"):
            demo.generate(db, accounts=5, today=TODAY)
        assert len(dump(db)["account"]) == 3
    finally:
        db.dispose()


def test_replace_leaves_the_same_book_as_a_fresh_file(tmp_path):
    fresh, _ = make(tmp_path / "fresh.sqlite3", accounts=8, seed=2)
    db, _ = make(tmp_path / "demo.sqlite3", accounts=5, seed=1)
    try:
        with db.session() as s:  # something the generator never writes goes too
            accounts.create(s, name="Acme")
            health.snapshot_week(s, TODAY)
        summary = demo.generate(db, accounts=8, seed=2, today=TODAY, replace=True)
        assert summary.accounts == 8
        assert dump(db) == dump(fresh)
    finally:
        db.dispose()
        fresh.dispose()


def test_replace_on_an_empty_file_just_writes(tmp_path):
    db = open_database(tmp_path / "demo.sqlite3")
    try:
        assert demo.contents(db) == demo.Contents(accounts=0, demo=False)
        assert demo.generate(db, accounts=2, today=TODAY, replace=True).accounts == 2
    finally:
        db.dispose()


@pytest.mark.parametrize("count", [0, -1, 20_001, True, 2.5])
def test_refuses_a_silly_number_of_accounts(tmp_path, count):
    db = open_database(tmp_path / "demo.sqlite3")
    try:
        with pytest.raises(DomainError, match="between 1 and 20000"):
            demo.generate(db, accounts=count, today=TODAY)
        assert dump(db)["account"] == []
    finally:
        db.dispose()


def test_same_seed_and_today_give_identical_data(tmp_path):
    db1, _ = make(tmp_path / "a.sqlite3", seed=7)
    db2, _ = make(tmp_path / "b.sqlite3", seed=7)
    try:
        first, second = dump(db1), dump(db2)
        assert first == second
        assert all(first[name] for name in ("account", "milestone", "check_in", "obstacle_milestone"))
    finally:
        db1.dispose()
        db2.dispose()


def test_a_different_seed_or_today_gives_different_data(tmp_path):
    db1, _ = make(tmp_path / "a.sqlite3", seed=1)
    db2, _ = make(tmp_path / "b.sqlite3", seed=2)
    db3, _ = make(tmp_path / "c.sqlite3", seed=1, today=TODAY + timedelta(days=30))
    try:
        one, two, three = dump(db1), dump(db2), dump(db3)
        assert one["account"] != two["account"]
        assert one["milestone"] != two["milestone"]
        assert one["milestone"] != three["milestone"]
    finally:
        db1.dispose()
        db2.dispose()
        db3.dispose()


def test_every_row_passes_the_services_checks_unchanged(book):
    """Run each row through its service's `check`: nothing raises, nothing needs cleaning."""
    db, _ = book
    checks = [
        (Account, accounts.check),
        (Stakeholder, stakeholders.check),
        (DiscoveryNote, notes.check),
        (Milestone, milestones.check),
        (Obstacle, obstacles.check),
        (CheckIn, checkins.check),
    ]
    with db.session() as s:
        for model, check in checks:
            rows = s.exec(select(model)).all()
            assert rows
            for row in rows:
                fields = records.fields_of(row)
                cleaned = check(s, dict(fields), row.id)
                assert cleaned == fields, f"{model.__name__} {row.id}"
        # an obstacle only hurts milestones of its own account
        for link in s.exec(select(ObstacleMilestone)).all():
            assert s.get(Obstacle, link.obstacle_id).account_id == s.get(Milestone, link.milestone_id).account_id
        s.rollback()


def test_foreign_keys_hold(book):
    db, _ = book
    with db.engine.connect() as conn:
        assert conn.exec_driver_sql("PRAGMA foreign_key_check").fetchall() == []
