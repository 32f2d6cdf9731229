"""How fast health is on a demo book of 500 and 5000 accounts, each figure against a floor.

health_many over every account (what the accounts list sorts by) against the floor: raw
sqlite3 queries reading the same rows health reads (accounts, runs, obstacles, check-ins, who
attended, stakeholders, seasons), fetched into Python and nothing else (goal <= 3x). One
account_health (the overview panel) against the same raw read of that account's rows.
snapshot_week (run after every start), the first backfill (11 past weeks, a week per step; the
longest step is how long the window can stall) and a later one, and week_plan, each against
health_many over every account (the work they cannot avoid).

    .venv/bin/python bench/bench_health.py [--sizes 500 5000] [--runs 5]
"""

import argparse
import os
import sqlite3
import tempfile
import time
from collections.abc import Callable
from datetime import date
from pathlib import Path

os.environ.setdefault("CSPLANNER_HOME", tempfile.mkdtemp(prefix="csplanner-bench-home-"))

from figures import alternate, demo_book, show  # noqa: E402

from csplanner.core import health, week  # noqa: E402

TODAY = date(2026, 11, 25)
MONDAY = date(2026, 11, 23)

# the rows health reads, as plain tuples: what any program computing it must at least fetch
RAW = (
    "SELECT id, contract_signed, renewal, archived FROM account{a}",
    "SELECT account_id, planned_on, done_on, status FROM milestone{w}",
    "SELECT account_id, severity, kind, opened_on, resolved_on FROM obstacle{w}",
    "SELECT account_id, held_on FROM check_in{w}",
    "SELECT a.stakeholder_id, a.check_in_id FROM check_in_attendee a JOIN stakeholder s ON s.id = a.stakeholder_id{s}",
    "SELECT id, account_id, role, status, left_on, cadence_days FROM stakeholder{w}",
    "SELECT account_id, number, start FROM season{w}",
)


def raw_read(path: Path, account_id: int | None = None) -> Callable[[], int]:
    con = sqlite3.connect(path)
    if account_id is None:
        queries = [q.format(a="", w="", s="") for q in RAW]
    else:
        one = f" WHERE account_id = {int(account_id)}"
        queries = [q.format(a=f" WHERE id = {int(account_id)}", w=one, s=f" WHERE s.account_id = {int(account_id)}")
                   for q in RAW]
    return lambda: sum(len(con.execute(q).fetchall()) for q in queries)


def bench(size: int, runs: int, folder: Path, book: Path | None = None) -> None:
    path = folder / f"demo-{size}.sqlite3"
    t0 = time.perf_counter()
    db = demo_book(path, size, TODAY, book)
    print(f"\n-- {size} accounts (demo written in {time.perf_counter() - t0:.1f} s; medians of {runs}, "
          f"run alternately with their floor)")

    with db.session() as s:
        scores = health.health_many(s, None, TODAY)
        floor_all = raw_read(path)
        t, f = alternate(lambda: health.health_many(s, None, TODAY), floor_all, runs)
        show(f"health_many_ms_{size}", f"health_many, every account ({len(scores)})", t * 1000, f * 1000,
             goal="<= 3x", floor_label="raw read")
        one = sorted(scores)[len(scores) // 2]
        t, f = alternate(lambda: health.account_health(s, one, TODAY), raw_read(path, one), runs * 4)
        show(f"account_health_ms_{size}", "account_health, one account", t * 1000, f * 1000,
             floor_label="raw read")
        t, base = alternate(lambda: week.week_plan(s, MONDAY, TODAY), lambda: health.health_many(s, None, TODAY), runs)
        show(f"week_plan_ms_{size}", "week_plan", t * 1000, base * 1000, floor_label="health")
    steps, added = [], 0
    for back in range(1, health.TREND_WEEKS):  # as the app does it: one short unit of work per week
        t0 = time.perf_counter()
        with db.session() as s:
            added += health.backfill_week(s, TODAY, back)
        steps.append(time.perf_counter() - t0)
    show(f"backfill_first_step_ms_{size}", f"backfill, longest of {len(steps)} steps", max(steps) * 1000,
         base * 1000, floor_label="health")
    with db.session() as s:
        t0 = time.perf_counter()
        health.backfill(s, TODAY)
        show(f"backfill_later_ms_{size}", "backfill, later starts", (time.perf_counter() - t0) * 1000, None)
        t, base = alternate(lambda: health.snapshot_week(s, TODAY), lambda: health.health_many(s, None, TODAY), 3)
        show(f"snapshot_week_ms_{size}", "snapshot_week", t * 1000, base * 1000, floor_label="health")
    db.dispose()


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--sizes", type=int, nargs="+", default=[500, 5000])
    parser.add_argument("--runs", type=int, default=5)
    parser.add_argument("--book", type=Path, help="a demo book to copy instead of writing one (its size: --sizes)")
    args = parser.parse_args()
    with tempfile.TemporaryDirectory(prefix="csplanner-bench-") as folder:
        for size in args.sizes:
            bench(size, args.runs, Path(folder), args.book)


if __name__ == "__main__":
    main()
