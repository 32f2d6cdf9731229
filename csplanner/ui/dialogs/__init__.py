"""Dialogs that create and edit records; each exposes a classmethod `ask()` tests can drive."""

from csplanner.ui.dialogs.confirm import Question
from csplanner.ui.dialogs.forms import FORMS
from csplanner.ui.dialogs.record_dialog import RecordDialog

__all__ = ["FORMS", "Question", "RecordDialog"]
