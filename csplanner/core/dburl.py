"""Where a book lives: a file (the default, offline), or a database on a PostgreSQL server.

    parse("~/book.sqlite3")                    -> Path
    parse("postgresql://ana@db.example/book")  -> ServerBook

A server's password is never kept or shown: libpq reads it from ~/.pgpass, $PGPASSFILE or the
service file when the URL holds none. A URL that does hold one still works, with a warning, and
every label and message made here leaves it out. Query parameters (sslmode, service, host=…)
go to libpq as they are.
"""

import re
from dataclasses import dataclass
from pathlib import Path

import sqlalchemy as sa

from csplanner.core.errors import DomainError

_SCHEME = re.compile(r"^([A-Za-z][A-Za-z0-9+.\-]*)://")
SERVER_SCHEMES = ("postgresql", "postgres", "postgresql+psycopg")
DRIVER = "postgresql+psycopg"
PASSWORD_WARNING = ("the database URL holds a password; csplanner does not keep it, but it stays in your "
                    "shell history: put it in ~/.pgpass (or $PGPASSFILE) and leave it out of the URL")


@dataclass(frozen=True)
class ServerBook:
    """A book in a PostgreSQL database. `url` may hold a password: show `label`, never `url`."""

    url: sa.URL

    @property
    def database(self) -> str:
        return self.url.database or str(self.url.query.get("dbname", "")) or "(default)"

    @property
    def host(self) -> str:
        host = self.url.host or self.url.query.get("host") or self.url.query.get("service")
        if isinstance(host, tuple):
            host = ",".join(host)
        where = str(host) if host else "localhost"
        return f"{where}:{self.url.port}" if self.url.port else where

    @property
    def has_password(self) -> bool:
        return bool(self.url.password)

    @property
    def label(self) -> str:
        """What messages name: database, host and user; never the password."""
        user = f" as {self.url.username}" if self.url.username else ""
        return f"PostgreSQL database '{self.database}' on {self.host}{user}"

    @property
    def name(self) -> str:
        """Short, for a window title."""
        return f"{self.database} on {self.host}"

    @property
    def safe_url(self) -> str:
        """The URL without its password: safe to print or remember."""
        u = self.url
        url = sa.URL.create("postgresql", u.username, None, u.host, u.port, u.database, u.query)
        return url.render_as_string(hide_password=False)

    def scrub(self, text: str) -> str:
        """`text` with the password cut out, wherever a driver may have put it."""
        secret = self.url.password
        return text.replace(str(secret), "***") if secret else text


def is_url(text: str | Path) -> bool:
    return isinstance(text, str) and _SCHEME.match(text) is not None


def parse(text: str | Path) -> "Path | ServerBook":
    """A --db value as a file path or a server book; any other URL scheme is a DomainError."""
    if isinstance(text, ServerBook):
        return text
    if isinstance(text, Path) or not is_url(text):
        return Path(text).expanduser()
    scheme = _SCHEME.match(text).group(1)  # type: ignore[union-attr]
    if scheme.lower() not in SERVER_SCHEMES:
        raise DomainError(f"--db {scheme}://… is not supported: give a file path, or a "
                          f"postgresql://user@host/database URL for a team server.")
    try:
        url = sa.make_url(text)
    except (sa.exc.ArgumentError, ValueError):
        raise DomainError("--db: that postgresql:// URL cannot be read; the form is "
                          "postgresql://user@host:port/database?sslmode=require") from None
    return ServerBook(url.set(drivername=DRIVER))
