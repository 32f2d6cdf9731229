"""Rules for the records that hang off an account."""

from datetime import date

import pytest

from csplanner.core.enums import MilestoneStatus, ObstacleKind, Severity, StakeholderRole, StakeholderStatus
from csplanner.core.errors import DomainError
from csplanner.core.services import accounts, checkins, milestones, notes, obstacles, stakeholders
from tests.conftest import TODAY


@pytest.fixture
def acme(db):
    with db.session() as s:
        return accounts.create(s, name="Acme", contract_signed=date(2026, 1, 5), renewal=date(2027, 1, 5)).id


def test_children_need_an_existing_account(db):
    with db.session() as s, pytest.raises(DomainError, match="existing account"):
        milestones.create(s, account_id=999, title="Kickoff", planned_on=date(2026, 1, 1))


def test_stakeholder_name_required_and_email_checked(db, acme):
    with db.session() as s:
        with pytest.raises(DomainError, match="Name is required"):
            stakeholders.create(s, account_id=acme, name=" ")
        with pytest.raises(DomainError, match="not a valid email") as err:
            stakeholders.create(s, account_id=acme, name="Ana", email="ana at acme")
        assert err.value.field == "email"
        ana = stakeholders.create(s, account_id=acme, name=" Ana Ruiz ", email="ana@acme.com", role="champion")
    assert (ana.name, ana.role) == ("Ana Ruiz", StakeholderRole.CHAMPION)


def test_leaving_sets_a_date_and_coming_back_clears_it(db, acme):
    with db.session() as s:
        sid = stakeholders.create(s, account_id=acme, name="Ana").id
        left = stakeholders.update(s, sid, status="left", today=TODAY)
        assert left.left_on == TODAY
        back = stakeholders.update(s, sid, status="active")
        assert back.left_on is None


def test_the_core_never_guesses_today(db, acme):
    """A date the rules would fill in comes from the caller's today; without one, it is asked for."""
    with db.session() as s:
        sid = stakeholders.create(s, account_id=acme, name="Ana").id
        with pytest.raises(DomainError, match="Left on is required"):
            stakeholders.update(s, sid, status="left")
        mid = milestones.create(s, account_id=acme, title="Kickoff", planned_on=date(2026, 1, 8)).id
        with pytest.raises(DomainError, match="Done on is required"):
            milestones.mark(s, mid, MilestoneStatus.DONE)
        assert milestones.mark(s, mid, MilestoneStatus.DONE, today=TODAY).done_on == TODAY
        with pytest.raises(DomainError, match="Date is required"):
            checkins.create(s, account_id=acme)
        assert checkins.create(s, account_id=acme, today=TODAY).held_on == TODAY
        assert notes.create(s, account_id=acme, text="Need", today=TODAY).noted_on == TODAY


def test_exec_sponsor_leaving_drafts_a_turnover_obstacle(db, acme):
    with db.session() as s:
        sid = stakeholders.create(s, account_id=acme, name="Bo Chen", role="exec_sponsor").id
        before = {"status": StakeholderStatus.ACTIVE}
        after = stakeholders.update(s, sid, status="left", left_on=date(2026, 6, 1))
        draft = stakeholders.turnover_draft(before, after, TODAY)
        assert draft is not None
        assert draft["kind"] == ObstacleKind.EXEC_TURNOVER and draft["severity"] == Severity.HIGH
        assert draft["opened_on"] == date(2026, 6, 1) and "Bo Chen" in draft["title"]
        obstacles.create(s, **draft)  # the draft is a valid obstacle as it stands
        user = stakeholders.create(s, account_id=acme, name="Cy", role="user")
        assert stakeholders.turnover_draft({"status": "active"},
                                           stakeholders.update(s, user.id, status="left", today=TODAY), TODAY) is None


def test_note_needs_text(db, acme):
    with db.session() as s:
        with pytest.raises(DomainError, match="Text is required"):
            notes.create(s, account_id=acme, kind="goal", text="  ", today=TODAY)
        note = notes.create(s, account_id=acme, kind="real_need", text="<b>not</b> html", noted_on="2026-02-01")
    assert note.text == "<b>not</b> html" and note.noted_on == date(2026, 2, 1)


