"""Filling the word lists' templates for one account."""

import unicodedata
from typing import Any


def cap(text: str) -> str:
    return text[:1].upper() + text[1:]


def plain_ascii(text: str) -> str:
    """Lower-case letters and digits only, for e-mail addresses and domains: "Chloé" -> "chloe"."""
    plain = unicodedata.normalize("NFKD", text).encode("ascii", "ignore").decode("ascii")
    return "".join(ch for ch in plain.lower() if ch.isalnum())


class Fill(dict[str, Any]):
    """Template values for one account; `fill` formats a template with them."""

    def fill(self, template: str, **extra: Any) -> str:
        if extra:
            return template.format_map({**self, **extra})
        return template.format_map(self)

