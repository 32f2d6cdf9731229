"""Renewal checkpoints ask for a forecast; the roll-up adds ARR due by quarter."""

from datetime import date, timedelta

import pytest

from csplanner.core.errors import DomainError
from csplanner.core.services import accounts, forecasts, seasons
from tests.conftest import TODAY  # 2026-11-25, in Q4 2026


def make(db, name: str, race: date, arr: int = 1000, currency: str = "USD") -> int:
    with db.session() as s:
        return accounts.create(s, name=name, contract_signed=race - timedelta(days=365), renewal=race,
                               arr_minor=arr, currency=currency).id


@pytest.mark.parametrize(("weeks_to_race", "days_extra", "due_weeks"), [
    (27, 0, None),  # before T-26: nothing asked yet
    (26, 1, None),  # one day before T-26
    (26, 0, 26),  # T-26 is today
    (14, 0, 26),
    (13, 0, 13),  # T-13 supersedes T-26
    (0, 0, 13),  # race day itself: still a forecast
])
def test_checkpoint_comes_due_on_its_exact_day(db, weeks_to_race, days_extra, due_weeks):
    race = TODAY + timedelta(weeks=weeks_to_race, days=days_extra)
    make(db, "Acme", race)
    with db.session() as s:
        due = forecasts.checkpoints_due(s, TODAY)
    assert [d.weeks for d in due] == ([due_weeks] if due_weeks else [])
    if due:
        assert due[0].due_on == race - timedelta(weeks=due_weeks)


def test_a_forecast_since_the_checkpoint_clears_it_and_an_older_one_does_not(db):
    race = TODAY + timedelta(weeks=13)
    aid = make(db, "Acme", race)
    with db.session() as s:
        forecasts.create(s, account_id=aid, taken_on=race - timedelta(weeks=26), outcome="renew", arr_minor=1000)
        [due] = forecasts.checkpoints_due(s, TODAY)
        assert (due.weeks, due.last_forecast_on) == (13, race - timedelta(weeks=26))
        forecasts.create(s, account_id=aid, taken_on=TODAY, checkpoint_weeks=13, outcome="renew", arr_minor=1000)
        assert forecasts.checkpoints_due(s, TODAY) == []


def test_checkpoint_weeks_can_be_set(db):
    make(db, "Acme", TODAY + timedelta(weeks=8))
    with db.session() as s:
        assert [d.weeks for d in forecasts.checkpoints_due(s, TODAY, (8, 4))] == [8]
        assert forecasts.checkpoints_due(s, TODAY, (4,)) == []


def test_passed_race_days_archived_and_churned_accounts_ask_no_forecast(db):
    make(db, "Passed", TODAY - timedelta(days=1))
    arch = make(db, "Archived", TODAY + timedelta(weeks=2))
    with db.session() as s:
        accounts.update(s, arch, archived=True)
        assert forecasts.checkpoints_due(s, TODAY) == []


def test_a_churn_forecast_renews_nothing_and_bad_values_are_refused(db):
    aid = make(db, "Acme", TODAY + timedelta(weeks=5))
    with db.session() as s:
        f = forecasts.create(s, account_id=aid, taken_on=TODAY, outcome="churn", arr_minor=500)
        assert f.arr_minor == 0
        for bad in ({"outcome": "maybe"}, {"confidence": "sure"}, {"arr_minor": -1}, {"checkpoint_weeks": 0}):
            with pytest.raises(DomainError):
                forecasts.create(s, **{"account_id": aid, "taken_on": TODAY, **bad})


def test_last_seasons_forecast_does_not_count_for_the_new_season(db):
    race = TODAY - timedelta(days=10)
    aid = make(db, "Acme", race)
    with db.session() as s:
        forecasts.create(s, account_id=aid, taken_on=race - timedelta(weeks=13), outcome="renew", arr_minor=1)
        seasons.record_result(s, aid, TODAY, "renewed", new_race_day=TODAY + timedelta(weeks=20),
                              new_arr_minor=1000, stage="adopt")
        assert forecasts.latest(s, aid) is None
        assert [d.weeks for d in forecasts.checkpoints_due(s, TODAY)] == [26]


def test_rollup_buckets_arr_due_by_quarter_and_currency(db):
    q4 = date(2026, 12, 20)
    q1 = date(2027, 2, 1)
    ids = {n: make(db, n, day, arr, cur) for n, day, arr, cur in [
        ("Committed", q4, 1000, "USD"), ("LowConf", q4, 200, "USD"), ("Contract", q4, 300, "USD"),
        ("Churn", q4, 400, "USD"), ("None", q4, 50, "USD"), ("Euro", q4, 700, "EUR"),
        ("Next", q1, 900, "USD"), ("Late", TODAY - timedelta(days=2), 10, "USD"),
        ("TooFar", date(2028, 1, 1), 5, "USD"),
    ]}
    with db.session() as s:
        for name, outcome, conf, arr in [("Committed", "expand", "high", 1200), ("LowConf", "renew", "low", 200),
                                         ("Contract", "contract", "high", 250), ("Churn", "churn", "high", 0),
                                         ("Next", "renew", "medium", 900)]:
            forecasts.create(s, account_id=ids[name], taken_on=TODAY, outcome=outcome, confidence=conf,
                             arr_minor=arr)
        rows = forecasts.rollup(s, TODAY)
    by = {(r.label(), r.currency): r for r in rows}
    assert list(by) == [("Race day passed, no result", "USD"), ("Q4 2026", "EUR"), ("Q4 2026", "USD"),
                        ("Q1 2027", "USD")]
    usd = by[("Q4 2026", "USD")]
    assert usd.amounts == {"committed": 1000, "at_risk": 500, "churn": 400, "no_forecast": 50}
    assert usd.counts == {"committed": 1, "at_risk": 2, "churn": 1, "no_forecast": 1}
    assert usd.due_minor == 1950 and usd.forecast_minor == 1200 + 200 + 250
    assert by[("Q4 2026", "EUR")].amounts["no_forecast"] == 700
    assert by[("Q1 2027", "USD")].amounts["committed"] == 900
    assert by[("Race day passed, no result", "USD")].due_minor == 10