def test_milestone_rules(db, acme):
    with db.session() as s:
        with pytest.raises(DomainError, match="Planned on is required"):
            milestones.create(s, account_id=acme, title="Kickoff")
        with pytest.raises(DomainError, match="Run type must be one of"):
            milestones.create(s, account_id=acme, title="Kickoff", planned_on=date(2026, 1, 8), run_type="jog")
        m = milestones.create(s, account_id=acme, title="Kickoff", planned_on=date(2026, 1, 8))
        assert m.status == MilestoneStatus.PLANNED and m.done_on is None
        done = milestones.mark(s, m.id, MilestoneStatus.DONE, on=date(2026, 1, 9))
        assert done.done_on == date(2026, 1, 9)
        missed = milestones.mark(s, m.id, MilestoneStatus.MISSED)
        assert missed.done_on is None  # only a done run keeps a done date
        moved = milestones.move(s, m.id, date(2026, 2, 28))
        assert moved.planned_on == date(2026, 2, 28)


def test_milestones_between_dates_and_accounts(db, acme):
    with db.session() as s:
        other = accounts.create(s, name="Other").id
        for day, acc in ((1, acme), (10, acme), (10, other), (20, acme)):
            milestones.create(s, account_id=acc, title=f"run {day}", planned_on=date(2026, 3, day))
        assert [m.title for m in milestones.between(s, date(2026, 3, 2), date(2026, 3, 20))] == ["run 10", "run 10", "run 20"]
        assert len(milestones.between(s, date(2026, 3, 1), date(2026, 3, 31), [other])) == 1


def test_obstacle_cannot_be_resolved_before_it_opened(db, acme):
    with db.session() as s:
        with pytest.raises(DomainError, match="Resolved on .* must be on or after opened on") as err:
            obstacles.create(s, account_id=acme, title="Outage", opened_on=date(2026, 3, 5), resolved_on=date(2026, 3, 4))
        assert err.value.field == "resolved_on"
        ob = obstacles.create(s, account_id=acme, title="Outage", opened_on=date(2026, 3, 5), resolved_on=date(2026, 3, 5))
        with pytest.raises(DomainError):
            obstacles.update(s, ob.id, resolved_on=date(2026, 1, 1))


def test_obstacle_links_only_its_own_accounts_milestones(db, acme):
    with db.session() as s:
        other = accounts.create(s, name="Other").id
        mine = milestones.create(s, account_id=acme, title="a", planned_on=date(2026, 3, 1)).id
        theirs = milestones.create(s, account_id=other, title="b", planned_on=date(2026, 3, 1)).id
        ob = obstacles.create(s, account_id=acme, title="Gap", opened_on=date(2026, 3, 1), milestone_ids=[mine])
        assert obstacles.linked_milestones(s, ob.id) == [mine]
        with pytest.raises(DomainError, match="its own account"):
            obstacles.link(s, ob.id, [theirs])
        milestones.delete(s, mine)
        assert obstacles.linked_milestones(s, ob.id) == []


def test_checkin_sentiment_is_minus_one_zero_or_one(db, acme):
    with db.session() as s:
        with pytest.raises(DomainError, match="Sentiment"):
            checkins.create(s, account_id=acme, held_on=date(2026, 3, 1), sentiment=2)
        c = checkins.create(s, account_id=acme, held_on=date(2026, 3, 1), sentiment=-1, kind="qbr")
    assert c.sentiment == -1


def test_unknown_fields_are_refused(db, acme):
    with db.session() as s, pytest.raises(DomainError, match="Unknown field"):
        checkins.create(s, account_id=acme, mood="great")


def test_edit_of_a_deleted_record_says_so(db, acme):
    with db.session() as s:
        cid = checkins.create(s, account_id=acme, held_on=date(2026, 3, 1)).id
        checkins.delete(s, cid)
        with pytest.raises(DomainError, match="no longer exists"):
            checkins.update(s, cid, summary="x")
