"""The all-accounts calendar's text filter on names beyond ASCII: SQLite's lower() folds only
A-Z, so names are matched through their folded key as the accounts list does."""

from datetime import date

import pytest

from csplanner.core import calendar
from csplanner.core.models import Account, Season
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


def test_a_title_with_an_accented_small_letter_is_found_by_it(db, ecole):
    with db.session() as s:
        run = milestones.create(s, account_id=ecole["strasse"], title="Réunion équipe",
                                planned_on=date(2026, 11, 24)).id
        plan = calendar.range_plan(s, date(2026, 11, 23), date(2026, 11, 29), TODAY, text="réunion équipe")
    assert [c.milestone_id for c in plan.chips] == [run]


def test_race_names_of_a_day(db, ecole):
    with db.session() as s:
        plan = calendar.range_plan(s, date(2026, 11, 23), date(2026, 12, 6), TODAY)
        one = calendar.account_plan(s, ecole["ecole"], TODAY)
    assert plan.race_names(date(2026, 12, 3)) == ["Straße Logistik"]
    assert plan.race_names(date(2026, 12, 4)) == []
    assert one.race_names(date(2026, 12, 2)) == ["École Supérieure"]
    assert one.race_names(date(2026, 12, 3)) == []  # another account's race is not on this plan


@pytest.mark.parametrize(("text", "found"), [
    ("50%", ["50% Off"]), ("%", ["50% Off"]), ("_", ["Under_score"]), ("r_s", ["Under_score"]),
    ("d_r", []), ("\\", ["Back\\slash"]), ("5_%", []),
])
def test_percent_underscore_and_backslash_are_the_characters_typed(db, text, found):
    with db.session() as s:
        for name in ("50% Off", "Under_score", "Back\\slash", "Wide Ranges"):
            a = accounts.create(s, name=name, renewal=date(2026, 12, 1))
            milestones.create(s, account_id=a.id, title="Call", planned_on=date(2026, 11, 26))
        plan = calendar.range_plan(s, date(2026, 11, 23), date(2026, 12, 6), TODAY, text=text)
        assert sorted({c.account_name for c in plan.chips}) == found
        assert plan.races == ({date(2026, 12, 1): found} if found else {})
        assert calendar.next_race_day(s, TODAY, text=text) == (date(2026, 12, 1) if found else None)


def test_seasons_are_read_in_their_order_whatever_order_they_were_written(db):
    with db.session() as s:
        a = Account(name="Renewed", name_key="renewed", contract_signed=date(2025, 1, 6), renewal=date(2026, 12, 28))
        s.add(a)
        s.flush()
        s.add(Season(account_id=a.id, number=2, start=date(2026, 1, 5)))  # the later season written first
        s.add(Season(account_id=a.id, number=1, start=date(2025, 1, 6), race_day=date(2026, 1, 5)))
        s.flush()
        plan = calendar.account_plan(s, a.id, TODAY)
    assert plan.seasons == (calendar.SeasonSpan(1, date(2025, 1, 6), date(2026, 1, 5), False),
                            calendar.SeasonSpan(2, date(2026, 1, 5), date(2026, 12, 28), True))
    assert plan.season_start(2) == date(2026, 1, 5) and plan.season_start(3) is None
    assert plan.week_of(date(2026, 1, 5)).label() == "Week 1 · 51 weeks to race day"
    assert plan.week_of(date(2025, 12, 29)).label() == "Season 1 · Week 52"
