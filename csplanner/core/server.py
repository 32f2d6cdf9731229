"""A book on a PostgreSQL server (the team's): connect, look before writing, migrate.

What the file's safety features mean here:
- backups before an upgrade: not needed, PostgreSQL changes a schema in one transaction, so a
  failed upgrade leaves the database as it was; two people opening an old book at once are
  serialised by an advisory lock and only the first upgrades it;
- read-only: a session whose transactions are read-only (exports, a newer schema, a user who
  may only read, a standby server);
- backup and restore of the file: the server's own backups (pg_dump) are the team's; a person
  takes a copy with `csplanner copy` (or `backup`, which copies into a local file);
- the one-app-per-file lock: none; many people edit one book at once. A row someone else is
  saving is waited for LOCK_TIMEOUT_MS, then the edit says the book is locked (nothing saved).
Every message names host, database and user, never the password.
"""

from dataclasses import dataclass

import sqlalchemy as sa

from csplanner.core import migrate
from csplanner.core.dburl import ServerBook
from csplanner.core.errors import DomainError

CONNECT_TIMEOUT_S = 10
LOCK_TIMEOUT_MS = 3000  # as SQLite's busy timeout: a row another person is saving, then "locked"


def _first_line(exc: BaseException) -> str:
    orig = getattr(exc, "orig", None) or exc
    lines = [ln.strip() for ln in str(orig).splitlines() if ln.strip()]
    # libpq: "connection failed: connection to server at …, port … failed: FATAL:  …"
    return lines[0] if lines else type(orig).__name__


def connect_error(book: ServerBook, exc: BaseException) -> DomainError:
    why = book.scrub(_first_line(exc)).rstrip(".")
    hint = ""
    if "password" in why and not book.has_password:
        hint = " (a password goes in ~/.pgpass or $PGPASSFILE, never in the URL)"
    return DomainError(f"Cannot open {book.label}: {why}{hint}.")


def make_engine(book: ServerBook, *, read_only: bool = False) -> sa.Engine:
    args: dict[str, object] = {}
    query = book.url.query
    if "connect_timeout" not in query:
        args["connect_timeout"] = CONNECT_TIMEOUT_S
    if "application_name" not in query:
        args["application_name"] = "csplanner"
    options = f"{query.get('options', '')} -c lock_timeout={LOCK_TIMEOUT_MS}"
    if read_only:  # every transaction of every connection refuses to write
        options += " -c default_transaction_read_only=on"
    args["options"] = options.strip()
    return sa.create_engine(book.url, connect_args=args, pool_pre_ping=True, pool_size=3, max_overflow=5)


@dataclass(frozen=True)
class Found:
    revision: str | None
    known: bool
    read_only_why: str

    @property
    def newer(self) -> bool:
        return self.revision is not None and not self.known


def inspect(book: ServerBook) -> Found:
    """What the database holds, read-only; DomainError when it cannot be reached or is not a book."""
    engine = make_engine(book, read_only=True)
    try:
        with engine.connect() as conn:
            tables = set(sa.inspect(conn).get_table_names())
            revision = None
            if "alembic_version" in tables:
                revision = conn.exec_driver_sql("SELECT version_num FROM alembic_version").scalar()
            elif tables:
                raise DomainError(f"{book.label} holds other tables but no csplanner book; it was left "
                                  "untouched. Give csplanner a database (or schema) of its own.")
            why = ""
            if conn.exec_driver_sql("SELECT pg_is_in_recovery()").scalar():
                why = "the server is a read-only standby"
            elif revision is not None and not conn.exec_driver_sql(
                    "SELECT has_table_privilege('account', 'INSERT, UPDATE, DELETE')").scalar():
                why = f"user {book.url.username or '(default)'} may only read it"
    except sa.exc.DBAPIError as exc:
        raise connect_error(book, exc) from None
    finally:
        engine.dispose()
    return Found(revision, revision is None or revision in migrate.known_revisions(), why)


def open_book(book: ServerBook, *, read_only: bool, migrate_schema: bool) -> tuple[sa.Engine, str]:
    """(engine, why it is read-only or ""), the schema brought up to date unless read_only."""
    from csplanner.core.dbfile import BadDatabase, Problem  # the same refusals as a file's

    found = inspect(book)
    head = migrate.head_revision()
    if found.newer and not read_only:
        raise BadDatabase(None, Problem.NEWER, f"{book.label} was made by a newer csplanner (schema "  # type: ignore[arg-type]
                          f"{found.revision}; this one knows up to {head}); it was left untouched. "
                          "Update csplanner, or open it read-only.")
    if found.read_only_why and not read_only:
        raise BadDatabase(None, Problem.READ_ONLY, f"{book.label} is read-only ({found.read_only_why}). "  # type: ignore[arg-type]
                          "Open it read-only, or ask for write access.")
    if read_only:
        if found.revision is None or (not found.newer and found.revision != head):
            raise DomainError(f"{book.label} holds a book of an older csplanner (or none yet); open it once "
                              "for editing to set it up, then try again.")
        why = found.read_only_why or ("it was made by a newer csplanner" if found.newer else "it was opened read-only")
        return make_engine(book, read_only=True), why
    engine = make_engine(book)
    try:
        if migrate_schema and found.revision != head:
            migrate.upgrade(engine)
    except sa.exc.OperationalError as exc:
        engine.dispose()
        raise connect_error(book, exc) from None
    except BaseException:
        engine.dispose()
        raise
    return engine, ""
