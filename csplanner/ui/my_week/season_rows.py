"""My week's race-day sections: race days that need a result, forecasts due at the renewal
checkpoints, and open next steps (each with its owner and due date, ticked off here)."""

from collections.abc import Callable
from datetime import date

from PySide6.QtWidgets import QMessageBox, QWidget

from csplanner.core import season_views
from csplanner.core.present import date_long, date_short, plural
from csplanner.core.services.forecasts import CheckpointDue
from csplanner.core.services.next_steps import StepRow
from csplanner.core.services.seasons import ResultDue
from csplanner.export.qcolors import MISSED
from csplanner.ui import checkpoints, operations
from csplanner.ui.a11y import TickBox
from csplanner.ui.context import AppContext
from csplanner.ui.forecast_dialog import ForecastDialog
from csplanner.ui.my_week import rows as r
from csplanner.ui.race_result import RaceResultDialog


class SeasonSections:
    """Builds the three sections for one page with the view's own `fill(section, key, items,
    row, nothing)`, which caps the rows and adds "Show all N"."""

    def __init__(self, view: QWidget, ctx: AppContext, open_account: Callable[[int], None],
                 fill: Callable[..., r.Section]) -> None:
        self.view, self.ctx, self.open, self.fill = view, ctx, open_account, fill

    def owner(self) -> str | None:
        """My week's "My accounts" (the user's and the unassigned), or None for everyone's."""
        return getattr(self.view, "owner", None)

    def results(self, today: date, due: list[ResultDue] | None = None) -> QWidget:
        """Race days that need a result (`due`: as read already, else read here)."""
        if due is None:
            due = season_views.results_due(self.ctx.db, today, owner=self.owner())
        title = plural(len(due), "race day needs a result", "race days need a result") if due else \
            "Race days that need a result"
        section = r.Section(title, None, accent=MISSED if due else None)
        section.setObjectName("results-due")

        def row(d: ResultDue) -> QWidget:
            return r.Row(r.ink(r.plain(f"{d.days_ago} d ago"), MISSED),
                         r.AccountLink(d.account_id, d.account_name, self.open),
                         r.plain(f"race day {date_long(d.race_day)}", wrap=True, muted=True),
                         r.small_button("Record result…", f"Record how race day went for {d.account_name}",
                                        lambda: RaceResultDialog.ask(self.view, self.ctx, d.account_id)),
                         key=("result", d.account_id))

        return self.fill(section, "results", due, row, "Every race day that has passed has its result.")

    def forecasts(self, today: date, due: list[CheckpointDue] | None = None) -> QWidget:
        """Forecasts due at the checkpoints (`due`: as read already, else read here)."""
        weeks = checkpoints.weeks(self.ctx)
        if due is None:
            due = season_views.checkpoints_due(self.ctx.db, today, weeks, owner=self.owner())
        marks = " and ".join(f"T−{w}" for w in weeks)
        section = r.Section(f"Forecasts due ({marks} weeks)", len(due))
        section.setObjectName("forecasts-due")

        def row(c: CheckpointDue) -> QWidget:
            return r.Row(r.plain(f"T−{c.weeks}"), r.AccountLink(c.account_id, c.account_name, self.open),
                         r.plain(f"race day {date_long(c.race_day)}", wrap=True, muted=True),
                         r.small_button("Forecast…", f"Take the T−{c.weeks} forecast for {c.account_name}",
                                        lambda: ForecastDialog.ask(self.view, self.ctx, c.account_id, weeks)),
                         key=("forecast", c.account_id))

        return self.fill(section, "forecasts", due, row, "No checkpoint is waiting for a forecast.")

    def steps(self, today: date, week_end: date, steps: list[StepRow] | None = None) -> QWidget:
        """Open next steps due by the week's end (`steps`: as read already, else read here)."""
        if steps is None:
            steps = season_views.open_steps(self.ctx.db, today, until=week_end, owner=self.owner())
        section = r.Section("Open next steps", len(steps))
        section.setObjectName("next-steps")

        def row(s: StepRow) -> QWidget:
            box = TickBox()
            box.setAccessibleName(f"Done: {s.text}")
            box.setToolTip("Done: tick it off (Edit → Undo takes it back)")
            box.toggled.connect(lambda on: self.tick(s.id, on, s.text))
            when = r.plain(date_short(s.due_on) if s.due_on else "no date", muted=s.due_on is None)
            if s.overdue:
                r.ink(when, MISSED)
            return r.Row(box, when, r.AccountLink(s.account_id, s.account_name, self.open),
                         r.plain(f"{s.text} — {s.owner_name}", wrap=True), key=("step", s.id))

        return self.fill(section, "steps", steps, row, "No next steps open for this week.")

    def tick(self, step_id: int, done: bool, text: str) -> None:
        error = operations.mark_step(self.ctx, step_id, done, text).error
        if error is not None:
            QMessageBox.warning(self.view, "csplanner", error.message)
