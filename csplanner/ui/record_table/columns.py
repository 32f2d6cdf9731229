"""What each record table shows: headers, the text of each cell, and the native value it sorts on.

Rows come typed from core (csplanner.core.record_rows); text comes from core.present, so the
table and the PDF print the same dates, labels and money.
"""

from collections.abc import Callable
from dataclasses import dataclass
from datetime import date
from typing import Any

from csplanner.core.changes import RecordType
from csplanner.core.enums import SEVERITY_RANK, MilestoneStatus, Phase, StakeholderStatus
from csplanner.core.cadence import CadenceState, Contact
from csplanner.core.present import Band, date_long, date_short, one_line, plural, sentiment_label
from csplanner.core.present import value_label as label
from csplanner.core.record_rows import CheckInRow, MilestoneRow, NoteRow, ObstacleRow, StakeholderRow

Row = Any  # one of core.record_rows' row types: the spec for its table knows which
LATEST = date.max  # "still open" sorts after every real date


@dataclass(frozen=True)
class TableSpec:
    record_type: RecordType
    title: str  # the tab's title
    headers: tuple[str, ...]
    cells: Callable[[Row], tuple[str, ...]]  # what each column shows
    sort_keys: Callable[[Row], tuple[Any, ...]]  # what each column sorts on (dates, ranks, lower-case text)
    tooltip: Callable[[Row], str]
    muted: Callable[[Row], bool]  # done, left, resolved: still there, less prominent
    stretch: tuple[int, ...]  # the columns that share the spare width
    widths: tuple[str, ...]  # a sample of each column's typical text: its starting width
    descending: bool = True  # newest first (dates); milestones read in plan order
    ink: Callable[[Row], dict[int, Band]] = lambda r: {}  # column -> band: a state that needs attention


def _next_call(c: Contact) -> str:
    """'by 3 Dec', 'due since 20 Nov', 'overdue since 1 Nov' (the day it turned amber)."""
    if c.state == CadenceState.NONE:
        return ""
    when = date_short(c.due_on) if c.due_on else ""
    if c.state == CadenceState.OK:
        return f"by {when}"
    word = "overdue" if c.state == CadenceState.OVERDUE else "due"
    return f"{word} since {when}" if when else word


def _stakeholder_cells(p: StakeholderRow) -> tuple[str, ...]:
    status = f"Left {date_long(p.left_on)}" if p.status == StakeholderStatus.LEFT else "Active"
    c = p.contact
    every = (f"every {c.cadence_days} d" + (" (own)" if p.own_cadence else "")) if c and c.cadence_days else ""
    last = "" if c is None else ("never" if c.last_met is None else
                                 f"{date_short(c.last_met)} ({plural(c.days_since or 0, 'day')} ago)")
    return (p.name, p.title, label(p.role), every, last, _next_call(c) if c else "", p.email, p.location, status)


def _stakeholder_keys(p: StakeholderRow) -> tuple[Any, ...]:
    c = p.contact
    return (p.name.lower(), p.title.lower(), label(p.role), (c.cadence_days or 0) if c else 0,
            (c.last_met or date.min) if c else date.min, CADENCE_RANK[c.state] if c else len(CADENCE_RANK),
            p.email.lower(), p.location.lower(), (p.status == StakeholderStatus.LEFT, p.left_on or LATEST))


def _stakeholder_tip(p: StakeholderRow) -> str:
    c = p.contact
    if c is None or not c.cadence_days:
        return ""
    return (f"{p.name}: a call every {plural(c.cadence_days, 'day')}; amber from day {c.cadence_days}, "
            f"red from day {(3 * c.cadence_days + 1) // 2} without one")


def _stakeholder_ink(p: StakeholderRow) -> dict[int, Band]:
    band = CADENCE_BAND.get(p.contact.state) if p.contact else None
    return {} if band is None else {5: band}  # the Next call column


def _milestone_cells(m: MilestoneRow) -> tuple[str, ...]:
    status = "Overdue" if m.overdue else label(m.status)
    if m.status == MilestoneStatus.DONE and m.done_on:
        status = f"Done {date_short(m.done_on)}"
    return (date_long(m.planned_on), m.title, label(m.run_type), label(m.phase), status, label(m.team),
            one_line(m.outcome, 80))


