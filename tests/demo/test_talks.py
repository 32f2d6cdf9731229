"""Check-ins: held over the last year, a few planned for the week ahead."""

from collections import Counter
from datetime import date, timedelta

from csplanner.core import week
from tests.conftest import TODAY
from tests.demo.conftest import by_account


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


def test_few_accounts_missed_training(book):
    db, _ = book
    with db.session() as s:
        quiet = week.missed_training(s, TODAY)
    assert 0 < len(quiet) <= 6
    assert all(q.days_since is not None and q.days_since <= 60 for q in quiet)


def test_texts_vary(data):
    held = [c for c in data["check_in"] if c.held_on <= TODAY]
    for talks in by_account(held).values():
        assert len({c.summary for c in talks}) == len(talks)
        assert len({c.next_steps for c in talks}) == len(talks)
    steps = Counter(c.next_steps for c in held)
    summaries = Counter(c.summary for c in held)
    assert max(steps.values()) <= 3 and max(summaries.values()) <= 3
    assert len(steps) >= 0.95 * len(held)
