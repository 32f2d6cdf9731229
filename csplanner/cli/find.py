"""`search`: every account and record matching some words, one line per hit."""

import argparse
import sys
from typing import Any

from csplanner.cli.base import existing_db, positive


def cmd_search(args: argparse.Namespace) -> int:
    from csplanner.core.db import open_database
    from csplanner.core.present import value_label as label
    from csplanner.core.search import accents_folded, plain_snippet, search

    db = open_database(existing_db(args))
    try:
        with db.session() as session:
            hits = search(session, args.query, limit=args.limit).hits
        if not accents_folded(db):
            print(f"csplanner: note: {db.label} has no unaccent extension: search matches accents exactly",
                  file=sys.stderr)
    finally:
        db.dispose()
    for hit in hits:
        day = hit.day.isoformat() if hit.day else "-"
        print(f"{label(hit.kind)}\t{hit.account_name}\t{day}\t{plain_snippet(hit.snippet)}")
    return 0


def register(command: Any) -> None:
    find = command("search", cmd_search, "search every account and record; one line per hit")
    find.add_argument("query", metavar="QUERY", help="words to find (each also as a prefix)")
    find.add_argument("--limit", type=positive, default=20, metavar="N", help="at most N hits (default 20)")
