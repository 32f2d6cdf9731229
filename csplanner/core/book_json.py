"""A whole book as versioned JSON: every row of every table, lossless, and back in one transaction.

    {"format": "csplanner-book", "version": 1, "schema": "<alembic revision>",
     "tables": {"account": [{"id": 1, "name": "Acme", ...}], "stakeholder": [...], ...}}

Dates and times are ISO 8601 text, enums their stored text. Import either replaces the book
(same ids) or merges into it (new ids; accounts whose name is already there are skipped with
everything recorded about them). Either way all of it lands in one transaction, or nothing.
"""

import json
from dataclasses import dataclass, field
from datetime import date, datetime
from enum import Enum
from pathlib import Path
from typing import Any

import sqlalchemy as sa
from sqlmodel import SQLModel

import csplanner.core.models  # noqa: F401  (registers the tables)
from csplanner.core import backups, files, migrate, names, sequences, versions
from csplanner.core.db import Database
from csplanner.core.errors import DomainError

FORMAT = "csplanner-book"
VERSION = 1


# The file's own identity (calendar UIDs) and its change counter belong to the file, not to the book.
FILE_ONLY = frozenset({"meta", "change_counter"})


def tables() -> list[sa.Table]:
    return [t for t in SQLModel.metadata.sorted_tables if t.name not in FILE_ONLY]  # parents first


def _out(value: Any) -> Any:
    if isinstance(value, Enum):
        return value.value
    if isinstance(value, (date, datetime)):
        return value.isoformat()
    return value


def dump(db: Database) -> dict[str, Any]:
    with db.session() as session:
        conn = session.connection()
        data = {
            t.name: [{k: _out(v) for k, v in row._mapping.items()}
                     for row in conn.execute(sa.select(t).order_by(*t.primary_key.columns))]
            for t in tables()
        }
    return {"format": FORMAT, "version": VERSION, "schema": migrate.head_revision(), "tables": data}


def export(db: Database, out: Path | str) -> tuple[Path, int]:
    """Write the book to `out` atomically; returns the path and the number of accounts."""
    doc = dump(db)
    text = json.dumps(doc, ensure_ascii=False, indent=1, sort_keys=True)
    path = files.write_atomic(out, text.encode("utf-8") + b"\n", protect=db.path)
    return path, len(doc["tables"]["account"])


@dataclass
class Imported:
    rows: dict[str, int] = field(default_factory=dict)
    skipped_accounts: list[str] = field(default_factory=list)

    @property
    def accounts(self) -> int:
        return self.rows.get("account", 0)


def load(path: Path | str) -> dict[str, Any]:
    path = Path(path).expanduser()
    try:
        doc = json.loads(path.read_bytes())
    except OSError as exc:
        raise DomainError(f"Cannot read {path}: {exc.strerror or exc}.") from exc
    except (ValueError, UnicodeDecodeError) as exc:
        raise DomainError(f"{path} is not a csplanner JSON export (not valid JSON: {exc}).") from exc
    if not isinstance(doc, dict) or doc.get("format") != FORMAT or not isinstance(doc.get("tables"), dict):
        raise DomainError(f"{path} is not a csplanner JSON export.")
    if not isinstance(doc.get("version"), int) or doc["version"] > VERSION:
        raise DomainError(f"{path} was written by a newer csplanner (format {doc.get('version')}); update csplanner to import it.")
    return doc


def _convert(column: sa.Column, value: Any) -> Any:
    """A JSON value as the column's Python type; anything else is refused."""
    if value is None:
        return None
    kind = column.type
    if isinstance(kind, sa.Enum):
        ok = isinstance(value, str) and value in kind.enums
        return value if ok else _bad(column, value)
    python = (kind.impl_instance if isinstance(kind, sa.TypeDecorator) else kind).python_type
    if python is bool:
        ok = isinstance(value, bool)
    elif python is int:
        ok = isinstance(value, int) and not isinstance(value, bool) and abs(value) < 2**63
    elif python is datetime:
        return datetime.fromisoformat(value) if isinstance(value, str) else _bad(column, value)
    elif python is date:
        return date.fromisoformat(value) if isinstance(value, str) else _bad(column, value)
    else:
        ok = isinstance(value, str) and "\x00" not in value
        if ok:
            value.encode("utf-8")  # a lone surrogate raises here, not half-way into SQLite
    return value if ok else _bad(column, value)


