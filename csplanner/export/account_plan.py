"""The account plan PDF: the whole training plan of one account, for the customer or internal."""

from collections.abc import Callable
from dataclasses import dataclass
from datetime import date
from pathlib import Path

from PySide6.QtCore import QLocale, QRectF
from PySide6.QtGui import QColor, QPageSize, QPainter, QPen

from csplanner.core.db import Database
from csplanner.core import read
from csplanner.core.enums import MilestoneStatus, NoteKind, RunType
from csplanner.core.present import date_long, money, sentiment_label
from csplanner.core.present import value_label as label
from csplanner.export import fonts
from csplanner.export.audience import Audience, for_audience
from csplanner.export.calendar_grid import PrintedCalendar, weeks_to_print
from csplanner.export.pdf_document import (
    ACCENT,
    MUTED,
    RULE,
    Column,
    PdfDocument,
    Unit,
    draw_doc,
    esc,
    write_pdf,
)
from csplanner.core.plan_data import PlanData, PlanHealth
from csplanner.export.plan_sections import (
    customer_runs_section,
    forecast_section,
    next_steps_section,
    seasons_section,
    span,
)
from csplanner.export.qcolors import DONE, MISSED, RUN, SKIPPED, band_color

STATUS_COLOR = {MilestoneStatus.DONE: DONE, MilestoneStatus.MISSED: MISSED,
                MilestoneStatus.SKIPPED: SKIPPED, MilestoneStatus.PLANNED: ACCENT}


@dataclass(frozen=True)
class Exported:
    path: Path
    pages: int


def status_html(status: MilestoneStatus, done_on: date | None, overdue: bool) -> str:
    if overdue:
        return span("Overdue", MISSED, bold=True)
    text = label(status) + (f" {date_long(done_on)}" if done_on else "")
    return span(esc(text), STATUS_COLOR[status], bold=status == MilestoneStatus.DONE)


def account_plan_units(pdf: PdfDocument, data: PlanData, audience: Audience) -> None:
    """Add every section of the plan; internal sections only when the data holds them."""
    internal = audience == Audience.INTERNAL
    title_block(pdf, data, audience)
    if data.health is not None:
        health_section(pdf, data.health)
    elif internal:
        pdf.add(pdf.heading("Health (form)"), pdf.note("Health is not available in this version."))
    if data.seasons is not None:
        seasons_section(pdf, data)
    if internal:
        forecast_section(pdf, data)

    pdf.add(pdf.heading("Goal and success criteria"))
    pdf.add(pdf.heading("What they are working towards", 2),
            *pdf.paragraphs(esc(data.goal) or "<i>No goal written down yet.</i>"))
    pdf.add(pdf.heading("Success criteria", 2),
            *pdf.paragraphs(esc(data.success_criteria) or "<i>No success criteria agreed yet.</i>"))

    people_section(pdf, data, internal)
    if data.notes is not None:
        discovery_section(pdf, data)

    pdf.add(pdf.heading("Training calendar"))
    if weeks_to_print(data.calendar):
        grid = PrintedCalendar(pdf, data.calendar, show_obstacles=data.obstacles is not None, plain=not internal)
        pdf.add(*grid.units())
    else:
        pdf.add(pdf.note("Nothing to draw yet: the calendar needs a kickoff and a race day, or some runs."))

    if internal:
        runs_section(pdf, data, internal)
    else:
        customer_runs_section(pdf, data)
    if data.obstacles is not None:
        obstacles_section(pdf, data)
    if data.checkins is not None:
        checkins_section(pdf, data)
    next_steps_section(pdf, data, runs_listed=not internal)


