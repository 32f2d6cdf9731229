"""The core decides once what an edit touched; screens read these fields."""

import pytest

from csplanner.core import changes
from csplanner.core.changes import Change, RecordType
from csplanner.core.models import (
    Account,
    CheckIn,
    CheckInAttendee,
    DiscoveryNote,
    HealthSnapshot,
    Milestone,
    Obstacle,
    ObstacleMilestone,
    Stakeholder,
)

# model edited -> (records, accounts_list, health, calendar, trend)
EXPECTED = [
    (Account, {RecordType.ACCOUNT}, True, True, True, False),
    (Stakeholder, {RecordType.STAKEHOLDER}, False, True, False, False),  # relationship coverage
    (DiscoveryNote, {RecordType.DISCOVERY_NOTE}, False, False, False, False),
    (Milestone, {RecordType.MILESTONE}, False, True, True, False),
    (Obstacle, {RecordType.OBSTACLE}, False, True, True, False),
    (CheckIn, {RecordType.CHECK_IN}, False, True, False, False),
    (ObstacleMilestone, {RecordType.OBSTACLE, RecordType.MILESTONE}, False, True, True, False),
    (CheckInAttendee, {RecordType.CHECK_IN, RecordType.STAKEHOLDER}, False, True, False, False),
    (HealthSnapshot, set(), False, False, False, True),
]


@pytest.mark.parametrize(("model", "records", "accounts_list", "health", "calendar", "trend"), EXPECTED,
                         ids=[row[0].__name__ for row in EXPECTED])
def test_each_table_says_what_it_affects(model, records, accounts_list, health, calendar, trend):
    change = changes.touched(model, account_ids=(7, None))
    assert change == Change(frozenset({7}), frozenset(records), accounts_list, health, calendar, trend)


def test_deleting_an_account_touches_every_table_it_had():
    change = changes.touched(Account, Stakeholder, Milestone, CheckIn, account_ids=(3,))
    assert change.records == {RecordType.ACCOUNT, RecordType.STAKEHOLDER, RecordType.MILESTONE, RecordType.CHECK_IN}
    assert change.accounts_list and change.health and change.calendar and change.account_ids == {3}


def test_concerns_an_account():
    assert changes.touched(Milestone, account_ids=(3,)).concerns(3)
    assert not changes.touched(Milestone, account_ids=(3,)).concerns(4)
    assert changes.TREND.concerns(4)  # no ids: any account
    assert not changes.TREND.concerns(None)


def test_record_of_an_account_is_the_account_itself():
    assert changes.of_record(Account(id=5, name="Acme")).account_ids == {5}
    assert changes.of_record(Stakeholder(id=9, account_id=5, name="Ana")).account_ids == {5}


def test_changes_combine():
    both = changes.touched(Stakeholder, account_ids=(1,)) | changes.touched(CheckIn, account_ids=(2,))
    assert both.account_ids == {1, 2} and both.health and not both.calendar
    assert both.records == {RecordType.STAKEHOLDER, RecordType.CHECK_IN}


def test_seasons_forecasts_and_next_steps_say_what_they_affect():
    from csplanner.core.models import Forecast, NextStep, Season
    assert changes.touched(Season, account_ids=(2,)) == Change(
        frozenset({2}), frozenset({RecordType.SEASON}), accounts_list=True, health=False, calendar=True, trend=False)
    assert changes.touched(Forecast, account_ids=(2,)) == Change(frozenset({2}), frozenset({RecordType.FORECAST}))
    assert changes.touched(NextStep) == Change(frozenset(), frozenset({RecordType.NEXT_STEP}))


def test_each_record_type_is_its_tables_name():
    assert {t: changes.MODELS[t].__tablename__ for t in RecordType} == {t: t.value for t in RecordType}
    assert all(changes.record_type(changes.MODELS[t]) is t for t in RecordType)


def test_someone_elses_change_moves_everything_of_every_account():
    everything = changes.EVERYTHING
    assert everything.records == set(RecordType) and everything.account_ids == frozenset()
    assert (everything.accounts_list, everything.health, everything.calendar, everything.trend) == (True, True, True, False)
    assert everything.concerns(1) and not everything.concerns(None)
    assert changes.TREND == Change(trend=True)


def test_changes_combine_every_flag():
    flags = [Change(accounts_list=True), Change(health=True), Change(calendar=True), Change(trend=True)]
    for i, one in enumerate(flags):
        for other in (one | Change(), Change() | one):
            assert (other.accounts_list, other.health, other.calendar, other.trend) == tuple(j == i for j in range(4))
    assert (Change(frozenset({1}), frozenset({RecordType.SEASON})) | Change(frozenset({2}))) == \
        Change(frozenset({1, 2}), frozenset({RecordType.SEASON}))


def test_a_record_without_an_account_concerns_no_one_in_particular():
    from csplanner.core.models import NextStep
    change = changes.of_record(NextStep(id=4, title="Call"))
    assert change.account_ids == frozenset() and change.records == {RecordType.NEXT_STEP}
    assert changes.account_of(Account(name="New")) is None  # not saved yet: no id


def test_a_link_row_has_no_account_of_its_own_and_touches_both_sides():
    link = ObstacleMilestone(obstacle_id=1, milestone_id=2)
    assert changes.account_of(link) is None
    assert changes.of_record(link) == Change(frozenset(), frozenset({RecordType.OBSTACLE, RecordType.MILESTONE}),
                                             accounts_list=False, health=True, calendar=True)
