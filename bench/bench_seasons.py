"""How fast the race-day read-models are on a demo book of 500 and 5000 accounts.

Prints, for each size: the Forecast view's roll-up by quarter, the checkpoints waiting for a
forecast and the race days waiting for a result (both drawn on My week), one account's season
panel, and the accounts list's health pass for comparison (the baseline: the list already pays
it at every reload). Budget: an interactive step under 100 ms feels instant.

    .venv/bin/python bench/bench_seasons.py [--sizes 500 5000]
"""

import argparse
import os
import statistics
import tempfile
import time
from collections.abc import Callable
from datetime import date, timedelta
from pathlib import Path

os.environ.setdefault("CSPLANNER_HOME", tempfile.mkdtemp(prefix="csplanner-bench-home-"))

from figures import demo_book, show  # noqa: E402
from sqlmodel import select  # noqa: E402

from csplanner.core import health, season_views  # noqa: E402
from csplanner.core.models import Account  # noqa: E402
from csplanner.core.services import forecasts  # noqa: E402

TODAY = date(2026, 11, 25)
BUDGET = 0.100


def timed(fn: Callable[[], object], repeat: int = 5) -> float:
    times = []
    for _ in range(repeat):
        t0 = time.perf_counter()
        fn()
        times.append(time.perf_counter() - t0)
    return statistics.median(times)


def line(figure: str, name: str, seconds: float, baseline: float | None = None) -> None:
    show(figure, name, seconds * 1000, None if baseline is None else baseline * 1000, floor_label="health",
         goal=f"<= {BUDGET * 1000:.0f} ms")


def bench(size: int, folder: Path, book: Path | None = None) -> None:
    db = demo_book(folder / f"demo-{size}.sqlite3", size, TODAY, book)
    with db.session() as s:  # a forecast on every third account renewing in the next year
        ids = s.exec(select(Account.id).where(Account.renewal >= TODAY,
                                              Account.renewal <= TODAY + timedelta(days=365))).all()
        for i, aid in enumerate(ids[::3]):
            forecasts.create(s, account_id=aid, taken_on=TODAY - timedelta(days=i % 60),
                             outcome=("renew", "expand", "contract", "churn")[i % 4], arr_minor=100_000)
        one = ids[0]
    print(f"\n-- {size} accounts ({len(ids[::3])} forecasts)")
    with db.session() as s:
        base = timed(lambda: health.health_many(s, None, TODAY))
    print(f"  (floor: health of every account, {base * 1000:.1f} ms, what the accounts list pays at every reload)")
    line(f"seasons_rollup_ms_{size}", "forecast roll-up, 4 quarters", timed(lambda: season_views.rollup(db, TODAY)), base)
    line(f"seasons_checkpoints_ms_{size}", "checkpoints waiting for a forecast",
         timed(lambda: season_views.checkpoints_due(db, TODAY)), base)
    line(f"seasons_results_due_ms_{size}", "race days waiting for a result",
         timed(lambda: season_views.results_due(db, TODAY)), base)
    line(f"seasons_panel_ms_{size}", "one account's season panel",
         timed(lambda: season_views.account_season(db, one, TODAY)), base)
    db.dispose()


def main() -> None:
    parser = argparse.ArgumentParser()
    parser.add_argument("--sizes", type=int, nargs="+", default=[500, 5000])
    parser.add_argument("--book", type=Path, help="a demo book to copy instead of writing one (its size: --sizes)")
    args = parser.parse_args()
    with tempfile.TemporaryDirectory() as folder:
        for size in args.sizes:
            bench(size, Path(folder), args.book)


if __name__ == "__main__":
    main()