PHASE_RANK = {p: i for i, p in enumerate(Phase)}
CADENCE_RANK = {s: i for i, s in enumerate(CadenceState)}
CADENCE_BAND = {CadenceState.OVERDUE: Band.RED, CadenceState.DUE: Band.AMBER}
STATUS_RANK = {s: i for i, s in enumerate(MilestoneStatus)}

SPECS: dict[RecordType, TableSpec] = {
    s.record_type: s
    for s in (
        TableSpec(
            RecordType.STAKEHOLDER, "Stakeholders",
            ("Name", "Title", "Role", "Cadence", "Last call", "Next call", "Email", "Location", "Status"),
            _stakeholder_cells, _stakeholder_keys, _stakeholder_tip, lambda p: p.status == StakeholderStatus.LEFT,
            (1, 6), ("Alexandra Whitfield", "", "Decision maker", "every 30 d (own)", "30 Sep (100 days ago)",
                     "overdue since 30 Sep", "alexandra.whitfield@example.com", "San Francisco", "Left 30 Sep 2026"),
            descending=False, ink=_stakeholder_ink),
        TableSpec(
            RecordType.DISCOVERY_NOTE, "Discovery notes", ("Date", "Kind", "Note"),
            lambda n: (date_long(n.noted_on), label(n.kind), one_line(n.text)),
            lambda n: (n.noted_on, label(n.kind), n.text.lower()),
            lambda n: n.text, lambda n: False, (2,), ("30 Sep 2026", "Success criteria", "")),
        TableSpec(
            RecordType.MILESTONE, "Milestones", ("Planned", "Title", "Run type", "Phase", "Status", "Team", "Outcome"),
            _milestone_cells,
            lambda m: (m.planned_on, m.title.lower(), label(m.run_type), PHASE_RANK[m.phase],
                       (STATUS_RANK[m.status], m.done_on or LATEST), label(m.team), m.outcome.lower()),
            lambda m: "\n".join(t for t in (m.title, m.outcome, m.notes) if t),
            lambda m: m.status != MilestoneStatus.PLANNED, (1, 6),
            ("30 Sep 2026", "", "Medium", "Onboarding", "Done 30 Sep", "Leadership",
             "Sales Ops live; a homegrown quoting tool retired"), descending=False),
        TableSpec(
            RecordType.OBSTACLE, "Obstacles", ("Opened", "Title", "Kind", "Severity", "Resolved", "Mitigation"),
            lambda o: (date_long(o.opened_on), o.title, label(o.kind), label(o.severity),
                       date_long(o.resolved_on, "Open"), one_line(o.mitigation, 80)),
            lambda o: (o.opened_on, o.title.lower(), label(o.kind), SEVERITY_RANK[o.severity],
                       o.resolved_on or LATEST, o.mitigation.lower()),
            lambda o: "\n".join(t for t in (o.title, o.mitigation) if t), lambda o: o.resolved_on is not None,
            (1, 5), ("30 Sep 2026", "", "Exec turnover", "Critical", "30 Sep 2026",
                     "Find and onboard a new exec sponsor; re-confirm")),
        TableSpec(
            RecordType.CHECK_IN, "Check-ins", ("Date", "Kind", "Sentiment", "Summary", "Next steps"),
            lambda c: (date_long(c.held_on) + (" (planned)" if c.planned else ""), label(c.kind),
                       "Planned" if c.sentiment is None else sentiment_label(c.sentiment), one_line(c.summary, 80),
                       one_line(c.next_steps, 80)),
            lambda c: (c.held_on, label(c.kind), -9 if c.sentiment is None else c.sentiment, c.summary.lower(),
                       c.next_steps.lower()),
            lambda c: "\n\n".join(t for t in (c.summary, c.next_steps and f"Next steps: {c.next_steps}") if t),
            lambda c: False, (3, 4), ("30 Sep 2026 (planned)", "Meeting", "Sentiment", "",
                                      "Send the value summary to the exec sponsor")),
    )
}

__all__ = ["SPECS", "TableSpec", "CheckInRow", "MilestoneRow", "NoteRow", "ObstacleRow", "StakeholderRow"]
