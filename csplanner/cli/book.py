"""Making a book of business: `demo`."""

import argparse
from datetime import date
from pathlib import Path
from typing import Any

from csplanner.cli.base import db_path, iso_date, positive, user_name
from csplanner.core.errors import DomainError


def cmd_demo(args: argparse.Namespace) -> int:
    from csplanner import demo
    from csplanner.app import lock_database
    from csplanner.core.db import backup, open_database

    path = db_path(args)
    # the app must not show a file that is being replaced; a server's book is replaced in one transaction
    lock = lock_database(path.expanduser().absolute()) if isinstance(path, Path) else None
    if lock is None and isinstance(path, Path):
        raise DomainError(f"{path} is open in csplanner; close it and try again.")
    try:
        db = open_database(path)
        shown = db.label if db.server is not None else path
        try:
            found = demo.contents(db)
            saved = backup(db.path, reason="before-demo") if found.accounts and args.replace and db.path else None
            summary = demo.generate(db, accounts=args.accounts, seed=args.seed, today=args.today or date.today(),
                                    replace=args.replace, owner=user_name())
        finally:
            db.dispose()
    finally:
        if lock is not None:
            lock.unlock()
    wrote = f"{summary.accounts} demo account{'' if summary.accounts == 1 else 's'}"
    if found.accounts and args.replace and saved is None:
        print(f"Replaced the {found.accounts} account{'' if found.accounts == 1 else 's'} in {shown} with {wrote}")
    elif saved is None:
        print(f"Wrote {wrote} to {shown}")
    else:
        print(f"Replaced the {found.accounts} account{'' if found.accounts == 1 else 's'} in {shown} with {wrote}; "
              f"the old file is backed up as {saved}")
    return 0


def register(command: Any) -> None:
    demo = command("demo", cmd_demo, "write a realistic demo book of business into a new database")
    demo.add_argument("--accounts", type=positive, default=40, metavar="N", help="how many accounts (default 40)")
    demo.add_argument("--seed", type=int, default=1, metavar="S", help="random seed (default 1)")
    demo.add_argument("--today", type=iso_date, default=None, metavar="YYYY-MM-DD", help="date the book is built around (default today)")
    demo.add_argument("--replace", action="store_true",
                      help="write over a file that already has accounts (after a backup into backups/ beside it)")
