"""Optimistic concurrency: every row people edit carries a version; a write based on a stale
read is refused with who changed it and when, and nothing is overwritten silently.

`watch(session, ...)` (called by `Database.session`) does the bookkeeping for every unit of work,
whatever service made the change:
- each changed or deleted versioned row gets version + 1 (once per unit of work), `changed_by`
  and `changed_at`; SQLAlchemy's version_id_col makes the UPDATE/DELETE say WHERE version = the
  one read, so a concurrent writer makes the flush fail (StaleDataError, turned into `Stale`);
- the one-row change counter goes up with every commit that wrote, so other windows can poll it;
- the `Ledger` of this app instance remembers the versions it wrote itself and the counter values
  its own commits produced: undo asks it "did anybody else touch this row since I last did?".

Core never reads the clock or the environment: who and when are passed in (`now` carries the
caller's time zone, used to say "at 10:42" in the user's own time).
"""

from collections.abc import Iterable
from dataclasses import dataclass, field
from datetime import UTC, datetime
from typing import Any

import sqlalchemy as sa
from sqlalchemy import event
from sqlmodel import Session, SQLModel

from csplanner.core.errors import Stale
from csplanner.core.models import ChangeCounter, Versioned, utcnow

Key = tuple[str, Any]  # (table name, primary key)


@dataclass
class Ledger:
    """What this app instance wrote itself: the last version of each row, and the change-counter
    values its own commits produced (so a poll can tell others' changes from its own)."""

    writes: dict[Key, int] = field(default_factory=dict)
    own_counts: set[int] = field(default_factory=set)

    def others_changed(self, seen: int, now: int) -> bool:
        """Did a commit that was not ours move the counter from `seen` to `now`?"""
        foreign = any(n not in self.own_counts for n in range(seen + 1, now + 1)) if now > seen else now != seen
        self.own_counts = {n for n in self.own_counts if n > now}
        return foreign


def key_of(obj: SQLModel) -> Key:
    pk = tuple(sa.inspect(obj).mapper.primary_key_from_instance(obj))
    return (obj.__tablename__, pk[0] if len(pk) == 1 else pk)  # type: ignore[attr-defined]


def label_of(obj: SQLModel) -> str:
    """‘Acme’, ‘Kickoff call’: the record's own name, in the words a user knows."""
    for name in ("name", "title", "summary", "text", "key"):
        value = getattr(obj, name, None)
        if isinstance(value, str) and value.strip():
            text = " ".join(value.split())
            return f"‘{text[:60]}{'…' if len(text) > 60 else ''}’"
    noun = obj.__tablename__.replace("_", " ")  # type: ignore[attr-defined]
    return f"This {noun}"


def _when(changed_at: datetime | None, now: datetime | None) -> str:
    if changed_at is None:
        return ""
    at = changed_at if changed_at.tzinfo else changed_at.replace(tzinfo=UTC)
    if now is not None and now.tzinfo is not None:
        at = at.astimezone(now.tzinfo)
        same_day = at.date() == now.date()
    else:
        same_day = False
    clock = f"{at:%H:%M}" + ("" if now is not None and now.tzinfo is not None else " UTC")
    return f" at {clock}" if same_day else f" on {at.day} {at:%b} at {clock}"


def stale(obj: SQLModel, now: datetime | None, label: str = "", verb: str = "was") -> Stale:
    """‘Acme’ was changed by dana at 10:42. Reload?"""
    who = getattr(obj, "changed_by", "") or "someone else"
    when = _when(getattr(obj, "changed_at", None), now)
    return Stale(f"{label or label_of(obj)} {verb} changed by {who}{when}. Reload? (Nothing was saved.)")


NOW = "csplanner.now"
WHO = "csplanner.who"
WRITTEN = "csplanner.written"


def require(session: Session, obj: SQLModel, seen: int | None) -> None:
    """Refuse to write `obj` if it moved on from the version the user saw (None: no check)."""
    if seen is not None and isinstance(obj, Versioned) and obj.version != seen:
        raise stale(obj, session.info.get(NOW))


@dataclass(frozen=True)
class Written:
    """A row a step wrote: how to find it again, and its name for a message."""

    model: type[SQLModel]
    record_id: Any
    label: str


def require_own(session: Session, ledger: Ledger, rows: Iterable[Written]) -> None:
    """Undo/redo: each row the previous step wrote must still be as this app left it (nobody
    else wrote or deleted it since); else the step is refused and nothing is changed."""
    now = session.info.get(NOW)
    for row in rows:
        obj = session.get(row.model, row.record_id, populate_existing=True)
        if obj is None:
            raise Stale(f"{row.label} was deleted by someone else meanwhile. Nothing was changed.")
        mine = ledger.writes.get(key_of(obj))
        if isinstance(obj, Versioned) and mine is not None and obj.version != mine:
            raise stale(obj, now)


