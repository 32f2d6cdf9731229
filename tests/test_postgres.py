"""A book on a real PostgreSQL server: migrations, the command line, copy both ways, security."""

from datetime import date
from pathlib import Path

import pytest
import sqlalchemy as sa
from alembic.autogenerate import compare_metadata
from alembic.runtime.migration import MigrationContext
from sqlmodel import SQLModel

from csplanner.cli import main
from csplanner.core import book_copy, dburl, migrate, search_schema_pg, server
from csplanner.core.db import open_database
from csplanner.core.dbfile import BadDatabase, Problem
from csplanner.core.errors import DomainError
from csplanner.core.services import accounts

pytestmark = pytest.mark.postgres
TODAY = "2026-11-25"


def run(capsys, *argv):
    code = main([str(a) for a in argv])
    out, err = capsys.readouterr()
    return code, out, err


def dump(db) -> dict[str, list[tuple]]:
    """Every row of every table, in key order, as Python values (what `copy` must keep)."""
    with db.engine.connect() as conn:
        return {t.name: [tuple(r) for r in conn.execute(sa.select(t).order_by(*(t.primary_key.columns or t.columns)))]
                for t in book_copy.tables()}


def test_an_empty_database_is_migrated_from_nothing_to_head_and_matches_the_models(pg_empty_url):
    db = open_database(pg_empty_url)
    try:
        assert migrate.current_revision(db.engine) == migrate.head_revision()
        with db.engine.connect() as conn:
            ctx = MigrationContext.configure(conn, opts={"compare_type": True, "include_name": migrate.include_name})
            assert compare_metadata(ctx, SQLModel.metadata) == []
            assert search_schema_pg.accents_folded(conn)  # Debian's server ships unaccent
            kinds = {r[0]: r[1] for r in conn.exec_driver_sql(
                "SELECT column_name, data_type FROM information_schema.columns WHERE table_name = 'account'")}
        assert kinds["arr_minor"] == "bigint"  # money reaches 10**15 minor units
        with db.session() as s:
            big = accounts.create(s, name="Whale Corp", arr_minor=10**15)
        assert big.id == 1
    finally:
        db.dispose()


def test_the_migration_upgrades_existing_rows_on_postgresql_too(pg_empty_url):
    """Stop at 0001, add a book the old way, then upgrade: the data steps run on PostgreSQL."""
    eng = server.make_engine(dburl.parse(pg_empty_url))
    try:
        migrate.upgrade(eng, "0001")
        with eng.begin() as conn:
            conn.exec_driver_sql(
                "INSERT INTO account (created_at, updated_at, name, segment, arr_minor, currency, contract_signed, "
                "renewal, stage, goal, success_criteria, regions, archived) VALUES (now(), now(), 'Acme', '', 500, "
                "'USD', '2026-01-05', '2027-01-05', 'adopt', 'Faster ops', '', '', false)")
            conn.exec_driver_sql(
                "INSERT INTO check_in (created_at, updated_at, account_id, held_on, kind, summary, next_steps, sentiment) "
                "VALUES (now(), now(), 1, '2026-03-01', 'call', 'Kickoff', 'Send the deck', 1)")
        migrate.upgrade(eng)
        with eng.connect() as conn:
            assert conn.exec_driver_sql("SELECT number, arr_start_minor FROM season").all() == [(1, 500)]
            assert conn.exec_driver_sql("SELECT text, due_on FROM next_step").all() == [("Send the deck", date(2026, 3, 8))]
            assert conn.exec_driver_sql("SELECT kind FROM search_index ORDER BY rowid").scalars().all() == [
                "account", "check_in"]
    finally:
        eng.dispose()


