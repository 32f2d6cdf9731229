"""Dialogs that create and edit records; each exposes a classmethod `ask()` tests can drive.

The names below are imported on first use (PEP 562), so a small dialog such as About or a
question does not pull in every record form at start.
"""

from importlib import import_module
from typing import TYPE_CHECKING, Any

if TYPE_CHECKING:
    from csplanner.ui.dialogs.confirm import Question
    from csplanner.ui.dialogs.forms import FORMS
    from csplanner.ui.dialogs.record_dialog import RecordDialog

_HOME = {"Question": "confirm", "FORMS": "forms", "RecordDialog": "record_dialog"}

__all__ = ["FORMS", "Question", "RecordDialog"]


def __getattr__(name: str) -> Any:
    if name not in _HOME:
        raise AttributeError(f"module {__name__!r} has no attribute {name!r}")
    return getattr(import_module(f"{__name__}.{_HOME[name]}"), name)
