"""At start: write this week's health scores and fill missing past weeks, one step per event-loop turn."""

from PySide6.QtCore import QEvent, QObject, QTimer

from csplanner.core import changes, trend_job
from csplanner.core.errors import DomainError
from csplanner.ui.context import AppContext

NO_PAINT_MS = 3000  # a window never drawn (started minimised) still keeps its trend


def start(ctx: AppContext, owner: QObject) -> None:
    """Run the steps once `owner` has first been painted, so the first screen never waits for them;
    stops quietly if `owner` is gone or the file is read-only."""
    steps = trend_job.steps(ctx.db, ctx.today())

    def step() -> None:
        work = steps.pop(0)
        try:
            added = work()
        except DomainError:  # the trend waits for the next start
            return
        if added:
            ctx.bus.announce(changes.TREND)  # trend charts redraw
        if steps:
            QTimer.singleShot(0, owner, step)  # dropped if the owner is gone

    after_first_paint(owner, lambda: QTimer.singleShot(0, owner, step))


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
