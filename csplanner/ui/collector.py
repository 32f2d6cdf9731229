"""When the cycle collector runs in the app: never a full collection in the middle of background
work, and never a long one while the app is in use.

Start runs without the collector (csplanner.__main__): it makes some 130,000 objects that live as
long as the window, and collecting them over and over while they are made cost a fifth of start.
At the first paint they are frozen (gc.freeze): no later collection walks them again.

After that the young collections (generations 0 and 1, a millisecond or two) run as the
interpreter decides. A full collection walks everything not frozen, with the GIL held, so the
window waits for it even when a worker thread triggered it; in the middle of a worker's step it
also walks everything the step holds. During a first start's trend backfill the interpreter ran
one every half second, 10-40 ms each at 5,000 accounts, and My week's pages read ahead (~50,000
objects) made each 40-100 ms. So the app times the full ones itself:

- one is due when the young ones have run FULL_AFTER times since the last (the interpreter's rule);
- it runs on the GUI thread between events, while no background work is running: when a worker's
  result arrives and nothing else runs (Jobs.between), or from a timer every CHECK_MS;
- what survives it is frozen as well: big builds (My week's pages, the list's health) are walked
  once, not by every later collection;
- background work that runs on and on still gets one every MAX_WAIT_MS (nothing frozen then: a
  worker's half-done step would stay), so cyclic garbage never piles up for longer;
- frozen objects that die in a cycle are only freed by a walk of everything (unfreeze, collect,
  freeze: 50-100 ms at 5,000 accounts). It runs when the app goes to the background (no one is
  typing into it), or, for someone who never leaves it, once DEEP_AFTER objects were frozen since
  the last: memory stays bounded;
- the interpreter's own full collection stays as a safety net, SAFETY times rarer than usual
  (for long work that keeps the event loop from turning).
"""

import gc
import time

from PySide6.QtCore import QObject, Qt, QTimer
from PySide6.QtGui import QGuiApplication

from csplanner.ui.background import Jobs

FULL_AFTER = 10  # young (generation 1) collections between two full ones: the interpreter's default
CHECK_MS = 1000
MAX_WAIT_MS = 5000
SAFETY = 100
DEEP_AFTER = 300_000  # objects frozen after start (about twice what start itself froze)


class Collector(QObject):
    """Owns the app's cycle-collector policy from the first paint on (see the module's docstring)."""

    def __init__(self, jobs: Jobs, parent: QObject | None = None) -> None:
        super().__init__(parent)
        self.jobs = jobs
        self.full_runs = 0  # full collections this collector ran (tests, benchmarks)
        self.deep_runs = 0  # walks of everything, frozen objects too
        self.frozen_since = 0  # objects frozen since start or the last walk of everything
        self.last = time.monotonic()
        self.timer = QTimer(self, interval=CHECK_MS)
        self.timer.timeout.connect(self.tick)
        self.thresholds = gc.get_threshold()
        self.listening = False

    def start(self) -> None:
        """Freeze what start built, turn collection on, take over the full collections."""
        gc.freeze()
        self.thresholds = gc.get_threshold()
        young0, young1, _full = self.thresholds
        gc.set_threshold(young0, young1, FULL_AFTER * SAFETY)
        gc.enable()
        self.last = time.monotonic()
        self.jobs.between = self.between
        app = QGuiApplication.instance()
        if isinstance(app, QGuiApplication) and not self.listening:
            app.applicationStateChanged.connect(self.on_state)
            self.listening = True
        self.timer.start()

    def stop(self) -> None:
        """Back to the interpreter's own policy (the app is closing)."""
        self.timer.stop()
        if self.jobs.between == self.between:
            self.jobs.between = None
        app = QGuiApplication.instance()
        if isinstance(app, QGuiApplication) and self.listening:
            app.applicationStateChanged.disconnect(self.on_state)
            self.listening = False
        gc.set_threshold(*self.thresholds)

    @staticmethod
    def due() -> bool:
        return gc.get_count()[2] >= FULL_AFTER

    def between(self) -> None:
        """A worker's result arrived and no other work runs: the cheapest moment for a full collection."""
        if self.due():
            self.collect()

    def tick(self) -> None:
        busy = self.jobs.busy()
        if not busy and self.frozen_since >= DEEP_AFTER:
            self.deep()
        elif self.due() and (not busy or (time.monotonic() - self.last) * 1000 >= MAX_WAIT_MS):
            self.collect()

    def on_state(self, state: Qt.ApplicationState) -> None:
        """Gone to the background: nobody waits for the window, the long walk can run now."""
        if state != Qt.ApplicationState.ApplicationActive and self.frozen_since and not self.jobs.busy():
            self.deep()

    def collect(self) -> None:
        gc.collect()
        self.full_runs += 1
        self.last = time.monotonic()
        if not self.jobs.busy():  # only live objects are left, none a worker holds half-way
            before = gc.get_freeze_count()
            gc.freeze()
            self.frozen_since += gc.get_freeze_count() - before

    def deep(self) -> None:
        gc.unfreeze()
        gc.collect()
        gc.freeze()
        self.deep_runs += 1
        self.frozen_since = 0
        self.last = time.monotonic()
