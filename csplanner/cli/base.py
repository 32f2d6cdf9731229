"""What every command shares: the one-line-error parser, --db resolution, argument types."""

import argparse
from datetime import date
from pathlib import Path
from typing import NoReturn

from csplanner.core import dburl, paths
from csplanner.core.dburl import ServerBook
from csplanner.core.errors import DomainError


class UsageError(Exception):
    pass


class Parser(argparse.ArgumentParser):
    def error(self, message: str) -> NoReturn:  # one line, never the usage block
        raise UsageError(message)


def db_path(args: argparse.Namespace) -> Path | ServerBook:
    """--db (or $CSPLANNER_DB, or the default file): a file path or a postgresql:// server book."""
    return dburl.parse(args.db) if args.db else paths.default_db_path()


def existing_db(args: argparse.Namespace) -> Path | ServerBook:
    where = db_path(args)
    if isinstance(where, Path) and not where.is_file():
        raise DomainError(f"No database at {where}.")
    return where


def positive(text: str) -> int:
    try:
        value = int(text)
    except ValueError:
        raise argparse.ArgumentTypeError(f"'{text}' is not a whole number") from None
    if value < 1:
        raise argparse.ArgumentTypeError(f"must be at least 1, not {value}")
    return value


def iso_date(text: str) -> date:
    try:
        return date.fromisoformat(text)
    except ValueError:
        raise argparse.ArgumentTypeError(f"'{text}' is not a date (use YYYY-MM-DD)") from None


def user_name() -> str:
    """The OS user name: the owner of accounts a command adds, and the name on what it changes."""
    import getpass

    try:
        return getpass.getuser()
    except (OSError, KeyError):  # no name in the environment nor the password database
        return ""
