"""Contact cadences: amber at the cadence, red at 1.5 ×, the clock reset by a check-in attended."""

from datetime import date, timedelta

import pytest

from csplanner.core import cadence, settings
from csplanner.core.cadence import CadenceState
from csplanner.core.enums import StakeholderRole, StakeholderStatus
from csplanner.core.errors import DomainError
from csplanner.core.services import accounts, checkins, stakeholders

TODAY = date(2026, 11, 25)


@pytest.mark.parametrize(("days", "cadence_days", "expected"), [
    (13, 14, CadenceState.OK), (14, 14, CadenceState.DUE), (20, 14, CadenceState.DUE), (21, 14, CadenceState.OVERDUE),
    (20, 21, CadenceState.OK), (21, 21, CadenceState.DUE), (31, 21, CadenceState.DUE), (32, 21, CadenceState.OVERDUE),
    (29, 30, CadenceState.OK), (30, 30, CadenceState.DUE), (44, 30, CadenceState.DUE), (45, 30, CadenceState.OVERDUE),
    (0, 14, CadenceState.OK), (None, 14, CadenceState.OVERDUE), (400, None, CadenceState.NONE),
    (400, 0, CadenceState.NONE),
])
def test_state_at_the_boundary_days(days, cadence_days, expected):
    assert cadence.state(days, cadence_days) == expected


def test_role_defaults_and_overrides():
    prefs = settings.CoachSettings()
    assert [prefs.cadence_for(r, None) for r in (StakeholderRole.EXEC_SPONSOR, StakeholderRole.CHAMPION,
            StakeholderRole.DECISION_MAKER, StakeholderRole.ADMIN, StakeholderRole.USER)] == [30, 14, 30, 21, None]
    assert prefs.cadence_for(StakeholderRole.CHAMPION, 7) == 7
    assert prefs.cadence_for(StakeholderRole.CHAMPION, 0) is None  # 0: no cadence for this person


def test_settings_are_stored_in_the_book_and_checked(db):
    with db.session() as s:
        assert settings.load(s) == settings.CoachSettings()
        changed = settings.CoachSettings(cadence_days={**settings.CADENCE_DAYS, StakeholderRole.CHAMPION: 10},
                                         week_hours=25.0)
        settings.save(s, changed)
    with db.session() as s:
        assert settings.load(s).cadence_days[StakeholderRole.CHAMPION] == 10
        assert settings.load(s).week_hours == 25.0
        with pytest.raises(DomainError, match="between 0 and 168"):
            settings.save(s, settings.CoachSettings(week_hours=200))
    with db.session() as s:
        assert settings.load(s).week_hours == 25.0  # the bad value saved nothing


def test_last_checkin_attended_resets_the_clock(db):
    with db.session() as s:
        a = accounts.create(s, name="Alder", contract_signed=TODAY - timedelta(days=100))
        champ = stakeholders.create(s, account_id=a.id, name="Cleo", role=StakeholderRole.CHAMPION).id
        admin = stakeholders.create(s, account_id=a.id, name="Ade", role=StakeholderRole.ADMIN, cadence_days=60).id
        user = stakeholders.create(s, account_id=a.id, name="Uma", role=StakeholderRole.USER).id
        stakeholders.create(s, account_id=a.id, name="Gone", role=StakeholderRole.CHAMPION,
                            status=StakeholderStatus.LEFT, left_on=TODAY - timedelta(days=3))
        checkins.create(s, account_id=a.id, held_on=TODAY - timedelta(days=14), attendee_ids=[champ])
        checkins.create(s, account_id=a.id, held_on=TODAY - timedelta(days=20), attendee_ids=[champ, admin])
        checkins.plan(s, account_id=a.id, held_on=TODAY + timedelta(days=2))  # planned: does not count
    with db.session() as s:
        found = {c.name: c for c in cadence.contacts(s, TODAY)}
    assert set(found) == {"Cleo", "Ade", "Uma"}  # people who left are not called
    assert (found["Cleo"].last_met, found["Cleo"].days_since, found["Cleo"].state) == (
        TODAY - timedelta(days=14), 14, CadenceState.DUE)
    assert found["Cleo"].due_on == TODAY
    assert (found["Ade"].cadence_days, found["Ade"].state) == (60, CadenceState.OK)  # own cadence
    assert (found["Uma"].last_met, found["Uma"].days_since, found["Uma"].state) == (None, 100, CadenceState.NONE)
    with db.session() as s:
        assert [c.name for c in cadence.who_to_call(s, TODAY, TODAY + timedelta(days=6))] == ["Cleo"]


def test_attendees_belong_to_the_account(db):
    with db.session() as s:
        a = accounts.create(s, name="A")
        b = accounts.create(s, name="B")
        other = stakeholders.create(s, account_id=b.id, name="Bo").id
        with pytest.raises(DomainError, match="own stakeholders"):
            checkins.create(s, account_id=a.id, held_on=TODAY, attendee_ids=[other])
