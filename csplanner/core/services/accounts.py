"""Accounts: the customers, each training for its race day (the renewal)."""

import unicodedata
from collections.abc import Callable
from dataclasses import dataclass
from datetime import date
from typing import Any

from sqlmodel import Session, col, select

from csplanner.core import names
from csplanner.core import validate as v
from csplanner.core.enums import Stage
from csplanner.core.errors import DomainError
from csplanner.core.models import Account
from csplanner.core.services import records, seasons

SORTS = ("name", "renewal", "arr", "stage")


def check(session: Session, f: dict[str, Any], record_id: int | None, today: date | None = None) -> dict[str, Any]:
    f["name"] = names.clean(v.text(f.get("name"), "name", required=True, max_len=200))
    f["name_key"] = names.key(f["name"])
    clash = select(Account.id).where(Account.name_key == f["name_key"])
    if record_id is not None:
        clash = clash.where(Account.id != record_id)
    if session.exec(clash).first() is not None:
        raise DomainError(f"An account named '{f['name']}' already exists.", "name")
    f["segment"] = v.text(f.get("segment"), "segment", max_len=100)
    f["arr_minor"] = v.money_minor(f.get("arr_minor", 0), "arr_minor")
    f["currency"] = v.currency(f.get("currency") or "USD")
    for key in ("contract_signed", "kickoff", "renewal"):
        f[key] = v.a_date(f.get(key), key)
    v.not_before(f["renewal"], f["contract_signed"], "renewal", "contract_signed", strictly=True)
    v.not_before(f["kickoff"], f["contract_signed"], "kickoff", "contract_signed")
    v.not_before(f["renewal"], f["kickoff"], "renewal", "kickoff", strictly=True)
    f["stage"] = v.an_enum(f.get("stage") or Stage.LAND, Stage, "stage")
    for key in ("goal", "success_criteria", "regions"):
        f[key] = v.text(f.get(key), key)
    f["archived"] = v.a_bool(f.get("archived", False), "archived")
    f["owner"] = v.text(f.get("owner"), "owner", max_len=100).strip()  # "": nobody (Unassigned)
    return f


def create(session: Session, *, today: date | None = None, **values: Any) -> Account:
    account = records.create(session, Account, check, values, today)
    seasons.follow_account(session, account)  # season 1 starts with the account
    return account


def update(session: Session, account_id: int, *, today: date | None = None, **changes: Any) -> Account:
    account = records.update(session, Account, check, account_id, changes, today)
    if {"renewal", "contract_signed"} & set(changes):
        seasons.follow_account(session, account)
    return account


def delete(session: Session, account_id: int) -> None:
    """Deletes the account and, through ON DELETE CASCADE, everything recorded about it."""
    records.delete(session, Account, account_id)


def get(session: Session, account_id: int) -> Account:
    return records.get(session, Account, account_id)


def resolve(session: Session, text: str) -> Account:
    """The account `text` names, as every `--account` reads it: the name itself (case folded), else the
    one name starting with it, else the one name containing it. Several: they are listed to choose from."""
    key = names.key(text)
    if not key:
        raise DomainError("Give an account's name, or the start of it.", "account")
    rows = [(i, n, names.key(n)) for i, n in session.exec(select(Account.id, Account.name)).all()]
    rows.sort(key=lambda r: r[2])
    rules: tuple[Callable[[str], bool], ...] = (key.__eq__, lambda n: n.startswith(key), lambda n: key in n)
    for rule in rules:
        found = [(i, n) for i, n, folded in rows if rule(folded)]
        if len(found) == 1 or (found and rule is rules[0]):
            return records.get(session, Account, found[0][0])
        if found:
            shown = "; ".join(n for _i, n in found[:8]) + ("; …" if len(found) > 8 else "")
            raise DomainError(f"'{text.strip()}' matches {len(found)} accounts: {shown}. Give more of the name.",
                              "account")
    raise DomainError(f"No account named '{text.strip()}'.", "account")


def by_name(session: Session, name: str) -> Account:
    name = v.text(name, "name")
    found = session.exec(select(Account).where(Account.name_key == names.key(name))).first()
    if found is None:
        raise DomainError(f"No account named '{name.strip()}'.")
    return found


@dataclass(frozen=True, slots=True)
class AccountRow:
    """What a list of accounts shows; no children loaded."""

    id: int
    name: str
    segment: str
    stage: Stage
    arr_minor: int
    currency: str
    renewal: date | None
    archived: bool
    owner: str = ""


def mine(owner: str) -> Any:
    """'Mine': the user's accounts and the ones nobody owns yet (nobody loses sight of those)."""
    return col(Account.owner).in_((owner, ""))


def list_rows(
    session: Session, text: str = "", *, include_archived: bool = False, sort: str = "name"
) -> list[AccountRow]:
    text = v.text(text, "filter", max_len=500)
    if sort not in SORTS:
        raise DomainError(f"Cannot sort accounts by '{sort}'.")
    q = select(
        Account.id, Account.name, Account.segment, Account.stage, Account.arr_minor,
        Account.currency, Account.renewal, Account.archived, Account.owner,
    )
    if not include_archived:
        q = q.where(col(Account.archived).is_(False))
    by_name = col(Account.name_key)
    order = {
        "name": [by_name],
        "renewal": [col(Account.renewal).is_(None), Account.renewal, by_name],
        "arr": [col(Account.arr_minor).desc(), by_name],
        "stage": [Account.stage, by_name],
    }[sort]
    rows = [AccountRow(*r) for r in session.exec(q.order_by(*order)).all()]
    if text.strip():  # folded in Python: SQLite's lower() and LIKE fold ASCII only, and LIKE reads % and _
        wanted = names.loose(text)
        rows = [r for r in rows if wanted in names.loose(r.name) or wanted in names.loose(r.segment)]
    if sort == "name":  # name_key orders by code point, which puts 'Ärzte' after 'Zeta'
        rows.sort(key=lambda r: names.sort_key(r.name))
    if sort == "stage":  # LAER order, not alphabetical
        rank = {s: i for i, s in enumerate(Stage)}
        rows.sort(key=lambda r: rank[Stage(r.stage)])
    return rows