def title_block(pdf: PdfDocument, data: PlanData, audience: Audience) -> None:
    pt = pdf.pt
    name_doc = pdf.doc(esc(data.name), pdf.width, 20, bold=True)
    kind = "Internal account plan" if audience == Audience.INTERNAL else f"Account plan prepared for {esc(data.name)}"
    sub_doc = pdf.doc(span(kind, MUTED), pdf.width, 9.5)
    facts = [("Race day (renewal)", date_long(data.race_day, "not set")),
             ("Countdown", data.countdown),
             ("Contract signed", date_long(data.contract_signed, "—")),
             ("Kickoff", date_long(data.kickoff, "—"))]
    if data.stage is not None:
        facts.append(("Stage (LAER)", label(data.stage)))
    if data.arr_minor is not None:
        facts.append(("ARR", money(data.arr_minor, data.currency)))
    if data.seasons and len(data.seasons) > 1:
        facts.append(("Season", data.seasons[-1].summary()))
    if data.forecast is not None:
        facts.append(("Forecast", f"{label(data.forecast.outcome)} · {money(data.forecast.arr_minor, data.currency)}"
                                  f" · {label(data.forecast.confidence).lower()} confidence"))
    if data.segment:
        facts.append(("Segment", data.segment))
    if data.regions:
        facts.append(("Regions", data.regions))
    if data.health is not None:
        facts.append(("Health (form)", f"{data.health.score} / 100"))
    cols = 3
    cell_w = pdf.width / cols
    cells = [pdf.doc(f'{span(esc(k), MUTED)}<br/><b>{esc(v)}</b>', cell_w - pt(8), 9) for k, v in facts]
    rows = [cells[i:i + cols] for i in range(0, len(cells), cols)]
    row_h = [max(c.size().height() for c in row) + pt(6) for row in rows]
    top_h = name_doc.size().height() + sub_doc.size().height() + pt(8)
    race_soon = data.race_day is not None and 0 <= (data.race_day - data.today).days <= 120

    def draw(p: QPainter, r: QRectF) -> None:
        p.fillRect(QRectF(r.x(), r.y(), pt(4), top_h - pt(4)), RUN[RunType.RACE] if race_soon else ACCENT)
        draw_doc(p, name_doc, r.x() + pt(10), r.y())
        draw_doc(p, sub_doc, r.x() + pt(10), r.y() + name_doc.size().height() + pt(1))
        y = r.y() + top_h
        p.setPen(QPen(RULE, pt(0.5)))
        p.setBrush(QColor("#f7f8fa"))
        p.drawRoundedRect(QRectF(r.x(), y, pdf.width, sum(row_h) + pt(4)), pt(3), pt(3))
        y += pt(4)
        for row, h in zip(rows, row_h, strict=True):
            for i, cell in enumerate(row):
                draw_doc(p, cell, r.x() + i * cell_w + pt(8), y)
            y += h

    pdf.add(Unit(top_h + sum(row_h) + pt(6), draw))


def health_section(pdf: PdfDocument, health: PlanHealth) -> None:
    pdf.add(pdf.heading("Health (form)"))
    worst = f" The part that drags it down most: <b>{esc(health.weakest)}</b>." if health.weakest else ""
    pdf.add(pdf.paragraph(f"Score {span(f'{health.score} / 100', band_color(health.score), True)}.{worst}"))
    rows = [[esc(p.name), f"{p.score}", f"{p.weight:.0%}" if p.weight <= 1 else f"{p.weight:g}", esc(p.explanation)]
            for p in health.parts]
    pdf.add(*pdf.table([Column("Part", 2.2), Column("Score", 0.8, True), Column("Weight", 0.8, True),
                        Column("Why", 6)], rows, shade_rows=[p.name == health.weakest for p in health.parts]))


def people_section(pdf: PdfDocument, data: PlanData, internal: bool) -> None:
    if not pdf.section("Stakeholders", data.people, "No stakeholders recorded yet."):
        return
    if internal:
        cols = [Column("Name", 2.2), Column("Title", 2.2), Column("Role", 1.6), Column("Email", 2.6),
                Column("Location", 1.5), Column("Status", 1.4)]
        rows = [[f"<b>{esc(p.name)}</b>", esc(p.title), esc(label(p.role)), esc(p.email), esc(p.location),
                 span(f"Left {date_long(p.left_on)}", MISSED, True) if p.left_on else "Active"]
                for p in data.people]
        pdf.add(*pdf.table(cols, rows, shade_rows=[p.left_on is not None for p in data.people]))
    else:
        rows = [[f"<b>{esc(p.name)}</b>", esc(p.title), esc(label(p.role))] for p in data.people]
        pdf.add(*pdf.table([Column("Name", 3), Column("Title", 3), Column("Role", 2)], rows))


def discovery_section(pdf: PdfDocument, data: PlanData) -> None:
    if not pdf.section("Discovery summary", data.notes, "No discovery notes yet."):
        return
    assert data.notes is not None
    for kind in NoteKind:
        notes = [n for n in data.notes if n.kind == kind]
        if not notes:
            continue
        pdf.add(pdf.heading(label(kind), 2))
        for n in notes:
            pdf.add(*pdf.paragraphs(f"{span(date_long(n.noted_on), MUTED)} &nbsp; {esc(n.text)}", space_before=2))


