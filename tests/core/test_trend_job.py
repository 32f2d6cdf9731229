"""The start's trend job: this week's scores, then the missing past weeks, a step at a time; a step
asked to stop (the window closing) gives up at its next statement and saves nothing of itself."""

from datetime import date

import pytest
from sqlmodel import func, select

from csplanner.core import health, trend_job
from csplanner.core.errors import DomainError
from csplanner.core.models import HealthSnapshot
from csplanner.core.services import accounts, checkins

TODAY = date(2026, 11, 25)


def book(db, n=3):
    with db.session() as s:
        for i in range(n):
            aid = accounts.create(s, name=f"Account {i}", contract_signed=date(2026, 1, 5), renewal=date(2027, 1, 5)).id
            checkins.create(s, account_id=aid, held_on=date(2026, 10, 1))


def snapshots(db):
    with db.session() as s:
        return s.exec(select(func.count()).select_from(HealthSnapshot)).one()


def test_a_step_asked_to_stop_half_way_saves_nothing_and_the_next_start_does_it_all(db):
    book(db)
    asked = [0]

    def stopping():  # the window closes while the step is between its second and third statement
        asked[0] += 1
        return asked[0] > 2

    first = trend_job.steps(db, TODAY, stopping)[0]
    with pytest.raises(DomainError):  # dropped by the app's jobs: nothing to tell anyone
        first()
    assert asked[0] == 3 and snapshots(db) == 0  # it stopped there, and its writes rolled back
    done = [step() for step in trend_job.steps(db, TODAY, lambda: False)]  # the next start
    assert done[0] == 3 and snapshots(db) == 3 * health.TREND_WEEKS


def test_without_a_stop_every_week_is_written_once(db):
    book(db, 2)
    written = [step() for step in trend_job.steps(db, TODAY)]
    assert written[0] == 2 and sum(written) == 2 * health.TREND_WEEKS
    assert [step() for step in trend_job.steps(db, TODAY)][1:] == [0] * (health.TREND_WEEKS - 1)  # a later start
