"""Create / update / delete for any record, with a per-kind rule check."""

from collections.abc import Callable, Mapping
from datetime import date
from typing import Any, TypeVar

import sqlalchemy as sa
from sqlmodel import Session, SQLModel

from csplanner.core import validate as v
from csplanner.core.present.labels import field_label as label
from csplanner.core.errors import DomainError
from csplanner.core.models import VERSION_FIELDS, Stamped, utcnow

M = TypeVar("M", bound=Stamped)
# A checker gets the merged field values, the id being edited (or None) and the caller's today
# (for dates a rule fills in, e.g. a run marked done without a date) and returns them cleaned.
Checker = Callable[[Session, dict[str, Any], int | None, date | None], dict[str, Any]]


def get(session: Session, model: type[M], record_id: int) -> M:
    if isinstance(record_id, bool) or not isinstance(record_id, int) or not 1 <= record_id <= v.MAX_ID:
        raise DomainError(f"There is no {model.__name__.lower()} with id {str(record_id)[:40]!r}.")
    obj = session.get(model, record_id)
    if obj is None:
        raise DomainError(f"That {model.__name__.lower()} no longer exists (it may have been deleted).")
    return obj


BOOKKEEPING = ("id", "created_at", "updated_at", *VERSION_FIELDS)  # kept by the core, never typed in


def fields_of(obj: SQLModel) -> dict[str, Any]:
    data = obj.model_dump()
    for key in BOOKKEEPING:
        data.pop(key, None)
    return data


def storable(model: type[SQLModel], clean: dict[str, Any]) -> None:
    """The last gate before SQLite: every value has its column's type and fits it, whatever a
    kind's own check forgot (a stray bool, an int past 2**63, a NUL, a broken character)."""
    columns = model.__table__.columns  # type: ignore[attr-defined]
    for name, value in clean.items():
        column = columns.get(name)
        if column is None or value is None:
            continue
        kind = column.type
        if isinstance(kind, sa.Enum):
            continue  # an_enum checked it
        python = (kind.impl_instance if isinstance(kind, sa.TypeDecorator) else kind).python_type
        if python is bool:
            v.a_bool(value, name)
        elif python is int:
            if isinstance(value, bool) or not isinstance(value, int) or not -v.MAX_ID <= value <= v.MAX_ID:
                raise DomainError(f"{label(name)} must be a whole number.", name)
        elif python is date:
            clean[name] = v.a_date(value, name)  # a datetime in a date column becomes its day
        elif python is str:
            v.text(value, name, max_len=getattr(kind, "length", None) or v.MAX_TEXT)


def create(session: Session, model: type[M], check: Checker, values: Mapping[str, Any], today: date | None = None) -> M:
    unknown = set(values) - set(model.model_fields) - {"id"} | (set(values) & set(VERSION_FIELDS))
    if unknown:
        raise DomainError(f"Unknown field(s) for {model.__name__}: {', '.join(sorted(unknown))}.")
    merged = {**fields_of(model.model_construct()), **dict(values)}
    record_id = merged.pop("id", None)
    stamps = {k: v.a_timestamp(merged.pop(k), k) for k in ("created_at", "updated_at") if k in values}
    if record_id is not None:
        v.an_id(record_id)
        if session.get(model, record_id) is not None:
            raise DomainError(f"A {model.__name__.lower()} with id {record_id} already exists.")
    clean = check(session, merged, None, today)
    storable(model, clean)
    obj = model(**clean, **stamps)
    if record_id is not None:
        obj.id = record_id
    session.add(obj)
    session.flush()
    return obj


def update(session: Session, model: type[M], check: Checker, record_id: int, changes: Mapping[str, Any],
           today: date | None = None) -> M:
    obj = get(session, model, record_id)
    unknown = set(changes) - set(model.model_fields)
    if unknown or set(BOOKKEEPING) & set(changes):
        raise DomainError(f"Cannot change field(s): {', '.join(sorted(set(changes)))}.")
    merged = {**fields_of(obj), **dict(changes)}
    clean = check(session, merged, record_id, today)
    storable(model, clean)
    for key, value in clean.items():
        setattr(obj, key, value)
    obj.updated_at = utcnow()
    session.add(obj)
    session.flush()
    return obj


def delete(session: Session, model: type[M], record_id: int) -> None:
    session.delete(get(session, model, record_id))
    session.flush()
