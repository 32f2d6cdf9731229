"""My week's race-day sections: race days that need a result, forecasts due at the renewal
checkpoints, and open next steps (each with its owner and due date, ticked off here)."""

from collections.abc import Callable
from datetime import date

from PySide6.QtWidgets import QCheckBox, QMessageBox, QWidget

from csplanner.core import season_views
from csplanner.ui import checkpoints, operations
from csplanner.ui.context import AppContext
from csplanner.ui.forecast_dialog import ForecastDialog
from csplanner.ui.my_week import rows as r
from csplanner.ui.race_result import RaceResultDialog

LIST_CAP = 8


def plural(n: int, one: str, many: str) -> str:
    return f"{n} {one if n == 1 else many}"


class SeasonSections:
    """Builds the three sections for one page; `more(section, key, total, shown)` and `cap(key)`
    are the view's own 'Show all' helpers."""

    def __init__(self, view: QWidget, ctx: AppContext, open_account: Callable[[int], None],
                 cap: Callable[[str, int], int | None], more: Callable[..., None]) -> None:
        self.view, self.ctx, self.open, self.cap, self.more = view, ctx, open_account, cap, more

    def results(self, today: date) -> QWidget:
        due = season_views.results_due(self.ctx.db, today)
        title = plural(len(due), "race day needs a result", "race days need a result") if due else \
            "Race days that need a result"
        section = r.Section(title, None, accent=r.LATE if due else None)
        section.setObjectName("results-due")
        shown = due[:self.cap("results", LIST_CAP)]
        for d in shown:
            ago = r.plain(f"{d.days_ago} d ago")
            r.tint(ago, r.LATE)
            section.add(r.Row(ago, r.AccountLink(d.account_id, d.account_name, self.open),
                              r.plain(f"race day {d.race_day.day} {d.race_day:%b %Y}", wrap=True, muted=True),
                              r.small_button("Record result…", f"Record how race day went for {d.account_name}",
                                             lambda d=d: RaceResultDialog.ask(self.view, self.ctx, d.account_id)),
                              key=("result", d.account_id)))
        if not due:
            section.nothing("Every race day that has passed has its result.")
        self.more(section, "results", len(due), len(shown))
        return section

    def forecasts(self, today: date) -> QWidget:
        weeks = checkpoints.weeks(self.ctx)
        due = season_views.checkpoints_due(self.ctx.db, today, weeks)
        marks = " and ".join(f"T−{w}" for w in weeks)
        section = r.Section(f"Forecasts due ({marks} weeks)", len(due))
        section.setObjectName("forecasts-due")
        shown = due[:self.cap("forecasts", LIST_CAP)]
        for c in shown:
            section.add(r.Row(r.plain(f"T−{c.weeks}"), r.AccountLink(c.account_id, c.account_name, self.open),
                              r.plain(f"race day {c.race_day.day} {c.race_day:%b %Y}", wrap=True, muted=True),
                              r.small_button("Forecast…", f"Take the T−{c.weeks} forecast for {c.account_name}",
                                             lambda c=c: ForecastDialog.ask(self.view, self.ctx, c.account_id,
                                                                            weeks)),
                              key=("forecast", c.account_id)))
        if not due:
            section.nothing("No checkpoint is waiting for a forecast.")
        self.more(section, "forecasts", len(due), len(shown))
        return section

    def steps(self, today: date, week_end: date) -> QWidget:
        steps = season_views.open_steps(self.ctx.db, today, until=week_end)
        section = r.Section("Open next steps", len(steps))
        section.setObjectName("next-steps")
        shown = steps[:self.cap("steps", LIST_CAP)]
        for s in shown:
            box = QCheckBox()
            box.setToolTip("Done: tick it off (Edit → Undo takes it back)")
            box.toggled.connect(lambda on, s=s: self.tick(s.id, on, s.text))
            when = r.plain(f"{s.due_on.day} {s.due_on:%b}" if s.due_on else "no date", muted=s.due_on is None)
            if s.overdue:
                r.tint(when, r.LATE)
            section.add(r.Row(box, when, r.AccountLink(s.account_id, s.account_name, self.open),
                              r.plain(f"{s.text} — {s.owner_name}", wrap=True), key=("step", s.id)))
        if not steps:
            section.nothing("No next steps open for this week.")
        self.more(section, "steps", len(steps), len(shown))
        return section

    def tick(self, step_id: int, done: bool, text: str) -> None:
        error = operations.mark_step(self.ctx, step_id, done, text).error
        if error is not None:
            QMessageBox.warning(self.view, "csplanner", error.message)
