"""How fast the training calendar is on a demo book of 500 and 5000 accounts.

Prints, for each size: building one account's plan (query + weeks + layout), opening the
all-accounts view (range query + layout + paint of the visible weeks), and scrolling it a
year week by week (each step: any new block query, layout and a real paint). Budget: a
step under 50 ms is smooth; over 100 ms is a visible stall.

    .venv/bin/python bench/bench_calendar.py [--sizes 500 5000]
"""

import argparse
import os
import statistics
import sys
import tempfile
import time
from datetime import date, timedelta
from pathlib import Path

os.environ.setdefault("QT_QPA_PLATFORM", "offscreen")
os.environ.setdefault("CSPLANNER_HOME", tempfile.mkdtemp(prefix="csplanner-bench-home-"))

from PySide6.QtWidgets import QApplication  # noqa: E402

from csplanner import demo  # noqa: E402
from csplanner.core import calendar  # noqa: E402
from csplanner.core.db import open_database  # noqa: E402
from csplanner.core.services import accounts  # noqa: E402

TODAY = date(2026, 11, 25)
SMOOTH_MS, STALL_MS = 50, 100


def ms(seconds: float) -> str:
    return f"{seconds * 1000:7.1f} ms"


def verdict(worst: float) -> str:
    return "smooth" if worst * 1000 < SMOOTH_MS else "ok" if worst * 1000 < STALL_MS else "STALL"


def bench(size: int, folder: Path) -> None:
    from csplanner.app import make_context
    from csplanner.ui.calendar import AccountCalendar, AllAccountsCalendar
    from csplanner.ui.calendar.sources import BLOCK, MAX_BARS, PER_DAY

    path = folder / f"demo-{size}.sqlite3"
    t0 = time.perf_counter()
    db = open_database(path)
    demo.generate(db, accounts=size, seed=1, today=TODAY)
    print(f"\n-- {size} accounts (demo written in {time.perf_counter() - t0:.1f} s)")
    ctx = make_context(db)
    ctx.today = lambda: TODAY
    with db.session() as s:
        ids = [r.id for r in accounts.list_rows(s)][:: max(1, size // 50)][:50]

    # one account: the core plan alone, then the whole widget refresh (query, weeks, layout, paint)
    core, widget_times = [], []
    for aid in ids:
        t = time.perf_counter()
        with db.session() as s:
            calendar.account_plan(s, aid, TODAY)
        core.append(time.perf_counter() - t)
    view = AccountCalendar(ctx)
    view.resize(1400, 900)
    view.show()
    QApplication.processEvents()
    for aid in ids:
        t = time.perf_counter()
        view.set_account(aid)
        view.grid.layout_rows()
        view.grid.viewport().repaint()
        widget_times.append(time.perf_counter() - t)
    print(f"account plan (core)          median {ms(statistics.median(core))}  max {ms(max(core))}  ({len(ids)} accounts)")
    print(f"account calendar refresh     median {ms(statistics.median(widget_times))}  max {ms(max(widget_times))}")

    # all accounts: open on today, then scroll a year week by week
    t = time.perf_counter()
    with db.session() as s:  # one block, as the all-accounts view reads it
        week = calendar.range_plan(s, TODAY, TODAY + timedelta(weeks=BLOCK - 1), TODAY, per_day=PER_DAY, max_bars=MAX_BARS)
    query = time.perf_counter() - t
    t = time.perf_counter()
    everyone = AllAccountsCalendar(ctx)
    everyone.resize(1400, 900)
    everyone.show()
    QApplication.processEvents()  # shown, laid out and painted once, as the user first sees it
    opening = time.perf_counter() - t
    grid = everyone.grid
    t = time.perf_counter()
    for _ in range(10):
        grid.viewport().repaint()
    paint = (time.perf_counter() - t) / 10
    print(f"range query, {BLOCK}-week block   {ms(query)}  ({sum(w.planned for w in week.weeks)} runs counted, "
          f"{len(week.chips)} chips and {len(week.bars)} obstacles loaded)")
    print(f"open all-accounts view       {ms(opening)}  ({grid.visible_rows()} weeks on screen, "
          f"{everyone.source.queries} queries)")
    print(f"repaint visible weeks        {ms(paint)}")

    def scroll_year(idle: bool) -> tuple[list[float], int]:
        everyone.source.clear()
        grid.verticalScrollBar().setValue(grid.source.row_of(TODAY) or 0)
        grid.layout_rows()
        QApplication.processEvents()
        reads = everyone.source.queries
        steps = []
        for _ in range(52):
            if idle:  # the user's pace: the event loop runs (and prefetches) between steps
                QApplication.processEvents()
            t = time.perf_counter()
            grid.verticalScrollBar().setValue(grid.verticalScrollBar().value() + 1)
            grid.layout_rows()
            grid.viewport().repaint()
            steps.append(time.perf_counter() - t)
        return steps, everyone.source.queries - reads

    for idle in (False, True):
        steps, reads = scroll_year(idle)
        how = "with idle prefetch " if idle else "back to back       "
        print(f"scroll a year, {how}  total {ms(sum(steps))}  median step {ms(statistics.median(steps))}  "
              f"worst step {ms(max(steps))}  ({reads} queries)  -> {verdict(max(steps))}")
    view.deleteLater()
    everyone.deleteLater()
    QApplication.processEvents()
    ctx.undo_stack.clear()
    db.dispose()


def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--sizes", type=int, nargs="+", default=[500, 5000])
    args = parser.parse_args()
    app = QApplication.instance() or QApplication(sys.argv)
    print(f"calendar benchmark (budget: step < {SMOOTH_MS} ms smooth, > {STALL_MS} ms a visible stall)")
    with tempfile.TemporaryDirectory(prefix="csplanner-bench-") as folder:
        for size in args.sizes:
            bench(size, Path(folder))
    del app
    return 0


if __name__ == "__main__":
    sys.exit(main())
