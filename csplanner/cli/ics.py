"""`export-ics`: runs, race days and planned check-ins as an iCalendar file."""

import argparse
from typing import Any

from csplanner.cli.base import existing_db, iso_date
from csplanner.core.errors import DomainError


def cmd_export_ics(args: argparse.Namespace) -> int:
    from datetime import UTC, date, datetime

    from csplanner.core import read
    from csplanner.core.db import open_database
    from csplanner.core.present import plural
    from csplanner.export.ics import export_ics

    if args.start and args.end and args.end < args.start:
        raise DomainError(f"--to {args.end} is before --from {args.start}.")
    db = open_database(existing_db(args))
    try:
        account_id = None
        if args.account is not None:
            account_id = read.account_id_by_name(db, args.account)
        result = export_ics(db, args.out, today=date.today(), now=datetime.now(UTC), account_id=account_id,
                            start=args.start, end=args.end)
    finally:
        db.dispose()
    print(f"Wrote {result.path} ({plural(result.events, 'event')})")
    return 0


def register(command: Any) -> None:
    ics = command("export-ics", cmd_export_ics, "write runs, race days and planned check-ins as a calendar file")
    ics.add_argument("--out", required=True, metavar="FILE", help="where to write the .ics file")
    ics.add_argument("--account", metavar="NAME", help="one account (its name or a unique start of it)")
    ics.add_argument("--from", dest="start", type=iso_date, metavar="DATE", help="first day (YYYY-MM-DD)")
    ics.add_argument("--to", dest="end", type=iso_date, metavar="DATE", help="last day (YYYY-MM-DD)")
