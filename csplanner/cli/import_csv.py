"""`import-csv`: accounts from a CRM or spreadsheet export, all or nothing unless told otherwise."""

import argparse
import sys
from datetime import UTC, datetime
from pathlib import Path
from typing import TYPE_CHECKING, Any

from csplanner.cli.base import existing_db, user_name
from csplanner.core.errors import DomainError

if TYPE_CHECKING:
    from csplanner.core.csv_import import Preview

FIELD_HELP = ("name, segment, arr, currency, contract_signed, kickoff, renewal, stage, goal, success_criteria, "
              "regions, owner, contact_name, contact_title, contact_email, contact_role, or ignore")


def cmd_import_csv(args: argparse.Namespace) -> int:
    from csplanner.core import csv_import as ci
    from csplanner.core.db import open_database

    table = ci.read_table(Path(args.file).expanduser().read_bytes())
    mapping = ci.apply_overrides(table.header, ci.guess_mapping(table.header),
                                 [ci.parse_map_option(m) for m in args.map])
    db = open_database(existing_db(args))
    user = user_name()
    try:
        with db.session(user, datetime.now(UTC)) as session:
            preview = ci.build_preview(table, ci.existing_accounts(session), mapping=mapping,
                                       date_order=args.date_order)
            if preview.needs_date_order:
                raise DomainError(f"Dates such as {preview.ambiguous_example} read as day/month or month/day: "
                                  "say which with --date-order dmy or --date-order mdy. Nothing was imported.")
            if args.dry_run:
                print_preview(preview)
                return 0
            for row in preview.of(ci.Fate.ERROR):
                print(f"line {row.line}: {'; '.join(row.reasons)}", file=sys.stderr)
            ci.apply_preview(session, preview, skip_invalid=args.skip_invalid, owner=user)  # new ones are yours
    finally:
        db.dispose()
    counts = preview.counts
    skipped = f", {counts[ci.Fate.ERROR]} skipped" if counts[ci.Fate.ERROR] else ""
    print(f"Imported {args.file}: {counts[ci.Fate.ADD]} added, {counts[ci.Fate.UPDATE]} updated{skipped}")
    return 0


def _short(name: str, width: int = 60) -> str:
    return name if len(name) <= width else name[:width - 1] + "…"


def print_preview(preview: "Preview") -> None:
    from csplanner.core.csv_import import Fate

    columns = ", ".join(f"{preview.header[i]} → {f}" for i, f in sorted(preview.mapping.items()))
    print(f"columns: {columns}")
    if preview.date_order:
        print(f"dates: {preview.date_order}")
    for row in preview.rows:
        if row.fate == Fate.ERROR:
            detail = "; ".join(row.reasons)
        elif row.fate == Fate.UPDATE:
            detail = ", ".join(sorted(row.values)) or "no changes"
        else:
            detail = ""
        contact = f" + contact {row.contact['name']}" if row.contact else ""
        print(f"line {row.line}\t{row.fate}\t{_short(row.name)}{contact}\t{detail}".rstrip())
    c = preview.counts
    print(f"{c[Fate.ADD]} to add, {c[Fate.UPDATE]} to update, {c[Fate.ERROR]} with errors (dry run: nothing written)")


def register(command: Any) -> None:
    imp = command("import-csv", cmd_import_csv, "import accounts from a CSV export (one transaction)")
    imp.add_argument("file", metavar="FILE", help="the CSV file")
    imp.add_argument("--map", action="append", default=[], metavar="COLUMN=FIELD",
                     help=f"read COLUMN as FIELD ({FIELD_HELP}); repeatable")
    imp.add_argument("--date-order", choices=("dmy", "mdy", "ymd"), help="how numeric dates are written "
                     "(default: guessed; asked when the file does not tell)")
    imp.add_argument("--skip-invalid", action="store_true", help="import the valid rows, skip the bad ones")
    imp.add_argument("--dry-run", action="store_true", help="print every row's fate; write nothing")
