"""Opening database files: pragmas, permissions, bad files, backups, migrations."""

import sqlite3
import stat
from datetime import date, datetime, timedelta

import pytest
from alembic.autogenerate import compare_metadata
from alembic.runtime.migration import MigrationContext
from sqlmodel import SQLModel

from csplanner.core import backups, migrate, paths
from csplanner.core.db import make_engine, open_database
from csplanner.core.errors import DomainError
from csplanner.core.services import accounts


def test_new_file_is_private_wal_fk_and_full_sync(tmp_path):
    db = open_database(tmp_path / "sub" / "new.sqlite3")
    try:
        assert stat.S_IMODE((tmp_path / "sub" / "new.sqlite3").stat().st_mode) == 0o600
        with db.engine.connect() as conn:
            assert conn.exec_driver_sql("PRAGMA journal_mode").scalar() == "wal"
            assert conn.exec_driver_sql("PRAGMA foreign_keys").scalar() == 1
            assert conn.exec_driver_sql("PRAGMA synchronous").scalar() == 2  # FULL
    finally:
        db.dispose()


def test_models_and_migrations_agree(db):
    with db.engine.connect() as conn:
        ctx = MigrationContext.configure(conn, opts={"render_as_batch": True, "compare_type": True,
                                                        "include_name": migrate.include_name})
        assert compare_metadata(ctx, SQLModel.metadata) == []
    assert migrate.current_revision(db.engine) == migrate.head_revision()


def test_saved_data_survives_reopening(tmp_path):
    path = tmp_path / "x.sqlite3"
    db = open_database(path)
    with db.session() as s:
        accounts.create(s, name="Acme", renewal=date(2027, 1, 1))
    db.dispose()
    db = open_database(path)
    with db.session() as s:
        assert accounts.by_name(s, "acme").renewal == date(2027, 1, 1)
    db.dispose()


def test_a_file_that_is_not_sqlite_is_refused_and_left_untouched(tmp_path):
    path = tmp_path / "notes.sqlite3"
    path.write_bytes(b"my precious notes, not a database" * 100)
    before = path.read_bytes()
    with pytest.raises(DomainError, match="not a csplanner database"):
        open_database(path)
    assert path.read_bytes() == before


def test_a_foreign_sqlite_database_is_refused(tmp_path):
    path = tmp_path / "other.sqlite3"
    conn = sqlite3.connect(path)
    conn.execute("CREATE TABLE recipes (id INTEGER PRIMARY KEY, name TEXT)")
    conn.commit()
    conn.close()
    with pytest.raises(DomainError, match="not a csplanner database"):
        open_database(path)
    conn = sqlite3.connect(path)
    assert [r[0] for r in conn.execute("SELECT name FROM sqlite_master WHERE type='table'")] == ["recipes"]
    conn.close()


