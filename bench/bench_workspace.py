"""How fast the account workspace is on a demo book of 500 and 5000 accounts.

Prints, for each size: opening the window (list rows + health for every account), reloading
the accounts list (as after an account edit), filtering as you type, and switching between
accounts (header, overview and the visible tab; only the selected account's records are read).
Each against a floor measured in the same run: opening and reloading against the core read of
the list's rows (read.account_rows), a filter keystroke against a bare repaint of the table,
a switch against reading the account's facts. Budget: a switch under 50 ms feels instant;
over 100 ms is a visible stall.

    .venv/bin/python bench/bench_workspace.py [--sizes 500 5000]
"""

import argparse
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

from csplanner.app import make_context  # noqa: E402
from csplanner.core import read  # noqa: E402

TODAY = date(2026, 11, 25)
SMOOTH_MS = 50


def bench(size: int, folder: Path, app: QApplication, book: Path | None = None) -> None:
    from csplanner.ui.main_window import MainWindow

    path = folder / f"demo-{size}.sqlite3"
    start = time.perf_counter()
    db = demo_book(path, size, TODAY, book)
    print(f"\n{size} accounts (demo written in {time.perf_counter() - start:.1f} s)")
    ctx = make_context(db)
    ctx.today = lambda: TODAY
    start = time.perf_counter()
    window = MainWindow(ctx)
    window.resize(1440, 900)
    window.show()
    app.processEvents()
    opened = time.perf_counter() - start
    reloads, rows_read = [], []
    for _ in range(5):
        start = time.perf_counter()
        window.account_list.reload()
        window.account_list.table.viewport().repaint()  # not processEvents: other views' idle work would count
        reloads.append(time.perf_counter() - start)
        start = time.perf_counter()
        read.account_rows(db, TODAY)
        rows_read.append(time.perf_counter() - start)
    base = statistics.median(rows_read)
    show(f"workspace_open_ms_{size}", "open window", opened * 1000, base * 1000, floor_label="rows read")
    show(f"workspace_reload_ms_{size}", "list reload, median of 5", statistics.median(reloads) * 1000, base * 1000,
         floor_label="rows read")
    page = window.account_page
    filters = []
    for text in ("a", "ac", "acm", "", "gran", ""):
        start = time.perf_counter()
        window.account_list.filter.setText(text)
        window.account_list.table.viewport().repaint()
        page.repaint()
        filters.append(time.perf_counter() - start)
    paints = []
    for _ in range(5):
        start = time.perf_counter()
        window.account_list.table.viewport().repaint()
        paints.append(time.perf_counter() - start)
    show(f"workspace_filter_worst_ms_{size}", "filter keystroke, worst", max(filters) * 1000,
         statistics.median(paints) * 1000, floor_label="repaint", goal=f"< {SMOOTH_MS} ms")
    model = window.account_list.model
    for tab_name in ("Overview", "Milestones", "Check-ins", "Training calendar"):
        index = next(i for i in range(page.tabs.count()) if page.tabs.tabText(i) == tab_name)
        page.tabs.setCurrentIndex(index)
        app.processEvents()
        switches = []
        for row in range(0, min(model.rowCount(), 60)):
            start = time.perf_counter()
            window.account_list._select_row(row)
            page.repaint()  # paints what became visible
            switches.append(time.perf_counter() - start)
        facts = []
        for row in range(0, min(model.rowCount(), 20)):
            start = time.perf_counter()
            read.account(db, model.id_at(row))
            facts.append(time.perf_counter() - start)
        show(f"workspace_switch_{tab_name.split()[0].lower()}_ms_{size}",
             f"switch to an account, {tab_name}", statistics.median(switches) * 1000,
             statistics.median(facts) * 1000, floor_label="facts read", goal=f"< {SMOOTH_MS} ms")
    window.close()
    ctx.undo_stack.clear()
    db.dispose()


def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--sizes", type=int, nargs="+", default=[500, 5000])
    parser.add_argument("--book", type=Path, help="a demo book to copy instead of writing one (its size: --sizes)")
    args = parser.parse_args()
    app = QApplication.instance() or QApplication(sys.argv)
    with tempfile.TemporaryDirectory(prefix="csplanner-bench-") as folder:
        for size in args.sizes:
            bench(size, Path(folder), app, args.book)  # type: ignore[arg-type]
    return 0


if __name__ == "__main__":
    sys.exit(main())
