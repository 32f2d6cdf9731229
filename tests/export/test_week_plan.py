"""The week plan PDF: My week for one week, one page for a typical CSM."""

import re
from datetime import date, timedelta
from pathlib import Path

import pytest
from pypdf import PdfReader

from csplanner import demo
from csplanner.core.enums import MilestoneStatus
from csplanner.core.errors import DomainError
from csplanner.core.services import accounts, checkins, milestones, obstacles
from csplanner.export.week_plan import export_week, parse_week
from tests.conftest import TODAY

MONDAY = date(2026, 11, 23)  # the week holding TODAY


def text_of(path: Path) -> str:
    return re.sub(r"\s+", " ", " ".join(p.extract_text() for p in PdfReader(str(path)).pages))


def test_week_holds_due_runs_overdue_checkins_obstacles_races_and_silent_accounts(qapp, db, tmp_path):
    with db.session() as s:
        a = accounts.create(s, name="Fabrikam", renewal=TODAY + timedelta(days=40), arr_minor=1_200_000).id
        b = accounts.create(s, name="Tailspin <Toys>", renewal=TODAY + timedelta(days=400)).id
        accounts.create(s, name="Old Archived", archived=True)
        milestones.create(s, account_id=a, title="SSO go-live", planned_on=MONDAY + timedelta(days=3))
        milestones.create(s, account_id=a, title="Done already", planned_on=MONDAY,
                          status=MilestoneStatus.DONE, done_on=MONDAY)
        milestones.create(s, account_id=b, title="Late <b>report</b>", planned_on=MONDAY - timedelta(days=10))
        milestones.create(s, account_id=b, title="Next week run", planned_on=MONDAY + timedelta(days=8))
        checkins.create(s, account_id=a, held_on=MONDAY + timedelta(days=4), kind="qbr")
        checkins.create(s, account_id=b, held_on=TODAY - timedelta(days=30), kind="call")
        obstacles.create(s, account_id=b, title="Exec sponsor left", severity="critical",
                         opened_on=TODAY - timedelta(days=5))
        obstacles.create(s, account_id=b, title="Fixed long ago", opened_on=TODAY - timedelta(days=50),
                         resolved_on=TODAY - timedelta(days=40))
    out = tmp_path / "week.pdf"
    result = export_week(db, MONDAY, out, today=TODAY)
    text = text_of(out)
    assert result.pages == 1
    for fact in ("My week 48", "23–29 Nov 2026", "SSO go-live", "Done already", "Thu 26 Nov",
                 "Late <b>report</b>", "Tailspin <Toys>", "QBR", "Critical", "Exec sponsor left",
                 "Races in the next 120 days", "Fabrikam", "USD 12,000", "in 40 d".replace("in ", "("),
                 "Missed training: no check-in for 14 days or more", "(30 d)", "(never)", "Generated 25 Nov 2026",
                 "health "):
        assert fact in text, fact
    for absent in ("Next week run", "Fixed long ago", "Old Archived"):
        assert absent not in text, absent


def test_a_typical_book_of_business_prints_on_one_page(qapp, db, tmp_path):
    demo.generate(db, accounts=60, seed=1, today=TODAY)
    result = export_week(db, MONDAY, tmp_path / "week.pdf", today=TODAY)
    assert result.pages == 1
    assert "more items" in text_of(tmp_path / "week.pdf")  # the demo's busy days are capped, and say so


@pytest.mark.parametrize("text, monday", [("2026-W48", MONDAY), ("2026w01", date(2025, 12, 29)),
                                          (None, MONDAY), ("2020-W53", date(2020, 12, 28))])
def test_weeks_are_iso_weeks(text, monday):
    assert parse_week(text, TODAY) == monday


@pytest.mark.parametrize("text", ["2026-W54", "2025-W53", "48", "2026-48", "next week", "2026-W0"])
def test_a_bad_week_is_refused_clearly(text):
    with pytest.raises(DomainError, match="YYYY-Www"):
        parse_week(text, TODAY)
