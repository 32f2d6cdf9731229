"""`health`: each account's score and its parts, for scripts and reports."""

import argparse
import json
from typing import Any

from csplanner.cli.base import existing_db


def cmd_health(args: argparse.Namespace) -> int:
    from datetime import date

    from csplanner.core import health
    from csplanner.core.db import open_database
    from csplanner.core.present import band
    from csplanner.core.services import accounts

    today = date.today()
    db = open_database(existing_db(args))
    try:
        with db.session() as s:
            if args.account:
                one = accounts.resolve(s, args.account)
                assert one.id is not None
                names = {one.id: one.name}
                scores = {one.id: health.account_health(s, one.id, today)}
            else:
                scores = health.health_many(s, None, today)
                names = {r.id: r.name for r in accounts.list_rows(s)}
    finally:
        db.dispose()
    rows = sorted(scores.values(), key=lambda h: names[h.account_id].lower())
    if args.json:
        print(json.dumps([_as_json(names[h.account_id], h, str(band(h.score))) for h in rows], indent=2,
                         ensure_ascii=False))
        return 0
    for h in rows:
        print(f"{names[h.account_id]}: {h.score} ({band(h.score)})")
        for p in h.parts:
            print(f"  {p.name} ({p.weight:.0%}): {p.score:g}. {p.explanation}")
    return 0


def _as_json(name: str, h: Any, band: str) -> dict[str, Any]:
    return {"account": name, "account_id": h.account_id, "score": h.score, "band": band,
            "parts": [{"key": p.key, "name": p.name, "score": p.score, "weight": p.weight,
                       "explanation": p.explanation} for p in h.parts]}


def register(command: Any) -> None:
    cmd = command("health", cmd_health, "print each account's health score and its parts")
    cmd.add_argument("--account", metavar="NAME", help="one account: its name, or a unique part of it")
    cmd.add_argument("--json", action="store_true", help="as JSON: a list of accounts with their parts")
