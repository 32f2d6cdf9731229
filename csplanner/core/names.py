"""Names as people read them: stored NFC, compared by Unicode case folding.

SQLite's lower() folds ASCII only, so "ÄRZTE GMBH" would pass as a second "Ärzte GmbH";
`key()` is what the unique `account.name_key` column holds and what lookups compare.
"""

import unicodedata
from functools import lru_cache


def clean(name: str) -> str:
    """The stored form: trimmed, NFC (one code point for 'Ä' however it was typed)."""
    return unicodedata.normalize("NFC", name.strip())


def key(name: str) -> str:
    """Caseless and compatibility-folded: 'ÄRZTE GMBH', 'ärzte gmbh' and 'Ärzte GmbH' match."""
    return unicodedata.normalize("NFKC", unicodedata.normalize("NFKC", name.strip()).casefold())


@lru_cache(maxsize=65536)  # lists sort and filter on every keystroke; names repeat
def loose(text: str) -> str:
    """Folded and without accents, for finding and ordering: 'Ärzte' is found by 'arzte' and
    sorts beside 'Arzt', not after 'Zeta' (a plain code-point order puts 'Ä' after 'z')."""
    return "".join(c for c in unicodedata.normalize("NFKD", key(text)) if not unicodedata.combining(c))


@lru_cache(maxsize=65536)  # called per row at every re-sort of the accounts list (each filter keystroke)
def sort_key(name: str) -> tuple[str, str]:
    """Alphabetical as people expect: accents and case ignored first, then telling 'Arzte' from 'Ärzte'."""
    return loose(name), key(name)
