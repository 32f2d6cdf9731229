"""My week on the 5000-account demo book: redraw after one edit, week navigation, first show.

Each figure against its floor, measured in the same run (medians, run alternately):
- redraw after an edit: ticking a run off through the same operation the tick box calls, with
  My week shown (it redraws) against the view hidden (the edit alone, the view only marks itself
  stale). Goal: the redraw adds at most 50 ms.
- next/previous week: the view's step, once it has read the weeks either side ahead (as while a
  person reads the week shown), against the core's week_plan for the week it moves to (the read
  a step would need without reading ahead). Goal <= 100 ms.
- a week not read ahead (a jump of five weeks): what the user waits for until the screen answers:
  from the click until the week's page is painted with its heading (week number, days, today) and
  "Reading the week…" in place of the old week's rows (the week is then read in a worker and its
  page built on the screen). Goal <= 100 ms. Older code read and built the week first: there this
  is the whole step.
- the same jump until the first screenful of the week is there (both columns' sections reach the
  bottom of the view: what the user reads first), and until its page is fully built (every
  section, as the user scrolls down), and the longest stall of a 1 ms timer meanwhile (input is
  never blocked longer than 50 ms).
- longest stall while reading ahead: the longest gap of a 1 ms timer while the view reads and
  builds the weeks either side. Goal <= 50 ms (input is never blocked longer).
- construct and first show, against week_plan for this week.

    .venv/bin/python bench/bench_my_week.py [--sizes 5000] [--runs 5]
"""

import argparse
import gc
import os
import statistics
import sys
import tempfile
import time
from datetime import date
from pathlib import Path

os.environ.setdefault("QT_QPA_PLATFORM", "offscreen")
os.environ.setdefault("CSPLANNER_HOME", tempfile.mkdtemp(prefix="csplanner-bench-home-"))

from figures import demo_book, show  # noqa: E402
from PySide6.QtWidgets import QApplication  # noqa: E402

from csplanner.core import week  # noqa: E402

TODAY = date(2026, 11, 25)
MONDAY = date(2026, 11, 23)


def bench(size: int, runs: int, folder: Path, book: Path | None = None) -> None:
    from csplanner.app import make_context
    from csplanner.ui import operations
    from csplanner.ui.my_week import MyWeekView

    path = folder / f"demo-{size}.sqlite3"
    t0 = time.perf_counter()
    db = demo_book(path, size, TODAY, book)
    print(f"\n-- {size} accounts (demo written in {time.perf_counter() - t0:.1f} s; medians of {runs})")
    ctx = make_context(db)
    ctx.today = lambda: TODAY

    def plan(monday: date) -> week.WeekPlan:
        with db.session() as s:
            return week.week_plan(s, monday, TODAY)

    floor = statistics.median(_time(lambda: plan(MONDAY)) for _ in range(runs))
    # as the app does after its first paint: what start built is frozen out of the cycle collector,
    # and the app's collector times the full collections (ui/collector); My week, opened later, is
    # built after that
    gc.collect()
    try:
        from csplanner.ui.collector import Collector
    except ImportError:  # older code (make bench BEFORE=…): frozen, then collected as usual
        gc.freeze()
        collector = None
    else:
        collector = Collector(ctx.jobs)
        collector.start()
    t0 = time.perf_counter()
    view = MyWeekView(ctx)
    view.resize(1300, 900)
    view.show()
    QApplication.processEvents()
    show(f"my_week_first_show_ms_{size}", "My week: construct and first show", (time.perf_counter() - t0) * 1000,
         floor * 1000, floor_label="week_plan")

    # tick and untick runs of this week, shown and hidden in turn
    assert view.plan is not None
    todays = [i for day, items in view.plan.days if day == TODAY for i in items][:runs]
    shown, hidden = [], []
    for n, item in enumerate(todays):
        for visible, into in ((True, shown), (False, hidden)):
            view.setVisible(visible)
            QApplication.processEvents()
            t0 = time.perf_counter()
            operations.tick_run(ctx, item.milestone_id, visible)  # tick off, then back
            QApplication.processEvents()
            into.append(time.perf_counter() - t0)
    redraw, edit = statistics.median(shown), statistics.median(hidden)
    show(f"my_week_edit_redraw_ms_{size}", "My week: one edit, redrawn", redraw * 1000, edit * 1000,
         floor_label="edit alone", goal="redraw adds <= 50 ms")

    view.setVisible(True)
    QApplication.processEvents()
    steps, reads, stalls = [], [], []
    for n in range(runs):
        stalls.append(_until_read_ahead(view))  # the user reads the week shown a moment
        step = 1 if n % 2 == 0 else -1
        t0 = time.perf_counter()
        view.go(step)
        QApplication.processEvents()
        steps.append(time.perf_counter() - t0)
        reads.append(_time(lambda: plan(view.week_start)))
    show(f"my_week_next_week_ms_{size}", "My week: next/previous week", statistics.median(steps) * 1000,
         statistics.median(reads) * 1000, floor_label="week_plan", goal="<= 100 ms")
    jumps, jump_reads, jumps_first, jumps_built, jump_stalls = [], [], [], [], []
    for n in range(runs):
        _until_read_ahead(view)
        title = view.where.text()
        t0 = time.perf_counter()
        view.go(5 if n % 2 == 0 else -5)  # weeks not read ahead
        QApplication.processEvents()  # the answer painted: the week's heading (and "Reading the week…")
        jumps.append(time.perf_counter() - t0)
        assert view.where.text() != title
        first, stall = _until(lambda: _first_screen(view))
        jumps_first.append(first + jumps[-1])
        built, later_stall = _until(lambda: _built(view))
        jumps_built.append(built + jumps_first[-1])
        jump_stalls.append(max(stall, later_stall))
        jump_reads.append(_time(lambda: plan(view.week_start)))
    show(f"my_week_jump_ms_{size}", "My week: a week not read ahead", statistics.median(jumps) * 1000,
         statistics.median(jump_reads) * 1000, floor_label="week_plan", goal="<= 100 ms")
    show(f"my_week_jump_first_screen_ms_{size}", "My week: … until its first screenful",
         statistics.median(jumps_first) * 1000, statistics.median(jump_reads) * 1000, floor_label="week_plan")
    show(f"my_week_jump_built_ms_{size}", "My week: … until fully built", statistics.median(jumps_built) * 1000,
         statistics.median(jump_reads) * 1000, floor_label="week_plan")
    show(f"my_week_jump_stall_ms_{size}", "My week: longest stall, jump built", max(jump_stalls) * 1000,
         None, goal="<= 50 ms")
    show(f"my_week_read_ahead_stall_ms_{size}", "My week: longest stall, reading ahead", max(stalls) * 1000,
         None, goal="<= 50 ms")
    view.close()
    view.deleteLater()
    QApplication.processEvents()
    if collector is not None:
        collector.stop()
    ctx.undo_stack.clear()
    db.dispose()


