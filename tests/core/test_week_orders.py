"""My week's lists sort names as a person reads them: letters without regard to case, so 'A_b'
(an underscore is not a letter) sorts as it reads in lower case, before 'Ab'."""

from datetime import date

from csplanner.core import week
from csplanner.core.enums import CheckInKind, MilestoneStatus, ObstacleKind, RunType, Severity
from csplanner.core.week import CheckInItem, MilestoneItem, ObstacleItem, QuietAccount, RaceItem

DAY = date(2026, 11, 25)
NAMES = ["b co", "Ab", "A_b", "ab"]  # lower case: "a_b" < "ab" = "ab" < "b co"; upper case would put "AB" before "A_B"


def run(i, name, status=MilestoneStatus.PLANNED, title="QBR"):
    return MilestoneItem(i, i, name, title, DAY, RunType.MEDIUM, status, False)


def test_a_days_runs_planned_first_then_by_account_name_in_any_case_then_title():
    runs = [run(1, "b co"), run(2, "Ab"), run(3, "A_b"), run(4, "ab", title="Call"), run(5, "Ab", MilestoneStatus.DONE),
            run(6, "ab")]
    assert [r.milestone_id for r in sorted(runs, key=week.day_order)] == [3, 4, 2, 6, 1, 5]


def test_obstacles_most_severe_first_then_oldest_then_by_account_name_in_any_case():
    def obstacle(i, name, severity=Severity.HIGH, opened=DAY):
        return ObstacleItem(i, i, name, "Outage", ObstacleKind.OTHER, severity, opened)
    items = [obstacle(1, "b co"), obstacle(2, "Ab"), obstacle(3, "A_b"), obstacle(4, "ab", Severity.LOW),
             obstacle(5, "zed", opened=date(2026, 11, 1)), obstacle(6, "ab")]
    assert [o.obstacle_id for o in sorted(items, key=week.obstacle_order)] == [5, 3, 2, 6, 1, 4]


def test_quiet_accounts_never_checked_in_first_then_longest_silence_then_name_in_any_case():
    def quiet(i, name, days):
        return QuietAccount(i, name, None if days is None else DAY, days)
    items = [quiet(1, "b co", 20), quiet(2, "Ab", 20), quiet(3, "A_b", 20), quiet(4, "ab", None), quiet(5, "zed", 30),
             quiet(6, "ab", 20)]
    assert [q.account_id for q in sorted(items, key=week.quiet_order)] == [4, 5, 3, 2, 6, 1]


def test_overdue_runs_check_ins_and_races_by_day_then_id():
    assert sorted([run(2, "b"), MilestoneItem(1, 1, "z", "t", date(2026, 11, 1), RunType.MEDIUM,
                                                MilestoneStatus.PLANNED, True), run(0, "a")],
                  key=week.overdue_order)[0].milestone_id == 1
    calls = [CheckInItem(i, i, "a", day, CheckInKind.CALL, "") for i, day in ((3, DAY), (1, DAY), (2, date(2026, 11, 1)))]
    assert [c.checkin_id for c in sorted(calls, key=week.checkin_order)] == [2, 1, 3]
    races = [RaceItem(i, "a", day, 0, 0, "USD", 50, "") for i, day in ((3, DAY), (1, DAY), (2, date(2026, 11, 1)))]
    assert [r.account_id for r in sorted(races, key=week.race_order)] == [2, 1, 3]
