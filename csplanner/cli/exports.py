"""PDF exports: `export-pdf`, `export-week`."""

import argparse
from typing import Any

from csplanner.cli.base import existing_db
from csplanner.core.present import plural


def cmd_export_pdf(args: argparse.Namespace) -> int:
    from datetime import date

    from csplanner.core.db import open_database
    from csplanner.export import audience
    from csplanner.export.account_plan import account_id_by_name, export_account_plan
    from csplanner.export.pdf_document import PAPERS
    from csplanner.export.user_locale import use_user_locale

    use_user_locale()
    who = audience.parse(args.audience)
    db = open_database(existing_db(args), read_only=True)  # an export never writes the book
    try:
        result = export_account_plan(
            db, account_id_by_name(db, args.account), args.out, today=date.today(), audience=who,
            paper=PAPERS[args.paper] if args.paper else None,
        )
    finally:
        db.dispose()
    print(f"Wrote {result.path} ({plural(result.pages, 'page')}, {who} version)")
    return 0


def cmd_export_week(args: argparse.Namespace) -> int:
    from datetime import date

    from csplanner.core.db import open_database
    from csplanner.export.pdf_document import PAPERS
    from csplanner.export.user_locale import use_user_locale
    from csplanner.export.week_plan import export_week, parse_week

    use_user_locale()
    today = date.today()
    start = parse_week(args.week, today)
    db = open_database(existing_db(args), read_only=True)  # an export never writes the book
    try:
        result = export_week(db, start, args.out, today=today, paper=PAPERS[args.paper] if args.paper else None)
    finally:
        db.dispose()
    print(f"Wrote {result.path} ({plural(result.pages, 'page')})")
    return 0


def register(command: Any) -> None:
    pdf = command("export-pdf", cmd_export_pdf, "write one account's plan as a PDF")
    pdf.add_argument("--account", required=True, metavar="NAME", help="the account's name, or a unique start or part of it")
    pdf.add_argument("--out", required=True, metavar="FILE.pdf", help="where to write the PDF")
    pdf.add_argument("--audience", default="internal", choices=("customer", "internal"),
                     help="customer: the shared plan only; internal (default): everything")
    pdf.add_argument("--paper", choices=("a4", "letter"), help="paper size (default: from the locale)")
    week = command("export-week", cmd_export_week, "write a week's plan across all accounts as a PDF")
    week.add_argument("--week", metavar="YYYY-Www", help="ISO week such as 2026-W48 (default: this week)")
    week.add_argument("--out", required=True, metavar="FILE.pdf", help="where to write the PDF")
    week.add_argument("--paper", choices=("a4", "letter"), help="paper size (default: from the locale)")
