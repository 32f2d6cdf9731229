"""Other people's changes show up: a cheap poll of the book's change counter every few seconds.

Every committed edit (anyone's) bumps one counter row; reading it is one primary-key lookup.
When it moved and not only by this app's own edits, `changes.EVERYTHING` goes out on the bus and
every screen reloads itself as it would after an edit. (On a server, LISTEN/NOTIFY could replace
the timer; the poll works on any engine.)
"""

from PySide6.QtCore import QObject, QTimer

from csplanner.core import read
from csplanner.core.changes import EVERYTHING
from csplanner.core.errors import DomainError
from csplanner.ui.context import AppContext

INTERVAL_MS = 3000


class ChangePoll(QObject):
    def __init__(self, ctx: AppContext, parent: QObject | None = None, interval_ms: int = INTERVAL_MS) -> None:
        super().__init__(parent)
        self.ctx = ctx
        self.seen = self._count() or 0
        self.timer = QTimer(self)
        self.timer.setInterval(interval_ms)
        self.timer.timeout.connect(self.check)
        self.timer.start()

    def _count(self) -> int | None:
        try:
            return read.change_count(self.ctx.db)
        except DomainError:  # locked for a moment, or the book is being replaced: try next time
            return None

    def check(self) -> bool:
        """Reload the screens if someone else changed the book since the last look; True if so."""
        now = self._count()
        if now is None or now == self.seen:
            return False
        foreign = read.others_changed(self.ctx.db, self.seen, now)
        self.seen = now
        if foreign:
            self.ctx.bus.announce(EVERYTHING)
        return foreign
