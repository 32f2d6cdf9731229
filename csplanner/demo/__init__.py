"""Demo data: a realistic, deterministic book of business for trying the app and for benchmarks.

`generate(db, accounts, seed, today)` fills an empty database with accounts at every point of their
journey (LAER stage consistent with the timeline), their people, discovery notes, a training plan
from contract signed to race day (the renewal), obstacles and check-ins.

Same seed and same `today` give the same rows, byte for byte: everything comes from one
`random.Random(seed)` and from `today`; nothing from the clock, uuid or set ordering.

For speed (5000 accounts is the benchmark's heavy CSM) rows are built as plain dicts and written
with SQLAlchemy Core executemany in batches, with ids assigned here so children can point at
parents. Every value is generated to satisfy the services' check functions (tests prove it).
The word lists live in data/*.json (see words.py).
"""

from csplanner.demo.write import MAX_ACCOUNTS, Contents, DemoSummary, contents, generate

__all__ = ["MAX_ACCOUNTS", "Contents", "DemoSummary", "contents", "generate"]
