"""Every test runs headless, on a fresh temporary database, never touching the user's files."""

import os

os.environ["QT_QPA_PLATFORM"] = "offscreen"  # before any Qt import
os.environ["LC_ALL"] = "C.UTF-8"  # dates and numbers as CI prints them, whatever the machine's locale

import atexit  # noqa: E402
from collections.abc import Iterator  # noqa: E402
from datetime import date  # noqa: E402
import shutil  # noqa: E402
import tempfile  # noqa: E402
from pathlib import Path  # noqa: E402

import pytest  # noqa: E402
from hypothesis import HealthCheck, Phase, settings  # noqa: E402

from csplanner.core import paths, present  # noqa: E402
from csplanner.core.db import Database, open_database  # noqa: E402
from tests import pg  # noqa: E402

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


# Under `make mutation` every mutant is a pytest session of its own, forked from one process that
# keeps this module: the template is migrated once per run, not once per mutant (no migration
# calls a mutated module).
_MUTATION_TEMPLATE: list[Path] = []


@pytest.fixture(scope="session")
def migrated_template(tmp_path_factory: pytest.TempPathFactory) -> Path:
    """One database migrated to the newest schema; each test gets a copy (migrating costs ~0.5 s)."""
    if _MUTATION_TEMPLATE:
        return _MUTATION_TEMPLATE[0]
    path = tmp_path_factory.mktemp("template") / "template.sqlite3"
    if "MUTANT_UNDER_TEST" in os.environ:
        path = Path(tempfile.mkdtemp(prefix="csplanner-mutation-")) / "template.sqlite3"
        atexit.register(shutil.rmtree, path.parent, True)
        _MUTATION_TEMPLATE.append(path)
    open_database(path).dispose()  # closing the last connection folds the WAL back into the file
    return path


@pytest.fixture
def backend(request: pytest.FixtureRequest) -> str:
    """"sqlite", or "postgres" where a module runs its tests on both (see pytest_generate_tests)."""
    return getattr(request, "param", "sqlite")


@pytest.fixture
def db(request: pytest.FixtureRequest, backend: str, tmp_path: Path) -> Iterator[Database]:
    if backend == "postgres":
        database = request.getfixturevalue("pg_shared").fresh()
    else:
        target = tmp_path / "test.sqlite3"
        shutil.copyfile(request.getfixturevalue("migrated_template"), target)
        target.chmod(0o600)
        database = open_database(target)
    yield database
    database.dispose()


# --- PostgreSQL: one throwaway cluster per session, a fresh database per test ---------------------


@pytest.fixture(scope="session")
def pg_cluster() -> Iterator[pg.Cluster]:
    cluster, why = pg.start()
    if cluster is None:
        pytest.skip(f"PostgreSQL cannot start: {why}")
    try:
        yield cluster
    finally:
        cluster.stop()


@pytest.fixture(scope="session")
def pg_template(pg_cluster: pg.Cluster) -> str:
    """A database migrated to the newest schema; each test's database is a copy (CREATE DATABASE … TEMPLATE)."""
    pg_cluster.sql("CREATE DATABASE csplanner_template")
    open_database(pg_cluster.url("csplanner_template")).dispose()  # no connection may stay on a template
    return "csplanner_template"


@pytest.fixture(scope="session")
def pg_shared(pg_cluster: pg.Cluster, pg_template: str) -> pg.SharedBook:
    """One migrated database for the core's service tests, emptied before each (a new database
    per test costs ten times more)."""
    pg_cluster.sql(f"CREATE DATABASE csplanner_shared TEMPLATE {pg_template}")
    return pg.SharedBook(pg_cluster.url("csplanner_shared"))


@pytest.fixture
def pg_url(pg_cluster: pg.Cluster, pg_template: str) -> Iterator[str]:
    """The URL of a fresh, migrated, empty book on the test cluster (dropped afterwards)."""
    name = pg_cluster.new_name()
    pg_cluster.sql(f"CREATE DATABASE {name} TEMPLATE {pg_template}")
    yield pg_cluster.url(name)
    pg_cluster.sql(f"DROP DATABASE IF EXISTS {name} WITH (FORCE)")


@pytest.fixture
def pg_empty_url(pg_cluster: pg.Cluster) -> Iterator[str]:
    """The URL of an empty database (no schema): what a team's administrator hands out."""
    name = pg_cluster.new_name()
    pg_cluster.sql(f"CREATE DATABASE {name}")
    yield pg_cluster.url(name)
    pg_cluster.sql(f"DROP DATABASE IF EXISTS {name} WITH (FORCE)")


@pytest.fixture
def ctx(qapp: object, db: Database) -> Iterator[object]:
    """An AppContext over the test database, with today pinned to TODAY."""
    from csplanner.app import make_context

    context = make_context(db)
    context.today = lambda: TODAY
    yield context
    context.jobs.stop()  # work a window left running ends before its book is closed
    context.undo_stack.clear()
