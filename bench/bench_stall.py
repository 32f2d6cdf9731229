"""How long the window stops answering after it first appears: the longest gap between the ticks
of a 1 ms timer, from the end of the first paint until the background work of a start (the health
trend's backfill and the weekly snapshot) has had time to finish. The first frame itself (from
the paint event to the timer's first tick) is start-up, counted in bench_start.py's start to first
paint; it is printed here on its own line, for both the app and the floor. A person feels a gap of more than about
50 ms as a hang, so the goal is absolute: no gap over 50 ms.

Two starts of the real app (`python -m csplanner --db FILE`) on the same 5000-account book: the
first one, which writes the health trend for the past weeks, and an everyday one. The floor is the
same measurement on the floor window of bench_start.py (a table view of the account rows), which
has nothing left to do after its first paint.

Each is repeated `--runs` times, each time on a fresh copy of the book and a fresh home (a first
start is first only once); the figure is the worst of the runs, and every run is printed.

    .venv/bin/python bench/bench_stall.py [--sizes 5000] [--book FILE] [--watch 12] [--runs 3]
"""

import argparse
import json
import os
import shutil
import subprocess
import sys
import tempfile
from datetime import date
from pathlib import Path

from figures import show

TODAY = date(2026, 11, 25)

# Wraps QApplication.exec: a 1 ms timer notes every tick; `watch` seconds after the first paint it
# prints the longest gap and leaves. What the app does before exec is start-up, not watched here
# (bench_start.py measures it).
WATCH = r"""
import json, sys, time
from PySide6.QtCore import QEvent, QObject, QTimer, Qt
from PySide6.QtWidgets import QApplication, QMainWindow

WATCH_S = float(sys.argv.pop(1))
state = {"paint_event": None, "painted": None, "last": None, "worst": 0.0, "at": 0.0, "frame": 0.0}

class Painted(QObject):
    def eventFilter(self, obj, event):
        if event.type() == QEvent.Type.Paint and state["paint_event"] is None and isinstance(obj, QMainWindow):
            state["paint_event"] = time.perf_counter()
        return False

def tick():
    now = time.perf_counter()
    if state["paint_event"] is None:
        return
    if state["painted"] is None:  # the first tick after the first frame: watching starts here
        state["painted"] = state["last"] = now
        state["frame"] = now - state["paint_event"]
        return
    gap = now - state["last"]
    if gap > state["worst"]:
        state["worst"], state["at"] = gap, state["last"] - state["painted"]
    state["last"] = now
    if now - state["painted"] > WATCH_S:
        print("STALL " + json.dumps({"worst_ms": state["worst"] * 1000, "at_s": state["at"],
                                     "frame_ms": state["frame"] * 1000}), flush=True)
        QApplication.instance().exit(0)

original = QApplication.exec
def watched_exec(*args):
    app = QApplication.instance()
    app._painted = Painted()
    app.installEventFilter(app._painted)
    app._ticker = QTimer(interval=1, timerType=Qt.TimerType.PreciseTimer)
    app._ticker.timeout.connect(tick)
    app._ticker.start()
    return original()
QApplication.exec = watched_exec
"""

APP = WATCH + r"""
sys.argv = ["csplanner", "--db", sys.argv[1]]
from csplanner.__main__ import main
sys.exit(main())
"""


def floor_script() -> str:
    from bench_start import FLOOR

    # the floor quits straight after painting; here it stays up and is watched like the app
    return WATCH + FLOOR.replace("QTimer.singleShot(0, app.quit)\n", "")


def watch(code: str, path: Path, seconds: float, env: dict[str, str]) -> tuple[float, float, float]:
    done = subprocess.run([sys.executable, "-c", code, str(seconds), str(path)], env=env, capture_output=True,
                          text=True, timeout=seconds + 300)
    lines = [line for line in done.stdout.splitlines() if line.startswith("STALL ")]
    if done.returncode != 0 or not lines:
        raise SystemExit(f"the watched start failed ({done.returncode}): {done.stderr.strip()[-400:]}")
    found = json.loads(lines[-1][6:])
    return found["worst_ms"], found["at_s"], found["frame_ms"]


def bench(size: int, folder: Path, seconds: float, runs: int, env: dict[str, str], book: Path | None) -> None:
    written = folder / f"demo-{size}.sqlite3"
    if book is None:
        subprocess.run([sys.executable, "-m", "csplanner", "demo", "--db", str(written), "--accounts", str(size),
                        "--today", TODAY.isoformat()], env=dict(env, CSPLANNER_HOME=str(folder / "home-demo")),
                       check=True, stdout=subprocess.DEVNULL)
        book = written
    floor, _, floor_frame = watch(floor_script(), book, 3, env)
    print(f"-- {size} accounts, watched for {seconds:.0f} s after the first paint, {runs} run(s)")
    firsts, laters = [], []
    for n in range(runs):
        path = folder / f"run-{size}-{n}.sqlite3"
        shutil.copyfile(book, path)
        home = folder / f"home-{size}-{n}"  # a fresh home: no backup yet, as on a first start
        run_env = dict(env, CSPLANNER_HOME=str(home))
        firsts.append(watch(APP, path, seconds, run_env))
        laters.append(watch(APP, path, seconds, run_env))
        print(f"   run {n + 1}: first start {firsts[-1][0]:6.1f} ms (at {firsts[-1][1]:.1f} s), "
              f"later start {laters[-1][0]:6.1f} ms (at {laters[-1][1]:.1f} s); first frame "
              f"{firsts[-1][2]:.1f} and {laters[-1][2]:.1f} ms")
    show(f"stall_first_frame_ms_{size}", f"first frame (paint event to first tick), worst of {2 * runs}",
         max(f for *_, f in firsts + laters), floor_frame, floor_label="floor window")
    first, at, _ = max(firsts)
    show(f"stall_first_start_ms_{size}", f"first start: longest stall, worst of {runs} (at {at:.1f} s)", first, floor,
         floor_label="floor window", goal="<= 50 ms")
    later, at, _ = max(laters)
    show(f"stall_later_start_ms_{size}", f"later start: longest stall, worst of {runs} (at {at:.1f} s)", later, floor,
         floor_label="floor window", goal="<= 50 ms")


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--sizes", type=int, nargs="+", default=[5000])
    parser.add_argument("--book", type=Path, help="a demo book of that size to copy instead of writing one")
    parser.add_argument("--watch", type=float, default=12.0, help="seconds watched after the first paint")
    parser.add_argument("--runs", type=int, default=3, help="starts of each kind; the worst is the figure")
    args = parser.parse_args()
    with tempfile.TemporaryDirectory(prefix="csplanner-bench-stall-") as tmp:
        env = dict(os.environ, QT_QPA_PLATFORM="offscreen", CSPLANNER_HOME=str(Path(tmp) / "home-floor"))
        for size in args.sizes:
            bench(size, Path(tmp), args.watch, args.runs, env, args.book)


if __name__ == "__main__":
    main()
