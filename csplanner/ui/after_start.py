"""What a start leaves until the window is on screen, run off the GUI thread (ctx.jobs):

1. when the app opened the book without its quick_check (`Database.checked` false), that check:
   damage found turns the window read-only and says so, as a damaged file at start would;
   then, on a sound and writable file, the day's first backup (never of an unchecked file);
2. then the weekly health trend: this week's scores, then the missing past weeks, a step each.
"""

from collections.abc import Callable
from datetime import datetime

from PySide6.QtCore import QEvent, QObject, QTimer

from csplanner.core import backups, changes, dbfile, trend_job
from csplanner.core.errors import DomainError
from csplanner.ui.context import AppContext

NO_PAINT_MS = 3000  # a window never drawn (started minimised) still gets its check and its trend


def start(ctx: AppContext, owner: QObject, on_damage: Callable[[dbfile.BadDatabase], None]) -> None:
    """Run the chain once `owner` has first been painted; `on_damage(BadDatabase)` is called on the
    GUI thread if the check finds the file damaged (nothing after it runs then)."""
    db = ctx.db
    threads = db.threads_ok
    steps = trend_job.steps(db, ctx.today(), ctx.jobs.stopping)  # closing the window stops a step mid-way

    def check() -> dbfile.BadDatabase | None:
        if db.checked or db.path is None:
            return None
        return dbfile.quick_check(db.path, ctx.jobs.stopping)

    def checked(damage: dbfile.BadDatabase | None) -> None:
        if damage is not None:
            on_damage(damage)
        elif not db.read_only:
            ctx.jobs.run(back_up, lambda _done: next_step(), owner=owner, threads=threads)

    def back_up() -> None:
        if db.path is not None and not db.checked:  # the app's own start (tests' books stay as they are)
            try:
                backups.daily(db.path, datetime.now())  # the once-a-day copy, on the first start of a day
            except DomainError:
                pass  # a missed daily copy must not bother anyone: tomorrow's start tries again

    total, added = len(steps), [0]

    def next_step() -> None:
        if steps and not db.read_only:
            ctx.jobs.run(steps.pop(0), stepped, owner=owner, threads=threads)
        elif added[0]:
            ctx.bus.announce(changes.TREND)  # trend charts redraw, once: each redraw reads the trend again

    def stepped(n: int) -> None:
        if len(steps) < total - 1:  # not the first step: this week's scores change no chart (its point is live)
            added[0] += n
        next_step()

    after_first_paint(owner, lambda: ctx.jobs.run(check, checked, owner=owner, threads=threads))


def after_first_paint(owner: QObject, then: object) -> None:
    """Call `then` on the next event-loop turn after `owner` is first painted (or after NO_PAINT_MS)."""
    _AfterFirstPaint(owner, then)


class _AfterFirstPaint(QObject):
    """Calls `then` once, on the next event-loop turn after `owner`'s first paint (or after NO_PAINT_MS)."""

    def __init__(self, owner: QObject, then: object) -> None:
        super().__init__(owner)
        self.owner, self.then = owner, then
        self.fallback = QTimer(self, singleShot=True, interval=NO_PAINT_MS)
        self.fallback.timeout.connect(self.fire)
        self.fallback.start()
        owner.installEventFilter(self)

    def eventFilter(self, watched: QObject, event: QEvent) -> bool:  # noqa: N802 (Qt override)
        if watched is self.owner and event.type() == QEvent.Type.Paint:
            QTimer.singleShot(0, self, self.fire)  # after the paint has reached the screen
        return False

    def fire(self) -> None:
        if self.then is None:
            return
        then, self.then = self.then, None
        self.fallback.stop()
        self.owner.removeEventFilter(self)
        then()  # type: ignore[operator]
