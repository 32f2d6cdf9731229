"""The database file's own facts: its identity, and finding an account by name or prefix."""

import uuid

from sqlmodel import Session, col, select

from csplanner.core.csv_import.rows import name_key
from csplanner.core.db import Database
from csplanner.core.errors import DomainError
from csplanner.core.models import Account, Meta


def book_id(session: Session) -> str:
    """The identity of this file (a UUID), written when it was created. A file whose contents were
    wiped and replaced (demo --replace) holds another book: it gets a new identity, kept from then on."""
    found = session.get(Meta, "book_id")
    if found is None:
        found = Meta(key="book_id", value=str(uuid.uuid4()))
        session.add(found)
        session.flush()
    return found.value


def account_name(db: Database, account_id: int) -> str:
    """An account's name; DomainError when it is gone."""
    with db.session() as session:
        found = session.get(Account, account_id)
        if found is None:
            raise DomainError("That account no longer exists (it may have been deleted).")
        return found.name


def find_account(session: Session, text: str) -> tuple[int, str]:
    """(id, name) of the account named `text` (case and accents as a person compares them),
    else of the one account whose name starts with it."""
    key = name_key(text)
    if not key:
        raise DomainError("Give an account name.")
    rows = session.exec(select(Account.id, Account.name).order_by(col(Account.name))).all()
    exact = [(i, n) for i, n in rows if name_key(n) == key]
    if exact:
        return exact[0]
    starts = [(i, n) for i, n in rows if name_key(n).startswith(key)]
    if len(starts) == 1:
        return starts[0]
    if not starts:
        raise DomainError(f"No account named '{text.strip()}'.")
    shown = ", ".join(n for _, n in starts[:5]) + (", …" if len(starts) > 5 else "")
    raise DomainError(f"'{text.strip()}' could be {len(starts)} accounts ({shown}); give more of the name.")
