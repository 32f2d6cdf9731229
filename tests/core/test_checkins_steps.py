"""Check-ins: a planned one has no sentiment and is completed when logged; next steps are items."""

from datetime import timedelta

import pytest

from csplanner.core.enums import StepOwner
from csplanner.core.errors import DomainError
from csplanner.core.models import CheckIn
from csplanner.core.services import accounts, checkins, next_steps, stakeholders
from tests.conftest import TODAY


@pytest.fixture
def aid(db) -> int:
    with db.session() as s:
        return accounts.create(s, name="Acme").id


def test_logging_near_a_planned_check_in_completes_it(db, aid):
    with db.session() as s:
        planned = checkins.plan(s, account_id=aid, held_on=TODAY + timedelta(days=2), kind="qbr",
                                summary="Agenda").id
        assert s.get(CheckIn, planned).sentiment is None
    with db.session() as s:
        done = checkins.log(s, TODAY + timedelta(days=3), account_id=aid, held_on=TODAY + timedelta(days=3),
                            summary="Went well", sentiment=1, kind="qbr",
                            steps=[{"text": "Send the deck"}, {"text": "", "owner": "customer"}])
    assert done.completed and done.checkin_id == planned and len(done.step_ids) == 1
    with db.session() as s:
        rows = checkins.for_account(s, aid)
        assert [(c.id, c.sentiment, c.summary) for c in rows] == [(planned, 1, "Went well")]
        [step] = next_steps.rows(s, TODAY, account_id=aid)
        assert (step.text, step.owner, step.due_on, step.check_in_id) == (
            "Send the deck", StepOwner.US, TODAY + timedelta(days=10), planned)
    with db.session() as s:
        checkins.unlog(s, done)
    with db.session() as s:
        [c] = checkins.for_account(s, aid)
        assert (c.sentiment, c.summary, c.held_on) == (None, "Agenda", TODAY + timedelta(days=2))
        assert next_steps.rows(s, TODAY, account_id=aid) == []


def test_logging_far_from_any_plan_adds_a_new_check_in(db, aid):
    with db.session() as s:
        checkins.plan(s, account_id=aid, held_on=TODAY + timedelta(days=20))
        done = checkins.log(s, TODAY, account_id=aid, summary="Quick call")
    assert not done.completed
    with db.session() as s:
        assert len(checkins.for_account(s, aid)) == 2
        assert s.get(CheckIn, done.checkin_id).sentiment == 0
    with pytest.raises(DomainError, match="plan future"), db.session() as s:
        checkins.log(s, TODAY, account_id=aid, held_on=TODAY + timedelta(days=1))


def test_next_steps_have_owners_due_dates_and_close(db, aid):
    with db.session() as s:
        maria = stakeholders.create(s, account_id=aid, name="Maria").id
        late = next_steps.create(s, account_id=aid, text="Sign the SOW", owner="stakeholder", stakeholder_id=maria,
                                 due_on=TODAY - timedelta(days=1)).id
        next_steps.create(s, account_id=aid, text="Share usage data", owner="customer")
        with pytest.raises(DomainError) as err:
            next_steps.create(s, account_id=aid, text="Who?", owner="stakeholder")
        assert err.value.field == "stakeholder_id"
        rows = next_steps.rows(s, TODAY)
        assert [(r.text, r.owner_name, r.overdue) for r in rows] == [
            ("Sign the SOW", "Maria", True), ("Share usage data", "The customer", False)]
        next_steps.complete(s, late, TODAY)
        assert [r.text for r in next_steps.rows(s, TODAY)] == ["Share usage data"]
        assert len(next_steps.rows(s, TODAY, open_only=False)) == 2


def test_each_line_of_next_steps_becomes_an_item_and_goes_with_its_check_in(db, aid):
    from sqlmodel import select

    from csplanner.core.models import NextStep
    from csplanner.core.services import undo_dump as snapshot

    with db.session() as s:
        c = checkins.create(s, account_id=aid, held_on=TODAY, next_steps="- Send the deck\n\n* Book the QBR")
        rows = next_steps.rows(s, TODAY, account_id=aid)
        assert [(r.text, r.due_on) for r in rows] == [("Send the deck", TODAY + timedelta(days=7)),
                                                      ("Book the QBR", TODAY + timedelta(days=7))]
        saved = snapshot.dump(s, CheckIn, c.id)
        checkins.delete(s, c.id)
    with db.session() as s:
        assert s.exec(select(NextStep)).all() == []
        snapshot.restore(s, saved)
    with db.session() as s:
        assert len(next_steps.rows(s, TODAY, account_id=aid)) == 2


def test_a_line_can_name_the_owner_and_the_due_date(db, aid):
    with db.session() as s:
        maria = stakeholders.create(s, account_id=aid, name="Maria Anders").id
        checkins.create(s, account_id=aid, held_on=TODAY, next_steps=(
            "Maria: sign the SOW by 2026-12-04\nCustomer: share usage data\nWe: send the deck\n"
            "Bob: unknown person stays ours"))
        rows = {r.text: r for r in next_steps.rows(s, TODAY, account_id=aid)}
    assert (rows["Sign the SOW"].owner, rows["Sign the SOW"].owner_name, rows["Sign the SOW"].due_on) == (
        StepOwner.STAKEHOLDER, "Maria Anders", TODAY + timedelta(days=9))
    assert rows["Share usage data"].owner == StepOwner.CUSTOMER
    assert rows["Send the deck"].owner == StepOwner.US
    assert rows["Bob: unknown person stays ours"].owner == StepOwner.US
    assert maria
