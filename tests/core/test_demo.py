"""The demo book of business: realistic, deterministic, complete, and valid by the services' own rules."""

import re
from collections import Counter, defaultdict
from collections.abc import Iterator
from datetime import date, timedelta
from enum import StrEnum
from pathlib import Path

import pytest
import sqlalchemy as sa
from sqlmodel import SQLModel, select

from csplanner.core import demo
from csplanner.core.db import Database, open_database
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
from csplanner.core.errors import DomainError
from csplanner.core.models import (
    Account,
    CheckIn,
    DiscoveryNote,
    HealthSnapshot,
    Milestone,
    Obstacle,
    ObstacleMilestone,
    Stakeholder,
)
from csplanner.core.services import accounts, checkins, milestones, notes, obstacles, records, stakeholders

TODAY = date(2026, 11, 25)  # a Wednesday
ACCOUNTS = 60

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
TABLES = (Account, Stakeholder, DiscoveryNote, Milestone, Obstacle, ObstacleMilestone, CheckIn, HealthSnapshot)


def make(path: Path, accounts: int = 30, seed: int = 1, today: date | None = TODAY) -> tuple[Database, demo.DemoSummary]:
    db = open_database(path)
    return db, demo.generate(db, accounts=accounts, seed=seed, today=today)


def dump(db: Database) -> dict[str, list[tuple]]:
    """Every row of every table, in primary-key order, without the timestamps."""
    out = {}
    with db.engine.connect() as conn:
        for model in TABLES:
            table = model.__table__
            cols = [c for c in table.columns if c.name not in ("created_at", "updated_at")]
            q = sa.select(*cols).order_by(*table.primary_key.columns)
            out[table.name] = [tuple(row) for row in conn.execute(q)]
    return out


@pytest.fixture(scope="module")
def book(tmp_path_factory: pytest.TempPathFactory) -> Iterator[tuple[Database, demo.DemoSummary]]:
    db, summary = make(tmp_path_factory.mktemp("demo") / "demo.sqlite3", accounts=ACCOUNTS)
    yield db, summary
    db.dispose()


@pytest.fixture(scope="module")
def data(book: tuple[Database, demo.DemoSummary]) -> dict[str, list]:
    db, _ = book
    with db.session() as s:
        return {model.__tablename__: list(s.exec(select(model)).all()) for model in TABLES}


def by_account(rows: list) -> dict[int, list]:
    grouped = defaultdict(list)
    for row in rows:
        grouped[row.account_id].append(row)
    return grouped


# --- the interface ----------------------------------------------------------------------------


def test_summary_counts_every_table(book, data):
    _, summary = book
    assert summary.accounts == len(data["account"]) == ACCOUNTS
    assert summary.stakeholders == len(data["stakeholder"])
    assert summary.notes == len(data["discovery_note"])
    assert summary.milestones == len(data["milestone"])
    assert summary.obstacles == len(data["obstacle"])
    assert summary.checkins == len(data["check_in"])
    assert summary.obstacle_links == len(data["obstacle_milestone"]) > 0
    assert summary.total == sum(len(rows) for rows in data.values())
    assert data["health_snapshot"] == []  # health is computed elsewhere
    with pytest.raises(AttributeError):
        summary.accounts = 1  # frozen


def test_refuses_a_database_that_already_has_accounts(tmp_path):
    db = open_database(tmp_path / "demo.sqlite3")
    try:
        with db.session() as s:
            accounts.create(s, name="Acme")
        with pytest.raises(DomainError, match="already has 1 account; demo data goes into a new file"):
            demo.generate(db, accounts=5, today=TODAY)
        with db.session() as s:
            assert [a.name for a in s.exec(select(Account)).all()] == ["Acme"]
            assert s.exec(select(Milestone)).all() == []
    finally:
        db.dispose()


@pytest.mark.parametrize("count", [0, -1, 20_001, True, 2.5])
def test_refuses_a_silly_number_of_accounts(tmp_path, count):
    db = open_database(tmp_path / "demo.sqlite3")
    try:
        with pytest.raises(DomainError, match="between 1 and 20000"):
            demo.generate(db, accounts=count, today=TODAY)
        assert dump(db)["account"] == []
    finally:
        db.dispose()


def test_one_account_and_the_default_today(tmp_path):
    db, summary = make(tmp_path / "demo.sqlite3", accounts=1, today=None)
    try:
        assert summary.accounts == 1 and summary.milestones >= 15
        with db.session() as s:
            account = s.exec(select(Account)).one()
        assert account.contract_signed < date.today()
    finally:
        db.dispose()


# --- determinism ------------------------------------------------------------------------------


