"""Search as you type and CSV import on the 5,000-account demo book.

Search: each keystroke of a few words typed into the Ctrl+K box (fuzzy account names, the
full-text query with snippets, the rows shown) against the bare FTS query for the same text
(match and bm25 ranking only, returning rowids). Budget: under 30 ms a keystroke.
Import: 5,000 CRM rows (with a contact each) read, previewed against the book and written in
one transaction, into the demo book and into an empty one. Budget: under 5 s.

    .venv/bin/python bench/bench_find.py [--accounts 5000]
"""

import argparse
import csv
import os
import random
import sqlite3
import statistics
import tempfile
import time
from datetime import date
from pathlib import Path

os.environ.setdefault("QT_QPA_PLATFORM", "offscreen")
os.environ.setdefault("CSPLANNER_HOME", tempfile.mkdtemp(prefix="csplanner-bench-home-"))

from figures import demo_book, show  # noqa: E402
from PySide6.QtWidgets import QApplication  # noqa: E402

from csplanner.app import make_context  # noqa: E402
from csplanner.core import csv_import, search  # noqa: E402
from csplanner.core.db import Database, open_database  # noqa: E402

TODAY = date(2026, 11, 25)
KEYSTROKE_BUDGET_MS, IMPORT_BUDGET_S = 30, 5
TYPED = ("harbor", "sso", "beatriz", "qbr", "renewal risk", "otani", "kickoff")
ROUNDS = 5


def ms(seconds: float) -> str:
    return f"{seconds * 1000:.1f} ms"


def keystrokes(text: str) -> list[str]:
    return [text[:i] for i in range(1, len(text) + 1)]


def bench_search(db: Database, app: QApplication) -> None:
    from csplanner.ui.search_box import NEWEST, RECORD_LIMIT, SearchBox

    ctx = make_context(db)
    ctx.today = lambda: TODAY
    box = SearchBox(ctx)
    box.resize(720, 560)
    box.show()
    app.processEvents()
    start = time.perf_counter()
    box.names()
    print(f"  account names loaded once per opening: {ms(time.perf_counter() - start)}")
    # Each keystroke is timed ROUNDS times and its best time kept: other programs on the machine
    # only ever add time. Box and bare query are compared on the same keystrokes (two letters or
    # more; one letter searches account names only).
    best_box: dict[str, float] = {}
    best_bare: dict[str, float] = {}
    for _ in range(ROUNDS):
        for text in TYPED:
            for prefix in keystrokes(text):
                start = time.perf_counter()
                box.input.blockSignals(True)
                box.input.setText(prefix)
                box.input.blockSignals(False)
                box.refresh()
                box.results.viewport().repaint()
                spent = time.perf_counter() - start
                best_box[prefix] = min(spent, best_box.get(prefix, spent))
                if len(prefix.strip()) >= 2:
                    start = time.perf_counter()
                    with db.session() as session:
                        search.bare_query(session, prefix, limit=RECORD_LIMIT, newest=NEWEST)
                    spent = time.perf_counter() - start
                    best_bare[prefix] = min(spent, best_bare.get(prefix, spent))
    typed = list(best_box.values())
    worst = max(best_box, key=lambda k: best_box[k])
    both = [k for k in best_bare]
    med_box = statistics.median(best_box[k] for k in both)
    med_bare = statistics.median(best_bare[k] for k in both)
    print(f"  keystroke in the box:  median {ms(statistics.median(typed))}, "
          f"p90 {ms(statistics.quantiles(typed, n=10)[-1])}, worst {ms(best_box[worst])} ('{worst}')  "
          f"[budget {KEYSTROKE_BUDGET_MS} ms]")
    print(f"  same keystrokes (2+ letters): box median {ms(med_box)}, bare FTS query median {ms(med_bare)}, "
          f"worst bare {ms(max(best_bare.values()))}")
    print(f"  ratio box / bare FTS:  {med_box / med_bare:.2f}x (median keystroke); per keystroke median "
          f"{statistics.median(best_box[k] / best_bare[k] for k in both):.2f}x")
    show(f"search_keystroke_ms_{len(box.names())}", "search box, median keystroke", med_box * 1000, med_bare * 1000,
         floor_label="bare FTS", goal=f"< {KEYSTROKE_BUDGET_MS} ms")
    full = []
    for text in ("sso", "qbr", "renewal"):
        start = time.perf_counter()
        with db.session() as session:
            search.search(session, text, limit=RECORD_LIMIT)
        full.append((text, time.perf_counter() - start))
    print("  unbounded ranking (csplanner search): " + ", ".join(f"'{t}' {ms(s)}" for t, s in full))
    box.close()


