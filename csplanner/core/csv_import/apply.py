"""Writing a preview's rows in one transaction, and taking them back out (undo).

    applied = apply_preview(session, preview, skip_invalid=False)
    revert(session, applied)                       # undo: as before the import
    apply_preview(session, preview, skip_invalid=False, again=applied)   # redo: the same ids

Rows are written in bulk (one executemany per table): the preview has already applied every
account rule to each row, and 5,000 rows one ORM object at a time took minutes.
"""

from collections import defaultdict
from collections.abc import Iterable
from dataclasses import dataclass, field
from typing import Any

import sqlalchemy as sa
from sqlmodel import Session, SQLModel

from csplanner.core import names, sequences, versions
from csplanner.core.csv_import.preview import Fate, Preview
from csplanner.core.errors import DomainError
from csplanner.core.models import Account, Stakeholder, utcnow
from csplanner.core.services import records

ACCOUNT = Account.__table__  # type: ignore[attr-defined]
STAKEHOLDER = Stakeholder.__table__  # type: ignore[attr-defined]


@dataclass
class Applied:
    """What an import wrote, by line: enough to take it back and to redo it with the same ids."""

    created: dict[int, int] = field(default_factory=dict)  # line -> new account id
    updated: dict[int, dict[str, Any]] = field(default_factory=dict)  # account id -> fields before
    contacts: dict[int, int] = field(default_factory=dict)  # line -> new stakeholder id

    @property
    def account_ids(self) -> set[int]:
        return set(self.created.values()) | set(self.updated)


def refuse_errors(preview: Preview) -> None:
    errors = preview.of(Fate.ERROR)
    if errors:
        lines = ", ".join(str(r.line) for r in errors[:10]) + (" …" if len(errors) > 10 else "")
        raise DomainError(f"{len(errors)} row{'s' if len(errors) != 1 else ''} cannot be imported "
                          f"(line{'s' if len(errors) != 1 else ''} {lines}); nothing was imported.")


def _next_id(session: Session, table: sa.Table) -> int:
    return int(session.connection().execute(sa.select(sa.func.coalesce(sa.func.max(table.c.id), 0))).scalar_one()) + 1


def _defaults(model: type[SQLModel]) -> dict[str, Any]:
    return records.fields_of(model.model_construct())


def _update_many(session: Session, table: sa.Table, changes: dict[int, dict[str, Any]]) -> None:
    """One executemany per set of changed columns; each row's version goes up (core.versions)."""
    by_columns: dict[tuple[str, ...], list[dict[str, Any]]] = defaultdict(list)
    now = utcnow()
    who, at = versions.author(session)
    for record_id, values in changes.items():
        if values:
            by_columns[tuple(sorted(values))].append({**values, "updated_at": now, "_id": record_id,
                                                      "changed_by": who, "changed_at": at or now})
    for rows in by_columns.values():
        session.connection().execute(table.update().where(table.c.id == sa.bindparam("_id"))
                                     .values(version=table.c.version + 1), rows)
    if by_columns:
        versions.wrote(session)


def _check_clash(session: Session, new_names: Iterable[str]) -> None:
    """The account service's rule, for all new names at once: no name taken (ignoring case)."""
    taken = set(session.connection().execute(sa.select(ACCOUNT.c.name_key)).scalars())
    for name in new_names:
        if names.key(name) in taken:
            raise DomainError(f"An account named '{name}' already exists. Nothing was imported.")


def apply_preview(session: Session, preview: Preview, *, skip_invalid: bool, again: Applied | None = None,
                  owner: str = "") -> Applied:
    """Add and update the accounts (and contacts) of the preview's valid rows. New accounts
    belong to `owner` (the importing user) unless the file names their owner.

    Without skip_invalid, any error row refuses the whole file. The caller's session is the
    one transaction: if anything fails, nothing stays.
    """
    if not skip_invalid:
        refuse_errors(preview)
    rows = [r for r in preview.rows if r.fate != Fate.ERROR]
    adds = [r for r in rows if r.fate == Fate.ADD]
    updates = [r for r in rows if r.fate == Fate.UPDATE]
    _check_clash(session, (r.name for r in adds))
    done = Applied()
    now = utcnow()
    who, at = versions.author(session)
    stamp = {"version": 1, "changed_by": who, "changed_at": at or now}
    next_id = _next_id(session, ACCOUNT)
    defaults = _defaults(Account)
    new_accounts = []
    for row in adds:
        account_id = again.created[row.line] if again else next_id
        next_id += 1
        done.created[row.line] = account_id
        name = names.clean(row.values["name"])
        new_accounts.append({**defaults, "owner": owner[:100], **row.values, "name": name, "name_key": names.key(name),
                             "id": account_id, "created_at": now, "updated_at": now, **stamp})
    if new_accounts:
        session.connection().execute(ACCOUNT.insert(), new_accounts)
        sequences.reset(session.connection(), [ACCOUNT])
        versions.wrote(session)
    current = _current(session, updates)
    for row in updates:
        assert row.account_id is not None
        done.updated[row.account_id] = {k: current[row.account_id][k] for k in row.values}
    _update_many(session, ACCOUNT, {r.account_id: r.values for r in updates if r.account_id is not None})
    _add_contacts(session, rows, done, again, now)
    session.expire_all()  # the ORM's view of these rows is stale now
    return done


def _current(session: Session, updates: list) -> dict[int, dict[str, Any]]:
    ids = [r.account_id for r in updates]
    if not ids:
        return {}
    found = session.connection().execute(sa.select(ACCOUNT).where(ACCOUNT.c.id.in_(ids))).mappings()
    return {row["id"]: dict(row) for row in found}


def _add_contacts(session: Session, rows: list, done: Applied, again: Applied | None, now: Any) -> None:
    next_id = _next_id(session, STAKEHOLDER)
    defaults = _defaults(Stakeholder)
    contacts = []
    for row in rows:
        if row.contact is None:
            continue
        stakeholder_id = again.contacts[row.line] if again else next_id
        next_id += 1
        done.contacts[row.line] = stakeholder_id
        account_id = done.created.get(row.line, row.account_id)
        contacts.append({**defaults, **row.contact, "id": stakeholder_id, "account_id": account_id,
                         "created_at": now, "updated_at": now})
    if contacts:
        session.connection().execute(STAKEHOLDER.insert(), contacts)
        sequences.reset(session.connection(), [STAKEHOLDER])


def revert(session: Session, applied: Applied) -> None:
    """Take an import back: its contacts and new accounts go, updated accounts get their old fields."""
    conn = session.connection()
    versions.wrote(session)
    if applied.contacts:
        conn.execute(STAKEHOLDER.delete().where(STAKEHOLDER.c.id.in_(list(applied.contacts.values()))))
    if applied.created:
        conn.execute(ACCOUNT.delete().where(ACCOUNT.c.id.in_(list(applied.created.values()))))
    _update_many(session, ACCOUNT, applied.updated)
    session.expire_all()
