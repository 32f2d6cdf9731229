"""The book as a whole: a believable mix of segments, currencies, stages, and every enum value."""

import re
from collections import Counter
from enum import StrEnum

import pytest
from sqlmodel import SQLModel

from csplanner.core import health
from csplanner.core.enums import (
    CheckInKind,
    MilestoneStatus,
    NoteKind,
    ObstacleKind,
    Phase,
    RunType,
    Severity,
    Stage,
    StakeholderRole,
    StakeholderStatus,
    Team,
)
from csplanner.core.models import Account, CheckIn, DiscoveryNote, Milestone, Obstacle, Stakeholder
from csplanner.core.present import Band, band
from tests.conftest import TODAY
from tests.demo.conftest import make, rows_of

ENUM_COLUMNS: list[tuple[type[SQLModel], str, type[StrEnum]]] = [
    (Account, "stage", Stage),
    (Stakeholder, "role", StakeholderRole),
    (Stakeholder, "status", StakeholderStatus),
    (DiscoveryNote, "kind", NoteKind),
    (Milestone, "status", MilestoneStatus),
    (Milestone, "run_type", RunType),
    (Milestone, "phase", Phase),
    (Milestone, "team", Team),
    (Obstacle, "kind", ObstacleKind),
    (Obstacle, "severity", Severity),
    (CheckIn, "kind", CheckInKind),
]


def test_accounts_look_like_a_real_book(data):
    rows = data["account"]
    assert Counter(a.segment for a in rows).keys() == {"Enterprise", "Mid-Market", "SMB"}
    currencies = Counter(a.currency for a in rows)
    assert currencies.most_common(1)[0][0] == "USD" and {"EUR", "GBP"} <= currencies.keys()
    assert all(a.arr_minor > 0 and a.arr_minor % 100 == 0 for a in rows)
    enterprise = [a.arr_minor for a in rows if a.segment == "Enterprise"]
    smb = [a.arr_minor for a in rows if a.segment == "SMB"]
    assert min(enterprise) > max(smb)
    assert all(a.goal and a.success_criteria and a.regions for a in rows)
    assert any(re.search(r"\d", a.goal) for a in rows)  # goals are measurable
    archived = [a for a in rows if a.archived]
    assert 0 < len(archived) <= len(rows) // 5


def enum_values_missing(data: dict[str, list]) -> list[str]:
    missing = []
    for model, column, enum in ENUM_COLUMNS:
        seen = {str(getattr(row, column)) for row in data[model.__tablename__]}
        missing += [f"{model.__name__}.{column}={m.value}" for m in enum if m.value not in seen]
    return missing


def test_every_enum_value_appears(data):
    assert enum_values_missing(data) == []
    assert {c.sentiment for c in data["check_in"]} == {-1, 0, 1}


@pytest.mark.parametrize("seed", [2, 3, 4])
def test_every_enum_value_appears_with_other_seeds_too(tmp_path, seed):
    db, _ = make(tmp_path / "demo.sqlite3", accounts=30, seed=seed)
    try:
        rows = rows_of(db)
        assert enum_values_missing(rows) == []
    finally:
        db.dispose()


def test_most_accounts_are_healthy(book):
    db, _ = book
    with db.session() as s:
        bands = Counter(band(h.score) for h in health.health_many(s, None, TODAY).values())
    assert bands[Band.GREEN] >= 0.7 * bands.total()
    assert 0 < bands[Band.AMBER] + bands[Band.RED] and bands[Band.RED] <= 3  # a few need attention, not half the book
