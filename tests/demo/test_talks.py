"""Check-ins: held over the last year, a few planned for the week ahead."""

from datetime import date, timedelta

from tests.conftest import TODAY


def test_checkins(data):
    rows = data["check_in"]
    assert all(c.summary for c in rows)
    assert all(c.next_steps for c in rows if c.held_on < TODAY)
    planned = [c for c in rows if c.held_on > TODAY]
    assert planned and all(c.held_on <= TODAY + timedelta(days=7) for c in planned)
    last: dict[int, date] = {}
    for c in rows:
        if c.held_on <= TODAY:
            last[c.account_id] = max(last.get(c.account_id, c.held_on), c.held_on)
    quiet = [a for a in data["account"] if not a.archived and (TODAY - last.get(a.id, a.contract_signed)).days >= 14]
    assert 0 < len(quiet) <= len(data["account"]) // 2
    for a in data["account"]:
        if a.archived:
            assert all(c.held_on <= a.renewal for c in rows if c.account_id == a.id)
