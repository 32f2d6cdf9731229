"""Alembic environment: always run with a connection handed in by csplanner.core.migrate."""

from alembic import context
from sqlmodel import SQLModel

import csplanner.core.models  # noqa: F401  (registers the tables)
from csplanner.core.migrate import include_name

target_metadata = SQLModel.metadata
connection = context.config.attributes.get("connection")
if connection is None:
    raise RuntimeError("csplanner migrations run through csplanner.core.migrate, with a connection")

# SQLite can only ALTER through table copies: batch mode does that.
context.configure(connection=connection, target_metadata=target_metadata, render_as_batch=True,
                  include_name=include_name)
with context.begin_transaction():
    context.run_migrations()