def test_same_seed_and_today_give_identical_data(tmp_path):
    db1, _ = make(tmp_path / "a.sqlite3", seed=7)
    db2, _ = make(tmp_path / "b.sqlite3", seed=7)
    try:
        first, second = dump(db1), dump(db2)
        assert first == second
        assert all(first[name] for name in ("account", "milestone", "check_in", "obstacle_milestone"))
    finally:
        db1.dispose()
        db2.dispose()


def test_a_different_seed_or_today_gives_different_data(tmp_path):
    db1, _ = make(tmp_path / "a.sqlite3", seed=1)
    db2, _ = make(tmp_path / "b.sqlite3", seed=2)
    db3, _ = make(tmp_path / "c.sqlite3", seed=1, today=TODAY + timedelta(days=30))
    try:
        one, two, three = dump(db1), dump(db2), dump(db3)
        assert one["account"] != two["account"]
        assert one["milestone"] != two["milestone"]
        assert one["milestone"] != three["milestone"]
    finally:
        db1.dispose()
        db2.dispose()
        db3.dispose()


# --- completeness -----------------------------------------------------------------------------


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
        with db.session() as s:
            rows = {model.__tablename__: list(s.exec(select(model)).all()) for model in TABLES}
        assert enum_values_missing(rows) == []
    finally:
        db.dispose()


# --- validity ---------------------------------------------------------------------------------


def test_every_row_passes_the_services_checks_unchanged(book):
    """Run each row through its service's `check`: nothing raises, nothing needs cleaning."""
    db, _ = book
    checks = [
        (Account, accounts.check),
        (Stakeholder, stakeholders.check),
        (DiscoveryNote, notes.check),
        (Milestone, milestones.check),
        (Obstacle, obstacles.check),
        (CheckIn, checkins.check),
    ]
    with db.session() as s:
        for model, check in checks:
            rows = s.exec(select(model)).all()
            assert rows
            for row in rows:
                fields = records.fields_of(row)
                cleaned = check(s, dict(fields), row.id)
                assert cleaned == fields, f"{model.__name__} {row.id}"
        # an obstacle only hurts milestones of its own account
        for link in s.exec(select(ObstacleMilestone)).all():
            assert s.get(Obstacle, link.obstacle_id).account_id == s.get(Milestone, link.milestone_id).account_id
        s.rollback()


def test_foreign_keys_hold(book):
    db, _ = book
    with db.engine.connect() as conn:
        assert conn.exec_driver_sql("PRAGMA foreign_key_check").fetchall() == []


# --- realism ----------------------------------------------------------------------------------


def test_account_names_are_believable_and_unique(data):
    names = [a.name for a in data["account"]]
    assert len({n.lower() for n in names}) == len(names)
    for name in names:
        assert re.fullmatch(r"[A-Z][A-Za-z]+( [A-Z&][A-Za-z.&]*)+", name), name
        assert not re.search(r"\bAccount\b|\d", name)
        assert len(name) <= 200


def test_names_stay_unique_for_the_largest_book():
    gen = demo._Generator(seed=1, today=TODAY, first_ids=dict.fromkeys(("account", "stakeholder"), 1))
    names = [gen.company_name("EMEA")[0] for _ in range(demo.MAX_ACCOUNTS)]
    assert len({n.lower() for n in names}) == demo.MAX_ACCOUNTS
    assert max(len(n) for n in names) <= 200
    assert sum(bool(re.search(r"\d", n)) for n in names) == 0  # never "Account 17"-style numbering


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


def test_the_timeline_matches_the_stage(data):
    plan = by_account(data["milestone"])
    for a in data["account"]:
        assert a.contract_signed < TODAY
        assert 3 <= (a.kickoff - a.contract_signed).days <= 14
        go_live = [m for m in plan[a.id] if m.phase == Phase.ONBOARDING and m.title.startswith("Go-live")]
        assert len(go_live) == 1
        if a.archived:
            assert a.stage == Stage.RENEW and a.renewal < TODAY
        elif a.stage == Stage.RENEW:
            assert a.renewal <= TODAY + timedelta(days=120)
        else:
            assert a.renewal > TODAY + timedelta(days=120)
        if a.stage == Stage.LAND:
            assert go_live[0].planned_on >= TODAY  # still onboarding
        elif a.stage in (Stage.ADOPT, Stage.EXPAND):
            assert go_live[0].planned_on < TODAY
        if a.stage == Stage.EXPAND:
            assert any(m.phase == Phase.EXPANSION and m.planned_on <= TODAY for m in plan[a.id])


def test_renewals_spread_over_the_next_18_months(data):
    active = [a for a in data["account"] if not a.archived]
    horizon = TODAY + timedelta(days=548)
    ahead = [a.renewal for a in active if TODAY <= a.renewal <= horizon]
    assert len(ahead) >= 0.9 * len(active)
    assert all(a.renewal <= horizon for a in active)
    assert all(a.renewal >= TODAY - timedelta(days=30) for a in active)
    months = {(d.year, d.month) for d in ahead}
    assert len(months) >= 12
    for start in (0, 183, 365):  # every half year of the window has races
        assert any(start <= (d - TODAY).days < start + 183 for d in ahead)


