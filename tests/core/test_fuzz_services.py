"""Every service refuses every bad value with a DomainError, and what it accepts can be drawn.

hypothesis throws text with lone surrogates and NUL, ints at the edges (negative ids, 2**63,
2**64), dates in year 1 and 9999, wrong types ("false" for a bool, True for an id), unknown
fields and garbage in id and created_at at each service. The supported dates are 1900–2200
(validate.FIRST_DAY..LAST_DAY). CI runs a fixed, derandomized profile (tests/conftest.py).
"""

from datetime import UTC, date, datetime
from typing import Any

import pytest
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from csplanner.core import validate
from csplanner.core.changes import MODELS, RecordType
from csplanner.core.db import open_database
from csplanner.core.enums import MilestoneStatus
from csplanner.core.errors import DomainError
from csplanner.core.services import accounts, by_type, milestones, next_steps, obstacles
from tests.conftest import TODAY

EDGE_INTS = [0, -1, -5, 1, 2**31, 2**63 - 1, 2**63, 2**64, -(2**63) - 1, 10**30]
EVIL = st.one_of(
    st.text(st.characters(codec=None, categories=None), max_size=30),  # surrogates and NUL included
    st.sampled_from(["\x00", "a\ud800b", "\udfff", "false", "true", "", "  ", "1", "-5", "2026-02-30",
                     "0001-01-01", "9999-12-31", "<b>x</b>", "x" * 201]),
    st.sampled_from(EDGE_INTS), st.integers(), st.booleans(), st.none(),
    st.floats(allow_nan=True, allow_infinity=True),
    st.dates(), st.sampled_from([date(1, 1, 1), date(9999, 12, 31), date(1899, 12, 31), date(2201, 1, 1)]),
    st.datetimes(), st.just(datetime(9999, 12, 31, tzinfo=UTC)),
    st.lists(st.integers(), max_size=2), st.dictionaries(st.text(max_size=3), st.integers(), max_size=1),
    st.binary(max_size=5),
)
KINDS = [t for t in RecordType if t in by_type.SERVICES]


def fields(kind: RecordType) -> list[str]:
    return [f for f in MODELS[kind].model_fields if f not in ("name_key",)] + ["id", "created_at", "surprise"]


@pytest.fixture(scope="module")
def book(tmp_path_factory):
    db = open_database(tmp_path_factory.mktemp("fuzz") / "fuzz.sqlite3")
    with db.session() as s:
        aid = accounts.create(s, name="Base", contract_signed=date(2026, 1, 1), renewal=date(2027, 1, 1)).id
        mid = milestones.create(s, account_id=aid, title="Run", planned_on=TODAY, today=TODAY).id
        oid = obstacles.create(s, account_id=aid, title="Rain", opened_on=TODAY, today=TODAY).id
    yield db, aid, mid, oid
    db.dispose()


BASE: dict[RecordType, dict[str, Any]] = {
    RecordType.ACCOUNT: {"name": "Fuzz"},
    RecordType.STAKEHOLDER: {"name": "Ana"},
    RecordType.DISCOVERY_NOTE: {"text": "t", "noted_on": TODAY},
    RecordType.MILESTONE: {"title": "t", "planned_on": TODAY},
    RecordType.OBSTACLE: {"title": "t", "opened_on": TODAY},
    RecordType.CHECK_IN: {"held_on": TODAY},
    RecordType.FORECAST: {"taken_on": TODAY},
    RecordType.NEXT_STEP: {"text": "t"},
}


def in_range(obj: object) -> None:
    """What was accepted can be drawn: every date within the supported range."""
    for value in getattr(obj, "__dict__", {}).values():
        if isinstance(value, date) and not isinstance(value, datetime):
            assert validate.FIRST_DAY <= value <= validate.LAST_DAY


def attempt(db, call) -> None:
    try:
        with db.session() as s:
            obj = call(s)
            if obj is not None:
                in_range(obj)
    except DomainError:
        pass


@settings(suppress_health_check=[HealthCheck.function_scoped_fixture, HealthCheck.too_slow])
@given(data=st.data())
@pytest.mark.parametrize("kind", KINDS)
def test_create_and_update_refuse_bad_values_with_a_domain_error(book, kind, data):
    db, aid, _, _ = book
    bad = data.draw(st.dictionaries(st.sampled_from(fields(kind)), EVIL, min_size=1, max_size=3))
    values = {**BASE[kind], **({"account_id": aid} if kind != RecordType.ACCOUNT else {}), **bad}
    if kind == RecordType.ACCOUNT and "name" not in bad:
        values["name"] = f"Fuzz {data.draw(st.integers(0, 10**9))}"
    attempt(db, lambda s: by_type.create(s, kind, values, TODAY))
    record_id = aid if kind == RecordType.ACCOUNT else None
    if record_id is not None:
        attempt(db, lambda s: by_type.update(s, kind, record_id, bad, TODAY))


@settings(suppress_health_check=[HealthCheck.function_scoped_fixture])
@given(record_id=EVIL, kind=st.sampled_from(KINDS))
def test_get_and_delete_refuse_bad_ids(book, record_id, kind):
    db = book[0]
    if isinstance(record_id, int) and not isinstance(record_id, bool) and 1 <= record_id <= 3:
        return  # real records: deleting them is no refusal
    attempt(db, lambda s: by_type.get(s, kind, record_id))
    attempt(db, lambda s: by_type.delete(s, kind, record_id))
    attempt(db, lambda s: by_type.update(s, kind, record_id, {}, TODAY))


@settings(suppress_health_check=[HealthCheck.function_scoped_fixture])
@given(a=EVIL, b=EVIL)
def test_the_other_verbs_refuse_bad_values(book, a, b):
    db, aid, mid, oid = book
    attempt(db, lambda s: milestones.mark(s, mid, a, today=TODAY, on=b))
    attempt(db, lambda s: milestones.move(s, mid, a, today=TODAY))
    attempt(db, lambda s: obstacles.link(s, oid, a))
    attempt(db, lambda s: obstacles.link(s, oid, [b]))
    attempt(db, lambda s: accounts.by_name(s, a))
    attempt(db, lambda s: accounts.list_rows(s, a) and None)
    attempt(db, lambda s: next_steps.complete(s, a, TODAY))
    attempt(db, lambda s: milestones.mark(s, mid, MilestoneStatus.PLANNED, today=TODAY))


@pytest.mark.parametrize("changes, message", [
    ({"archived": "false"}, "Archived must be yes or no"),
    ({"renewal": date(9999, 12, 31)}, "between 1900 and 2200"),
    ({"kickoff": date(1, 1, 1)}, "between 1900 and 2200"),
    ({"goal": "a\ud800b"}, "broken character"),
    ({"goal": "a\x00b"}, "NUL"),
])
def test_the_bugs_found_by_fuzzing_stay_fixed(db, changes, message):
    with db.session() as s:
        aid = accounts.create(s, name="Acme").id
    with pytest.raises(DomainError, match=message), db.session() as s:
        accounts.update(s, aid, **changes)


@pytest.mark.parametrize("values", [{"account_id": True}, {"account_id": 2**64}, {"account_id": -5},
                                    {"id": -5}, {"id": 2**64}, {"created_at": "yesterday"}])
def test_ids_and_stamps_are_checked(db, values):
    with db.session() as s:
        aid = accounts.create(s, name="Acme").id
    base = {"account_id": aid, "title": "Run", "planned_on": TODAY}
    with pytest.raises(DomainError), db.session() as s:
        milestones.create(s, today=TODAY, **{**base, **values})
