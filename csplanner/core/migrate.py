"""Alembic, driven from code. Scripts are found through importlib.resources so a bundle can migrate.

Alembic is imported only to migrate: whether a file is up to date is decided by plain SQL against
the head read from the scripts' text, which keeps it out of every ordinary start.
"""

import re
from functools import cache
from importlib import resources
from typing import TYPE_CHECKING

import sqlalchemy as sa

if TYPE_CHECKING:
    from alembic.config import Config

from csplanner.core import search_schema

SCRIPT_LOCATION = "csplanner.core:migrations"
_REVISION = re.compile(r"^revision\b[^=\n]*=\s*['\"]([^'\"]+)['\"]", re.MULTILINE)
_DOWN = re.compile(r"^down_revision\b[^=\n]*=\s*(?:['\"]([^'\"]+)['\"]|None)", re.MULTILINE)


def config(connection: sa.Connection | None = None, owner: str = "") -> "Config":
    from alembic.config import Config

    cfg = Config()
    cfg.set_main_option("script_location", SCRIPT_LOCATION)
    cfg.attributes["connection"] = connection
    cfg.attributes["owner"] = owner  # 0009_team: who owns the accounts that had no owner yet
    return cfg


def include_name(name: str | None, type_: str, _parents: object) -> bool:
    """What autogenerate compares: everything but the full-text index, which no model describes."""
    return not (type_ == "table" and name is not None and search_schema.is_index_table(name))


@cache
def _scripts() -> tuple[frozenset[str], frozenset[str]]:
    """(revisions, revisions some script builds on), read from the scripts' text."""
    revisions, parents = set(), set()
    for script in (resources.files("csplanner.core") / "migrations" / "versions").iterdir():
        if not script.name.endswith(".py"):
            continue
        text = script.read_text(encoding="utf-8")
        revision, down = _REVISION.search(text), _DOWN.search(text)
        if revision is None:
            continue
        revisions.add(revision.group(1))
        if down is not None and down.group(1):
            parents.add(down.group(1))
    return frozenset(revisions), frozenset(parents)


def known_revisions() -> frozenset[str]:
    return _scripts()[0]


def head_revision() -> str | None:
    """The one revision no script builds on (the chain is kept linear)."""
    revisions, parents = _scripts()
    heads = revisions - parents
    if len(heads) > 1:
        raise RuntimeError(f"Migration scripts have several heads: {sorted(heads)}.")
    return next(iter(heads), None)


def current_revision(engine: sa.Engine) -> str | None:
    with engine.connect() as conn:
        if not sa.inspect(conn).has_table("alembic_version"):
            return None
        return conn.exec_driver_sql("SELECT version_num FROM alembic_version").scalar()


def is_empty(engine: sa.Engine) -> bool:
    return not sa.inspect(engine).get_table_names()


def needs_upgrade(engine: sa.Engine) -> bool:
    return current_revision(engine) != head_revision()


UPGRADE_LOCK = 0x63737031  # PostgreSQL advisory lock: one upgrade at a time per database


def upgrade(engine: sa.Engine, revision: str = "head", *, owner: str = "") -> None:
    """Migrate in one transaction. SQLite: foreign keys off, since a batch table copy drops the
    old table, which with them on would cascade-delete every child row. PostgreSQL alters tables
    in place; whoever takes the lock first upgrades, the others then find it done. `owner`: given,
    the accounts that had no owner become theirs (0009_team); not given, they stay Unassigned."""
    from alembic import command

    if engine.dialect.name != "sqlite":
        with engine.begin() as conn:
            conn.execute(sa.text("SELECT pg_advisory_xact_lock(:key)"), {"key": UPGRADE_LOCK})
            command.upgrade(config(conn, owner), revision)
        return
    with engine.connect() as conn:
        conn.exec_driver_sql("PRAGMA foreign_keys=OFF")
        conn.commit()  # a pragma outside any transaction; SQLAlchemy had begun one
        try:
            with conn.begin():
                command.upgrade(config(conn, owner), revision)
                broken = conn.exec_driver_sql("PRAGMA foreign_key_check").fetchall()
                if broken:
                    raise RuntimeError(f"migration to {revision} broke {len(broken)} references")
        finally:
            conn.exec_driver_sql("PRAGMA foreign_keys=ON")
            conn.commit()