def test_stakeholders(data):
    people = by_account(data["stakeholder"])
    for a in data["account"]:
        group = people[a.id]
        active = [p for p in group if p.status == StakeholderStatus.ACTIVE]
        assert 2 <= len(group) <= 6
        assert active  # a small account whose sponsor left may be down to one thread
        assert {StakeholderRole.EXEC_SPONSOR, StakeholderRole.CHAMPION} <= {p.role for p in group}
        assert len({p.name for p in group}) == len(group)
        for p in group:
            assert re.fullmatch(r"\S+ \S+( \S+)?", p.name) and p.title and p.location
            assert (p.left_on is not None) == (p.status == StakeholderStatus.LEFT)
            if p.left_on:
                assert a.kickoff < p.left_on < TODAY
    left_keys = [p for p in data["stakeholder"] if p.status == StakeholderStatus.LEFT
                 and p.role in (StakeholderRole.EXEC_SPONSOR, StakeholderRole.CHAMPION)]
    assert left_keys
    turnover = {o.title for o in data["obstacle"] if o.kind == ObstacleKind.EXEC_TURNOVER}
    for p in left_keys:
        assert any(p.name in title for title in turnover)


def test_discovery_notes(data):
    for a in data["account"]:
        kinds = {n.kind for n in by_account(data["discovery_note"])[a.id]}
        assert {NoteKind.GOAL, NoteKind.SUCCESS_CRITERIA} <= kinds
    assert all(len(n.text) > 30 and n.noted_on <= TODAY for n in data["discovery_note"])


def test_the_training_plan(data):
    plan = by_account(data["milestone"])
    overdue = 0
    for a in data["account"]:
        runs = plan[a.id]
        assert 15 <= len(runs) <= 30, (a.name, len(runs))
        races = [m for m in runs if m.run_type == RunType.RACE]
        assert len(races) == 1 and races[0].planned_on == a.renewal and races[0].phase == Phase.RENEWAL
        assert any(m.phase == Phase.KICKOFF and m.planned_on == a.kickoff for m in runs)
        qbrs = sorted(m.planned_on for m in runs if "QBR" in m.title)
        assert all(80 <= (b - a_).days <= 102 for a_, b in zip(qbrs, qbrs[1:], strict=False))
        for m in runs:
            assert a.contract_signed <= m.planned_on <= a.renewal
            if m.status == MilestoneStatus.DONE:
                assert m.outcome and abs((m.done_on - m.planned_on).days) <= 10 and m.done_on <= TODAY
            if m.planned_on > TODAY:
                assert m.status in (MilestoneStatus.PLANNED, MilestoneStatus.SKIPPED)
            if m.status == MilestoneStatus.PLANNED and m.planned_on < TODAY:
                overdue += 1
    assert 0 < overdue <= len(data["milestone"]) // 20
    past = [m for m in data["milestone"] if m.planned_on < TODAY - timedelta(days=21) and m.run_type != RunType.RACE]
    share = Counter(m.status for m in past)
    assert share[MilestoneStatus.DONE] >= 0.7 * len(past)  # past runs mostly done...
    assert share[MilestoneStatus.MISSED] > share[MilestoneStatus.SKIPPED] > 0  # ...some missed, a few skipped
    assert share[MilestoneStatus.PLANNED] <= 0.01 * len(past)


def test_obstacles(data):
    rows = data["obstacle"]
    assert any(o.resolved_on is None for o in rows) and any(o.resolved_on for o in rows)
    assert all(o.mitigation and o.opened_on <= TODAY for o in rows)
    assert any(o.resolved_on is None and o.severity in (Severity.HIGH, Severity.CRITICAL) for o in rows)
    linked = {link.obstacle_id for link in data["obstacle_milestone"]}
    assert 0 < len(linked) < len(rows)


def test_checkins(data):
    rows = data["check_in"]
    assert all(c.summary for c in rows)
    assert all(c.next_steps for c in rows if c.held_on < TODAY)
    planned = [c for c in rows if c.held_on > TODAY]
    assert planned and all(c.held_on <= TODAY + timedelta(days=7) for c in planned)
    last: dict[int, date] = {}
    for c in rows:
        if c.held_on <= TODAY:
            last[c.account_id] = max(last.get(c.account_id, c.held_on), c.held_on)
    quiet = [a for a in data["account"] if not a.archived and (TODAY - last.get(a.id, a.contract_signed)).days >= 14]
    assert 0 < len(quiet) <= len(data["account"]) // 2
    for a in data["account"]:
        if a.archived:
            assert all(c.held_on <= a.renewal for c in rows if c.account_id == a.id)