def _bad(column: sa.Column, value: Any) -> Any:
    raise ValueError(f"{column.table.name}.{column.name} cannot be {str(value)[:40]!r}")


def _rows(doc: dict[str, Any], table: sa.Table) -> list[dict[str, Any]]:
    raw = doc["tables"].get(table.name, [])
    if not isinstance(raw, list):
        raise ValueError(f"{table.name} is not a list of rows")
    out = []
    for row in raw:
        if not isinstance(row, dict) or set(row) - set(table.columns.keys()):
            raise ValueError(f"a {table.name} row has unknown fields")
        clean = {k: _convert(table.columns[k], v) for k, v in row.items()}
        if table.name == "account":
            if not isinstance(clean.get("name"), str):
                raise ValueError("an account has no name")
            clean["name"] = names.clean(clean["name"])
            clean["name_key"] = names.key(clean["name"])
        out.append(clean)
    return out


def is_empty(db: Database) -> bool:
    with db.session() as session:
        return not session.connection().execute(sa.text("SELECT 1 FROM account LIMIT 1")).first()


def import_book(db: Database, path: Path | str, mode: str | None, now: datetime) -> Imported:
    """Import a JSON export into `db`: mode 'replace' or 'merge' (None only into an empty book).

    A non-empty book is backed up first (`now` names the backup). One transaction: all rows land, or none.
    """
    if db.read_only:
        raise DomainError(f"Cannot import into {db.label}: {db.read_only_why}.")
    doc = load(path)
    empty = is_empty(db)
    if mode is None and not empty:
        raise DomainError(f"{db.label} already holds accounts: choose --merge (add the file's new accounts) or --replace (the file's book replaces this one).")
    if mode not in (None, "replace", "merge"):
        raise ValueError(mode)
    if not empty and db.path is not None:  # a server's book: the import is one transaction there
        backups.take(db.path, "before-import", now)
    result = Imported()
    try:
        with db.session() as session:
            conn = session.connection()
            versions.wrote(session)  # plain SQL: say so, so other windows on this book reload
            if mode == "merge" and not empty:
                _merge(conn, doc, result)
            else:
                _replace(conn, doc, result)
    except (ValueError, TypeError, UnicodeError, sa.exc.SQLAlchemyError, DomainError) as exc:
        why = exc.message if isinstance(exc, DomainError) else str(exc).splitlines()[0]
        raise DomainError(f"Nothing was imported: {Path(path).name} is not a valid csplanner book ({why}).") from exc
    return result


def _replace(conn: sa.Connection, doc: dict[str, Any], result: Imported) -> None:
    for table in reversed(tables()):
        conn.execute(table.delete())
    for table in tables():
        rows = _rows(doc, table)
        if rows:
            conn.execute(table.insert(), rows)
        result.rows[table.name] = len(rows)
    sequences.reset(conn, tables())


def _merge(conn: sa.Connection, doc: dict[str, Any], result: Imported) -> None:
    """New ids for everything; references follow the ids they were given."""
    taken = {k for (k,) in conn.execute(sa.text("SELECT name_key FROM account"))}
    new_ids: dict[str, dict[int, int]] = {}
    for table in tables():
        ids = new_ids.setdefault(table.name, {})
        count = 0
        for row in _rows(doc, table):
            if table.name == "account" and row["name_key"] in taken:
                result.skipped_accounts.append(row["name"])
                continue
            for fk in table.foreign_keys:
                old = row.get(fk.parent.name)
                mapped = new_ids.get(fk.column.table.name, {}).get(old) if old is not None else None
                if old is not None and mapped is None:
                    break  # its parent was skipped (or missing): so is this row
                row[fk.parent.name] = mapped if old is not None else None
            else:
                old_id = row.pop("id", None) if "id" in table.columns else None
                inserted = conn.execute(table.insert(), row)
                if old_id is not None:
                    ids[old_id] = inserted.inserted_primary_key[0]
                if table.name == "account":
                    taken.add(row["name_key"])
                count += 1
        result.rows[table.name] = count
