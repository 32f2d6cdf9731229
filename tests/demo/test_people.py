"""Who the customers are: company names and the people on their side."""

import random
import re

from csplanner.core.enums import ObstacleKind, StakeholderRole, StakeholderStatus
from csplanner.demo import MAX_ACCOUNTS
from csplanner.demo.people import CompanyNames
from tests.conftest import TODAY
from tests.demo.conftest import by_account


def test_account_names_are_believable_and_unique(data):
    names = [a.name for a in data["account"]]
    assert len({n.lower() for n in names}) == len(names)
    for name in names:
        assert re.fullmatch(r"[A-Z][A-Za-z]+( [A-Z&][A-Za-z.&]*)+", name), name
        assert not re.search(r"\bAccount\b|\d", name)
        assert len(name) <= 200


def test_names_stay_unique_for_the_largest_book():
    companies = CompanyNames(random.Random(1))
    names = [companies.name("EMEA")[0] for _ in range(MAX_ACCOUNTS)]
    assert len({n.lower() for n in names}) == MAX_ACCOUNTS
    assert max(len(n) for n in names) <= 200
    assert sum(bool(re.search(r"\d", n)) for n in names) == 0  # never "Account 17"-style numbering


def test_stakeholders(data):
    people = by_account(data["stakeholder"])
    for a in data["account"]:
        group = people[a.id]
        active = [p for p in group if p.status == StakeholderStatus.ACTIVE]
        assert 1 <= len(group) <= 6 and active
        roles = {p.role for p in group}
        assert StakeholderRole.CHAMPION in roles
        assert StakeholderRole.EXEC_SPONSOR in roles or len(active) == 1  # no sponsor: run through the champion
        assert len({p.name for p in group}) == len(group)
        for p in group:
            assert re.fullmatch(r"\S+ \S+( \S+)?", p.name) and p.title and p.location
            assert (p.left_on is not None) == (p.status == StakeholderStatus.LEFT)
            if p.left_on:
                assert a.kickoff < p.left_on < TODAY
    left_keys = [p for p in data["stakeholder"] if p.status == StakeholderStatus.LEFT
                 and p.role in (StakeholderRole.EXEC_SPONSOR, StakeholderRole.CHAMPION)]
    assert left_keys
    turnover = {o.title for o in data["obstacle"] if o.kind == ObstacleKind.EXEC_TURNOVER}
    for p in left_keys:
        assert any(p.name in title for title in turnover)


def live_accounts(data):
    return [a for a in data["account"] if not a.archived]


def test_a_few_accounts_hang_on_one_person(data):
    people = by_account(data["stakeholder"])
    single = [a for a in live_accounts(data)
              if sum(p.status == StakeholderStatus.ACTIVE for p in people[a.id]) == 1]
    assert 0 < len(single) <= 6
    assert all(a.segment != "Enterprise" for a in single)


def test_a_champion_left_recently_on_one_or_two_accounts(data):
    live = {a.id for a in live_accounts(data)}
    recent = [p for p in data["stakeholder"] if p.account_id in live and p.role == StakeholderRole.CHAMPION
              and p.status == StakeholderStatus.LEFT and (TODAY - p.left_on).days <= 90]
    assert 1 <= len({p.account_id for p in recent}) <= 2
    assert all((TODAY - p.left_on).days >= 7 for p in recent)
    open_turnover = [o.title for o in data["obstacle"] if o.kind == ObstacleKind.EXEC_TURNOVER and o.resolved_on is None]
    assert any(p.name in title for p in recent for title in open_turnover)  # nobody has taken over yet
    # every other key person who left did so long ago, and someone took over
    earlier = [p for p in data["stakeholder"] if p.status == StakeholderStatus.LEFT and p.role in
               (StakeholderRole.EXEC_SPONSOR, StakeholderRole.CHAMPION) and p not in recent and p.account_id in live]
    assert all((TODAY - p.left_on).days > 90 for p in earlier)
