"""Keeping the weekly health trend: this week's scores, then the missing past weeks.

Each step is its own short unit of work, so the app can run them one at a time between
repaints and a big book never freezes the window. A step gives up at its next statement once
`stopping()` turns true (the window is closing): its writes roll back, the next start does it again.
"""

from collections.abc import Callable
from datetime import date
from typing import Any

from sqlalchemy import event
from sqlalchemy.exc import SQLAlchemyError

from csplanner.core import health
from csplanner.core.db import Database
from csplanner.core.errors import DomainError

Step = Callable[[], int]


class Stopped(DomainError):
    """The app is closing: the step was given up half-way and nothing of it was saved."""


def steps(db: Database, today: date, stopping: Callable[[], bool] | None = None) -> list[Step]:
    """The steps in order; each returns how many weekly scores it wrote."""
    def give_up(*_args: Any) -> None:
        if stopping is not None and stopping():
            raise Stopped("The health trend was left for the next start.")

    def step(work: Callable) -> Step:  # type: ignore[type-arg]
        def run() -> int:
            try:
                with db.session() as s:
                    if stopping is not None:  # a step runs for up to a second: closing waits for one statement only
                        event.listen(s.connection(), "before_cursor_execute", give_up)
                    return int(work(s))
            except SQLAlchemyError as exc:  # a read-only or busy file: the trend waits for the next start
                raise DomainError(f"The health trend could not be saved: {exc}.") from exc
        return run

    out = [step(lambda s: health.snapshot_week(s, today))]
    out += [step(lambda s, back=back: health.backfill_week(s, today, back)) for back in range(1, health.TREND_WEEKS)]
    return out
