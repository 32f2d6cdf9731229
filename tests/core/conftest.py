"""The core's service tests run twice: on a SQLite file and on a PostgreSQL database.

Modules listed in BOTH get their `db` fixture parametrized by backend; the PostgreSQL half is
marked `postgres` (skipped, with the reason, where no server can start). The file-only tests
(bad files, pragmas, backups, the file's migrations) stay on SQLite.
"""

import gc
import json
import os
from pathlib import Path

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


@pytest.fixture(autouse=True)
def _statements_built_afresh() -> None:
    """Some core reads build their statements once and keep them (health_many per day, coverage and
    load per day or week): each test starts without them, so none runs on statements an earlier
    test built; under `make mutation` those would be the unmutated code's, and hide the mutant."""
    from csplanner.core import coverage, health, load

    health._BUILT.clear()
    coverage._query.cache_clear()
    load._load_queries.cache_clear()


_DURATIONS: dict[str, float] = {}


def pytest_configure(config: pytest.Config) -> None:
    """Under `make mutation` each mutant's session is forked from a process holding the whole
    suite: what exists before a session is frozen, so the garbage collections pytest runs at
    its end look only at what the session made (they took half of a short session's time)."""
    if "MUTANT_UNDER_TEST" in os.environ:
        gc.freeze()


def pytest_collection_modifyitems(items: list[pytest.Item]) -> None:
    """Under `make mutation`, each mutant runs the tests that reach it until the first failure:
    the quickest test files first, and the quickest tests first within each file (a file stays
    together, so its module fixtures are built once). mutmut's own timings say which are quick."""
    if os.environ.get("MUTANT_UNDER_TEST", "stats") in ("stats", "mutant_generation"):
        return
    if not _DURATIONS:
        stats = Path("mutmut-stats.json")
        if not stats.exists():
            return
        _DURATIONS.update(json.loads(stats.read_text(encoding="utf-8"))["duration_by_test"])

    def took(item: pytest.Item) -> float:
        return _DURATIONS.get(item.nodeid, 0.0)

    first = {}
    for item in items:
        first[item.path] = min(first.get(item.path, took(item)), took(item))
    items.sort(key=lambda item: (first[item.path], str(item.path), took(item)))
