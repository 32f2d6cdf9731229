"""What every screen receives from the composition root."""

from collections.abc import Callable
from dataclasses import dataclass, field
from datetime import date, datetime

from PySide6.QtCore import QSettings
from PySide6.QtGui import QUndoStack

from csplanner.core.db import Database
from csplanner.ui.background import Jobs
from csplanner.ui.changes import ChangeBus


@dataclass
class AppContext:
    db: Database
    undo_stack: QUndoStack
    bus: ChangeBus
    settings: QSettings
    # Injected so tests can pin "today"; screens call ctx.today(), never date.today().
    today: Callable[[], date] = field(default=date.today)
    # who is at the keyboard (the OS user name, read once by the app): new accounts' owner, "Mine",
    # and the name other people see on what this person changed
    user: str = ""
    # the clock edits are stamped with, in the local time zone (messages say "at 10:42" in it)
    now: Callable[[], datetime] = field(default=lambda: datetime.now().astimezone())
    # work kept off the GUI thread (ui.background); stopped when the window closes
    jobs: Jobs = field(default_factory=Jobs)
