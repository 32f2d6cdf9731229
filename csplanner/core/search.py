"""Full-text search over everything a CSM writes or reads, through the full-text index.

    hits = search(session, "sponsor sso")   # every word as a prefix, best (bm25) first

Whatever the user types is searched as text: `fts_query` turns it into quoted prefix terms,
so quotes, `*`, NEAR, AND/OR, parentheses and SQL never reach FTS5 as syntax. On PostgreSQL
(see search_schema_pg) `ts_query` keeps only letters and digits of each word, joined by
tsquery operators written here, so nothing the user types is read as tsquery syntax either.
"""

import re
import unicodedata
from dataclasses import dataclass
from datetime import date

import sqlalchemy as sa
from sqlmodel import Session, select

from csplanner.core.db import Database
from csplanner.core.fuzzy import AccountNames
from csplanner.core.models import Account
from csplanner.core.search_schema import TABLE
from csplanner.core.search_schema_pg import CONFIG, SPLIT

MARK_START, MARK_END = "\x02", "\x03"  # around each match in a snippet; never typed by a user
ELLIPSIS = "…"
SNIPPET_TOKENS = 12
MAX_TERMS = 16  # a pasted paragraph is searched by its first words, not by hundreds of them
MAX_TERM_CHARS = 64


def _clean(chunk: str) -> str:
    """Drop control and format characters (NUL, our own markers, zero-width joiners)."""
    return "".join(ch for ch in chunk if unicodedata.category(ch)[0] != "C")


def fts_query(text: str) -> str:
    """User input as an FTS5 query meaning only: all these words, each as a prefix.

    Each whitespace-separated word becomes a quoted string (inner quotes doubled) followed by
    `*`; words with no letter or digit are dropped, since they hold no token to look for.
    Returns "" when nothing is left to search for.
    """
    terms: list[str] = []
    for chunk in text.split():
        chunk = _clean(chunk)[:MAX_TERM_CHARS]
        if not any(ch.isalnum() for ch in chunk):
            continue
        terms.append('"' + chunk.replace('"', '""') + '"*')
        if len(terms) == MAX_TERMS:
            break
    return " ".join(terms)


_WORD = re.compile(r"[^\W_]+")  # letters and digits: a token of SQLite's unicode61 and of ts_query


def ts_query(text: str) -> str:
    """User input as a PostgreSQL tsquery meaning what `fts_query` means on SQLite: every word,
    the last token of each as a prefix; a word with inner punctuation ("e-mail") as a phrase.
    Only letters and digits are kept, so the result holds no quote, backslash or operator of
    the user's. Returns "" when nothing is left to search for."""
    terms: list[str] = []
    for chunk in text.split():
        tokens = _WORD.findall(_clean(chunk)[:MAX_TERM_CHARS])
        if not tokens:
            continue
        terms.append("(" + " <-> ".join(f"'{t}'" for t in tokens) + ":*)")
        if len(terms) == MAX_TERMS:
            break
    return " & ".join(terms)


@dataclass(frozen=True, slots=True)
class Hit:
    """One record that matched: which, whose, when, and the text around the match."""

    kind: str  # table name: account, stakeholder, discovery_note, milestone, obstacle, check_in
    record_id: int
    account_id: int
    account_name: str
    day: date | None
    title: str  # the record's own title ("" for notes and check-ins)
    snippet: str  # matches wrapped in MARK_START / MARK_END


@dataclass(frozen=True, slots=True)
class Found:
    hits: list[Hit]
    capped: bool  # more matched than were ranked: only the newest `newest` matches competed


_FIELDS = "kind, record_id, account_id, day, title, rank"
_SNIPPET = f"snippet({TABLE}, -1, :mark_start, :mark_end, :ellipsis, :tokens) AS snip"
# PostgreSQL: title weighs five times the body, as bm25's weights do on SQLite ({D, C, B, A})
_PG_RANK = "ts_rank('{0, 0, 0.2, 1.0}', doc, q) AS rank"
_PG_OPTIONS = ("'StartSel=' || :mark_start || ', StopSel=' || :mark_end || ', FragmentDelimiter=' || :ellipsis || "
               "', MaxFragments=1, MaxWords=' || :tokens || ', MinWords=3, ShortWord=0'")
# like FTS5's snippet(-1): the title when it matches, else the body
_PG_SNIPPET = (f"CASE WHEN to_tsvector('{CONFIG}', {SPLIT.format('title')}) @@ q THEN ts_headline('{CONFIG}', title, q, {_PG_OPTIONS}) "
               f"ELSE ts_headline('{CONFIG}', body, q, {_PG_OPTIONS}) END AS snip")


def _pg(conn: sa.Connection) -> bool:
    return conn.dialect.name == "postgresql"


def _query(conn: sa.Connection, text: str) -> str:
    return ts_query(text) if _pg(conn) else fts_query(text)


