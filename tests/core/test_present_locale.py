"""Presentation under a locale chosen once at start, and the words for an obstacle's kind."""

from datetime import date

from csplanner.core import present

D = date(2026, 11, 5)


def test_a_day_in_full_and_typed_money_follow_the_chosen_locale_unless_one_is_named():
    present.use_locale("de_DE")  # the private_paths fixture puts the default back afterwards
    assert present.date_full(D) == present.date_full(D, "de_DE") != present.date_full(D, "en_GB")
    assert present.date_full(D, "en_GB") == "Thursday, 5 November 2026"
    assert present.parse_money("120.000,50", "EUR") == 12_000_050
    assert present.parse_money("120,000.50", "EUR", "en_US") == 12_000_050
    assert present.parse_money("1,5k", "EUR") == 150_000


def test_an_obstacle_is_an_injury_or_bad_weather():
    assert (present.hurt_label(True), present.hurt_label(False)) == ("Injury", "Bad weather")