def test_a_truncated_database_is_reported(tmp_path):
    path = tmp_path / "x.sqlite3"
    db = open_database(path)
    with db.session() as s:
        for i in range(200):
            accounts.create(s, name=f"Account {i}", goal="g" * 500)
    db.dispose()
    data = path.read_bytes()
    path.write_bytes(data[: len(data) // 3])
    with pytest.raises(DomainError):
        open_database(path)


def test_a_folder_is_not_a_database(tmp_path):
    with pytest.raises(DomainError, match="is a folder"):
        open_database(tmp_path)


def test_a_database_locked_by_another_program_gets_a_clear_message(tmp_path):
    path = tmp_path / "x.sqlite3"
    open_database(path).dispose()
    holder = sqlite3.connect(path)
    holder.execute("PRAGMA locking_mode=EXCLUSIVE")
    holder.execute("BEGIN EXCLUSIVE")
    try:
        with pytest.raises(DomainError, match="locked by another program"):
            open_database(path)
    finally:
        holder.rollback()
        holder.close()


def test_backups_rotate_keeping_7_days_4_weeks_and_the_3_newest(tmp_path):
    path = tmp_path / "plan[1].sqlite3"  # a `[` is a glob pattern: names are parsed, not globbed
    db = open_database(path)
    with db.session() as s:
        accounts.create(s, name="Acme")
    start = datetime(2026, 1, 1, 9, 0)
    for day in range(60):  # two backups a day for 60 days
        for hour in (9, 17):
            backups.take(path, "daily", start + timedelta(days=day, hours=hour - 9))
    db.dispose()
    kept = backups.list_backups(path)
    days = sorted({b.taken.date() for b in kept}, reverse=True)
    assert days[:7] == [date(2026, 3, 1) - timedelta(days=i) for i in range(7)]
    assert len({b.taken.isocalendar()[:2] for b in kept}) == 4
    # the newest of 7 days (one ISO week), today's morning copy (among the 3 newest), 3 older weeks
    assert len(kept) == 7 + 1 + 3
    folder = tmp_path / "backups"
    assert stat.S_IMODE(folder.stat().st_mode) == 0o700
    assert {stat.S_IMODE(b.path.stat().st_mode) for b in kept} == {0o600}
    copy = sqlite3.connect(kept[0].path)
    assert copy.execute("SELECT name FROM account").fetchall() == [("Acme",)]
    copy.close()


def test_default_path_follows_env(monkeypatch, tmp_path):
    assert paths.default_db_path().parent == paths.data_dir()
    monkeypatch.setenv(paths.ENV_DB, str(tmp_path / "elsewhere.sqlite3"))
    assert paths.default_db_path() == tmp_path / "elsewhere.sqlite3"


def test_upgrade_keeps_the_arr_users_typed_when_a_currency_gains_or_loses_digits(tmp_path):
    """Before 0003 HUF was counted without minor units and BHD with two; every amount keeps its value."""
    path = tmp_path / "old.sqlite3"
    engine = make_engine(path)
    migrate.upgrade(engine, "0001")
    with engine.begin() as conn:
        for name, arr, currency in (("Pest", 120000, "HUF"), ("Manama", 100000, "BHD"), ("Acme", 5000, "USD"),
                                    ("Tokyo", 7000, "JPY"), ("Baghdad", 123456, "IQD")):
            conn.exec_driver_sql(
                "INSERT INTO account (created_at, updated_at, name, segment, arr_minor, currency, stage, goal, "
                "success_criteria, regions, archived) VALUES ('2026-01-01', '2026-01-01', ?, '', ?, ?, 'land', "
                "'', '', '', 0)", (name, arr, currency))
    engine.dispose()
    db = open_database(path)  # 0002 starts each account's season 1 at its ARR; 0003 rescales both
    try:
        with db.engine.connect() as conn:
            rows = conn.exec_driver_sql(
                "SELECT a.name, a.arr_minor, s.arr_start_minor FROM account a JOIN season s ON s.account_id = a.id"
            ).all()
    finally:
        db.dispose()
    # HUF 120,000 and BHD 1,000.00 as typed, now in 2 and 3 digits; USD and JPY untouched; IQD lost its fils
    expected = {"Pest": 12000000, "Manama": 1000000, "Acme": 5000, "Tokyo": 7000, "Baghdad": 1235}
    assert {name: (arr, start) for name, arr, start in rows} == {n: (v, v) for n, v in expected.items()}


def test_the_head_read_from_the_scripts_is_alembics_head():
    from alembic.script import ScriptDirectory

    assert migrate.head_revision() == ScriptDirectory.from_config(migrate.config()).get_current_head()


def test_an_up_to_date_file_opens_without_loading_alembic(tmp_path):
    """Alembic costs a fraction of a second at every start; it is loaded only when a migration is due."""
    import subprocess
    import sys
    import textwrap

    path = tmp_path / "book.sqlite3"
    db = open_database(path)
    with db.session() as s:
        accounts.create(s, name="Acme")
    db.dispose()
    script = textwrap.dedent(f"""
        import sys
        from csplanner.core.db import open_database
        open_database({str(path)!r}).dispose()
        print("alembic" in sys.modules)
    """)
    out = subprocess.run([sys.executable, "-c", script], capture_output=True, text=True, timeout=120, check=True)
    assert out.stdout.strip() == "False"
