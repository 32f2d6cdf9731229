"""Presentation rules test_present.py leaves open: the marks beside a run's title, and dates
formatted for a locale object as well as a tag."""

from datetime import date

import pytest
from babel import Locale

from csplanner.core import present
from csplanner.core.enums import MilestoneStatus
from csplanner.core.present import dates, labels

D = date(2026, 11, 5)  # a Thursday


@pytest.mark.parametrize(("status", "overdue", "mark"), [
    (MilestoneStatus.DONE, False, "✓"), (MilestoneStatus.MISSED, False, "✗"),
    (MilestoneStatus.SKIPPED, False, "–"),
    (MilestoneStatus.PLANNED, False, ""), (MilestoneStatus.PLANNED, True, "!"),
    # only a planned run can be overdue: a done, missed or skipped one keeps its own mark
    (MilestoneStatus.DONE, True, "✓"), (MilestoneStatus.MISSED, True, "✗"), (MilestoneStatus.SKIPPED, True, "–"),
    ("done", False, "✓"), ("planned", True, "!"), ("unknown", False, ""),
])
def test_a_runs_state_is_a_mark_beside_its_title(status, overdue, mark):
    assert labels.status_mark(status, overdue) == mark


def test_status_mark_defaults_to_not_overdue():
    assert labels.status_mark("planned") == ""
    assert labels.STATUS_MARKS == {"done": "✓", "missed": "✗", "skipped": "–"} and labels.OVERDUE_MARK == "!"


def test_a_locale_object_is_used_as_it_is():
    german = Locale.parse("de_DE")
    assert dates.locale_of(german) is german
    assert present.date_long(D, locale=german) == "5. Nov. 2026"
    assert present.money(12000050, "EUR", locale=german) == "EUR 120.000,50"
    try:
        assert present.use_locale("en_US") is dates.current_locale()
        assert present.date_short(D) == "Nov 5" and present.weekday_names()[0] == "Mon"
        assert present.date_range(date(2026, 11, 23), date(2026, 11, 29)) == "Nov 23\u2009\u2013\u200929, 2026"
    finally:
        present.use_locale(None)
    assert str(dates.current_locale()) == "en_GB" == dates.DEFAULT_LOCALE


@pytest.mark.parametrize(("text", "minor"), [
    ("   ", 0), ("0", 0), ("5M", 500_000_000), ("m", None), ("1.", 100), ("12\u00a0000", 1_200_000),
    ("1,000,000.5", 100_000_050),
])
def test_parse_money_edges(text, minor):
    assert present.parse_money(text, "USD") == minor
