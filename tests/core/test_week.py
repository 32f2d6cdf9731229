"""My week data: runs by day, overdue, planned check-ins, obstacles, races, missed training."""

from datetime import date, timedelta

from csplanner.core import week
from csplanner.core.enums import MilestoneStatus, ObstacleKind, Severity
from csplanner.core.services import accounts, checkins, milestones, obstacles

TODAY = date(2026, 11, 25)  # Wednesday
MONDAY = date(2026, 11, 23)


def add_account(s, name, **values):
    return accounts.create(s, name=name, **values).id


def test_runs_by_day_and_overdue_before_the_week(db):
    with db.session() as s:
        a = add_account(s, "Acme")
        b = add_account(s, "Bluefin")
        milestones.create(s, account_id=a, title="Kickoff", planned_on=MONDAY)  # overdue, shown on Monday
        milestones.create(s, account_id=b, title="QBR", planned_on=date(2026, 11, 27))
        done = milestones.create(s, account_id=a, title="Training", planned_on=date(2026, 11, 27))
        milestones.mark(s, done.id, MilestoneStatus.DONE, on=date(2026, 11, 20))
        milestones.create(s, account_id=a, title="Skipped", planned_on=TODAY, status=MilestoneStatus.SKIPPED)
        milestones.create(s, account_id=b, title="Old", planned_on=date(2026, 11, 2))
        milestones.create(s, account_id=b, title="Old but done", planned_on=date(2026, 11, 2),
                          status=MilestoneStatus.DONE, done_on=date(2026, 11, 2))
        plan = week.week_plan(s, MONDAY, TODAY)
    assert [d for d, _ in plan.days] == [MONDAY + timedelta(days=i) for i in range(7)]
    by_day = {d: [(i.account_name, i.title, i.overdue) for i in items] for d, items in plan.days}
    assert by_day[MONDAY] == [("Acme", "Kickoff", True)]
    assert by_day[TODAY] == []  # skipped runs are left out
    assert by_day[date(2026, 11, 27)] == [("Bluefin", "QBR", False), ("Acme", "Training", False)]  # open first
    assert [(i.title, i.overdue) for i in plan.overdue] == [("Old", True)]
    assert plan.due_count() == 3 and plan.iso_week == (2026, 48)


def test_next_week_counts_everything_before_today_as_overdue(db):
    with db.session() as s:
        a = add_account(s, "Acme")
        milestones.create(s, account_id=a, title="Monday run", planned_on=MONDAY)
        milestones.create(s, account_id=a, title="Friday run", planned_on=date(2026, 11, 27))
        plan = week.week_plan(s, MONDAY + timedelta(weeks=1), TODAY)
    assert [i.title for i in plan.overdue] == ["Monday run"]  # Friday's is not late yet


def test_planned_checkins_are_this_week_from_today(db):
    with db.session() as s:
        a = add_account(s, "Acme")
        for day in (MONDAY, TODAY, date(2026, 11, 29), date(2026, 11, 30)):
            checkins.create(s, account_id=a, held_on=day, summary=str(day))
        plan = week.week_plan(s, MONDAY, TODAY)
    assert [c.held_on for c in plan.checkins] == [TODAY, date(2026, 11, 29)]


def test_open_obstacles_most_severe_first(db):
    with db.session() as s:
        a = add_account(s, "Acme")
        obstacles.create(s, account_id=a, title="Low", severity=Severity.LOW, opened_on=date(2026, 10, 1))
        obstacles.create(s, account_id=a, title="Critical", severity=Severity.CRITICAL,
                         kind=ObstacleKind.ESCALATION, opened_on=date(2026, 11, 1))
        obstacles.create(s, account_id=a, title="Resolved", severity=Severity.CRITICAL,
                         opened_on=date(2026, 10, 1), resolved_on=date(2026, 10, 10))
        obstacles.create(s, account_id=a, title="Later", severity=Severity.HIGH, opened_on=date(2026, 12, 20))
        plan = week.week_plan(s, MONDAY, TODAY)
    assert [o.title for o in plan.obstacles] == ["Critical", "Low"]


def test_races_within_120_days_with_health(db):
    with db.session() as s:
        soon = add_account(s, "Soon", renewal=TODAY + timedelta(days=10))
        add_account(s, "Edge", renewal=TODAY + timedelta(days=120))
        add_account(s, "Far", renewal=TODAY + timedelta(days=121))
        add_account(s, "Past", renewal=TODAY - timedelta(days=1))
        gone = add_account(s, "Archived", renewal=TODAY + timedelta(days=5))
        accounts.update(s, gone, archived=True)
        obstacles.create(s, account_id=soon, title="Outage", severity=Severity.CRITICAL,
                         kind=ObstacleKind.ESCALATION, opened_on=TODAY)
        plan = week.week_plan(s, MONDAY, TODAY)
    assert [(r.account_name, r.days_to_race) for r in plan.races] == [("Soon", 10), ("Edge", 120)]
    assert plan.races[0].weakest == "Open obstacles"
    assert plan.races[0].health < plan.races[1].health


def test_missed_training_after_14_days_without_a_checkin(db):
    with db.session() as s:
        for name, days in (("Fresh", 13), ("Quiet", 14), ("Silent", 40), ("Never", None)):
            aid = add_account(s, name)
            if days is not None:
                checkins.create(s, account_id=aid, held_on=TODAY - timedelta(days=days))
        planned = add_account(s, "Planned only")  # a future check-in does not count as training
        checkins.create(s, account_id=planned, held_on=TODAY + timedelta(days=2))
        plan = week.week_plan(s, MONDAY, TODAY)
    assert [(q.account_name, q.days_since) for q in plan.missed_training] == [
        ("Never", None), ("Planned only", None), ("Silent", 40), ("Quiet", 14)]


def test_overdue_runs_and_the_load_are_read_through_their_indexes(db, backend):
    """Overdue runs come from the index of planned runs (not every past run of the book), and the
    load of "My accounts" starts from the week's runs (not every run of the owner's accounts)."""
    import pytest
    import sqlalchemy as sa

    if backend != "sqlite":
        pytest.skip("SQLite's query plans (PostgreSQL plans by its own statistics)")

    from csplanner.core import load, settings

    plans: dict[str, str] = {}

    def explain(conn, cursor, statement, params, _context, _many):
        if statement.startswith("SELECT"):
            rows = cursor.connection.execute(f"EXPLAIN QUERY PLAN {statement}", params).fetchall()
            plans[statement] = " / ".join(r[-1] for r in rows)

    sa.event.listen(db.engine, "after_cursor_execute", explain)
    try:
        with db.session() as s:
            week.week_plan(s, MONDAY, TODAY)
            load.week_load(s, MONDAY, settings.load(s), owner="ana")
    finally:
        sa.event.remove(db.engine, "after_cursor_execute", explain)
    overdue = next(p for q, p in plans.items() if "milestone.planned_on < ?" in q)
    assert "ix_milestone_planned " in overdue + " "
    runs = [p for q, p in plans.items() if "JOIN account" in q and "FROM milestone" in q]
    assert len(runs) == 2 and all(p.startswith("SEARCH milestone USING") for p in runs), runs