def test_demo_search_health_export_and_check_on_the_command_line(qapp, capsys, pg_url, tmp_path):
    code, out, err = run(capsys, "demo", "--db", pg_url, "--accounts", "12", "--today", TODAY)
    assert code == 0 and "Wrote 12 demo accounts to PostgreSQL database" in out and err == ""
    assert not Path("postgresql:").exists()
    code, out, _ = run(capsys, "search", "--db", pg_url, "sso")
    assert code == 0 and "[SSO]" in out
    code, out, _ = run(capsys, "health", "--db", pg_url, "--json")
    assert code == 0 and out.count('"account_id"') == 12
    code, out, _ = run(capsys, "export-json", "--db", pg_url, "--out", tmp_path / "book.json")
    assert code == 0 and "12 accounts" in out and (tmp_path / "book.json").exists()
    code, out, _ = run(capsys, "export-week", "--db", pg_url, "--out", tmp_path / "week.pdf", "--week", "2026-W48")
    assert code == 0 and (tmp_path / "week.pdf").read_bytes().startswith(b"%PDF")
    code, out, _ = run(capsys, "check", "--db", pg_url)
    assert code == 0 and f"schema: {migrate.head_revision()} (latest" in out
    code, _, err = run(capsys, "restore", "--db", pg_url, tmp_path / "x.sqlite3")
    assert code == 2 and "book file" in err and "copy" in err


def test_the_environment_variable_names_a_server_too(capsys, pg_url, monkeypatch):
    monkeypatch.setenv("CSPLANNER_DB", pg_url)
    code, out, _ = run(capsys, "demo", "--accounts", "3", "--today", TODAY)
    assert code == 0 and "PostgreSQL database" in out


def test_copy_sqlite_to_postgresql_and_back_keeps_every_row(capsys, pg_url, tmp_path):
    first, back = tmp_path / "first.sqlite3", tmp_path / "back.sqlite3"
    assert run(capsys, "demo", "--db", first, "--accounts", "25", "--today", TODAY)[0] == 0
    made = open_database(first)
    with made.session() as s:  # a setting and a weekly health snapshot travel too
        from dataclasses import replace

        from csplanner.core import health, settings
        settings.save(s, replace(settings.load(s), week_hours=30.0))
        health.snapshot_week(s, date.fromisoformat(TODAY))
    made.dispose()
    code, out, _ = run(capsys, "copy", "--from", first, "--to", pg_url)
    assert code == 0 and "Copied 25 accounts" in out
    code, out, _ = run(capsys, "copy", "--from", pg_url, "--to", back)
    assert code == 0 and "Copied 25 accounts" in out
    a, b = open_database(first, read_only=True), open_database(back, read_only=True)
    p = open_database(pg_url, read_only=True)
    try:
        rows_a, rows_b, rows_p = dump(a), dump(b), dump(p)
        assert rows_a == rows_b == rows_p
        assert all(rows_a[t] for t in ("account", "check_in_attendee", "obstacle_milestone", "meta", "setting",
                                       "health_snapshot"))
    finally:
        for db in (a, b, p):
            db.dispose()
    # the server's sequences continue after the copied ids: a new account gets a new id
    db = open_database(pg_url)
    try:
        with db.session() as s:
            assert accounts.create(s, name="After the copy").id == 26
    finally:
        db.dispose()


def test_copy_refuses_a_book_that_is_not_empty_unless_replace(capsys, pg_url, tmp_path):
    source = tmp_path / "mine.sqlite3"
    run(capsys, "demo", "--db", source, "--accounts", "4", "--today", TODAY)
    run(capsys, "demo", "--db", pg_url, "--accounts", "6", "--today", TODAY, "--seed", "7")
    code, _, err = run(capsys, "copy", "--from", source, "--to", pg_url)
    assert code == 2 and "is not empty" in err and "--replace" in err and "\n" not in err.rstrip("\n")
    db = open_database(pg_url)
    try:
        with db.session() as s:
            assert len(accounts.list_rows(s)) == 6  # nothing was touched
    finally:
        db.dispose()
    assert run(capsys, "copy", "--from", source, "--to", pg_url, "--replace")[0] == 0
    db = open_database(pg_url)
    try:
        with db.session() as s:
            assert len(accounts.list_rows(s)) == 4
    finally:
        db.dispose()
    code, _, err = run(capsys, "copy", "--from", pg_url, "--to", pg_url)
    assert code == 2 and "same book" in err


def test_a_failed_copy_leaves_the_target_as_it_was(pg_url, tmp_path, monkeypatch):
    source = open_database(tmp_path / "s.sqlite3")
    with source.session() as s:
        accounts.create(s, name="Acme")
    target = open_database(pg_url)
    with target.session() as s:
        accounts.create(s, name="Theirs")
    real = book_copy._copy_table

    def fail_late(src, dst, table):
        if table.name == "milestone":
            raise DomainError("disk gone")
        return real(src, dst, table)

    monkeypatch.setattr(book_copy, "_copy_table", fail_late)
    try:
        with pytest.raises(DomainError):
            book_copy.copy_book(source, target, replace=True)
        with target.session() as s:
            assert [r.name for r in accounts.list_rows(s)] == ["Theirs"]
    finally:
        source.dispose()
        target.dispose()


