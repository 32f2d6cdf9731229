"""The accounts list's rows and one account's facts and health trend: every field, exactly."""

from datetime import date, timedelta

import pytest

from csplanner.core import account_rows, health
from csplanner.core.account_rows import AccountFacts, AccountListRow, HealthScore
from csplanner.core.enums import Stage
from csplanner.core.errors import DomainError
from csplanner.core.models import HealthSnapshot
from csplanner.core.services import accounts, milestones, stakeholders
from tests.conftest import TODAY

MONDAY = date(2026, 11, 23)  # TODAY's week
WEEK = timedelta(weeks=1)


@pytest.fixture
def book(db):
    with db.session() as s:
        acme = accounts.create(s, name="Acme", segment="Enterprise", stage=Stage.EXPAND, arr_minor=12_000_00,
                               currency="EUR", contract_signed=date(2025, 1, 6), kickoff=date(2025, 1, 20),
                               renewal=TODAY - timedelta(days=2), goal="Close the books in a day",
                               success_criteria="Day-one close", regions="Germany", owner="Ravi").id
        beta = accounts.create(s, name="Beta", renewal=TODAY + timedelta(days=90)).id
        gone = accounts.create(s, name="Gone", archived=True, renewal=TODAY - timedelta(days=9)).id
        stakeholders.create(s, account_id=acme, name="Ana")
        milestones.create(s, account_id=acme, title="QBR", planned_on=TODAY)
        milestones.create(s, account_id=acme, title="Review", planned_on=TODAY + WEEK)
    return acme, beta, gone


def test_the_accounts_list_rows_hold_each_accounts_fields_its_health_and_a_result_due(db, book):
    acme, beta, gone = book
    with db.session() as s:
        scores = health.health_many(s, None, TODAY)
        rows = account_rows.account_rows(s, TODAY, include_archived=True)
        active = account_rows.account_rows(s, TODAY)
        bare = account_rows.account_rows(s, TODAY, with_health=False)
        picked = account_rows.health_scores(s, [beta], TODAY)
    assert set(scores) == {acme, beta}  # archived accounts are not scored
    assert rows == [
        AccountListRow(acme, "Acme", "Enterprise", Stage.EXPAND, 12_000_00, "EUR", TODAY - timedelta(days=2), False,
                       "Ravi", scores[acme].score, scores[acme].weakest.name, result_due=True),
        AccountListRow(beta, "Beta", "", Stage.LAND, 0, "USD", TODAY + timedelta(days=90), False, "",
                       scores[beta].score, scores[beta].weakest.name, result_due=False),
        AccountListRow(gone, "Gone", "", Stage.LAND, 0, "USD", TODAY - timedelta(days=9), True, "", None, "",
                       result_due=False),  # archived: no score, and no result asked for
    ]
    assert active == rows[:2]
    assert bare == [AccountListRow(r.id, r.name, r.segment, r.stage, r.arr_minor, r.currency, r.renewal, r.archived,
                                   r.owner, result_due=r.result_due) for r in rows[:2]]
    assert picked == {beta: HealthScore(scores[beta].score, scores[beta].weakest.name)}
    assert type(rows[0].stage) is Stage


def test_an_accounts_facts_are_its_fields_and_what_it_holds(db, book):
    acme, beta, _ = book
    with db.session() as s:
        facts = account_rows.account_facts(s, acme)
        empty = account_rows.account_facts(s, beta)
        with pytest.raises(DomainError):
            account_rows.account_facts(s, 999)
    assert facts == AccountFacts(acme, "Acme", "Enterprise", Stage.EXPAND, 12_000_00, "EUR", date(2025, 1, 6),
                                 date(2025, 1, 20), TODAY - timedelta(days=2), "Close the books in a day",
                                 "Day-one close", "Germany", False, facts.on_record, "Ravi")
    assert (1, "stakeholder") in facts.on_record and (2, "milestones") in facts.on_record
    assert type(facts.on_record) is tuple and type(facts.stage) is Stage
    assert (empty.name, empty.owner, empty.segment, empty.archived) == ("Beta", "", "", False)


def test_the_health_trend_keeps_the_stored_weeks_before_this_one_and_ends_on_the_live_score(db, book):
    acme, beta, _ = book
    with db.session() as s:
        for back, score in ((3, 40), (2, 50), (1, 60), (0, 11)):  # this week's stored 11 is stale
            s.add(HealthSnapshot(account_id=acme, week_start=MONDAY - back * WEEK, score=score))
        s.commit()
        live = health.account_health(s, acme, TODAY)
        view = account_rows.health_view(s, acme, TODAY)
        short = account_rows.health_view(s, acme, TODAY, weeks=3)
        fresh = account_rows.health_view(s, beta, TODAY)
        with pytest.raises(DomainError):
            account_rows.health_view(s, 999, TODAY)
    assert view.health == live and live.score != 11
    assert view.trend == [(MONDAY - 3 * WEEK, 40), (MONDAY - 2 * WEEK, 50), (MONDAY - WEEK, 60), (MONDAY, live.score)]
    assert short.trend == [(MONDAY - 2 * WEEK, 50), (MONDAY - WEEK, 60), (MONDAY, live.score)]  # 3 weeks in all
    assert fresh.trend == [(MONDAY, fresh.health.score)]


def test_the_accounts_list_is_in_name_order_whatever_the_case_and_the_order_of_adding(db):
    with db.session() as s:
        for name in ("zeta", "Beta", "alpha"):
            accounts.create(s, name=name)
        assert [r.name for r in account_rows.account_rows(s, TODAY, with_health=False)] == ["alpha", "Beta", "zeta"]


def test_a_trend_without_this_weeks_score_shows_the_weeks_before_and_the_live_score(db, book):
    acme = book[0]
    with db.session() as s:
        for back, score in ((4, 30), (3, 40), (2, 50), (1, 60)):
            s.add(HealthSnapshot(account_id=acme, week_start=MONDAY - back * WEEK, score=score))
        s.commit()
        view = account_rows.health_view(s, acme, TODAY, weeks=3)
    assert view.trend == [(MONDAY - 2 * WEEK, 50), (MONDAY - WEEK, 60), (MONDAY, view.health.score)]
