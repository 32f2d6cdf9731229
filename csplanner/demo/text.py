"""Filling the word lists' templates for one account."""

import unicodedata
from collections.abc import Callable, Sequence
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



def fresh(used: set[str], make: Callable[[], str], tries: int = 12) -> str:
    """A text this account has not used yet: `make` draws again when it repeats one (a few times)."""
    text = make()
    for _ in range(tries):
        if text not in used:
            break
        text = make()
    used.add(text)
    return text


def without(templates: Sequence[str], *, both: bool = False, name: str = "") -> Sequence[str]:
    """Templates that suit the people on file: with `both`, none naming the sponsor and the champion
    (one person plays both parts); with `name`, none naming that placeholder (the person left)."""
    if not both and not name:
        return templates
    kept = [t for t in templates
            if not (both and "{sponsor_first}" in t and "{champion_first}" in t) and not (name and name in t)]
    return kept or templates
