"""Old files keep working: a book saved at every earlier schema upgrades with every row kept.

Each migration adds a fixture of its own: a small book made by `csplanner demo --accounts 8`
at that revision (before the next migration exists), as tests/fixtures/book-<revision>.sqlite3,
listed in FIXTURES below.
"""

import shutil
import sqlite3
from pathlib import Path

import pytest

from csplanner.core import backups, migrate
from csplanner.core.db import open_database
from csplanner.core.services import accounts

FIXTURES = Path(__file__).parents[1] / "fixtures"
FIXTURE_REVISIONS = {"book-0001.sqlite3": "0001"}
# Values a migration changes on purpose (its docstring says why): (table, column) -> allowed (old, new).
DOCUMENTED = {
    ("check_in", "sentiment"): lambda old, new: new == old or (old == 0 and new is None),  # 0002: planned
}


def rows(path: Path) -> dict[str, list[tuple]]:
    """Every row of every table, by the columns the table had in that file."""
    conn = sqlite3.connect(path)
    try:
        names = [r[0] for r in conn.execute(
            "SELECT name FROM sqlite_master WHERE type='table' AND name NOT LIKE 'sqlite_%' AND name != 'alembic_version'")]
        out = {}
        for name in names:
            cols = [r[1] for r in conn.execute(f'PRAGMA table_info("{name}")')]
            out[name] = (cols, sorted(conn.execute(f'SELECT * FROM "{name}"').fetchall(), key=repr))
        return out
    finally:
        conn.close()


@pytest.mark.parametrize("fixture", sorted(FIXTURE_REVISIONS))
def test_an_old_book_upgrades_to_the_newest_schema_with_every_row(tmp_path, fixture):
    path = tmp_path / "book.sqlite3"
    shutil.copyfile(FIXTURES / fixture, path)
    before = rows(path)
    assert sum(len(r) for _, r in before.values()) > 100  # a real book, not an empty one
    conn = sqlite3.connect(path)
    assert conn.execute("SELECT version_num FROM alembic_version").fetchone()[0] == FIXTURE_REVISIONS[fixture]
    conn.close()

    db = open_database(path)
    try:
        assert migrate.current_revision(db.engine) == migrate.head_revision()
        with db.engine.connect() as c:
            assert c.exec_driver_sql("PRAGMA foreign_key_check").fetchall() == []
        with db.session() as s:
            assert len(accounts.list_rows(s, include_archived=True)) == len(before["account"][1])
    finally:
        db.dispose()
    after = rows(path)
    for table, (cols, old_rows) in before.items():
        new_cols, new_rows = after[table]
        assert len(new_rows) == len(old_rows), table
        keep = [new_cols.index(c) for c in cols]  # the old columns, in the old order
        projected = [tuple(r[k] for k in keep) for r in new_rows]
        if "id" not in cols:  # link and snapshot tables: the rows themselves
            assert sorted(projected, key=repr) == old_rows, table
            continue
        by_id = {r[cols.index("id")]: r for r in projected}
        for old in old_rows:
            new = by_id[old[cols.index("id")]]
            for col, was, now in zip(cols, old, new, strict=True):
                assert DOCUMENTED.get((table, col), lambda a, b: a == b)(was, now), (table, col, was, now)
    saved = [b for b in backups.list_backups(path) if b.reason == "before-migration"]
    assert len(saved) == 1 and rows(saved[0].path) == before


def test_unicode_names_that_clash_when_folded_both_survive_the_upgrade(tmp_path):
    path = tmp_path / "book.sqlite3"
    shutil.copyfile(FIXTURES / "book-0001.sqlite3", path)
    conn = sqlite3.connect(path)
    conn.execute("UPDATE account SET name = 'Ärzte GmbH' WHERE id = 1")
    conn.execute("UPDATE account SET name = 'ÄRZTE GMBH' WHERE id = 2")
    conn.commit()
    conn.close()
    db = open_database(path)
    try:
        with db.session() as s:
            assert accounts.get(s, 1).name == "Ärzte GmbH"
            assert accounts.get(s, 2).name == "ÄRZTE GMBH (2)"
            assert accounts.by_name(s, "ärzte gmbh").id == 1
    finally:
        db.dispose()
