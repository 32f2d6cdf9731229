"""Race day's result and seasons: renewals open the next season, churns close the account's book."""

from datetime import date, timedelta

import pytest

from csplanner.core import calendar
from csplanner.core.enums import ChurnReason, SeasonOutcome, Stage
from csplanner.core.errors import DomainError
from csplanner.core.models import Account
from csplanner.core.services import accounts, forecasts, milestones, seasons
from tests.conftest import TODAY

SIGNED = date(2023, 11, 27)  # a Monday
RACE = date(2024, 11, 25)  # a Monday, 52 weeks later


def make(db, **kw) -> int:
    with db.session() as s:
        a = accounts.create(s, name=kw.pop("name", "Acme"), contract_signed=SIGNED, kickoff=SIGNED,
                            renewal=kw.pop("renewal", RACE), arr_minor=kw.pop("arr", 100_000_00), stage="renew")
        return a.id


def test_a_new_account_starts_season_one_and_it_follows_the_dates(db):
    aid = make(db)
    with db.session() as s:
        accounts.update(s, aid, renewal=RACE + timedelta(days=7))
        [row] = seasons.history(s, aid)
    assert (row.number, row.start, row.race_day, row.arr_start_minor, row.outcome) == (
        1, SIGNED, RACE + timedelta(days=7), 100_000_00, None)


def test_renewal_opens_the_next_season_from_the_old_race_day(db):
    aid = make(db)
    new_race = RACE + timedelta(weeks=52)
    with db.session() as s:
        result = seasons.record_result(s, aid, RACE + timedelta(days=3), SeasonOutcome.RENEWED,
                                       new_race_day=new_race, new_arr_minor=118_000_00, stage=Stage.EXPAND)
    assert (result.season_number, result.next_season) == (1, 2)
    with db.session() as s:
        one, two = seasons.history(s, aid)
        account = s.get(Account, aid)
        assert (account.renewal, account.arr_minor, account.stage) == (new_race, 118_000_00, Stage.EXPAND)
    assert (one.outcome, one.arr_result_minor, one.result_on) == (SeasonOutcome.RENEWED, 118_000_00,
                                                                  RACE + timedelta(days=3))
    assert one.delta_minor == 18_000_00 and one.delta_ratio == pytest.approx(0.18)
    assert (two.number, two.start, two.race_day, two.arr_start_minor, two.outcome) == (
        2, RACE, new_race, 118_000_00, None)


def test_a_contraction_shows_as_a_negative_delta(db):
    aid = make(db)
    with db.session() as s:
        seasons.record_result(s, aid, RACE, "renewed", new_race_day=RACE + timedelta(days=365),
                              new_arr_minor=90_000_00, stage="adopt")
        assert seasons.history(s, aid)[0].delta_ratio == pytest.approx(-0.10)


@pytest.mark.parametrize(("changes", "field"), [
    ({"new_race_day": RACE, "new_arr_minor": 1}, "new_race_day"),  # not after the old race day
    ({"new_race_day": None, "new_arr_minor": 1}, "new_race_day"),
    ({"new_race_day": RACE + timedelta(days=1), "new_arr_minor": None}, "new_arr_minor"),
    ({"new_race_day": RACE + timedelta(days=1), "new_arr_minor": -5}, "new_arr_minor"),
    ({"new_race_day": RACE + timedelta(days=1), "new_arr_minor": 1, "stage": "renew"}, "stage"),
])
def test_a_bad_renewal_is_refused_and_changes_nothing(db, changes, field):
    aid = make(db)
    with pytest.raises(DomainError) as err, db.session() as s:
        seasons.record_result(s, aid, RACE, "renewed", **changes)
    assert err.value.field == field
    with db.session() as s:
        assert [r.outcome for r in seasons.history(s, aid)] == [None]
        assert s.get(Account, aid).renewal == RACE


def test_churn_needs_a_reason_and_archives_only_when_asked(db):
    aid = make(db)
    with pytest.raises(DomainError, match="why"), db.session() as s:
        seasons.record_result(s, aid, RACE, "churned")
    with db.session() as s:
        seasons.record_result(s, aid, RACE, "churned", reason=ChurnReason.BUDGET, reason_text="Frozen budgets")
        [row] = seasons.history(s, aid)
        assert (row.outcome, row.reason, row.reason_text, row.arr_result_minor) == (
            SeasonOutcome.CHURNED, ChurnReason.BUDGET, "Frozen budgets", 0)
        assert s.get(Account, aid).archived is False
    other = make(db, name="Beta")
    with db.session() as s:
        seasons.record_result(s, other, RACE, "churned", reason="competitor", archive=True)
        assert s.get(Account, other).archived is True


def test_no_result_without_a_race_day(db):
    with db.session() as s:
        aid = accounts.create(s, name="Dateless").id
    with pytest.raises(DomainError, match="race day"), db.session() as s:
        seasons.record_result(s, aid, TODAY, "churned", reason="budget")