def crm_csv(path: Path, rows: int, seed: int = 7) -> None:
    rnd = random.Random(seed)
    with path.open("w", encoding="utf-8", newline="") as fh:
        fh.write('"Account Name","Type","Annual Revenue","Contract Start Date","Contract End Date",'
                 '"Primary Contact","Contact Title","Email"\r\n')
        for i in range(rows):
            month, day = rnd.randint(1, 12), rnd.randint(1, 28)
            fh.write(f'"Imported {i:05d}, Ltd.","Customer - Direct","${rnd.randint(5_000, 2_000_000):,}.00",'
                     f'"{month:02d}/{day:02d}/2026","{month:02d}/{day:02d}/2027","Contact {i}","VP Ops",'
                     f'"c{i}@imported.example"\r\n')


def import_floor(csv_path: Path) -> float:
    """The floor of an import: the csv module reading the file, sqlite3 writing its rows in one go."""
    start = time.perf_counter()
    with csv_path.open(encoding="utf-8", newline="") as fh:
        rows = list(csv.reader(fh))[1:]
    con = sqlite3.connect(":memory:")
    con.execute("CREATE TABLE t (a, b, c, d, e, f, g, h)")
    with con:
        con.executemany("INSERT INTO t VALUES (?, ?, ?, ?, ?, ?, ?, ?)", rows)
    con.close()
    return time.perf_counter() - start


def bench_import(db: Database, csv_path: Path, label: str, figure: str) -> None:
    start = time.perf_counter()
    table = csv_import.read_table(csv_path.read_bytes())
    read = time.perf_counter()
    preview = csv_import.preview_file(db, table)
    previewed = time.perf_counter()
    with db.session() as session:
        csv_import.apply_preview(session, preview, skip_invalid=False)
    done = time.perf_counter()
    print(f"  import {len(table.rows)} rows into {label}: read {read - start:.2f} s, "
          f"preview {previewed - read:.2f} s, write {done - previewed:.2f} s")
    show(figure, f"CSV import into {label}", done - start, import_floor(csv_path), "s",
         goal=f"< {IMPORT_BUDGET_S} s", floor_label="csv + sqlite3")


def main() -> None:
    parser = argparse.ArgumentParser()
    parser.add_argument("--accounts", type=int, default=5000)
    parser.add_argument("--book", type=Path, help="a demo book of that many accounts to copy instead of writing one")
    args = parser.parse_args()
    app = QApplication.instance() or QApplication([])
    folder = Path(tempfile.mkdtemp(prefix="csplanner-bench-find-"))
    start = time.perf_counter()
    db = demo_book(folder / "demo.sqlite3", args.accounts, TODAY, args.book)
    with db.session() as session:
        indexed = session.connection().exec_driver_sql("SELECT count(*) FROM search_index").scalar()
    print(f"{args.accounts} accounts, {indexed} records in the search index "
          f"(demo written in {time.perf_counter() - start:.1f} s)")
    print("search as you type:")
    bench_search(db, app)
    csv_path = folder / "crm.csv"
    crm_csv(csv_path, 5000)
    print("CSV import:")
    empty = open_database(folder / "empty.sqlite3")
    bench_import(empty, csv_path, "an empty book", "csv_import_empty_s")
    bench_import(db, csv_path, f"the {args.accounts}-account book", f"csv_import_s_{args.accounts}")
    empty.dispose()
    db.dispose()


if __name__ == "__main__":
    main()
