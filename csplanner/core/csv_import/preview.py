"""The import preview: every row's fate (add, update, or error with its reasons) before anything is written.

    table = read_table(data)
    preview = build_preview(table, existing_accounts(session), date_order=None)
    preview.needs_date_order      # some date reads two ways: ask, then build again with the order
"""

from collections.abc import Mapping
from dataclasses import dataclass, field
from enum import StrEnum
from typing import Any

from sqlmodel import Session, select

from csplanner.core.csv_import.dates import guess_order
from csplanner.core.csv_import.headers import DATE_FIELDS, guess_mapping, header_currency
from csplanner.core.csv_import.reading import Table
from csplanner.core.csv_import.rows import finish, name_key, read_row
from csplanner.core.db import Database
from csplanner.core.errors import DomainError
from csplanner.core.models import Account, Stakeholder

EXISTING_FIELDS = ("segment", "arr_minor", "currency", "contract_signed", "kickoff", "renewal", "stage", "goal",
                   "success_criteria", "regions", "owner")


class Fate(StrEnum):
    ADD = "add"
    UPDATE = "update"
    ERROR = "error"


@dataclass(frozen=True, slots=True)
class Existing:
    """An account already in the file, as the preview needs it."""

    id: int
    name: str
    fields: Mapping[str, Any]  # EXISTING_FIELDS: what an update compares with and must stay consistent with
    contacts: frozenset[str] = frozenset()  # name keys of its stakeholders


@dataclass(frozen=True, slots=True)
class RowFate:
    line: int
    fate: Fate
    name: str
    values: dict[str, Any]  # add: the new account's fields; update: only the fields that change
    contact: dict[str, Any] | None = None  # a stakeholder to add to the row's account
    reasons: tuple[str, ...] = ()  # why an error row cannot be imported
    account_id: int | None = None  # the account an update row changes


@dataclass(frozen=True)
class Preview:
    header: list[str]
    mapping: dict[int, str]
    rows: list[RowFate]
    date_order: str | None  # the order used (chosen or guessed); None: no numeric dates needed one
    needs_date_order: bool = False  # some dates read two ways and no order was chosen
    ambiguous_example: str = ""
    counts: dict[Fate, int] = field(default_factory=dict)

    def of(self, fate: Fate) -> list[RowFate]:
        return [r for r in self.rows if r.fate == fate]


def existing_accounts(session: Session) -> dict[str, Existing]:
    """Every account by its name key, with what an update must respect."""
    contacts: dict[int, set[str]] = {}
    for account_id, name in session.exec(select(Stakeholder.account_id, Stakeholder.name)).all():
        contacts.setdefault(account_id, set()).add(name_key(name))
    rows = session.exec(select(Account.id, Account.name, *(getattr(Account, f) for f in EXISTING_FIELDS))).all()
    return {
        name_key(r[1]): Existing(r[0], r[1], dict(zip(EXISTING_FIELDS, r[2:], strict=True)),
                                 frozenset(contacts.get(r[0], ())))
        for r in rows
    }


def _cells(row: list[str], mapping: dict[int, str]) -> dict[str, str]:
    return {f: row[i] if i < len(row) else "" for i, f in mapping.items()}


def build_preview(table: Table, existing: Mapping[str, Existing], *, mapping: dict[int, str] | None = None,
                  date_order: str | None = None) -> Preview:
    """Decide every row's fate. `mapping` defaults to the guess from the header."""
    mapping = guess_mapping(table.header) if mapping is None else mapping
    if "name" not in mapping.values():
        raise DomainError(f"No column holds the account name (columns: {', '.join(table.header)}); "
                          "map one with name, for example --map \"Customer=name\".")
    needs_order, example = False, ""
    if date_order is None:
        date_columns = [i for i, f in mapping.items() if f in DATE_FIELDS]
        guess = guess_order(row[i] for _, row in table.rows for i in date_columns if i < len(row))
        date_order, needs_order, example = guess.order, guess.ambiguous, guess.example
    arr_column = next((i for i, f in mapping.items() if f == "arr"), None)
    column_currency = header_currency(table.header[arr_column]) if arr_column is not None else None
    seen: dict[str, int] = {}
    fates: list[RowFate] = []
    for line, row in table.rows:
        fates.append(_fate(line, row, table, mapping, existing, seen, date_order, column_currency))
    counts = {fate: sum(r.fate == fate for r in fates) for fate in Fate}
    return Preview(table.header, mapping, fates, date_order, needs_order, example, counts)


def _fate(line: int, row: list[str], table: Table, mapping: dict[int, str], existing: Mapping[str, Existing],
          seen: dict[str, int], date_order: str | None, column_currency: str | None) -> RowFate:
    values = read_row(_cells(row, mapping), date_order=date_order, column_currency=column_currency)
    reasons = list(values.reasons)
    if len(row) > len(table.header):
        reasons.insert(0, f"{len(row)} cells but the header has {len(table.header)} (a stray delimiter or quote?)")
    key = name_key(values.name)
    if values.name and key in seen:
        reasons.append(f"'{values.name}' already appears on line {seen[key]}")
    elif values.name:
        seen[key] = line
    found = existing.get(key) if values.name else None
    changes: dict[str, Any] = {}
    if not reasons:
        try:
            changes = finish(values, dict(found.fields) if found else None)
        except DomainError as exc:
            reasons.append(exc.message.rstrip("."))
    if reasons:
        return RowFate(line, Fate.ERROR, values.name, {}, None, tuple(reasons))
    contact = values.contact
    if found is not None:
        if contact is not None and name_key(contact["name"]) in found.contacts:
            contact = None  # already a stakeholder there: importing the file twice adds nobody twice
        changes = {k: value for k, value in changes.items() if found.fields.get(k) != value}
        return RowFate(line, Fate.UPDATE, found.name, changes, contact, (), found.id)
    return RowFate(line, Fate.ADD, values.name, {"name": values.name, **changes}, contact)


def preview_file(db: Database, table: Table, *, mapping: dict[int, str] | None = None,
                 date_order: str | None = None) -> Preview:
    """`build_preview` against the accounts in the database now (one short read)."""
    with db.session() as session:
        existing = existing_accounts(session)
    return build_preview(table, existing, mapping=mapping, date_order=date_order)
