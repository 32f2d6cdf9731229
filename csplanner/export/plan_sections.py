"""Account plan sections for seasons, the renewal forecast, the customer's milestones and next steps."""

from datetime import date

from PySide6.QtGui import QColor

from csplanner.core.enums import Confidence, ForecastOutcome, MilestoneStatus, SeasonOutcome
from csplanner.core.plan_data import PlanData, upcoming_runs
from csplanner.core.present import date_long, money
from csplanner.core.present import value_label as label
from csplanner.export.pdf_document import MUTED, Column, PdfDocument, esc
from csplanner.core.present import Band
from csplanner.export.qcolors import BAND, DONE, MISSED, RUN, as_text

FORECAST_COLOR = {ForecastOutcome.RENEW: DONE, ForecastOutcome.EXPAND: DONE,
                  ForecastOutcome.CONTRACT: BAND[Band.AMBER], ForecastOutcome.CHURN: MISSED}


def span(text: str, color: QColor, bold: bool = False) -> str:
    """Coloured words on paper: a table hue is written in its readable text variant."""
    weight = "font-weight:bold;" if bold else ""
    return f'<span style="color:{as_text(color).name()};{weight}">{text}</span>'


def seasons_section(pdf: PdfDocument, data: PlanData) -> None:
    """Internal: every season, e.g. 'Season 2 · renewed +18 % ARR'."""
    assert data.seasons is not None
    if len(data.seasons) <= 1 and data.seasons and data.seasons[0].outcome is None:
        return  # a first season still running: the title block says it all
    pdf.add(pdf.heading("Seasons"))
    rows = []
    for s in data.seasons:
        result = esc(s.summary())
        if s.outcome == SeasonOutcome.CHURNED and s.reason_text:
            result += "<br/>" + span(esc(s.reason_text), MUTED)
        end = money(s.arr_result_minor, s.currency) if s.arr_result_minor is not None else ""
        rows.append([f"<b>{s.number}</b>", esc(date_long(s.start)) if s.start else "",
                     esc(date_long(s.race_day)) if s.race_day else "", money(s.arr_start_minor, s.currency), end,
                     result])
    pdf.add(*pdf.table([Column("Season", 0.8), Column("Start", 1.4), Column("Race day", 1.4),
                        Column("ARR at start", 1.6, True), Column("ARR at the result", 1.6, True),
                        Column("Result", 3.4)], rows, shade_rows=[s.outcome is None for s in data.seasons]))


def forecast_section(pdf: PdfDocument, data: PlanData) -> None:
    """Internal: the running season's latest renewal forecast."""
    pdf.add(pdf.heading("Renewal forecast"))
    f = data.forecast
    if f is None:
        pdf.add(pdf.note("No forecast taken this season."))
        return
    when = date_long(f.taken_on) + (f" (T−{f.checkpoint_weeks} weeks checkpoint)" if f.checkpoint_weeks else "")
    sure = {Confidence.LOW: "low", Confidence.MEDIUM: "medium", Confidence.HIGH: "high"}[f.confidence]
    text = (f"{span(esc(label(f.outcome)), FORECAST_COLOR[f.outcome], True)} at "
            f"<b>{money(f.arr_minor, data.currency)}</b>, {sure} confidence · {span(esc(when), MUTED)}")
    pdf.add(pdf.paragraph(text))
    if f.risks:
        pdf.add(*pdf.paragraphs(f"<b>Risks:</b> {esc(f.risks)}", space_before=2))


def customer_runs_section(pdf: PdfDocument, data: PlanData) -> None:
    """The customer's milestones: what is done and what changed for them, then what comes next.
    No status words: what they were never shown cannot be missed."""
    pdf.add(pdf.heading("Milestones"))
    done = [r for r in data.runs if r.status == MilestoneStatus.DONE]
    coming = [r for r in data.runs if r.status == MilestoneStatus.PLANNED and r.planned_on >= data.today]
    if not done and not coming:
        pdf.add(pdf.note("No milestones planned yet."))
        return
    if done:
        pdf.add(pdf.heading("Done: what changed for you", 2))
        rows = [[esc(date_long(r.done_on or r.planned_on)), f"<b>{esc(r.title)}</b>", esc(r.outcome)]
                for r in sorted(done, key=lambda r: r.done_on or r.planned_on)]
        pdf.add(*pdf.table([Column("Done", 1.4), Column("Milestone", 3.6), Column("What changed for you", 5)], rows))
    if coming:
        pdf.add(pdf.heading("Coming up", 2))
        rows = [[esc(date_long(r.planned_on)), f"<b>{esc(r.title)}</b>",
                 span(esc(label(r.run_type)), RUN[r.run_type]), esc(r.outcome)] for r in coming]
        pdf.add(*pdf.table([Column("Date", 1.4), Column("Milestone", 3.6), Column("Run", 1.1),
                            Column("What it will change", 3.9)], rows))


def next_steps_section(pdf: PdfDocument, data: PlanData, *, runs_listed: bool = False) -> None:
    """Open next steps with who and by when, then what is coming up and race day. runs_listed: the
    milestones section already listed the coming runs (the customer's copy): only check-ins here."""
    pdf.add(pdf.heading("Next steps"))
    any_step = False
    if data.steps:
        any_step = True
        rows = [[esc(s.text), esc(s.owner), esc(date_long(s.due_on)) if s.due_on else span("no date", MUTED)]
                for s in data.steps]
        pdf.add(*pdf.table([Column("Next step", 6), Column("Who", 2), Column("By", 1.5)], rows))
    coming = [] if runs_listed else upcoming_runs(data)
    lines = []
    if coming or data.planned_talks:
        items: list[tuple[date, str]] = [
            (r.planned_on, f"<b>{esc(r.title)}</b> {span(esc(label(r.run_type)), RUN[r.run_type])}")
            for r in coming]
        items += [(t.held_on, f"<b>{esc(label(t.kind))}</b> (check-in)") for t in data.planned_talks[:4]]
        lines = [f"{span(date_long(day), MUTED)} &nbsp; {text}" for day, text in sorted(items, key=lambda i: i[0])]
    if data.race_day is not None and data.race_day >= data.today:
        lines.append(f"<b>Race day: {date_long(data.race_day)}</b> — {esc(data.countdown)}.")
    if lines:  # one block: the list and the race day never part across pages
        any_step = True
        title = "Check-ins and race day" if runs_listed else "Coming up"
        pdf.add(pdf.heading(title, 2), pdf.paragraph("<br/>".join(lines), space_before=2))
    if not any_step:
        pdf.add(pdf.note("No next steps recorded."))
