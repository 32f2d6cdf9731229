"""How fast health and My week are on a demo book of 500 and 5000 accounts.

Prints, for each size: health_many over every account (what the accounts list sorts by), one
account_health (the overview panel), snapshot_week (run at every start), the first backfill
(11 past weeks reconstructed a week per step, first start only; the longest step is how long
the window can stall) and a second one (every later start), week_plan,
and the My week view: first build and a redraw after ticking a run. Budget: an interactive
step under 100 ms feels instant; under 300 ms is fine for a screen switch.

    .venv/bin/python bench/bench_health.py [--sizes 500 5000]
"""

import argparse
import os
import statistics
import tempfile
import time
from collections.abc import Callable
from datetime import date
from pathlib import Path

os.environ.setdefault("QT_QPA_PLATFORM", "offscreen")
os.environ.setdefault("CSPLANNER_HOME", tempfile.mkdtemp(prefix="csplanner-bench-home-"))

from PySide6.QtWidgets import QApplication  # noqa: E402

from csplanner import demo  # noqa: E402
from csplanner.core import health, week  # noqa: E402
from csplanner.core.db import open_database  # noqa: E402

TODAY = date(2026, 11, 25)
MONDAY = date(2026, 11, 23)


def timed(fn: Callable[[], object], repeat: int = 5) -> tuple[float, object]:
    """Median seconds over `repeat` runs, and the last result."""
    times, result = [], None
    for _ in range(repeat):
        t0 = time.perf_counter()
        result = fn()
        times.append(time.perf_counter() - t0)
    return statistics.median(times), result


def ms(seconds: float) -> str:
    return f"{seconds * 1000:8.1f} ms"


def bench(size: int, folder: Path) -> None:
    from csplanner.app import make_context
    from csplanner.ui.my_week import MyWeekView

    path = folder / f"demo-{size}.sqlite3"
    t0 = time.perf_counter()
    db = open_database(path)
    demo.generate(db, accounts=size, seed=1, today=TODAY)
    print(f"\n-- {size} accounts (demo written in {time.perf_counter() - t0:.1f} s)")

    with db.session() as s:
        t, scores = timed(lambda: health.health_many(s, None, TODAY))
        print(f"health_many, every account        {ms(t)}  ({len(scores)} scores)")  # type: ignore[arg-type]
        some = sorted(scores)[:200]  # type: ignore[arg-type]
        t, _ = timed(lambda: health.health_many(s, some, TODAY))
        print(f"health_many, 200 ids              {ms(t)}")
        t, _ = timed(lambda: health.account_health(s, some[0], TODAY), repeat=21)
        print(f"account_health, one account       {ms(t)}")
        t, plan = timed(lambda: week.week_plan(s, MONDAY, TODAY))
        print(f"week_plan                         {ms(t)}  ({plan.due_count()} runs due, "  # type: ignore[union-attr]
              f"{len(plan.overdue)} overdue, {len(plan.obstacles)} obstacles, "  # type: ignore[union-attr]
              f"{len(plan.missed_training)} missed training)")  # type: ignore[union-attr]
    steps, added = [], 0
    for back in range(1, health.TREND_WEEKS):  # as the app does it: one short unit of work per week
        t0 = time.perf_counter()
        with db.session() as s:
            added += health.backfill_week(s, TODAY, back)
        steps.append(time.perf_counter() - t0)
    print(f"backfill, first start (11 weeks)  {ms(sum(steps))}  ({added} scores added; "
          f"longest step {max(steps) * 1000:.0f} ms)")
    with db.session() as s:
        t0 = time.perf_counter()
        health.backfill(s, TODAY)
        print(f"backfill, later starts            {ms(time.perf_counter() - t0)}")
    with db.session() as s:
        t, n = timed(lambda: health.snapshot_week(s, TODAY), repeat=3)
        print(f"snapshot_week                     {ms(t)}  ({n} upserted)")

    ctx = make_context(db)
    ctx.today = lambda: TODAY
    t0 = time.perf_counter()
    view = MyWeekView(ctx)
    view.resize(1300, 900)
    view.show()
    QApplication.processEvents()
    print(f"My week: construct and show      {ms(time.perf_counter() - t0)}  (snapshot steps run after)")
    t, _ = timed(lambda: (view.refresh(), QApplication.processEvents()))
    print(f"My week: redraw after an edit     {ms(t)}")
    t, _ = timed(lambda: (view.go(1), QApplication.processEvents()))
    print(f"My week: next week                {ms(t)}")
    view.close()
    view.deleteLater()
    QApplication.processEvents()
    db.dispose()


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--sizes", type=int, nargs="+", default=[500, 5000])
    args = parser.parse_args()
    _app = QApplication.instance() or QApplication([])
    with tempfile.TemporaryDirectory(prefix="csplanner-bench-") as folder:
        for size in args.sizes:
            bench(size, Path(folder))


if __name__ == "__main__":
    main()
