"""Fuzzy account names for the search box: "hbr" finds Harbor Energy.

Names are folded once (case, accents) when loaded; each keystroke then ranks them:
exact name, name starts with the query, every query word starts a word of the name,
the query inside the name, and last its letters in order (initials count most).
"""

import re
import unicodedata
from collections.abc import Iterable
from dataclasses import dataclass

EXACT, PREFIX, WORDS, INSIDE, LETTERS = 5, 4, 3, 2, 1
_WORD = re.compile(r"\w+")


def fold(text: str) -> str:
    """Lower case without accents: 'Ōtani' -> 'otani'."""
    decomposed = unicodedata.normalize("NFKD", text)
    return "".join(ch for ch in decomposed if not unicodedata.combining(ch)).casefold()


def _initials_in_order(query: str, words: list[str]) -> int:
    """How many of the query's letters, in order, are first letters of the name's words."""
    count, at = 0, 0
    for ch in query:
        for i in range(at, len(words)):
            if words[i].startswith(ch):
                count, at = count + 1, i + 1
                break
    return count


def score(query: str, name: str, words: list[str] | None = None) -> tuple[int, int] | None:
    """(tier, points) of a folded query against a folded name (and its words, if split already)."""
    query = " ".join(query.split())
    if not query:
        return None
    if name == query:
        return (EXACT, 0)
    if name.startswith(query):
        return (PREFIX, 0)
    words = _WORD.findall(name) if words is None else words
    q_words = _WORD.findall(query)
    if q_words and all(any(w.startswith(q) for w in words) for q in q_words):
        return (WORDS, len(q_words))
    if query in name:
        return (INSIDE, 0)
    letters = query.replace(" ", "")
    if len(letters) < 2 or not _letters_regex(letters).search(name):
        return None
    return (LETTERS, _initials_in_order(letters, words))


def _letters_regex(letters: str) -> re.Pattern[str]:
    return re.compile(".*?".join(re.escape(ch) for ch in letters))


@dataclass(frozen=True, slots=True)
class NameMatch:
    account_id: int
    name: str
    tier: int


class AccountNames:
    """Every account's name, folded once; `match` ranks them for one keystroke."""

    def __init__(self, rows: Iterable[tuple[int, str]]) -> None:
        self._rows = [(account_id, name, f, _WORD.findall(f)) for account_id, name in rows for f in [fold(name)]]

    def __len__(self) -> int:
        return len(self._rows)

    def match(self, query: str, limit: int = 8) -> list[NameMatch]:
        q = " ".join(fold(query).split())
        if not q:
            return []
        # Names starting with the query outrank every other tier: when they fill the list,
        # nothing else needs scoring (one letter would otherwise score every name in Python).
        rows = [r for r in self._rows if r[2].startswith(q)]
        if len(rows) < limit:
            # C-speed checks (regex, substring) pick the candidates; only those are scored.
            pattern = _letters_regex(q.replace(" ", ""))
            q_words = _WORD.findall(q)
            rows = [r for r in self._rows if pattern.search(r[2])
                    # words may match out of order ("energy harb"), which the letters regex misses
                    or (len(q_words) > 1 and all(w in r[2] for w in q_words))]
        scored = []
        for account_id, name, folded, words in rows:
            found = score(q, folded, words)
            if found is not None:
                scored.append(((-found[0], -found[1], len(name), folded), account_id, name, found[0]))
        scored.sort()
        return [NameMatch(account_id, name, tier) for _, account_id, name, tier in scored[:limit]]
