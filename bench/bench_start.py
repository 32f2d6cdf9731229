"""Start to first painted window, and peak memory, against the stack's floor, in one run.

The floor is what any PySide6 + SQLModel app over this file must pay: import both, open the
same file, select the account rows, paint a QMainWindow holding a QTableView, quit. The app is
`csplanner --db FILE --quit-after-start`. Both run as whole processes, alternately (A B A B …),
so a machine that drifts in speed hits both alike; the ratio of the medians is the figure.
Each figure is appended to bench/results.jsonl (date, commit, machine, figure, value, floor).

    .venv/bin/python bench/bench_start.py [--sizes 60 5000] [--runs 5]
"""

import argparse
import os
import shutil
import statistics
import subprocess
import sys
import tempfile
import time
from datetime import date
from pathlib import Path

from figures import show

TODAY = date(2026, 11, 25)

FLOOR = r"""
import sys
from PySide6.QtCore import QTimer
from PySide6.QtGui import QStandardItem, QStandardItemModel
from PySide6.QtWidgets import QApplication, QMainWindow, QTableView
import sqlalchemy as sa
import sqlmodel  # noqa: F401  (the floor pays for the same imports as the app)

engine = sa.create_engine("sqlite:///" + sys.argv[1])
with engine.connect() as conn:
    rows = conn.exec_driver_sql("SELECT id, name, segment, stage, arr_minor, currency, renewal FROM account WHERE NOT archived").fetchall()
app = QApplication(sys.argv)
model = QStandardItemModel(len(rows), 7)
for r, row in enumerate(rows):
    for c, value in enumerate(row):
        model.setItem(r, c, QStandardItem("" if value is None else str(value)))
window = QMainWindow()
view = QTableView()
view.setModel(model)
window.setCentralWidget(view)
window.resize(1280, 800)
window.show()
window.repaint()  # painted once, as the app's first paint
QTimer.singleShot(0, app.quit)
app.exec()
"""


TREND = r"""
import sys
from datetime import date
from csplanner.core import trend_job
from csplanner.core.db import open_database

db = open_database(sys.argv[1])
for step in trend_job.steps(db, date.today()):
    step()
db.dispose()
"""


def run_once(argv: list[str], env: dict[str, str]) -> tuple[float, float]:
    """(wall seconds, peak RSS in MB) of one whole process."""
    start = time.perf_counter()
    proc = subprocess.Popen(argv, env=env, stdout=subprocess.DEVNULL, stderr=subprocess.PIPE)
    _, status, usage = os.wait4(proc.pid, 0)
    wall = time.perf_counter() - start
    proc.returncode = os.waitstatus_to_exitcode(status)
    err = proc.stderr.read().decode(errors="replace") if proc.stderr else ""
    if proc.returncode != 0:
        raise SystemExit(f"{argv[:3]} failed ({proc.returncode}): {err.strip()[-400:]}")
    return wall, usage.ru_maxrss / 1024  # Linux reports kilobytes


def make_book(folder: Path, size: int, env: dict[str, str], book: Path | None = None) -> Path:
    path = folder / f"demo-{size}.sqlite3"
    if book is not None:  # a demo book written before, to save minutes
        shutil.copyfile(book, path)
    else:
        subprocess.run([sys.executable, "-m", "csplanner", "demo", "--db", str(path), "--accounts", str(size),
                        "--today", TODAY.isoformat()], env=env, check=True, stdout=subprocess.DEVNULL)
    # the first start writes a backup and the health trend (after its first paint, so a start that
    # quits at once leaves the trend to be finished here); measure the everyday start, not that one
    run_once([sys.executable, "-m", "csplanner", "--db", str(path), "--quit-after-start"], env)
    run_once([sys.executable, "-c", TREND, str(path)], env)
    return path


def bench(size: int, runs: int, folder: Path, env: dict[str, str], book: Path | None = None) -> None:
    path = make_book(folder, size, env, book)
    app = [sys.executable, "-m", "csplanner", "--db", str(path), "--quit-after-start"]
    floor = [sys.executable, "-c", FLOOR, str(path)]
    run_once(floor, env)  # warm the file cache for both
    a_wall, a_mem, f_wall, f_mem = [], [], [], []
    for _ in range(runs):
        w, m = run_once(app, env)
        a_wall.append(w), a_mem.append(m)
        w, m = run_once(floor, env)
        f_wall.append(w), f_mem.append(m)
    aw, fw = statistics.median(a_wall), statistics.median(f_wall)
    am, fm = statistics.median(a_mem), statistics.median(f_mem)
    print(f"-- {size} accounts ({runs} runs each, alternately, medians)")
    show(f"start_s_{size}", "start to first paint", aw, fw, "s", goal="<= 1.5x", floor_label="floor script")
    show(f"peak_mb_{size}", "peak memory", am, fm, "MB", goal="<= 1.3x", floor_label="floor script")


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--sizes", type=int, nargs="+", default=[60, 5000])
    parser.add_argument("--runs", type=int, default=5)
    parser.add_argument("--book", type=Path, help="a demo book of the largest size to copy instead of writing one")
    args = parser.parse_args()
    with tempfile.TemporaryDirectory(prefix="csplanner-bench-start-") as tmp:
        env = dict(os.environ, QT_QPA_PLATFORM="offscreen", CSPLANNER_HOME=str(Path(tmp) / "home"),
                   # both run compiled, as installed software does (a wheel's install compiles it),
                   # however the shell is set up: the first runs write the bytecode, aside
                   PYTHONPYCACHEPREFIX=str(Path(tmp) / "pycache"))
        env.pop("PYTHONDONTWRITEBYTECODE", None)
        for size in args.sizes:
            bench(size, args.runs, Path(tmp), env, args.book if size == max(args.sizes) else None)


if __name__ == "__main__":
    main()
