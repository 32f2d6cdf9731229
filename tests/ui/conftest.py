"""Fixtures shared by the ui tests."""

import pytest


@pytest.fixture
def editing_calls(ctx, monkeypatch):
    """Stands in for csplanner.ui.editing's dialogs: records the call and saves like the dialog would."""
    from csplanner.core.changes import RecordType
    from csplanner.ui import editing, operations

    calls = []

    def edit_record(parent, ctx_, kind, record_id=None, defaults=None):
        calls.append((kind, record_id, defaults))
        if record_id is None:
            values = {"title": "New run", **(defaults or {})}
            return operations.create_record(ctx_, RecordType.MILESTONE, values).record_id
        return record_id

    monkeypatch.setattr(editing, "edit_record", edit_record)
    return calls
