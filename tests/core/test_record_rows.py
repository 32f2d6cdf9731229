"""The record tables' rows: every field of every record, exactly as stored, and what its day means."""

from datetime import date, timedelta

import pytest

from csplanner.core import record_rows
from csplanner.core.changes import RecordType
from csplanner.core.enums import (
    CheckInKind,
    MilestoneStatus,
    NoteKind,
    ObstacleKind,
    Phase,
    RunType,
    Severity,
    StakeholderRole,
    StakeholderStatus,
    Team,
)
from csplanner.core.record_rows import CheckInRow, MilestoneRow, NoteRow, ObstacleRow, StakeholderRow
from csplanner.core.services import accounts, checkins, milestones, notes, obstacles, stakeholders
from tests.conftest import TODAY

DAY = timedelta(days=1)


@pytest.fixture
def book(db):
    with db.session() as s:
        aid = accounts.create(s, name="Acme", contract_signed=date(2026, 6, 1)).id
        other = accounts.create(s, name="Other").id
        ids = {
            "ana": stakeholders.create(s, account_id=aid, name="Ana", title="CFO", role=StakeholderRole.EXEC_SPONSOR,
                                       email="ana@acme.test", location="Leeds", cadence_days=30).id,
            "bo": stakeholders.create(s, account_id=aid, name="Bo", role=StakeholderRole.CHAMPION,
                                      status=StakeholderStatus.LEFT, left_on=TODAY - 2 * DAY).id,
            "note": notes.create(s, account_id=aid, noted_on=TODAY - 5 * DAY, kind=NoteKind.BLOCKER, text="Slow exports").id,
            "late": milestones.create(s, account_id=aid, title="QBR", planned_on=TODAY - DAY, phase=Phase.RENEWAL,
                                      run_type=RunType.LONG, team=Team.SUPPORT, outcome="Renewal agreed",
                                      notes="Bring the roadmap").id,
            "today": milestones.create(s, account_id=aid, title="Training", planned_on=TODAY).id,
            "done": milestones.create(s, account_id=aid, title="Kickoff", planned_on=TODAY - 9 * DAY,
                                      status=MilestoneStatus.DONE, done_on=TODAY - 8 * DAY).id,
            "outage": obstacles.create(s, account_id=aid, title="Outage", opened_on=TODAY - 3 * DAY,
                                       kind=ObstacleKind.ESCALATION, severity=Severity.HIGH, resolved_on=TODAY,
                                       mitigation="Failover").id,
            "call": checkins.create(s, account_id=aid, held_on=TODAY, kind=CheckInKind.QBR, sentiment=1,
                                    summary="Happy", next_steps="Send deck").id,
            "next": checkins.create(s, account_id=aid, held_on=TODAY + DAY, sentiment=None).id,
        }
        milestones.create(s, account_id=other, title="Not Acme's", planned_on=TODAY)
    return aid, ids


def test_every_record_tables_rows_hold_every_field_of_the_accounts_records_only(db, book):
    from csplanner.core import cadence
    aid, ids = book
    with db.session() as s:
        ana = {c.stakeholder_id: c for c in cadence.contacts(s, TODAY, [aid])}[ids["ana"]]
        got = {t: record_rows.rows(s, t, aid, TODAY) for t in record_rows.LOADERS}
    assert ana.cadence_days == 30 and ana.due_on == date(2026, 7, 1)  # a month after signing, never met
    assert got[RecordType.STAKEHOLDER] == [
        StakeholderRow(ids["ana"], "Ana", "CFO", StakeholderRole.EXEC_SPONSOR, "ana@acme.test", "Leeds",
                       StakeholderStatus.ACTIVE, None, ana, own_cadence=True),
        StakeholderRow(ids["bo"], "Bo", "", StakeholderRole.CHAMPION, "", "", StakeholderStatus.LEFT,
                       TODAY - 2 * DAY, None, own_cadence=False),  # someone who left has no cadence
    ]
    assert got[RecordType.DISCOVERY_NOTE] == [NoteRow(ids["note"], TODAY - 5 * DAY, NoteKind.BLOCKER, "Slow exports")]
    assert got[RecordType.MILESTONE] == [
        MilestoneRow(ids["done"], TODAY - 9 * DAY, "Kickoff", RunType.MEDIUM, Phase.ADOPTION, MilestoneStatus.DONE,
                     TODAY - 8 * DAY, Team.CSM, "", "", overdue=False),  # done: never overdue
        MilestoneRow(ids["late"], TODAY - DAY, "QBR", RunType.LONG, Phase.RENEWAL, MilestoneStatus.PLANNED, None,
                     Team.SUPPORT, "Renewal agreed", "Bring the roadmap", overdue=True),
        MilestoneRow(ids["today"], TODAY, "Training", RunType.MEDIUM, Phase.ADOPTION, MilestoneStatus.PLANNED, None,
                     Team.CSM, "", "", overdue=False),  # today's run is not late yet
    ]
    assert [(r.upcoming, r.overdue) for r in got[RecordType.MILESTONE]] == [(False, False), (True, True), (True, False)]
    assert got[RecordType.OBSTACLE] == [ObstacleRow(ids["outage"], TODAY - 3 * DAY, "Outage", ObstacleKind.ESCALATION,
                                                    Severity.HIGH, TODAY, "Failover")]
    assert got[RecordType.CHECK_IN] == [
        CheckInRow(ids["next"], TODAY + DAY, CheckInKind.CALL, None, "", "", planned=True),
        CheckInRow(ids["call"], TODAY, CheckInKind.QBR, 1, "Happy", "Send deck", planned=False),  # today's is held
    ]
    for rows in got.values():  # values stay native, for the ui to format and sort
        for row in rows:
            assert all(type(getattr(row, f)) is not str or f in ("name", "title", "email", "location", "text", "outcome",
                                                                 "notes", "mitigation", "summary", "next_steps")
                       for f in row.__slots__)