def _until_read_ahead(view, limit: float = 30.0) -> float:
    """Let the event loop run until the view has read and built the weeks either side (at most
    `limit` s); returns the longest gap between two turns of a 1 ms timer meanwhile."""
    ready = getattr(view, "ahead_ready", None)
    if ready is None:  # older code (make bench BEFORE=…) reads no week ahead: a moment's idle
        return _until(lambda: False, 1.0)[1]
    return _until(ready, limit)[1]


def _built(view) -> bool:
    """Is the week shown read and its page fully built? (Older code: always, once shown.)"""
    if not hasattr(view, "current"):
        return True
    page = view.current
    return page is not None and getattr(page, "built", True) and page.week_start == view.week_start


def _first_screen(view) -> bool:
    """Is the first screenful of the week shown there: both columns' sections shown reach the
    bottom of the view (or the page is fully built)?"""
    if _built(view):
        return True
    page = view.current
    if page is None or page.week_start != view.week_start:
        return False
    from csplanner.ui.my_week.page import column_of

    bottoms = [0, 0]
    for key, section in page.sections.items():
        if section.isVisible():
            bottoms[column_of(key)] = max(bottoms[column_of(key)], section.geometry().bottom())
    return min(bottoms) >= view.scroll.viewport().height()


def _until(ready, limit: float = 30.0) -> tuple[float, float]:
    """Let the event loop run until `ready()` (at most `limit` s); returns how long that took and
    the longest gap between two turns of a 1 ms timer meanwhile."""
    from PySide6.QtCore import QTimer

    t0 = time.perf_counter()
    ticks = [t0]
    timer = QTimer(interval=1)
    timer.timeout.connect(lambda: ticks.append(time.perf_counter()))
    timer.start()
    end = t0 + limit
    while not ready() and time.perf_counter() < end:
        QApplication.processEvents()
        time.sleep(0.001)
    took = time.perf_counter() - t0
    timer.stop()
    ticks.append(time.perf_counter())
    return took, max(b - a for a, b in zip(ticks, ticks[1:]))


def _time(fn) -> float:
    t0 = time.perf_counter()
    fn()
    return time.perf_counter() - t0


def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--sizes", type=int, nargs="+", default=[5000])
    parser.add_argument("--runs", type=int, default=5)
    parser.add_argument("--book", type=Path, help="a demo book to copy instead of writing one (its size: --sizes)")
    args = parser.parse_args()
    app = QApplication.instance() or QApplication(sys.argv)
    with tempfile.TemporaryDirectory(prefix="csplanner-bench-") as folder:
        for size in args.sizes:
            bench(size, args.runs, Path(folder), args.book)
    del app
    return 0


if __name__ == "__main__":
    sys.exit(main())
