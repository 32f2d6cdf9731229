"""Names as people read them: stored NFC, compared by Unicode case folding.

SQLite's lower() folds ASCII only, so "ÄRZTE GMBH" would pass as a second "Ärzte GmbH";
`key()` is what the unique `account.name_key` column holds and what lookups compare.
"""

import unicodedata


def clean(name: str) -> str:
    """The stored form: trimmed, NFC (one code point for 'Ä' however it was typed)."""
    return unicodedata.normalize("NFC", name.strip())


def key(name: str) -> str:
    """Caseless and compatibility-folded: 'ÄRZTE GMBH', 'ärzte gmbh' and 'Ärzte GmbH' match."""
    return unicodedata.normalize("NFKC", unicodedata.normalize("NFKC", name.strip()).casefold())
