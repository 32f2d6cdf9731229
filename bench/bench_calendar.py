"""How fast the training calendar is on a demo book of 500 and 5000 accounts.

Prints, for each size, each figure against a floor measured in the same run: one account's
plan (core) against a raw sqlite3 read of its runs and obstacles; the account calendar's
refresh against that core plan; the all-accounts range query for one block against a raw
sqlite3 read of the same runs; opening that view against the range query; and scrolling it a
year week by week against painting the visible weeks afresh. A step is what the window does
before it answers again: layout and a real paint, plus any block query it waits for (the view
now reads weeks not read yet in a worker and shows them as being read). Twice: back to back (no
event loop between steps: nothing read or painted ahead arrives) and at a user's pace (the loop
idles between steps until what it reads ahead is in). Goal: the worst step under 16 ms (one frame).

    .venv/bin/python bench/bench_calendar.py [--sizes 500 5000]
"""

import argparse
import os
import sqlite3
import statistics
import sys
import tempfile
import time
from datetime import date, timedelta
from pathlib import Path

os.environ.setdefault("QT_QPA_PLATFORM", "offscreen")
os.environ.setdefault("CSPLANNER_HOME", tempfile.mkdtemp(prefix="csplanner-bench-home-"))

from figures import demo_book, show  # noqa: E402
from PySide6.QtWidgets import QApplication  # noqa: E402

from csplanner.core import calendar  # noqa: E402
from csplanner.core.services import accounts  # noqa: E402

TODAY = date(2026, 11, 25)


def ms(seconds: float) -> str:
    return f"{seconds * 1000:7.1f} ms"


