"""The all-accounts calendar's text filter on names beyond ASCII: SQLite's lower() folds only
A-Z, so names are matched through their folded key as the accounts list does."""

from datetime import date

import pytest

from csplanner.core import calendar
from csplanner.core.services import accounts, milestones, obstacles

TODAY = date(2026, 11, 25)


@pytest.fixture
def ecole(db):
    with db.session() as s:
        a = accounts.create(s, name="École Supérieure", segment="Education", renewal=date(2026, 12, 2))
        b = accounts.create(s, name="Straße Logistik", renewal=date(2026, 12, 3))
        ids = {
            "ecole": a.id, "strasse": b.id,
            "run": milestones.create(s, account_id=a.id, title="Kickoff call", planned_on=date(2026, 11, 26)).id,
            "trouble": obstacles.create(s, account_id=a.id, title="Budget", opened_on=date(2026, 11, 20)).id,
            "other_run": milestones.create(s, account_id=b.id, title="Depot visit", planned_on=date(2026, 11, 27)).id,
        }
    return ids


@pytest.mark.parametrize("text", ["école", "ÉCOLE", "École", "  école sup", "supérieure"])
def test_an_accented_name_is_found_whatever_its_case(db, ecole, text):
    with db.session() as s:
        plan = calendar.range_plan(s, date(2026, 11, 23), date(2026, 12, 6), TODAY, text=text)
        assert [c.milestone_id for c in plan.chips] == [ecole["run"]]
        assert [b.obstacle_id for b in plan.bars] == [ecole["trouble"]]
        assert plan.races == {date(2026, 12, 2): ["École Supérieure"]}
        assert calendar.next_race_day(s, TODAY, text=text) == date(2026, 12, 2)


@pytest.mark.parametrize("text", ["strasse", "STRASSE", "Straße"])
def test_a_folded_letter_finds_its_name(db, ecole, text):
    with db.session() as s:
        plan = calendar.range_plan(s, date(2026, 11, 23), date(2026, 12, 6), TODAY, text=text)
        assert [c.milestone_id for c in plan.chips] == [ecole["other_run"]]
        assert plan.bars == [] and plan.races == {date(2026, 12, 3): ["Straße Logistik"]}
        assert calendar.next_race_day(s, TODAY, text=text) == date(2026, 12, 3)


def test_segments_and_titles_still_match_ignoring_ascii_case(db, ecole):
    with db.session() as s:
        def found(text):
            plan = calendar.range_plan(s, date(2026, 11, 23), date(2026, 12, 6), TODAY, text=text)
            return [c.milestone_id for c in plan.chips], [b.obstacle_id for b in plan.bars], plan.races
        assert found("EDUCATION") == ([ecole["run"]], [ecole["trouble"]], {date(2026, 12, 2): ["École Supérieure"]})
        assert found("depot") == ([ecole["other_run"]], [], {})
        assert found("budget") == ([], [ecole["trouble"]], {})
        assert found("nobody") == ([], [], {})
