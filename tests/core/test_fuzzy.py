"""Fuzzy account names for the search box."""

import pytest

from csplanner.core.fuzzy import EXACT, INSIDE, LETTERS, PREFIX, WORDS, AccountNames, fold, score

BOOK = AccountNames([
    (1, "Harbor Energy"), (2, "Northwind Traders"), (3, "Ōtani Foods"), (4, "Harvest Bakery"),
    (5, "Granite Bank"), (6, "Hub Brewing Co"), (7, "Energy Harbor"), (8, "Harbor"),
])


def names(query, limit=8):
    return [m.name for m in BOOK.match(query, limit)]


def test_hbr_finds_harbor_energy():
    assert "Harbor Energy" in names("hbr")


def test_initials_rank_first_among_letter_matches():
    assert names("hbc")[0] == "Hub Brewing Co"  # h, b, c: every letter a word's first
    assert names("hbr")[:2] == ["Harvest Bakery", "Hub Brewing Co"]  # h, b initials beat h alone


@pytest.mark.parametrize(("query", "first"), [
    ("harbor", "Harbor"), ("harb", "Harbor"), ("HARBOR E", "Harbor Energy"), ("north", "Northwind Traders"),
    ("traders", "Northwind Traders"), ("otani", "Ōtani Foods"), ("ŌTANI", "Ōtani Foods"),
    ("energy harb", "Energy Harbor"), ("wind", "Northwind Traders"), ("ntr", "Northwind Traders"),
])
def test_best_match_first(query, first):
    assert names(query)[0] == first


def test_tiers_order_exact_prefix_words_inside_letters():
    assert names("harbor") == ["Harbor", "Harbor Energy", "Energy Harbor"]
    assert names("ener") == ["Energy Harbor", "Harbor Energy"]


def test_nothing_matches_nothing():
    assert names("") == names("   ") == names("zzz") == []
    assert names("x") == []


def test_limit():
    assert len(names("a", limit=2)) == 2


@pytest.mark.parametrize(("query", "name", "expected"), [
    ("harbor", "harbor", (EXACT, 0)),
    ("harb", "harbor energy", (PREFIX, 0)),
    ("ener", "harbor energy", (WORDS, 1)),
    ("en ha", "harbor energy", (WORDS, 2)),
    ("rbor", "harbor energy", (INSIDE, 0)),
    ("hbr", "harbor energy", (LETTERS, 1)),
    ("hrgy", "harbor energy", (LETTERS, 1)),
    ("hbc", "hub brewing co", (LETTERS, 3)),
    ("zz", "harbor", None),
    ("h", "harbor", (PREFIX, 0)),
    ("b", "harbor", (INSIDE, 0)),
    ("rb", "harbor", (INSIDE, 0)),
    ("hr", "harbor", (LETTERS, 1)),
    ("", "harbor", None),
    ("x", "harbor", None),
])
def test_score(query, name, expected):
    assert score(query, name) == expected


def test_fold():
    assert fold("Ōtani ÉCOLE straße") == "otani ecole strasse"


NAMES = ["Harbor Energy", "Harbor", "Energy Harbor", "Hub Brewing Co", "Harvest Bakery", "Heron Bank", "Ōtani Foods",
         "Northwind Traders", "O'Brien & Sons", "Granite Bank", "Bank of Granite", "Robotics Harbor", "h", "Hh",
         "Otter Tail", "Lotus Tech", "Rotor Works", "Ab Cd", "Abcd", "AB", "Café Olé", "cafe ole", "Straße AG"]
QUERIES = ["h", "ha", "hbr", "harbor", "harb en", "en ha", "ot", "otani", "o'b", "bank", "gran bank", "ab", "a b",
           "abc", "cafe", "ole", "x", "rb", "hh", "strasse", "tt", "o", "nw", "ntr", "b"]


@pytest.mark.parametrize("query", QUERIES)
@pytest.mark.parametrize("limit", [1, 3, 8, 50])
def test_match_ranks_exactly_as_scoring_every_name(query, limit):
    """The tiered shortcut gives the same list as scoring every name and sorting."""
    book = AccountNames(enumerate(NAMES))
    expected = []
    for i, name in enumerate(NAMES):
        found = score(fold(" ".join(query.split())), fold(name))
        if found is not None:
            expected.append(((-found[0], -found[1], len(name), fold(name)), i, name))
    expected.sort()
    assert [(m.account_id, m.name) for m in book.match(query, limit)] == [(i, n) for _, i, n in expected[:limit]]
