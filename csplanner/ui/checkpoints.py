"""The renewal checkpoint weeks (T−26 and T−13 by default), kept in the app's settings."""

from PySide6.QtWidgets import QInputDialog, QMessageBox, QWidget

from csplanner.core.changes import Change, RecordType
from csplanner.core.services.forecasts import CHECKPOINT_WEEKS
from csplanner.ui.context import AppContext

KEY = "renewal/checkpoint_weeks"


def parse(text: str) -> tuple[int, ...] | None:
    """'26, 13' -> (26, 13); None for anything else (weeks from 1 to 104)."""
    try:
        weeks = tuple(sorted({int(part) for part in text.replace(";", ",").split(",") if part.strip()},
                             reverse=True))
    except ValueError:
        return None
    return weeks if weeks and all(1 <= w <= 104 for w in weeks) else None


def weeks(ctx: AppContext) -> tuple[int, ...]:
    return parse(str(ctx.settings.value(KEY, ""))) or CHECKPOINT_WEEKS


def edit(parent: QWidget, ctx: AppContext) -> None:
    """Ask for the checkpoint weeks; bad input is said and nothing changes."""
    now = ", ".join(str(w) for w in weeks(ctx))
    text, ok = QInputDialog.getText(parent, "Renewal checkpoints",
                                    "Ask for a forecast this many weeks before race day (comma-separated):",
                                    text=now)
    if not ok:
        return
    parsed = parse(text)
    if parsed is None:
        QMessageBox.warning(parent, "Renewal checkpoints",
                            f"'{text}' is not a list of weeks from 1 to 104, e.g. 26, 13. Nothing changed.")
        return
    ctx.settings.setValue(KEY, ",".join(str(w) for w in parsed))
    # what is due changed for every account: the screens that list forecasts reload
    ctx.bus.announce(Change(records=frozenset({RecordType.FORECAST})))
