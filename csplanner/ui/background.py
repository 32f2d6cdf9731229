"""Work that must not block the window: plain core functions run in worker threads, each unit of
work on its own pooled connection, and their results handed back on the GUI thread.

    ctx.jobs.run(lambda: read.health_scores(ctx.db, None, today), model.set_health, owner=view)

`stop()` (window closed, app quitting) asks running work to give up (`stopping()` turns true),
waits for it and drops results not yet delivered. A book on one shared connection (an older
schema opened read-only, upgraded in memory) cannot be read from two threads: its work runs on
the GUI thread, on the next event-loop turn, as before.
"""

import threading
import traceback
from collections.abc import Callable
from typing import Any

import shiboken6
from PySide6.QtCore import QObject, QThreadPool, QTimer, Signal, Slot

from csplanner.core.errors import DomainError

WORKERS = 2  # the health of the list and the file's check run side by side


class Jobs(QObject):
    _done = Signal(object, object, object)  # (then, result, generation)

    def __init__(self, parent: QObject | None = None) -> None:
        super().__init__(parent)
        self.pool = QThreadPool(self)
        self.pool.setMaxThreadCount(WORKERS)
        self._stop = threading.Event()
        self._done.connect(self._deliver)  # emitted in a worker, run here: a queued connection
        self._running = 0  # works started and not finished yet (under _lock: workers finish them)
        self._lock = threading.Lock()
        # called on the GUI thread when a result arrives and no other work runs, before its `then`
        # (the app's full garbage collections wait for such a moment: ui.collector)
        self.between: Callable[[], None] | None = None

    def busy(self) -> bool:
        """Is any work running or waiting for a worker?"""
        return self._running > 0

    def _count(self, n: int) -> None:
        with self._lock:
            self._running += n

    def stopping(self) -> bool:
        """True once `stop()` was asked for: long work gives up at its next step."""
        return self._stop.is_set()

    def run(self, work: Callable[[], Any], then: Callable[[Any], None] | None = None, *,
            owner: QObject | None = None, threads: bool = True) -> None:
        """Run `work()` in a worker; then `then(result)` on the GUI thread, unless `owner` was deleted
        or the jobs were stopped meanwhile. A DomainError from `work` is dropped (the work waits for
        the next start); `threads=False`: run it on the GUI thread instead, on the next turn."""
        flag = self._stop

        def task() -> None:
            try:
                if flag.is_set():
                    return
                try:
                    result = work()
                except DomainError:
                    return
                except Exception:  # noqa: BLE001 (a worker has no one to raise to: say it, keep the app)
                    traceback.print_exc()
                    return
            finally:
                self._count(-1)  # before the result goes out: its delivery may find nothing running
            self._done.emit(lambda r: self._give(then, owner, r), result, flag)

        self._count(1)
        if threads:
            self.pool.start(task)
        else:
            QTimer.singleShot(0, self, task)

    @Slot(object, object, object)
    def _deliver(self, then: Callable[[Any], None], result: Any, flag: threading.Event) -> None:
        if not flag.is_set():
            if self.between is not None and not self.busy():
                self.between()
            then(result)

    @staticmethod
    def _give(then: Callable[[Any], None] | None, owner: QObject | None, result: Any) -> None:
        if then is not None and (owner is None or shiboken6.isValid(owner)):
            then(result)

    def stop(self) -> None:
        """Ask running work to give up, wait for it, drop what it has not delivered yet; later
        `run()`s start afresh."""
        self._stop.set()
        self.pool.waitForDone()
        self._stop = threading.Event()