def _ranked(conn: sa.Connection, columns: str, floor: bool) -> str:
    if _pg(conn):
        where = "doc @@ q" + (" AND rowid >= :floor" if floor else "")
        return (f"SELECT {columns} FROM {TABLE}, to_tsquery('{CONFIG}', :q) q WHERE {where} "
                "ORDER BY rank DESC, rowid DESC LIMIT :limit")
    where = f"{TABLE} MATCH :q" + (" AND rowid >= :floor" if floor else "")
    return f"SELECT {columns} FROM {TABLE} WHERE {where} ORDER BY rank LIMIT :limit"


def _floor(conn: sa.Connection, query: str, newest: int) -> int | None:
    """The rowid of the newest-th newest match, or None when no more matched (all can be ranked).

    bm25 costs time per match, so a word found in 50,000 records would stall each keystroke;
    the rowid range is one FTS5 can apply while matching, unlike a LIMIT on a subquery.
    """
    match = (f"doc @@ to_tsquery('{CONFIG}', :q)" if _pg(conn) else f"{TABLE} MATCH :q")
    rows = conn.execute(sa.text(
        f"SELECT rowid FROM {TABLE} WHERE {match} ORDER BY rowid DESC LIMIT 2 OFFSET :skip"
    ), {"q": query, "skip": newest - 1}).all()
    return int(rows[0][0]) if len(rows) == 2 else None


def search(session: Session, text: str, *, limit: int = 50, newest: int | None = None) -> Found:
    """The records matching every word of `text` (as prefixes, diacritics folded), best first.

    `newest` (for typing) ranks only the newest that many matches when more matched.
    """
    conn = session.connection()
    query = _query(conn, text)
    if not query or limit < 1:
        return Found([], False)
    floor = _floor(conn, query, newest) if newest else None
    if _pg(conn):
        columns = f"kind, record_id, account_id, day, title, {_PG_RANK}, {_PG_SNIPPET}"
        order = "h.rank DESC, h.record_id DESC"
    else:
        # snippet() needs the FTS cursor, so it runs in the inner query; the join only names the account.
        columns, order = f"{_FIELDS}, {_SNIPPET}", "h.rank"
    sql = (f"SELECT h.kind, h.record_id, h.account_id, a.name, h.day, h.title, h.snip FROM ("
           f"{_ranked(conn, columns, floor is not None)}"
           f") h JOIN account a ON a.id = h.account_id ORDER BY {order}")
    rows = conn.execute(sa.text(sql), {
        "q": query, "limit": limit, "floor": floor, "mark_start": MARK_START, "mark_end": MARK_END,
        "ellipsis": ELLIPSIS, "tokens": SNIPPET_TOKENS,
    })
    hits = [
        Hit(kind, int(record_id), int(account_id), name, _day(day), title, snip)
        for kind, record_id, account_id, name, day, title, snip in rows
    ]
    return Found(hits, floor is not None)


def _day(value: date | str | None) -> date | None:
    if value is None or value == "":
        return None
    return value if isinstance(value, date) else date.fromisoformat(value)  # SQLite's FTS keeps text


def bare_query(session: Session, text: str, *, limit: int = 50, newest: int | None = None) -> list[int]:
    """Only the FTS lookup and ranking (rowids): the floor the search box is measured against."""
    conn = session.connection()
    query = _query(conn, text)
    if not query:
        return []
    floor = _floor(conn, query, newest) if newest else None
    columns = f"rowid, {_PG_RANK}" if _pg(conn) else "rowid"
    rows = conn.execute(sa.text(_ranked(conn, columns, floor is not None)),
                        {"q": query, "limit": limit, "floor": floor})
    return [r[0] for r in rows]


def find(db: Database, text: str, *, limit: int = 50, newest: int | None = None) -> Found:
    """`search` in its own short unit of work, for the search box."""
    with db.session() as session:
        return search(session, text, limit=limit, newest=newest)


def accents_folded(db: Database) -> bool:
    """Whether "arzte" finds "Ärzte": always on SQLite; on PostgreSQL where unaccent was available."""
    if db.engine.dialect.name != "postgresql":
        return True
    from csplanner.core.search_schema_pg import accents_folded as folded

    with db.engine.connect() as conn:
        return folded(conn)


def account_names(db: Database) -> AccountNames:
    """Every account's name, folded once, for fuzzy matching as the user types."""
    with db.session() as session:
        return AccountNames(session.exec(select(Account.id, Account.name)).all())


def snippet_parts(snippet: str) -> list[tuple[str, bool]]:
    """A snippet as (text, is_match) pieces, for drawing the matches in bold."""
    parts: list[tuple[str, bool]] = []
    rest = snippet
    while rest:
        start = rest.find(MARK_START)
        if start < 0:
            parts.append((rest, False))
            break
        end = rest.find(MARK_END, start)
        if end < 0:
            end = len(rest)
        if start:
            parts.append((rest[:start], False))
        if rest[start + 1:end]:
            parts.append((rest[start + 1:end], True))
        rest = rest[end + 1:]
    return parts


def plain_snippet(snippet: str, start: str = "[", end: str = "]") -> str:
    """The snippet on one line with matches shown as [word], for a terminal."""
    text = "".join(f"{start}{t}{end}" if hit else t for t, hit in snippet_parts(snippet))
    return " ".join(text.split())