def written(session: Session) -> list[Written]:
    """The versioned rows a committed unit of work wrote (created or changed, not deleted)."""
    return list(session.info.get(WRITTEN, {}).values())


WROTE = "csplanner.wrote"


def wrote(session: Session) -> None:
    """This unit of work changed rows (also through plain SQL, which no ORM event sees)."""
    session.info[WROTE] = True


@dataclass
class _Work:
    """One unit of work's bookkeeping, kept in `session.info`."""

    ledger: Ledger
    who: str
    at: datetime | None  # UTC
    bumped: set[int] = field(default_factory=set)
    versions: dict[Key, int] = field(default_factory=dict)
    rows: dict[Key, Written] = field(default_factory=dict)
    count: int | None = None


WORK = "csplanner.work"


class BookSession(Session):
    """The session every `Database.session()` hands out: the listeners below are registered once
    on this class (registering them per session cost more than the poll's query)."""


def watch(session: Session, ledger: Ledger, who: str = "", now: datetime | None = None) -> None:
    """Version every write of this unit of work, count the commit, note what we wrote."""
    at = (now.astimezone(UTC) if now is not None and now.tzinfo else now)
    session.info[NOW], session.info[WHO] = now, who
    session.info[WORK] = _Work(ledger, who[:100], at)


def _stamp(work: _Work, obj: Versioned) -> None:
    obj.changed_by = work.who
    obj.changed_at = work.at or utcnow()  # no time passed in: the stamp every row gets


@event.listens_for(BookSession, "before_flush")
def _bump(sess: Session, _ctx: object, _instances: object) -> None:
    work = sess.info.get(WORK)
    if work is None:
        return
    for obj in sess.new:
        if isinstance(obj, Versioned) and obj.changed_at is None:
            _stamp(work, obj)
    for obj in sess.dirty:
        if isinstance(obj, Versioned) and id(obj) not in work.bumped and sess.is_modified(obj):
            work.bumped.add(id(obj))
            # from the version read, whatever a restore copied onto the attribute meanwhile
            read = sa.inspect(obj).committed_state.get("version", obj.version)
            obj.version = (read or 0) + 1
            _stamp(work, obj)


@event.listens_for(BookSession, "after_flush")
def _note(sess: Session, _ctx: object) -> None:
    work = sess.info.get(WORK)
    if work is None:
        return
    for obj in list(sess.new) + list(sess.dirty):
        if isinstance(obj, Versioned):
            key = key_of(obj)
            work.versions[key] = obj.version
            work.rows[key] = Written(type(obj), key[1], label_of(obj))
    for obj in sess.deleted:
        if isinstance(obj, Versioned):
            work.versions.pop(key_of(obj), None)
            work.rows.pop(key_of(obj), None)
    if sess.new or sess.dirty or sess.deleted:
        wrote(sess)


@event.listens_for(BookSession, "do_orm_execute")
def _bulk(orm_state: Any) -> None:
    if orm_state.is_insert or orm_state.is_update or orm_state.is_delete:
        wrote(orm_state.session)


@event.listens_for(BookSession, "before_commit")
def _count(sess: Session) -> None:
    work = sess.info.get(WORK)
    if work is None:
        return
    sess.flush()
    if sess.info.get(WROTE):
        work.count = sess.execute(
            sa.update(ChangeCounter).where(ChangeCounter.id == 1).values(n=ChangeCounter.n + 1)
            .returning(ChangeCounter.n)).scalar()


@event.listens_for(BookSession, "after_commit")
def _keep(sess: Session) -> None:
    work = sess.info.get(WORK)
    if work is None:
        return
    work.ledger.writes.update(work.versions)
    if work.count is not None:
        work.ledger.own_counts.add(work.count)
    sess.info[WRITTEN] = dict(work.rows)


def author(session: Session) -> tuple[str, datetime | None]:
    """Who is writing in this unit of work and when (UTC), for writes made in plain SQL."""
    now = session.info.get(NOW)
    return str(session.info.get(WHO) or "")[:100], (now.astimezone(UTC) if now is not None and now.tzinfo else now)


def change_count(connection: sa.Connection) -> int:
    """The change counter: one primary-key read in plain SQL (0 on a book that has none yet)."""
    return connection.exec_driver_sql("SELECT n FROM change_counter WHERE id = 1").scalar() or 0


RACED = ("Someone else saved a change to this record at the same moment. Reload? (Nothing was saved.)")
