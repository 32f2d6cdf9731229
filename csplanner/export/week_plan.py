"""The week plan PDF: My week across all accounts, on one page for a typical book of business."""

import re
from collections.abc import Callable
from dataclasses import dataclass
from datetime import date, timedelta
from pathlib import Path

from PySide6.QtGui import QPageSize
from sqlmodel import Session

from csplanner.core import calendar
from csplanner.core.db import Database
from csplanner.core.enums import MilestoneStatus, RunType, Severity, label
from csplanner.core.errors import DomainError
from csplanner.core.services import accounts, checkins, milestones, obstacles
from csplanner.export import fonts
from csplanner.export.account_plan import Exported, money, span
from csplanner.export.calendar_grid import MISSED, RUN
from csplanner.export.pdf_document import MUTED, PdfDocument, esc, long_date, short_date, write_pdf

RACE_HORIZON = 120  # days ahead that count as "races coming up"
QUIET_DAYS = 14  # no check-in for this long: the account needs a call
OVERDUE_LOOKBACK = 365
CAP = 10  # rows per list on paper; the rest are counted ("+ 8 more")
PER_DAY = 10  # items per day on paper
TROUBLES = 8  # open obstacles on paper, the most severe first
SEVERITY_RANK = {s: i for i, s in enumerate(reversed(list(Severity)))}  # critical first


@dataclass(frozen=True)
class Due:
    day: date
    account: str
    title: str
    run_type: RunType
    status: MilestoneStatus


@dataclass(frozen=True)
class Talk:
    day: date
    account: str
    kind: str


@dataclass(frozen=True)
class Trouble:
    severity: Severity
    account: str
    title: str
    opened_on: date


@dataclass(frozen=True)
class Race:
    day: date
    account: str
    arr: str
    health: int | None


@dataclass(frozen=True)
class Silence:
    account: str
    last: date | None


@dataclass(frozen=True)
class WeekData:
    start: date
    today: date
    due: tuple[Due, ...]
    overdue: tuple[Due, ...]
    talks: tuple[Talk, ...]
    troubles: tuple[Trouble, ...]
    races: tuple[Race, ...]
    silent: tuple[Silence, ...]

    @property
    def end(self) -> date:
        return self.start + timedelta(days=6)


def parse_week(text: str | None, today: date) -> date:
    """'2026-W48' (or '2026W48') → its first day (Monday); None → this week."""
    if not text:
        return calendar.week_start(today)
    m = re.fullmatch(r"\s*(\d{4})-?W(\d{1,2})\s*", text, re.IGNORECASE)
    if m:
        try:
            return date.fromisocalendar(int(m[1]), int(m[2]), 1)
        except ValueError:
            pass
    raise DomainError(f"'{text}' is not a week; write it as YYYY-Www, for example 2026-W48.", "week")


def _health(session: Session, account_id: int, today: date) -> int | None:
    try:  # another engineer's module; the column stays empty until it lands
        from csplanner.core import health
    except ImportError:
        return None
    return int(health.account_health(session, account_id, today).score)


def collect_week(session: Session, start: date, today: date) -> WeekData:
    """Everything My week shows for the week starting `start`, as plain rows (archived accounts left out)."""
    end = start + timedelta(days=6)
    rows = accounts.list_rows(session, sort="renewal")
    names = {r.id: r.name for r in rows}
    due = [Due(m.planned_on, names[m.account_id], m.title, m.run_type, m.status)
           for m in milestones.between(session, start, end) if m.account_id in names
           and m.status != MilestoneStatus.SKIPPED]
    cutoff = min(start, today)
    overdue = [Due(m.planned_on, names[m.account_id], m.title, m.run_type, m.status)
               for m in milestones.between(session, cutoff - timedelta(days=OVERDUE_LOOKBACK),
                                           cutoff - timedelta(days=1), statuses=[MilestoneStatus.PLANNED])
               if m.account_id in names]
    talks = [Talk(c.held_on, names[c.account_id], label(c.kind))
             for c in checkins.between(session, start, end) if c.account_id in names]
    last = checkins.last_held(session, today)
    silent = [Silence(name, last.get(aid)) for aid, name in names.items()
              if aid not in last or (today - last[aid]).days >= QUIET_DAYS]
    troubles = [Trouble(o.severity, names[o.account_id], o.title, o.opened_on)
                for o in obstacles.still_open(session) if o.account_id in names]
    races = [Race(r.renewal, r.name, money(r.arr_minor, r.currency), _health(session, r.id, today))
             for r in rows if r.renewal is not None and today <= r.renewal <= today + timedelta(days=RACE_HORIZON)]
    return WeekData(
        start=start, today=today, due=tuple(due), overdue=tuple(sorted(overdue, key=lambda d: d.day)),
        talks=tuple(sorted(talks, key=lambda t: (t.day, t.account))),
        troubles=tuple(sorted(troubles, key=lambda t: (SEVERITY_RANK[t.severity], t.opened_on))),
        races=tuple(races),
        silent=tuple(sorted(silent, key=lambda s: (s.last is not None, s.last or start))),
    )