def runs_section(pdf: PdfDocument, data: PlanData, internal: bool) -> None:
    if not pdf.section("Milestones", data.runs, "No milestones planned yet."):
        return
    done = sum(r.status == MilestoneStatus.DONE for r in data.runs)
    pdf.add(pdf.paragraph(span(f"{len(data.runs)} milestones · {done} done", MUTED), size=8.5, space_before=0))
    rows = []
    for r in data.runs:
        what = f"<b>{esc(r.title)}</b><br/>{span(esc(f'{label(r.phase)} · {label(r.team)}'), MUTED)}"
        if not r.shared:
            what += " " + span("· internal, not on the customer's plan", MUTED)
        outcome = esc(r.outcome)
        if internal and r.notes:
            outcome += ("<br/>" if outcome else "") + span(f"Notes: {esc(r.notes)}", MUTED)
        run = span(esc(label(r.run_type)), RUN[r.run_type], bold=True)
        rows.append([esc(date_long(r.planned_on)), what, run, status_html(r.status, r.done_on, r.overdue), outcome])
    cols = [Column("Planned", 1.35), Column("Milestone", 3.5), Column("Run", 1.1), Column("Status", 1.4),
            Column("Outcome — what changed for the customer", 4.1)]
    pdf.add(*pdf.table(cols, rows))


def obstacles_section(pdf: PdfDocument, data: PlanData) -> None:
    if not pdf.section("Obstacles and mitigation", data.obstacles, "No obstacles recorded: clear skies so far."):
        return
    assert data.obstacles is not None
    rows = []
    for o in data.obstacles:
        when = f"{date_long(o.opened_on)}<br/>" + (
            span(f"resolved {date_long(o.resolved_on)}", DONE) if o.resolved_on else span("open", MISSED, True))
        what = f"<b>{esc(o.title)}</b><br/>{span(esc(f'{label(o.kind)} · {label(o.severity)}'), MUTED)}"
        if o.hurts:
            what += "<br/>" + span("Hurts: " + esc(", ".join(o.hurts)), MUTED)
        rows.append([when, what, esc(o.mitigation) or span("no mitigation yet", MISSED)])
    pdf.add(*pdf.table([Column("Opened", 1.5), Column("Obstacle", 4), Column("Mitigation", 4.5)], rows,
                       shade_rows=[o.resolved_on is None for o in data.obstacles]))


def checkins_section(pdf: PdfDocument, data: PlanData) -> None:
    if not pdf.section("Recent check-ins", data.checkins, "No check-ins held yet."):
        return
    assert data.checkins is not None
    colors = {-1: MISSED, 0: MUTED, 1: DONE}
    rows = [[esc(date_long(c.held_on)), esc(label(c.kind)),
             span(sentiment_label(c.sentiment) or "not logged",
                  colors.get(c.sentiment if c.sentiment is not None else 0, MUTED), True),
             esc(c.summary), esc(c.next_steps)] for c in data.checkins]
    pdf.add(*pdf.table([Column("Date", 1.4), Column("Kind", 1), Column("Sentiment", 1.1),
                        Column("Summary", 4), Column("Next steps", 3)], rows))


def export_account_plan(
    db: Database, account_id: int, out: Path | str, *, today: date,
    audience: Audience = Audience.INTERNAL, paper: QPageSize.PageSizeId | None = None,
    first_weekday: int | None = None, progress: Callable[[int, int], None] | None = None,
) -> Exported:
    """Write one account's plan as a PDF (whole or not at all); returns the path and page count.

    Weeks start on `first_weekday` (0 = Monday), by default the locale's first day, as in the app.
    """
    if first_weekday is None:
        first_weekday = QLocale().firstDayOfWeek().value - 1  # Qt: 1 = Monday … 7 = Sunday
    data = for_audience(read.plan_data(db, account_id, today, first_weekday), audience)
    fonts.family()
    title = f"{data.name} — account plan" + (" (internal)" if audience == Audience.INTERNAL else "")
    right = "Internal — do not forward" if audience == Audience.INTERNAL else f"Prepared for {data.name}"
    out = Path(out).expanduser().absolute()
    with write_pdf(out, title, right, today, paper=paper, protect=db.path) as pdf:
        account_plan_units(pdf, data, audience)
        pages = pdf.render(progress)
    return Exported(out, pages)


def account_id_by_name(db: Database, name: str) -> int:
    return read.account_id_by_name(db, name)