def test_a_password_in_the_url_warns_and_is_never_printed(capsys, pg_cluster):
    url = f"postgresql://nobody:Hunter2secret@127.0.0.1:{pg_cluster.port}/missing_db"
    code, out, err = run(capsys, "check", "--db", url)
    assert code == 2
    assert "Hunter2secret" not in out + err
    assert ".pgpass" in err  # the warning
    assert "127.0.0.1" in err and "missing_db" in err
    code, out, err = run(capsys, "copy", "--from", url, "--to", "x.sqlite3")
    assert code == 2 and "Hunter2secret" not in out + err and not Path("x.sqlite3").exists()


def test_sslmode_in_the_url_reaches_libpq(capsys, pg_url):
    code, _, err = run(capsys, "check", "--db", pg_url + "?sslmode=require")
    assert code == 2 and "SSL" in err  # the test server has no SSL: libpq refuses, as asked
    assert run(capsys, "check", "--db", pg_url + "?sslmode=disable")[0] == 0


def test_read_only_on_the_server_refuses_edits_and_says_why(pg_url):
    db = open_database(pg_url, read_only=True)
    try:
        assert db.read_only and "read-only" in db.read_only_why
        with pytest.raises(DomainError, match="read-only"), db.session() as s:
            accounts.create(s, name="Nope")
    finally:
        db.dispose()


def test_a_newer_schema_is_refused_untouched_and_can_be_opened_read_only(pg_url, pg_cluster):
    import psycopg

    with psycopg.connect(pg_url.replace("postgresql://", "postgresql://", 1), autocommit=True) as conn:
        conn.execute("UPDATE alembic_version SET version_num = '9999_future'")
    with pytest.raises(BadDatabase) as err:
        open_database(pg_url)
    assert err.value.problem is Problem.NEWER and err.value.can_read_only and "newer csplanner" in err.value.message
    db = open_database(pg_url, read_only=True)
    db.dispose()


def test_a_database_of_another_program_is_refused(pg_empty_url):
    import psycopg

    with psycopg.connect(pg_empty_url, autocommit=True) as conn:
        conn.execute("CREATE TABLE invoices (id int)")
    with pytest.raises(DomainError, match="no csplanner book; it was left untouched"):
        open_database(pg_empty_url)


def test_two_people_opening_a_new_database_at_once_set_it_up_once(pg_empty_url):
    """The advisory lock serialises the upgrade: the second waits, then finds it done."""
    from concurrent.futures import ThreadPoolExecutor

    def open_and_read(_):
        db = open_database(pg_empty_url)
        try:
            return migrate.current_revision(db.engine)
        finally:
            db.dispose()

    with ThreadPoolExecutor(2) as pool:
        assert list(pool.map(open_and_read, range(2))) == [migrate.head_revision()] * 2


def test_a_row_someone_else_is_saving_times_out_as_locked_and_saves_nothing(pg_url):
    import psycopg

    db = open_database(pg_url)
    try:
        with db.session() as s:
            acme = accounts.create(s, name="Acme").id
        with psycopg.connect(pg_url) as other:  # another person's open transaction on the same row
            other.execute("UPDATE account SET goal = 'theirs' WHERE id = %s", (acme,))
            with pytest.raises(DomainError, match="someone else is saving the same record.*Nothing was saved"):
                with db.session() as s:
                    accounts.update(s, acme, goal="mine")
            other.rollback()
        with db.session() as s:
            assert accounts.get(s, acme).goal == ""
    finally:
        db.dispose()


def test_backup_of_a_server_book_is_a_file_copy(capsys, pg_url, tmp_path):
    run(capsys, "demo", "--db", pg_url, "--accounts", "3", "--today", TODAY)
    code, out, _ = run(capsys, "backup", "--db", pg_url, "--out", tmp_path / "mine.sqlite3")
    assert code == 0 and "3 accounts" in out
    code, _, err = run(capsys, "backup", "--db", pg_url, "--out", tmp_path / "mine.sqlite3")
    assert code == 2 and "already exists" in err
    assert run(capsys, "copy", "--from", tmp_path / "mine.sqlite3", "--to", pg_url, "--replace")[0] == 0


