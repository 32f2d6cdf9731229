"""Alembic, driven from code. Scripts are found through importlib.resources so a bundle can migrate."""

import sqlalchemy as sa
from alembic import command
from alembic.config import Config
from alembic.runtime.migration import MigrationContext
from alembic.script import ScriptDirectory

from csplanner.core import search_schema

SCRIPT_LOCATION = "csplanner.core:migrations"


def config(connection: sa.Connection | None = None) -> Config:
    cfg = Config()
    cfg.set_main_option("script_location", SCRIPT_LOCATION)
    cfg.attributes["connection"] = connection
    return cfg


def include_name(name: str | None, type_: str, _parents: object) -> bool:
    """What autogenerate compares: everything but the full-text index, which no model describes."""
    return not (type_ == "table" and name is not None and search_schema.is_index_table(name))


def head_revision() -> str | None:
    return ScriptDirectory.from_config(config()).get_current_head()


def current_revision(engine: sa.Engine) -> str | None:
    with engine.connect() as conn:
        return MigrationContext.configure(conn).get_current_revision()


def is_empty(engine: sa.Engine) -> bool:
    return not sa.inspect(engine).get_table_names()


def needs_upgrade(engine: sa.Engine) -> bool:
    return current_revision(engine) != head_revision()


def upgrade(engine: sa.Engine, revision: str = "head") -> None:
    """Migrate in one transaction, foreign keys off: a batch table copy drops the old table,
    which with them on would cascade-delete every child row."""
    with engine.connect() as conn:
        conn.exec_driver_sql("PRAGMA foreign_keys=OFF")
        conn.commit()  # a pragma outside any transaction; SQLAlchemy had begun one
        try:
            with conn.begin():
                command.upgrade(config(conn), revision)
                broken = conn.exec_driver_sql("PRAGMA foreign_key_check").fetchall()
                if broken:
                    raise RuntimeError(f"migration to {revision} broke {len(broken)} references")
        finally:
            conn.exec_driver_sql("PRAGMA foreign_keys=ON")
            conn.commit()
