"""The week plan PDF: My week across all accounts, on one page for a typical book of business.

The data is core.week's `week_plan`, the same the My week screen shows.
"""

import re
from collections.abc import Callable
from datetime import date
from pathlib import Path

from PySide6.QtGui import QPageSize

from csplanner.core import calendar, read
from csplanner.core.db import Database
from csplanner.core.enums import MilestoneStatus
from csplanner.core.present import date_range, day_short, money, more, plural, value_label
from csplanner.core.errors import DomainError
from csplanner.core.week import QUIET_DAYS, RACE_HORIZON_DAYS, WeekPlan
from csplanner.export import fonts
from csplanner.export.account_plan import Exported, span
from csplanner.export.pdf_document import MUTED, PdfDocument, esc, write_pdf
from csplanner.export.qcolors import MISSED, RUN, SEVERITY, band_color

CAP = 10  # rows per list on paper; the rest are counted ("+ 8 more")
PER_DAY = 7  # items per day on paper (a busy day says "+ 5 more items")
TROUBLES = 8  # open obstacles on paper, the most severe first


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


def _more(hidden: int, word: str) -> str:
    return f"<br/>{span(more(hidden, word), MUTED)}" if hidden > 0 else ""


def _lines(items: list[str]) -> str:
    return "<br/>".join(items)


def week_units(pdf: PdfDocument, w: WeekPlan) -> None:
    """Landscape, one page for a typical CSM: the seven days, then three short lists, then who needs a call."""
    iso = w.week_start.isocalendar()
    dates = f"· {date_range(w.week_start, w.week_end)}"
    pdf.add(pdf.paragraph(f"<b>My week {iso[1]}</b> {span(esc(dates), MUTED)}", size=14, space_before=0))
    counts = (f"{plural(w.due_count(), 'run')} due · {len(w.overdue)} overdue · "
              f"{plural(len(w.checkins), 'check-in')} planned · {plural(len(w.obstacles), 'open obstacle')} · "
              f"{plural(len(w.races), 'race')} in the next {RACE_HORIZON_DAYS} days")
    pdf.add(pdf.paragraph(span(esc(counts), MUTED), size=8.5, space_before=1))

    # the seven days: runs to tick off, then the check-ins of the day
    heads, cells = [], []
    for day, runs in w.days:
        heads.append(day_short(day) + (" · today" if day == w.today else ""))
        items = []
        for r in runs:
            box = "☑" if r.status == MilestoneStatus.DONE else "☐"  # printed, to tick off by hand
            items.append(f"{box} <b>{esc(r.account_name)}</b><br/>{esc(r.title)} "
                         f"{span(esc(value_label(r.run_type)), RUN[r.run_type], True)}")
        items += [f"☎ {span(esc(value_label(c.kind)), MUTED)} <b>{esc(c.account_name)}</b>"
                  for c in w.checkins if c.held_on == day]
        shown = items[:PER_DAY]
        cells.append(_lines(shown) + _more(len(items) - len(shown), "item") if items else span("—", MUTED))
    pdf.add(pdf.heading("Due this week and check-ins", 2))
    pdf.add(pdf.columns(cells, size=6.8, heads=heads, shade=[day == w.today for day, _ in w.days]))

    # three short lists side by side
    overdue = [f"☐ {span(day_short(m.planned_on), MISSED)} <b>{esc(m.account_name)}</b> {esc(m.title)}"
               for m in w.overdue[:CAP]]
    troubles = [f"{span(esc(value_label(o.severity)), SEVERITY[o.severity], True)} <b>{esc(o.account_name)}</b> "
                f"{esc(o.title)}" for o in w.obstacles[:TROUBLES]]
    races = [f"{span(f'{day_short(r.race_day)} ({r.days_to_race} d)', MUTED)} <b>{esc(r.account_name)}</b> "
             f"{esc(money(r.arr_minor, r.currency))} · health "
             + span(str(r.health), band_color(r.health), True)
             for r in w.races[:CAP]]
    lists = [
        (_lines(overdue) + _more(len(w.overdue) - CAP, "overdue run")) or span("Nothing overdue.", MUTED),
        (_lines(troubles) + _more(len(w.obstacles) - TROUBLES, "open obstacle")) or span("No open obstacles.", MUTED),
        (_lines(races) + _more(len(w.races) - CAP, "race"))
        or span(f"No renewals in {RACE_HORIZON_DAYS} days.", MUTED),
    ]
    pdf.add(pdf.columns(lists, size=6.8, heads=["Overdue", "Open obstacles by severity",
                                               f"Races in the next {RACE_HORIZON_DAYS} days"]))

    quiet = ", ".join(
        f"<b>{esc(q.account_name)}</b> {span('(never)' if q.days_since is None else f'({q.days_since} d)', MUTED)}"
        for q in w.missed_training[:CAP * 3]) + _more(len(w.missed_training) - CAP * 3, "account")
    pdf.add(pdf.heading(f"Missed training: no check-in for {QUIET_DAYS} days or more", 2))
    pdf.add(pdf.paragraph(quiet or span("Every account had a check-in in the last two weeks.", MUTED),
                          size=6.8, space_before=1))


def export_week(
    db: Database, start: date, out: Path | str, *, today: date, paper: QPageSize.PageSizeId | None = None,
    progress: Callable[[int, int], None] | None = None,
) -> Exported:
    """Write the week starting `start` as a PDF (whole or not at all)."""
    data = read.week_plan(db, start, today)
    fonts.family()
    iso = start.isocalendar()
    out = Path(out).expanduser().absolute()
    with write_pdf(out, f"My week {iso[0]}-W{iso[1]:02d}", "csplanner · My week", today, paper=paper,
                   landscape=True, protect=db.path) as pdf:
        week_units(pdf, data)
        pages = pdf.render(progress)
    return Exported(out, pages)
