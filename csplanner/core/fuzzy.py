"""Fuzzy account names for the search box: "hbr" finds Harbor Energy.

Names are folded once (case, accents) when loaded; each keystroke then ranks them:
exact name, name starts with the query, every query word starts a word of the name,
the query inside the name, and last its letters in order (initials count most).
"""

import re
import unicodedata
from bisect import bisect_right
from collections.abc import Callable, Iterable
from itertools import accumulate
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


def _letters_pattern(letters: str) -> str:
    """'hbr' -> h[^\\nb]*+b[^\\nr]*+r: the letters in order within one line. Each gap skips to the
    next wanted letter and never backtracks, so a miss costs one pass, not a search of all splits."""
    out = re.escape(letters[0])
    for ch in letters[1:]:
        out += f"[^\\n{re.escape(ch)}]*+{re.escape(ch)}"
    return out


def _letters_regex(letters: str) -> re.Pattern[str]:
    return re.compile(_letters_pattern(letters))


@dataclass(frozen=True, slots=True)
class NameMatch:
    account_id: int
    name: str
    tier: int


class AccountNames:
    """Every account's name, folded once; `match` ranks them for one keystroke."""

    def __init__(self, rows: Iterable[tuple[int, str]]) -> None:
        self._rows = [(account_id, name, f, _WORD.findall(f)) for account_id, name in rows
                      for f in [" ".join(fold(name).split())]]
        self._folded = [r[2] for r in self._rows]
        self._exact: dict[str, list[int]] = {}
        for line, folded in enumerate(self._folded):
            self._exact.setdefault(folded, []).append(line)
        # all names as one text, a name per line, for the letters tier's single regex pass
        self._text = "\n".join(self._folded)
        self._starts = list(accumulate((len(f) + 1 for f in self._folded[:-1]), initial=0))

    def __len__(self) -> int:
        return len(self._rows)

    def _letter_lines(self, letters: str) -> list[int]:
        """Names holding these letters in order: one regex pass over all names, mapped back to lines."""
        pattern = _letters_regex(letters)
        return sorted({bisect_right(self._starts, m.start()) - 1 for m in pattern.finditer(self._text)})

    def match(self, query: str, limit: int = 8) -> list[NameMatch]:
        """The best `limit` names, ranked exactly as `score` ranks them.

        Tier by tier, best first, each picked by C-speed tests (`in`, startswith, one regex
        pass); a lower tier never outranks a higher one, so once the list is full the lower
        tiers are skipped. Scoring all 5,000 names in Python took up to 200 ms a keystroke.
        """
        q = " ".join(fold(query).split())
        if not q:
            return []
        q_words = _WORD.findall(q)
        letters = q.replace(" ", "")
        folded = self._folded
        taken: set[int] = set()
        ranked: list[tuple[tuple[int, int, int, str], int, str, int]] = []

        def add(lines: Iterable[int], tier: int, points: Callable[[list[str]], int] = lambda _w: 0) -> bool:
            for line in lines:
                if line in taken:
                    continue
                taken.add(line)
                account_id, name, fold_name, words = self._rows[line]
                ranked.append(((-tier, -points(words), len(name), fold_name), account_id, name, tier))
            return len(ranked) >= limit

        full = add(self._exact.get(q, ()), EXACT)
        full = full or add((i for i, f in enumerate(folded) if f.startswith(q)), PREFIX)
        if not full and q_words:
            first = q_words[0]
            if len(q_words) == 1:
                starts = re.compile(r"(?<!\w)" + re.escape(first))
                lines: Iterable[int] = (i for i, f in enumerate(folded) if first in f and starts.search(f))
            else:
                lines = (i for i, f in enumerate(folded) if first in f and all(w in f for w in q_words)
                         and all(any(x.startswith(w) for x in self._rows[i][3]) for w in q_words))
            full = add(lines, WORDS, lambda _w: len(q_words))
        if not full:
            full = add((i for i, f in enumerate(folded) if q in f), INSIDE)
        if not full and len(letters) >= 2:
            add(self._letter_lines(letters), LETTERS, lambda words: _initials_in_order(letters, words))
        ranked.sort()
        return [NameMatch(account_id, name, tier) for _, account_id, name, tier in ranked[:limit]]
