"""The phase band of a renewed account's weeks, and the kickoff week's last day."""

from datetime import date

import pytest

from csplanner.core.calendar import make_weeks
from csplanner.core.enums import Phase, Stage

TODAY = date(2026, 11, 25)


def phases(starts, **dates) -> list[Phase | None]:
    return [w.phase for w in make_weeks(starts, [], TODAY, **dates)]


@pytest.mark.parametrize(("stage", "middle"), [(Stage.ADOPT, Phase.ADOPTION), (Stage.EXPAND, Phase.EXPANSION)])
def test_a_renewed_season_runs_in_the_last_13_weeks_before_race_day(stage, middle):
    # season 2 from Monday 5 Jan 2026 to race day Monday 4 Jan 2027: the week 13 weeks before race
    # week is still the middle of the season, the next one starts the renewal run-in
    starts = [date(2026, 1, 5), date(2026, 10, 5), date(2026, 10, 12), date(2027, 1, 4)]
    assert phases(starts, contract=date(2026, 1, 5), race=date(2027, 1, 4), stage=stage, season=2) == [
        middle, middle, Phase.RENEWAL, Phase.RENEWAL]  # no kickoff or onboarding in a later season


def test_a_renewed_seasons_run_in_counts_weeks_as_the_calendar_starts_them():
    # weeks from Tuesday: race day Tuesday 5 Jan 2027 starts its own week, 13 weeks after 6 Oct
    starts = [date(2026, 10, 6), date(2026, 10, 13)]
    assert phases(starts, contract=date(2026, 1, 6), race=date(2027, 1, 5), stage=Stage.ADOPT, first_weekday=1,
                  season=2) == [Phase.ADOPTION, Phase.RENEWAL]


def test_a_contract_signed_on_the_last_day_of_a_week_makes_that_week_the_kickoff():
    assert phases([date(2026, 1, 5), date(2026, 1, 12)], contract=date(2026, 1, 11), stage=Stage.ADOPT) == [
        Phase.KICKOFF, Phase.ONBOARDING]