@pytest.fixture
def ana(pg_cluster, pg_url):
    """A role that must log in with a password, allowed into the test's database."""
    from tests.pg import PASSWORD_USER

    name = pg_url.rsplit("/", 1)[1]
    pg_cluster.sql(f"DROP ROLE IF EXISTS {PASSWORD_USER}")  # a role belongs to the cluster, not the database
    pg_cluster.sql(f"CREATE ROLE {PASSWORD_USER} LOGIN PASSWORD 'Hunter2secret'")
    pg_cluster.sql(f"GRANT ALL ON DATABASE {name} TO {PASSWORD_USER}")
    import psycopg

    with psycopg.connect(pg_url, autocommit=True) as conn:
        conn.execute(f"GRANT ALL ON ALL TABLES IN SCHEMA public TO {PASSWORD_USER}")
        conn.execute(f"GRANT ALL ON ALL SEQUENCES IN SCHEMA public TO {PASSWORD_USER}")
    yield f"postgresql://{PASSWORD_USER}@127.0.0.1:{pg_cluster.port}/{name}"
    pg_cluster.sql(f"DROP DATABASE IF EXISTS {name} WITH (FORCE)")
    pg_cluster.sql(f"DROP ROLE IF EXISTS {PASSWORD_USER}")


def test_the_password_comes_from_pgpassfile_and_never_from_the_url(capsys, ana, tmp_path, monkeypatch):
    monkeypatch.setenv("PGPASSFILE", str(tmp_path / "none"))  # not the real user's ~/.pgpass
    code, out, err = run(capsys, "demo", "--db", ana, "--accounts", "2", "--today", TODAY)
    assert code == 2 and "password" in err and ".pgpass" in err and "127.0.0.1" in err
    pgpass = tmp_path / "pgpass"
    pgpass.write_text("127.0.0.1:*:*:ana:Hunter2secret\n")
    pgpass.chmod(0o600)
    monkeypatch.setenv("PGPASSFILE", str(pgpass))
    code, out, err = run(capsys, "demo", "--db", ana, "--accounts", "2", "--today", TODAY)
    assert code == 0 and "Wrote 2 demo accounts" in out and err == ""
    assert "Hunter2secret" not in out + err


def test_a_wrong_password_in_the_url_fails_without_showing_it(capsys, ana, tmp_path, monkeypatch):
    monkeypatch.setenv("PGPASSFILE", str(tmp_path / "none"))
    wrong = ana.replace("ana@", "ana:Wr0ngSecret@")
    code, out, err = run(capsys, "check", "--db", wrong)
    assert code == 2 and "Wr0ngSecret" not in out + err
    assert "password authentication failed" in err and "127.0.0.1" in err and "book_" in err
    assert "put it in ~/.pgpass" in err  # the warning about a password in the URL
    right = ana.replace("ana@", "ana:Hunter2secret@")
    code, out, err = run(capsys, "check", "--db", right)
    assert code == 0 and "Hunter2secret" not in out + err and "schema:" in out


def test_an_unaccent_extension_in_another_schema_is_used(capsys, pg_empty_url):
    import psycopg

    with psycopg.connect(pg_empty_url, autocommit=True) as conn:
        conn.execute("CREATE SCHEMA elsewhere")
        conn.execute("CREATE EXTENSION unaccent SCHEMA elsewhere")
    db = open_database(pg_empty_url)
    with db.session() as s:
        accounts.create(s, name="Ärzte GmbH")
    db.dispose()
    code, out, err = run(capsys, "search", "--db", pg_empty_url, "arzte")
    assert code == 0 and "Ärzte" in out and err == ""


def test_without_unaccent_search_still_works_and_says_accents_count(capsys, pg_empty_url, monkeypatch):
    monkeypatch.setattr(search_schema_pg, "_try_unaccent", lambda conn: None)  # a server without contrib
    db = open_database(pg_empty_url)
    with db.session() as s:
        accounts.create(s, name="Ärzte GmbH")
    db.dispose()
    code, out, err = run(capsys, "search", "--db", pg_empty_url, "Ärzte")
    assert code == 0 and "Ärzte" in out and "matches accents exactly" in err
    code, out, _ = run(capsys, "search", "--db", pg_empty_url, "arzte")
    assert code == 0 and out == ""
