"""Making a book of business: `demo`."""

import argparse
from datetime import date
from typing import Any

from csplanner.cli.base import db_path, iso_date, positive


def cmd_demo(args: argparse.Namespace) -> int:
    from csplanner import demo
    from csplanner.core.db import open_database

    path = db_path(args)
    db = open_database(path)
    try:
        summary = demo.generate(db, accounts=args.accounts, seed=args.seed, today=args.today or date.today())
    finally:
        db.dispose()
    print(f"Wrote {summary.accounts} demo accounts to {path}")
    return 0


def register(command: Any) -> None:
    demo = command("demo", cmd_demo, "write a realistic demo book of business into a new database")
    demo.add_argument("--accounts", type=positive, default=40, metavar="N", help="how many accounts (default 40)")
    demo.add_argument("--seed", type=int, default=1, metavar="S", help="random seed (default 1)")
    demo.add_argument("--today", type=iso_date, default=None, metavar="YYYY-MM-DD", help="date the book is built around (default today)")
