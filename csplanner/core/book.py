"""The database file's own facts: its identity, and an account's name by id."""

import uuid

from sqlmodel import Session

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

