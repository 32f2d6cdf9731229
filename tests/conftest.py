"""Every test runs headless, on a fresh temporary database, never touching the user's files."""

import os

os.environ["QT_QPA_PLATFORM"] = "offscreen"  # before any Qt import
os.environ["LC_ALL"] = "C.UTF-8"  # dates and numbers as CI prints them, whatever the machine's locale

from collections.abc import Iterator  # noqa: E402
from datetime import date  # noqa: E402
import shutil  # noqa: E402
from pathlib import Path  # noqa: E402

import pytest  # noqa: E402
from hypothesis import HealthCheck, Phase, settings  # noqa: E402

from csplanner.core import paths, present  # noqa: E402
from csplanner.core.db import Database, open_database  # noqa: E402

# Properties run the same examples on every machine: CI and the mutation run must not depend on luck.
settings.register_profile(
    "csplanner", derandomize=True, database=None, deadline=None, max_examples=60, print_blob=True,
    suppress_health_check=[HealthCheck.too_slow],
)
# Under `make mutation` every surviving mutant reruns the properties: fewer examples, and a failure
# is reported as found (shrinking it to the smallest example only matters to a person reading it).
settings.register_profile(
    "mutation", parent=settings.get_profile("csplanner"), max_examples=25,
    phases=[Phase.explicit, Phase.reuse, Phase.generate],
)
# HYPOTHESIS_PROFILE=explore searches wider and at random, by hand, once in a while
settings.register_profile("explore", parent=settings.get_profile("csplanner"), derandomize=False, max_examples=2000)
settings.load_profile(os.environ.get("HYPOTHESIS_PROFILE")
                      or ("mutation" if "MUTANT_UNDER_TEST" in os.environ else "csplanner"))

TODAY = date(2026, 11, 25)  # a Wednesday; tests that need "today" pin it


@pytest.fixture(autouse=True)
def private_paths(tmp_path_factory: pytest.TempPathFactory, monkeypatch: pytest.MonkeyPatch) -> Iterator[Path]:
    home = tmp_path_factory.mktemp("home")
    monkeypatch.setenv(paths.ENV_HOME, str(home))
    monkeypatch.delenv(paths.ENV_DB, raising=False)
    monkeypatch.setenv("XDG_DATA_HOME", str(home / "xdg-data"))
    monkeypatch.setenv("XDG_CONFIG_HOME", str(home / "xdg-config"))
    yield home
    present.use_locale(None)  # a test that chose a locale leaves the default behind


@pytest.fixture(scope="session")
def migrated_template(tmp_path_factory: pytest.TempPathFactory) -> Path:
    """One database migrated to the newest schema; each test gets a copy (migrating costs ~0.5 s)."""
    path = tmp_path_factory.mktemp("template") / "template.sqlite3"
    open_database(path).dispose()  # closing the last connection folds the WAL back into the file
    return path


@pytest.fixture
def db(tmp_path: Path, migrated_template: Path) -> Iterator[Database]:
    target = tmp_path / "test.sqlite3"
    shutil.copyfile(migrated_template, target)
    target.chmod(0o600)
    database = open_database(target)
    yield database
    database.dispose()


@pytest.fixture
def ctx(qapp: object, db: Database) -> Iterator[object]:
    """An AppContext over the test database, with today pinned to TODAY."""
    from csplanner.app import make_context

    context = make_context(db)
    context.today = lambda: TODAY
    yield context
    context.undo_stack.clear()