def test_state_and_restore_undo_a_renewal_exactly(db):
    aid = make(db)
    with db.session() as s:
        forecasts.create(s, account_id=aid, taken_on=RACE - timedelta(weeks=13), outcome="renew", arr_minor=1)
        before = seasons.state(s, aid)
        seasons.record_result(s, aid, RACE, "renewed", new_race_day=RACE + timedelta(days=365),
                              new_arr_minor=5, stage="adopt")
    with db.session() as s:
        seasons.restore(s, before)
    with db.session() as s:
        account = s.get(Account, aid)
        assert (account.renewal, account.arr_minor, account.stage) == (RACE, 100_000_00, Stage.RENEW)
        [row] = seasons.history(s, aid)
        assert row.outcome is None
        assert forecasts.for_account(s, aid)[0].arr_minor == 1
        assert forecasts.latest(s, aid) is not None  # still the running season's forecast


def test_results_due_lists_passed_race_days_without_result(db):
    late = make(db, name="Late", renewal=TODAY - timedelta(days=3))
    make(db, name="Today", renewal=TODAY)  # race day today: not late yet
    done = make(db, name="Done", renewal=TODAY - timedelta(days=10))
    lost = make(db, name="Lost", renewal=TODAY - timedelta(days=20))
    with db.session() as s:
        seasons.record_result(s, done, TODAY, "renewed", new_race_day=TODAY + timedelta(days=365),
                              new_arr_minor=1, stage="adopt")
        seasons.record_result(s, lost, TODAY, "churned", reason="budget")
        due = seasons.results_due(s, TODAY)
    assert [(d.account_id, d.days_ago) for d in due] == [(late, 3)]


def test_after_renewal_the_calendar_counts_weeks_in_the_new_season(db):
    aid = make(db)
    with db.session() as s:
        old_run = milestones.create(s, account_id=aid, title="Old QBR", planned_on=RACE - timedelta(days=30)).id
        plan = calendar.account_plan(s, aid, TODAY)
        before = plan.week_of(RACE - timedelta(days=7))
        assert before.number == 52 and before.label() == "Week 52 · 1 week to race day"
        seasons.record_result(s, aid, RACE, "renewed", new_race_day=RACE + timedelta(weeks=52),
                              new_arr_minor=1, stage="adopt")
        new_run = milestones.create(s, account_id=aid, title="New QBR", planned_on=RACE + timedelta(days=14)).id
        plan = calendar.account_plan(s, aid, RACE + timedelta(days=14))
    first_new = plan.week_of(RACE)
    assert (first_new.number, first_new.season, first_new.past_season) == (1, 2, False)
    assert first_new.label() == "Week 1 · 52 weeks to race day"
    assert plan.week_of(RACE + timedelta(weeks=9)).number == 10
    old = plan.week_of(RACE - timedelta(days=7))
    assert (old.season, old.past_season, old.label()) == (1, True, "Season 1 · Week 52")
    assert plan.week_of(RACE + timedelta(weeks=20)).phase not in (calendar.Phase.ONBOARDING, calendar.Phase.KICKOFF)
    chips = {c.milestone_id: c for c in plan.chips}
    assert chips[old_run].past_season and not chips[new_run].past_season
    assert [sp.number for sp in plan.seasons] == [1, 2] and plan.season_start(2) == RACE


def test_a_single_season_calendar_counts_from_contract_signed_as_before(db):
    aid = make(db)
    with db.session() as s:
        plan = calendar.account_plan(s, aid, TODAY)
    assert plan.weeks[0].number == 1 and plan.weeks[0].start == SIGNED
    assert not any(w.past_season for w in plan.weeks)


def test_a_template_applied_after_renewal_counts_from_the_new_season(db):
    from csplanner.core import templates

    aid = make(db)
    template = templates.parse({"name": "t", "steps": [
        {"title": "Kickoff again", "from": "contract_signed", "offset": "+7d", "run_type": "sprint"},
        {"title": "Value review", "from": "renewal", "offset": "-90d", "run_type": "long"}]}, "test")
    with db.session() as s:
        before = {r.title: r.day for r in templates.preview(s, aid, template)}
        seasons.record_result(s, aid, RACE, "renewed", new_race_day=RACE + timedelta(weeks=52),
                              new_arr_minor=1, stage="adopt")
        after = {r.title: r.day for r in templates.preview(s, aid, template)}
    assert before["Kickoff again"] == SIGNED + timedelta(days=7)
    assert after == {"Kickoff again": RACE + timedelta(days=7), "Value review": RACE + timedelta(weeks=52, days=-90)}


def test_after_renewal_plan_progress_counts_the_new_seasons_runs_from_its_start(db):
    from csplanner.core import health

    aid = make(db)
    with db.session() as s:
        for i in range(4):  # season 1: four runs, none done
            milestones.create(s, account_id=aid, title=f"Old {i}", planned_on=SIGNED + timedelta(weeks=5 * i + 1))
        seasons.record_result(s, aid, RACE, "renewed", new_race_day=RACE + timedelta(weeks=52),
                              new_arr_minor=1, stage="adopt")
        milestones.create(s, account_id=aid, title="New done", planned_on=RACE + timedelta(days=3),
                          status="done", done_on=RACE + timedelta(days=3))
        milestones.create(s, account_id=aid, title="New later", planned_on=RACE + timedelta(weeks=30))
        progress = health.account_health(s, aid, RACE + timedelta(weeks=13)).parts[3]
    assert progress.explanation.startswith("1 of 2 runs done (50%) with 25% of the time to race day gone")
