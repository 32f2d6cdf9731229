"""A template's preview counts from the running season's start after a renewal, and only then."""

from datetime import date

from csplanner.core import templates
from csplanner.core.models import Account, Season

STEPS = [{"title": "K", "from": "kickoff", "offset": "+1w"}, {"title": "C", "offset": "+2w"},
         {"title": "R", "from": "renewal", "offset": "-1w"}]


def preview(db, account: Account, seasons: list[tuple[int, date | None, date]]) -> list[tuple[str, date]]:
    with db.session() as s:
        s.add(account)
        s.flush()
        s.add_all([Season(account_id=account.id, number=n, start=start, race_day=race) for n, start, race in seasons])
        s.flush()
        runs = templates.preview(s, account.id, templates.parse({"name": "Plan", "steps": STEPS}, "t.json"))
    return [(r.title, r.day) for r in runs]


def test_in_the_first_season_the_account_s_own_contract_and_kickoff_count(db):
    acme = Account(name="Acme", contract_signed=date(2025, 1, 6), kickoff=date(2025, 2, 3), renewal=date(2026, 1, 5))
    # the first season's start is not the contract's day here: the account's own dates still count
    assert preview(db, acme, [(1, date(2025, 1, 1), date(2026, 1, 5))]) == [
        ("C", date(2025, 1, 20)), ("K", date(2025, 2, 10)), ("R", date(2025, 12, 29))]


def test_after_two_renewals_the_latest_season_s_start_counts(db):
    acme = Account(name="Acme", contract_signed=date(2024, 1, 1), kickoff=date(2024, 1, 15), renewal=date(2027, 1, 4))
    assert preview(db, acme, [(1, date(2024, 1, 1), date(2025, 1, 6)), (2, date(2025, 1, 6), date(2026, 1, 5)),
                              (3, date(2026, 1, 5), date(2027, 1, 4))]) == [
        ("K", date(2026, 1, 12)), ("C", date(2026, 1, 19)), ("R", date(2026, 12, 28))]


def test_a_renewed_account_without_a_contract_date_counts_from_the_running_season(db):
    acme = Account(name="Acme", kickoff=date(2025, 3, 3), renewal=date(2027, 1, 4))
    assert preview(db, acme, [(1, None, date(2026, 1, 5)), (2, date(2026, 1, 5), date(2027, 1, 4))]) == [
        ("K", date(2026, 1, 12)), ("C", date(2026, 1, 19)), ("R", date(2026, 12, 28))]


def test_replacing_takes_the_planned_runs_from_a_day_on_and_undo_brings_them_back_with_their_links(db):
    from sqlmodel import select

    from csplanner.core.enums import MilestoneStatus, RunType
    from csplanner.core.models import Milestone
    from csplanner.core.services import accounts, milestones, obstacles
    from csplanner.core.templates import Replaced

    with db.session() as s:
        aid = accounts.create(s, name="Acme").id
        other = accounts.create(s, name="Other").id
        early = milestones.create(s, account_id=aid, title="Early", planned_on=date(2026, 11, 2)).id
        done = milestones.create(s, account_id=aid, title="Done", planned_on=date(2026, 11, 30),
                                 status=MilestoneStatus.DONE, done_on=date(2026, 11, 30)).id
        on_day = milestones.create(s, account_id=aid, title="On the day", planned_on=date(2026, 12, 1),
                                   run_type=RunType.LONG).id
        later = milestones.create(s, account_id=aid, title="Later", planned_on=date(2027, 1, 4)).id
        milestones.create(s, account_id=other, title="Not Acme's", planned_on=date(2026, 12, 2))
        hurt = obstacles.create(s, [on_day, done], account_id=aid, title="Outage", opened_on=date(2026, 11, 1)).id
    with db.session() as s:
        milestones.update(s, later, notes="Bring the deck")  # edited once: version 2, checked when applying
    with db.session() as s:
        going = templates.replaceable(s, aid, date(2026, 12, 1))
        everything = templates.replaceable(s, aid, None)
    assert going == [Replaced(on_day, "On the day", date(2026, 12, 1), RunType.LONG, 1),
                     Replaced(later, "Later", date(2027, 1, 4), RunType.MEDIUM, 2)]
    assert [r.id for r in everything] == [early, on_day, later]  # done runs are history and stay
    with db.session() as s:
        rows = templates.remove(s, [r.id for r in going])
    with db.session() as s:
        assert [m.id for m in s.exec(select(Milestone).where(Milestone.account_id == aid)).all()] == [early, done]
        assert obstacles.linked_milestones(s, hurt) == [done]
    with db.session() as s:
        templates.restore(s, rows)
    with db.session() as s:
        assert [r.id for r in templates.replaceable(s, aid, None)] == [early, on_day, later]
        assert sorted(obstacles.linked_milestones(s, hurt)) == sorted([on_day, done])