def bench(size: int, folder: Path, book: Path | None = None) -> None:
    from csplanner.app import make_context
    from csplanner.ui.calendar import AccountCalendar, AllAccountsCalendar
    from csplanner.ui.calendar.sources import BLOCK, MAX_BARS, PER_DAY

    path = folder / f"demo-{size}.sqlite3"
    t0 = time.perf_counter()
    db = demo_book(path, size, TODAY, book)
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
    raw = sqlite3.connect(path)
    raws = []
    for aid in ids:
        t = time.perf_counter()
        raw.execute("SELECT id, title, planned_on, run_type, status, phase FROM milestone WHERE account_id = ?",
                    (aid,)).fetchall()
        raw.execute("SELECT id, title, kind, severity, opened_on, resolved_on FROM obstacle WHERE account_id = ?",
                    (aid,)).fetchall()
        raws.append(time.perf_counter() - t)
    show(f"calendar_account_plan_ms_{size}", f"account plan (core), median of {len(ids)}",
         statistics.median(core) * 1000, statistics.median(raws) * 1000, floor_label="raw read")
    show(f"calendar_account_refresh_ms_{size}", "account calendar refresh, median",
         statistics.median(widget_times) * 1000, statistics.median(core) * 1000, floor_label="core plan")

    # all accounts: open on today, then scroll a year week by week
    lo, hi = calendar.week_start(TODAY), calendar.week_start(TODAY) + timedelta(weeks=BLOCK, days=-1)
    queries, raws = [], []
    for _ in range(5):
        t = time.perf_counter()
        with db.session() as s:  # one block, as the all-accounts view reads it
            week = calendar.range_plan(s, TODAY, TODAY + timedelta(weeks=BLOCK - 1), TODAY, per_day=PER_DAY,
                                       max_bars=MAX_BARS)
        queries.append(time.perf_counter() - t)
        t = time.perf_counter()  # the same runs and obstacles, fetched whole with no ranking
        raw.execute("SELECT m.id, m.account_id, a.name, m.title, m.planned_on, m.run_type, m.status, m.phase, "
                    "a.arr_minor FROM milestone m JOIN account a ON a.id = m.account_id "
                    "WHERE m.planned_on BETWEEN ? AND ? AND NOT a.archived", (lo.isoformat(), hi.isoformat())).fetchall()
        raw.execute("SELECT o.id, o.title, o.severity, o.opened_on, o.resolved_on, a.name FROM obstacle o "
                    "JOIN account a ON a.id = o.account_id WHERE o.opened_on <= ? AND "
                    "(o.resolved_on IS NULL OR o.resolved_on >= ?)", (hi.isoformat(), lo.isoformat())).fetchall()
        raws.append(time.perf_counter() - t)
    query = statistics.median(queries)
    t = time.perf_counter()
    everyone = AllAccountsCalendar(ctx)
    everyone.resize(1400, 900)
    everyone.show()
    QApplication.processEvents()  # shown, laid out and painted once, as the user first sees it
    opening = time.perf_counter() - t
    grid = everyone.grid
    t = time.perf_counter()
    for _ in range(10):  # the visible weeks painted afresh (no row pictures kept from before)
        getattr(grid, "_row_pictures", {}).clear()
        grid.viewport().repaint()
    paint = (time.perf_counter() - t) / 10
    print(f"  ({sum(w.planned for w in week.weeks)} runs counted in a {BLOCK}-week block, {len(week.chips)} chips "
          f"and {len(week.bars)} obstacles loaded; {grid.visible_rows()} weeks on screen)")
    show(f"calendar_range_query_ms_{size}", f"range query, {BLOCK}-week block", query * 1000,
         statistics.median(raws) * 1000, floor_label="raw read")
    show(f"calendar_open_all_ms_{size}", "open all-accounts view", opening * 1000, query * 1000,
         floor_label="range query")

    def scroll_year(idle: bool) -> tuple[list[float], int]:
        everyone.source.clear()
        grid.verticalScrollBar().setValue(grid.source.row_of(TODAY) or 0)
        grid.layout_rows()
        QApplication.processEvents()
        reads = everyone.source.queries
        steps = []
        for _ in range(52):
            if idle:  # the user's pace: the event loop idles (reads and paints ahead) between steps
                _idle(everyone.source)
            t = time.perf_counter()
            grid.verticalScrollBar().setValue(grid.verticalScrollBar().value() + 1)
            grid.layout_rows()
            grid.viewport().repaint()
            steps.append(time.perf_counter() - t)
        return steps, everyone.source.queries - reads

    for idle in (False, True):
        steps, reads = scroll_year(idle)
        how, key = ("idle prefetch", "idle") if idle else ("back to back", "busy")
        print(f"  scroll a year ({how}): {reads} block queries, median step {ms(statistics.median(steps))}")
        show(f"calendar_scroll_worst_ms_{key}_{size}", f"worst scroll step, {how}", max(steps) * 1000,
             paint * 1000, floor_label="fresh paint", goal="< 16 ms")
    view.deleteLater()
    everyone.deleteLater()
    QApplication.processEvents()
    ctx.undo_stack.clear()
    db.dispose()


def _idle(source, limit: float = 2.0) -> None:
    """Run the event loop as a user's pause between two scroll steps does: until the weeks read
    ahead are in and the rows next to the screen painted (the view reads in a worker; older code
    read on the loop's first turn), at most `limit` s."""
    end, quiet = time.perf_counter() + limit, 0
    while quiet < 3 and time.perf_counter() < end:
        QApplication.processEvents()
        quiet = 0 if getattr(source, "reading", lambda: False)() else quiet + 1
        time.sleep(0.001)


def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--sizes", type=int, nargs="+", default=[500, 5000])
    parser.add_argument("--book", type=Path, help="a demo book to copy instead of writing one (its size: --sizes)")
    args = parser.parse_args()
    app = QApplication.instance() or QApplication(sys.argv)
    print("calendar benchmark (goal: the worst scroll step under 16 ms, one frame)")
    with tempfile.TemporaryDirectory(prefix="csplanner-bench-") as folder:
        for size in args.sizes:
            bench(size, Path(folder), args.book)
    del app
    return 0


if __name__ == "__main__":
    sys.exit(main())
