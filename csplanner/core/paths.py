"""Every path the app uses, in one place, so tests and --db can redirect them."""

import os
from pathlib import Path

import platformdirs

from csplanner.core import dburl
from csplanner.core.dburl import ServerBook

APP_NAME = "csplanner"
ENV_DB = "CSPLANNER_DB"
ENV_HOME = "CSPLANNER_HOME"  # redirects every per-user folder (tests, portable use)


def data_dir() -> Path:
    home = os.environ.get(ENV_HOME)
    if home:
        return Path(home) / "data"
    return Path(platformdirs.user_data_dir(APP_NAME, appauthor=False))


def config_dir() -> Path:
    home = os.environ.get(ENV_HOME)
    if home:
        return Path(home) / "config"
    return Path(platformdirs.user_config_dir(APP_NAME, appauthor=False))


def templates_dir() -> Path:
    """Where a user's own plan templates are saved."""
    return data_dir() / "templates"


def backups_dir(db_path: Path) -> Path:
    return db_path.parent / "backups"


def default_db_path() -> "Path | ServerBook":
    """$CSPLANNER_DB (a file path or a postgresql:// URL), else the file in the user data folder."""
    env = os.environ.get(ENV_DB)
    if env:
        return dburl.parse(env)
    return data_dir() / "csplanner.sqlite3"
