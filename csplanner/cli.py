"""The command line: `csplanner` runs the app; subcommands serve scripts. Errors are one line, exit 2."""

import argparse
import os
import sys
from collections.abc import Callable, Sequence
from datetime import date
from pathlib import Path
from typing import NoReturn

from csplanner import __version__
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


def cmd_app(args: argparse.Namespace) -> int:
    from csplanner import app

    return app.run(db_path(args))


def cmd_demo(args: argparse.Namespace) -> int:
    from csplanner.core import demo
    from csplanner.core.db import open_database

    path = db_path(args)
    db = open_database(path)
    try:
        summary = demo.generate(db, accounts=args.accounts, seed=args.seed, today=args.today)
    finally:
        db.dispose()
    print(f"Wrote {summary.accounts} demo accounts to {path}")
    return 0


def cmd_check(args: argparse.Namespace) -> int:
    import sqlite3

    from csplanner.core import migrate
    from csplanner.core.db import check_file, make_engine

    path = existing_db(args)
    check_file(path)
    conn = sqlite3.connect(f"file:{path}?mode=ro", uri=True)
    try:
        result = conn.execute("PRAGMA integrity_check").fetchone()[0]
        fk_errors = conn.execute("PRAGMA foreign_key_check").fetchall()
    except sqlite3.DatabaseError as exc:
        raise DomainError(f"{path} is damaged or not a database: {exc}.") from exc
    finally:
        conn.close()
    engine = make_engine(path)
    try:
        current = migrate.current_revision(engine)
    finally:
        engine.dispose()
    head = migrate.head_revision()
    print(f"integrity: {result}")
    print(f"foreign keys: {'ok' if not fk_errors else f'{len(fk_errors)} broken references'}")
    print(f"schema: {current or 'none'} (latest {head}){'' if current == head else ' — will be upgraded when opened'}")
    return 0 if result == "ok" and not fk_errors else 1


def cmd_export_pdf(args: argparse.Namespace) -> int:
    from datetime import date

    from csplanner.core.db import open_database
    from csplanner.export import audience
    from csplanner.export.account_plan import account_id_by_name, export_account_plan
    from csplanner.export.pdf_document import PAPERS

    who = audience.parse(args.audience)
    db = open_database(existing_db(args))
    try:
        result = export_account_plan(
            db, account_id_by_name(db, args.account), args.out, today=date.today(), audience=who,
            paper=PAPERS[args.paper] if args.paper else None,
        )
    finally:
        db.dispose()
    print(f"Wrote {result.path} ({result.pages} page{'s' if result.pages != 1 else ''}, {who} version)")
    return 0


def cmd_export_week(args: argparse.Namespace) -> int:
    from datetime import date

    from csplanner.core.db import open_database
    from csplanner.export.pdf_document import PAPERS
    from csplanner.export.week_plan import export_week, parse_week

    today = date.today()
    start = parse_week(args.week, today)
    db = open_database(existing_db(args))
    try:
        result = export_week(db, start, args.out, today=today, paper=PAPERS[args.paper] if args.paper else None)
    finally:
        db.dispose()
    print(f"Wrote {result.path} ({result.pages} page{'s' if result.pages != 1 else ''})")
    return 0


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


def build_parser() -> Parser:
    parser = Parser(prog="csplanner", description="An offline planner for customer success managers.")
    parser.add_argument("--version", action="version", version=f"csplanner {__version__}")
    parser.add_argument("--db", metavar="PATH", help=f"database file (default: ${paths.ENV_DB} or the user data folder)")
    parser.set_defaults(func=cmd_app)
    sub = parser.add_subparsers(title="commands", metavar="COMMAND", parser_class=Parser)

    def command(name: str, func: Callable[[argparse.Namespace], int], help: str) -> Parser:
        p = sub.add_parser(name, help=help, description=help)
        p.add_argument("--db", metavar="PATH", default=argparse.SUPPRESS, help="database file")
        p.set_defaults(func=func)
        return p

    demo = command("demo", cmd_demo, "write a realistic demo book of business into a new database")
    demo.add_argument("--accounts", type=positive, default=40, metavar="N", help="how many accounts (default 40)")
    demo.add_argument("--seed", type=int, default=1, metavar="S", help="random seed (default 1)")
    demo.add_argument("--today", type=iso_date, default=None, metavar="YYYY-MM-DD", help="date the book is built around (default today)")
    command("check", cmd_check, "check a database's integrity and schema version")
    pdf = command("export-pdf", cmd_export_pdf, "write one account's plan as a PDF")
    pdf.add_argument("--account", required=True, metavar="NAME", help="the account's name")
    pdf.add_argument("--out", required=True, metavar="FILE.pdf", help="where to write the PDF")
    pdf.add_argument("--audience", default="internal", choices=("customer", "internal"),
                     help="customer: the shared plan only; internal (default): everything")
    pdf.add_argument("--paper", choices=("a4", "letter"), help="paper size (default: from the locale)")
    week = command("export-week", cmd_export_week, "write a week's plan across all accounts as a PDF")
    week.add_argument("--week", metavar="YYYY-Www", help="ISO week such as 2026-W48 (default: this week)")
    week.add_argument("--out", required=True, metavar="FILE.pdf", help="where to write the PDF")
    week.add_argument("--paper", choices=("a4", "letter"), help="paper size (default: from the locale)")
    return parser


def main(argv: Sequence[str] | None = None) -> int:
    parser = build_parser()
    try:
        args = parser.parse_args(argv)
        if args.db is None and os.environ.get(paths.ENV_DB):
            args.db = os.environ[paths.ENV_DB]
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
