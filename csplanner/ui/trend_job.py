"""At start: write this week's health scores and fill missing past weeks, one step per event-loop turn."""

from PySide6.QtCore import QObject, QTimer

from csplanner.core import changes, trend_job
from csplanner.core.errors import DomainError
from csplanner.ui.context import AppContext


def start(ctx: AppContext, owner: QObject) -> None:
    """Run the steps after the window is up; stops quietly if `owner` is gone or the file is read-only."""
    steps = trend_job.steps(ctx.db, ctx.today())

    def step() -> None:
        work = steps.pop(0)
        try:
            added = work()
        except DomainError:  # the trend waits for the next start
            return
        if added:
            ctx.bus.announce(changes.TREND)  # trend charts redraw
        if steps:
            QTimer.singleShot(0, owner, step)  # dropped if the owner is gone

    QTimer.singleShot(0, owner, step)
