"""The command line: `csplanner` runs the app; subcommands serve scripts. Errors are one line, exit 2.

One module per command group; each has `register(command)` that adds its subcommands.
"""

import argparse
import gc
import os
import sys
from collections.abc import Callable, Sequence

from csplanner import __version__
from csplanner.cli import book, coach, data, exports, find, ics, import_csv
from csplanner.cli.base import Parser, UsageError, db_path
from csplanner.core import dburl, paths
from csplanner.core.errors import DomainError



def cmd_app(args: argparse.Namespace) -> int:
    from csplanner import app

    return app.run(db_path(args), quit_after_start=args.quit_after_start)


def warn_password(value: str | None) -> None:
    """A password in a URL works, but belongs in ~/.pgpass: say so (never echoing it)."""
    if value and dburl.is_url(value):
        where = dburl.parse(value)
        if isinstance(where, dburl.ServerBook) and where.has_password:
            print(f"csplanner: warning: {dburl.PASSWORD_WARNING}", file=sys.stderr)


def build_parser() -> Parser:
    parser = Parser(prog="csplanner", description="An offline planner for customer success managers.")
    parser.add_argument("--version", action="version", version=f"csplanner {__version__}")
    parser.add_argument("--db", metavar="PATH|URL", help=f"database file, or postgresql://user@host/database for a team "
                        f"server (default: ${paths.ENV_DB} or the user data folder)")
    parser.add_argument("--quit-after-start", action="store_true",
                        help="open the window, quit once it is drawn (checks that a build starts)")
    parser.set_defaults(func=cmd_app)
    sub = parser.add_subparsers(title="commands", metavar="COMMAND", parser_class=Parser)

    def command(name: str, func: Callable[[argparse.Namespace], int], help: str) -> Parser:
        p = sub.add_parser(name, help=help, description=help)
        p.add_argument("--db", metavar="PATH|URL", default=argparse.SUPPRESS,
                       help="database file, or postgresql://user@host/database")
        p.set_defaults(func=func)
        return p

    for group in (book, data, exports, ics, find, import_csv, coach):
        group.register(command)
    return parser


def main(argv: Sequence[str] | None = None) -> int:
    parser = build_parser()
    try:
        args = parser.parse_args(argv)
        if args.db is None and os.environ.get(paths.ENV_DB):
            args.db = os.environ[paths.ENV_DB]
        warn_password(getattr(args, "db", None))
        if args.func is cmd_app:
            gc.disable()  # until the first paint (app.run); importing and building the window makes objects that stay
        else:
            gc.enable()  # a command may churn through many rows: collect as usual
        return int(args.func(args))
    except UsageError as exc:
        print(f"csplanner: {exc}", file=sys.stderr)
        return 2
    except DomainError as exc:
        print(f"csplanner: {exc.message}", file=sys.stderr)
        return 2
    except KeyboardInterrupt:
        return 130
    except OSError as exc:
        print(f"csplanner: {exc.strerror or exc}: {exc.filename or ''}".rstrip(": "), file=sys.stderr)
        return 2
