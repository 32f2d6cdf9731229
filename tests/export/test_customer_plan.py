"""The customer's plan: only shared milestones, their outcomes and dates; no status words, no
compliance, no health, no ARR."""

import re
from datetime import timedelta

import pytest
from PySide6.QtCore import QLocale

from csplanner.core.enums import MilestoneStatus, RunType
from csplanner.core.services import accounts, checkins, forecasts, milestones, next_steps, obstacles, seasons
from csplanner.export.account_plan import export_account_plan
from csplanner.export.audience import Audience
from tests.conftest import TODAY
from tests.export.test_account_plan import pdf_text, squash

UNSHARED = ("Renewal forecast call with sales", "Internal handoff to support", "Pricing review",
            "Ticked internal by hand")


@pytest.fixture(autouse=True)
def german_locale():
    QLocale.setDefault(QLocale(QLocale.Language.German, QLocale.Country.Germany))
    yield
    QLocale.setDefault(QLocale.system())


def make(db) -> int:
    with db.session() as s:
        aid = accounts.create(s, name="Fabrikam", arr_minor=120_000_00, currency="EUR", stage="adopt",
                              contract_signed=TODAY - timedelta(days=300), kickoff=TODAY - timedelta(days=290),
                              renewal=TODAY + timedelta(days=60), goal="Ship orders same day").id
        day = TODAY - timedelta(days=200)
        milestones.create(s, account_id=aid, title="Warehouse scanners live", planned_on=day,
                          status=MilestoneStatus.DONE, done_on=day + timedelta(days=3), run_type=RunType.SPRINT,
                          outcome="Pickers stopped printing lists")
        milestones.create(s, account_id=aid, title="Lost webinar", planned_on=day + timedelta(days=7),
                          status=MilestoneStatus.MISSED)
        milestones.create(s, account_id=aid, title="Dropped workshop", planned_on=day + timedelta(days=14),
                          status=MilestoneStatus.SKIPPED)
        milestones.create(s, account_id=aid, title="Late dashboard", planned_on=TODAY - timedelta(days=5))
        milestones.create(s, account_id=aid, title="Second site rollout", planned_on=TODAY + timedelta(days=9),
                          run_type=RunType.LONG, outcome="Both warehouses on one system")
        milestones.create(s, account_id=aid, title=UNSHARED[0], planned_on=TODAY + timedelta(days=3), team="csm")
        milestones.create(s, account_id=aid, title=UNSHARED[1], planned_on=TODAY + timedelta(days=4))
        milestones.create(s, account_id=aid, title=UNSHARED[2], planned_on=TODAY + timedelta(days=5), team="sales")
        milestones.create(s, account_id=aid, title=UNSHARED[3], planned_on=TODAY + timedelta(days=6),
                          shared_with_customer=False)
        obstacles.create(s, account_id=aid, title="Scanner firmware bug", opened_on=TODAY - timedelta(days=20))
        checkins.create(s, account_id=aid, held_on=TODAY - timedelta(days=2), summary="Tense call", sentiment=-1,
                        next_steps="Send the rollout checklist")
        next_steps.create(s, account_id=aid, text="Confirm the go-live date", owner="customer",
                          due_on=TODAY + timedelta(days=4))
        forecasts.create(s, account_id=aid, taken_on=TODAY, outcome="contract", arr_minor=90_000_00)
        return aid


def test_customer_plan_shows_only_shared_milestones_and_no_status_compliance_health_or_arr(qapp, db, tmp_path):
    aid = make(db)
    out = tmp_path / "customer.pdf"
    export_account_plan(db, aid, out, today=TODAY, audience=Audience.CUSTOMER)
    text = pdf_text(out)
    for shown in ("Warehouse scanners live", "Pickers stopped printing lists", "Second site rollout",
                  "What changed for you", "Send the rollout checklist", "Confirm the go-live date", "You"):
        assert squash(shown) in squash(text), shown
    for word in ("missed", "skipped", "overdue", "compliance", "health", "forecast"):
        assert word not in text.lower(), word
    assert not re.search(r"\d\s*%", text), "a bare percentage"
    assert not re.search(r"\bARR\b", text, re.IGNORECASE)
    assert "120,000" not in text and "90,000" not in text
    for title in (*UNSHARED, "Lost webinar", "Dropped workshop", "Late dashboard", "Scanner firmware bug"):
        assert squash(title) not in squash(text), title


def test_internal_plan_has_seasons_forecast_and_marks_unshared_runs(qapp, db, tmp_path):
    aid = make(db)
    with db.session() as s:
        seasons.record_result(s, aid, TODAY, "renewed", new_race_day=TODAY + timedelta(days=400),
                              new_arr_minor=141_600_00, stage="expand")
        forecasts.create(s, account_id=aid, taken_on=TODAY, outcome="expand", confidence="high",
                         arr_minor=150_000_00, risks="New CFO reviews every tool")
    out = tmp_path / "internal.pdf"
    export_account_plan(db, aid, out, today=TODAY, audience=Audience.INTERNAL)
    text = squash(pdf_text(out))
    for shown in ("Seasons", "Season1·renewed+18%ARR", "Season2·running", "Renewalforecast",
                  "EUR150,000", "NewCFOreviewseverytool", "internal,notonthecustomer'splan",
                  UNSHARED[0]):
        assert squash(shown) in text, shown


def test_customer_plan_lists_each_coming_run_once(qapp, db, tmp_path):
    aid = make(db)
    out = tmp_path / "customer.pdf"
    export_account_plan(db, aid, out, today=TODAY, audience=Audience.CUSTOMER)
    text = squash(pdf_text(out))
    assert text.count(squash("Second site rollout")) == 1  # in Milestones → Coming up, not again under Next steps
    assert squash("Confirm the go-live date") in text
