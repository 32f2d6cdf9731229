"""What every command shares: the one-line-error parser, --db resolution, argument types."""

import argparse
from datetime import date
from pathlib import Path
from typing import NoReturn

from csplanner.core import paths
from csplanner.core.errors import DomainError


class UsageError(Exception):
    pass


class Parser(argparse.ArgumentParser):
    def error(self, message: str) -> NoReturn:  # one line, never the usage block
        raise UsageError(message)


def db_path(args: argparse.Namespace) -> Path:
    return Path(args.db).expanduser() if args.db else paths.default_db_path()


def existing_db(args: argparse.Namespace) -> Path:
    path = db_path(args)
    if not path.is_file():
        raise DomainError(f"No database at {path}.")
    return path


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
