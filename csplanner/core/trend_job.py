"""Keeping the weekly health trend: this week's scores, then the missing past weeks.

Each step is its own short unit of work, so the app can run them one at a time between
repaints and a big book never freezes the window.
"""

from collections.abc import Callable
from datetime import date

from sqlalchemy.exc import SQLAlchemyError

from csplanner.core import health
from csplanner.core.db import Database
from csplanner.core.errors import DomainError

Step = Callable[[], int]


def steps(db: Database, today: date) -> list[Step]:
    """The steps in order; each returns how many weekly scores it wrote."""
    def step(work: Callable) -> Step:  # type: ignore[type-arg]
        def run() -> int:
            try:
                with db.session() as s:
                    return int(work(s))
            except SQLAlchemyError as exc:  # a read-only or busy file: the trend waits for the next start
                raise DomainError(f"The health trend could not be saved: {exc}.") from exc
        return run

    out = [step(lambda s: health.snapshot_week(s, today))]
    out += [step(lambda s, back=back: health.backfill_week(s, today, back)) for back in range(1, health.TREND_WEEKS)]
    return out
