"""The demo book gives the coach something to show: thin relationships, calls due, an injury."""

from datetime import timedelta

from csplanner.core import cadence, health, realign
from csplanner.core.realign import Mode
from tests.conftest import TODAY


def test_relationship_gaps_show_in_health(book):
    db, _ = book
    with db.session() as s:
        scores = health.health_many(s, None, TODAY)
    texts = [h.part("coverage").explanation for h in scores.values()]
    assert sum("Single-threaded" in t for t in texts) >= 2
    assert sum("champion left on" in t.lower() for t in texts) >= 1
    assert sum(h.part("coverage").score == 100 for h in scores.values()) >= len(scores) // 5  # most are fine


def test_a_few_people_to_call_this_week(book):
    db, _ = book
    with db.session() as s:
        everyone = cadence.contacts(s, TODAY)
        to_call = cadence.who_to_call(s, TODAY, TODAY + timedelta(days=6 - TODAY.weekday()))
    assert 0 < len(to_call) < len(everyone) // 2


def test_the_open_escalation_has_runs_to_realign(book, data):
    db, _ = book
    linked = {link.obstacle_id for link in data["obstacle_milestone"]}
    injury = next(o for o in data["obstacle"] if o.id in linked and o.resolved_on is None and o.kind == "escalation")
    with db.session() as s:
        pv = realign.preview(s, injury.account_id, TODAY, Mode.SHIFT, days=14,
                             ids=realign.hurt_runs(s, injury.id))
    assert 3 <= len(pv.moves) <= 4