def _more(hidden: int, what: str) -> str:
    return f"<br/>{span(f'+ {hidden} more {what}', MUTED)}" if hidden > 0 else ""


def _lines(items: list[str]) -> str:
    return "<br/>".join(items)


def week_units(pdf: PdfDocument, w: WeekData) -> None:
    """Landscape, one page for a typical CSM: the seven days, then three short lists, then who needs a call."""
    iso = w.start.isocalendar()
    dates = f"· {w.start.day} {w.start:%b} – {long_date(w.end)}"
    pdf.add(pdf.paragraph(f"<b>My week {iso[1]}</b> {span(dates, MUTED)}", size=14, space_before=0))
    counts = (f"{len(w.due)} run{'s' if len(w.due) != 1 else ''} due · {len(w.overdue)} overdue · "
              f"{len(w.talks)} check-in{'s' if len(w.talks) != 1 else ''} · {len(w.troubles)} open obstacle"
              f"{'s' if len(w.troubles) != 1 else ''} · {len(w.races)} race{'s' if len(w.races) != 1 else ''} "
              f"in the next {RACE_HORIZON} days")
    pdf.add(pdf.paragraph(span(esc(counts), MUTED), size=8.5, space_before=1))

    # the seven days: runs to tick off, then the check-ins of the day
    days = [w.start + timedelta(days=i) for i in range(7)]
    heads, cells = [], []
    for day in days:
        heads.append(f"{day:%a} {short_date(day)}" + (" · today" if day == w.today else ""))
        items = []
        for d in (d for d in w.due if d.day == day):
            box = "☑" if d.status == MilestoneStatus.DONE else "☐"  # printed, to tick off by hand
            items.append(f"{box} <b>{esc(d.account)}</b><br/>{esc(d.title)} "
                         f"{span(esc(label(d.run_type)), RUN[d.run_type], True)}")
        items += [f"☎ {span(esc(t.kind), MUTED)} <b>{esc(t.account)}</b>" for t in w.talks if t.day == day]
        shown = items[:PER_DAY]
        cells.append(_lines(shown) + _more(len(items) - len(shown), "items") if items else span("—", MUTED))
    pdf.add(pdf.heading("Due this week and check-ins", 2))
    pdf.add(pdf.columns(cells, size=6.8, heads=heads, shade=[d == w.today for d in days]))

    # three short lists side by side
    overdue = [f"☐ {span(short_date(d.day), MISSED)} <b>{esc(d.account)}</b> {esc(d.title)}" for d in w.overdue[:CAP]]
    colors = {Severity.CRITICAL: MISSED, Severity.HIGH: MISSED.darker(120)}
    troubles = [f"{span(esc(label(t.severity)), colors.get(t.severity, MUTED), True)} <b>{esc(t.account)}</b> "
                f"{esc(t.title)}" for t in w.troubles[:TROUBLES]]
    races = [f"{span(short_date(r.day) + f' ({(r.day - w.today).days} d)', MUTED)} <b>{esc(r.account)}</b> "
             f"{esc(r.arr)}" + ("" if r.health is None else f" · health {r.health}") for r in w.races[:CAP]]
    lists = [
        (_lines(overdue) + _more(len(w.overdue) - CAP, "overdue runs")) or span("Nothing overdue.", MUTED),
        (_lines(troubles) + _more(len(w.troubles) - TROUBLES, "open obstacles")) or span("No open obstacles.", MUTED),
        (_lines(races) + _more(len(w.races) - CAP, "races")) or span(f"No renewals in {RACE_HORIZON} days.", MUTED),
    ]
    pdf.add(pdf.columns(lists, size=6.8, heads=["Overdue", "Open obstacles by severity",
                                               f"Races in the next {RACE_HORIZON} days"]))

    quiet = ", ".join(
        f"<b>{esc(s.account)}</b> {span('(never)' if s.last is None else f'({(w.today - s.last).days} d)', MUTED)}"
        for s in w.silent[:CAP * 3]) + _more(len(w.silent) - CAP * 3, "accounts")
    pdf.add(pdf.heading(f"No check-in for {QUIET_DAYS} days or more", 2))
    pdf.add(pdf.paragraph(quiet or span("Every account had a check-in in the last two weeks.", MUTED),
                          size=6.8, space_before=1))


def export_week(
    db: Database, start: date, out: Path | str, *, today: date, paper: QPageSize.PageSizeId | None = None,
    progress: Callable[[int, int], None] | None = None,
) -> Exported:
    """Write the week starting `start` as a PDF (whole or not at all)."""
    with db.session() as session:
        data = collect_week(session, start, today)
    fonts.family()
    iso = start.isocalendar()
    out = Path(out).expanduser().absolute()
    with write_pdf(out, f"My week {iso[0]}-W{iso[1]:02d}", "csplanner · My week", today, paper=paper,
                   landscape=True) as pdf:
        week_units(pdf, data)
        pages = pdf.render(progress)
    return Exported(out, pages)
