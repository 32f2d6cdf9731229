"""How long an account plan PDF takes, and how big it is, for a small, a typical and a
300-milestone account; plus the week PDF of a 60-, a 500- and a 5000-account book. Each
against its floor, the core read of what the PDF prints (read.plan_data, read.week_plan).

    .venv/bin/python bench/bench_pdf.py

Budget: an export under 1 s needs no progress dialog; under 3 s is fine with one.
"""

import os
import statistics
import sys
import tempfile
import time
from datetime import date, timedelta
from pathlib import Path

os.environ.setdefault("QT_QPA_PLATFORM", "offscreen")
os.environ.setdefault("CSPLANNER_HOME", tempfile.mkdtemp(prefix="csplanner-bench-home-"))

from figures import show  # noqa: E402
from sqlmodel import func, select  # noqa: E402

from csplanner import demo  # noqa: E402
from csplanner.core import read  # noqa: E402
from csplanner.core.db import open_database  # noqa: E402
from csplanner.core.enums import MilestoneStatus, RunType  # noqa: E402
from csplanner.core.models import Milestone  # noqa: E402
from csplanner.core.services import accounts, milestones  # noqa: E402
from csplanner.export.account_plan import export_account_plan  # noqa: E402
from csplanner.export.audience import Audience  # noqa: E402
from csplanner.export.week_plan import export_week  # noqa: E402

TODAY = date(2026, 11, 25)
REPEAT = 5
KEEP = os.environ.get("BENCH_PDF_KEEP")  # a folder to keep the PDFs in, to look at them


def timed(fn) -> tuple[float, object]:  # noqa: ANN001
    times, result = [], None
    for _ in range(REPEAT):
        t = time.perf_counter()
        result = fn()
        times.append(time.perf_counter() - t)
    return statistics.median(times), result


def main() -> int:
    folder = Path(KEEP) if KEEP else Path(tempfile.mkdtemp(prefix="csplanner-bench-pdf-"))
    folder.mkdir(parents=True, exist_ok=True)
    db = open_database(folder / "demo-60.sqlite3")
    demo.generate(db, accounts=60, seed=1, today=TODAY)
    with db.session() as s:
        counts = s.exec(select(Milestone.account_id, func.count()).group_by(Milestone.account_id)
                        .order_by(func.count())).all()
        small_id, typical_id = counts[0][0], counts[len(counts) // 2][0]
        big = accounts.create(s, name="Heavy Training Co", contract_signed=TODAY - timedelta(days=400),
                              kickoff=TODAY - timedelta(days=390), renewal=TODAY + timedelta(days=330),
                              goal="A very long plan", success_criteria="Everything on time")
        for i in range(300):
            day = TODAY - timedelta(days=390) + timedelta(days=i * 2 + i % 3)
            milestones.create(s, today=TODAY, account_id=big.id, title=f"Run {i:03d}: training block {i % 17}",
                              planned_on=day, run_type=list(RunType)[i % 3], outcome="Outcome " * (i % 4),
                              status=MilestoneStatus.DONE if day < TODAY and i % 4 else MilestoneStatus.PLANNED)
        big_id = big.id
    print(f"account plan PDF (median of {REPEAT}, A4):")
    print(f"  {'account':34} {'runs':>5} {'audience':>9} {'time':>9} {'pages':>6} {'size':>9}")
    for aid in (small_id, typical_id, big_id):
        with db.session() as s:
            name = accounts.get(s, aid).name
            runs = len(milestones.for_account(s, aid))
        for who in Audience:
            out = folder / f"plan-{aid}-{who}.pdf"
            seconds, result = timed(lambda: export_account_plan(db, aid, out, today=TODAY, audience=who))  # noqa: B023
            print(f"  {name:34} {runs:5d} {who:>9} {seconds * 1000:7.0f} ms {result.pages:6d} "  # type: ignore[attr-defined]
                  f"{out.stat().st_size / 1024:7.0f} KB")
        if runs >= 300:  # the heavy one, against the read it prints
            base, _ = timed(lambda: read.plan_data(db, aid, TODAY))  # noqa: B023
            show("pdf_account_plan_300_ms", f"account plan PDF, {runs} runs ({who})", seconds * 1000, base * 1000,
                 floor_label="plan read", goal="< 1000 ms")
    db.dispose()

    print("week PDF:")
    for size in (60, 500, 5000):
        path = folder / f"demo-{size}.sqlite3"
        book = open_database(path)
        if size != 60:  # the 60-account book was written above
            demo.generate(book, accounts=size, seed=1, today=TODAY)
        out = folder / f"week-{size}.pdf"
        seconds, result = timed(lambda: export_week(book, TODAY - timedelta(days=2), out, today=TODAY))  # noqa: B023
        print(f"  {size:4d} accounts {seconds * 1000:7.0f} ms {result.pages:3d} page(s) "  # type: ignore[attr-defined]
              f"{out.stat().st_size / 1024:6.0f} KB")
        base, _ = timed(lambda: read.week_plan(book, TODAY - timedelta(days=2), TODAY))  # noqa: B023
        show(f"pdf_week_ms_{size}", f"week PDF, {size} accounts", seconds * 1000, base * 1000,
             floor_label="week read", goal="< 1000 ms")
        book.dispose()
    return 0


if __name__ == "__main__":
    sys.exit(main())
