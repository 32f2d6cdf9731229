"""The core's service tests run twice: on a SQLite file and on a PostgreSQL database.

Modules listed in BOTH get their `db` fixture parametrized by backend; the PostgreSQL half is
marked `postgres` (skipped, with the reason, where no server can start). The file-only tests
(bad files, pragmas, backups, the file's migrations) stay on SQLite.
"""

import pytest

BOTH = {
    "test_accounts", "test_account_resolve", "test_book_json", "test_cadence", "test_changes",
    "test_checkins_steps", "test_coverage", "test_csv_import", "test_forecasts", "test_health",
    "test_planner", "test_read", "test_realign", "test_records", "test_search", "test_seasons",
    "test_templates", "test_undo_dump", "test_week", "test_calendar", "test_versions",
}


def pytest_generate_tests(metafunc: pytest.Metafunc) -> None:
    module = metafunc.module.__name__.rsplit(".", 1)[-1]
    if module in BOTH and "backend" in metafunc.fixturenames:
        metafunc.parametrize("backend", ["sqlite", pytest.param("postgres", marks=pytest.mark.postgres)],
                             indirect=True)
