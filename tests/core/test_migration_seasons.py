"""The seasons migration on a file written before it: what existing rows become."""

import sqlalchemy as sa

from csplanner.core import migrate


def test_existing_rows_get_season_one_shared_flags_and_next_step_items(tmp_path):
    engine = sa.create_engine(f"sqlite:///{tmp_path / 'old.sqlite3'}")
    migrate.upgrade(engine, "0001")
    stamp = "'2026-01-01 00:00:00'"
    with engine.begin() as c:
        c.exec_driver_sql(
            f"INSERT INTO account (id, created_at, updated_at, name, segment, arr_minor, currency, contract_signed, "
            f"renewal, stage, goal, success_criteria, regions, archived) VALUES (1, {stamp}, {stamp}, 'Acme', '', "
            f"50000, 'EUR', '2025-01-06', '2026-01-05', 'adopt', '', '', '', 0)")
        for mid, title, team in [(1, "Kickoff call", "csm"), (2, "Renewal -90d: forecast call", "csm"),
                                 (3, "Expansion conversation", "sales"), (4, "Internal handoff", "services"),
                                 (5, "Exec alignment", "leadership"), (6, "QBR prep", "csm")]:
            c.exec_driver_sql(
                f"INSERT INTO milestone (id, created_at, updated_at, account_id, title, planned_on, status, "
                f"run_type, phase, team, outcome, notes) VALUES ({mid}, {stamp}, {stamp}, 1, '{title}', "
                f"'2025-02-01', 'planned', 'medium', 'adoption', '{team}', '', '')")
        for cid, day, steps, sentiment in [(1, "2025-03-01", "Send the deck", 1), (2, "2025-04-01", "", 0),
                                           (3, "2025-05-01", "Book the QBR", -1), (4, "2999-01-01", "", 0)]:
            c.exec_driver_sql(
                f"INSERT INTO check_in (id, created_at, updated_at, account_id, held_on, kind, summary, next_steps, "
                f"sentiment) VALUES ({cid}, {stamp}, {stamp}, 1, '{day}', 'call', '', '{steps}', {sentiment})")
    migrate.upgrade(engine)
    with engine.connect() as c:
        assert c.exec_driver_sql(
            "SELECT number, start, race_day, arr_start_minor, outcome FROM season").all() == [
            (1, "2025-01-06", "2026-01-05", 50000, None)]
        shared = dict(c.exec_driver_sql("SELECT title, shared_with_customer FROM milestone").all())
        assert shared == {"Kickoff call": 1, "Renewal -90d: forecast call": 0, "Expansion conversation": 0,
                          "Internal handoff": 0, "Exec alignment": 0, "QBR prep": 0}
        steps = c.exec_driver_sql(
            "SELECT check_in_id, text, owner, due_on, done_on FROM next_step ORDER BY check_in_id").all()
        # the latest agreed step stays open; the older one was closed by the next talk
        assert steps == [(1, "Send the deck", "us", "2025-03-08", "2025-04-01"),
                         (3, "Book the QBR", "us", "2025-05-08", None)]
        sentiments = dict(c.exec_driver_sql("SELECT id, sentiment FROM check_in").all())
        assert sentiments == {1: 1, 2: 0, 3: -1, 4: None}  # the far-future one was only planned
        assert c.exec_driver_sql("SELECT next_steps FROM check_in WHERE id = 1").scalar() == "Send the deck"
    engine.dispose()
