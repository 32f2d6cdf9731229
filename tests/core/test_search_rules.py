"""The search box's own doors: the bare FTS lookup it is measured against, `find` in its own
unit of work, every account's name for fuzzy matching, and the query at its exact limits."""

from datetime import date

from csplanner.core import search as search_module
from csplanner.core.search import MAX_TERM_CHARS, MAX_TERMS, Found, bare_query, find, fts_query, search, snippet_parts
from csplanner.core.search_schema import BY_TABLE, KIND_BITS
from csplanner.core.services import accounts, checkins
from tests.core.test_search import book  # noqa: F401  (the fixture)


def rowid(kind: str, record_id: int) -> int:
    return record_id * KIND_BITS + BY_TABLE[kind].code


def test_bare_query_gives_the_rowids_search_ranks(db, book):  # noqa: F811
    with db.session() as s:
        for day in range(1, 6):
            checkins.create(s, account_id=book["account"], held_on=date(2026, 9, day), summary=f"Dashboard sync {day}")
        hits = search(s, "dashboard").hits
        assert len(hits) == 7  # five check-ins, the account's criteria, the discovery note
        assert bare_query(s, "dashboard") == [rowid(h.kind, h.record_id) for h in hits]
        assert bare_query(s, "dashboard", limit=2) == [rowid(h.kind, h.record_id) for h in hits[:2]]
        newest = bare_query(s, "dashboard", newest=3)
        assert sorted(newest) == sorted(rowid(h.kind, h.record_id) for h in search(s, "dashboard", newest=3).hits)
        assert len(newest) == 3
        assert bare_query(s, "  ") == [] and bare_query(s, "**") == []


def test_search_with_newest_at_the_number_of_matches_is_not_capped(db, book):  # noqa: F811
    with db.session() as s:
        ids = [checkins.create(s, account_id=book["account"], held_on=date(2026, 9, d), summary="Weekly sync").id
               for d in range(1, 4)]
        assert search(s, "weekly", newest=3) == search(s, "weekly")
        assert not search(s, "weekly", newest=3).capped
        found = search(s, "weekly", newest=2)
        assert found.capped and sorted(h.record_id for h in found.hits) == ids[1:]
        # the floor is the newest-th newest match: exactly that many compete
        found = search(s, "weekly", newest=1)
        assert found.capped and [h.record_id for h in found.hits] == ids[2:]
        assert search(s, "weekly", limit=-1) == Found([], False)


def test_find_searches_in_its_own_unit_of_work(db, book):  # noqa: F811
    found = find(db, "rollout")
    assert [(h.kind, h.record_id, h.account_name) for h in found.hits] == [
        ("milestone", book["milestone"], "Harbor Energy")]
    assert not found.capped
    assert find(db, "nothing-like-it").hits == []
    assert len(find(db, "harbor").hits) == 2  # the account and the stakeholder's e-mail
    assert len(find(db, "harbor", limit=1).hits) == 1
    assert find(db, "harbor", newest=1).capped


def test_account_names_hold_every_account_for_fuzzy_matching(db, book):  # noqa: F811
    with db.session() as s:
        other = accounts.create(s, name="Harbour Logistics").id
    names = search_module.account_names(db)
    assert len(names) == 2
    assert [(m.account_id, m.name) for m in names.match("harbor energy")] == [(book["account"], "Harbor Energy")]
    assert {m.account_id for m in names.match("harb")} == {book["account"], other}


def test_the_query_keeps_exactly_the_first_terms_and_characters():
    words = [f"w{i}" for i in range(MAX_TERMS + 1)]
    assert fts_query(" ".join(words[:MAX_TERMS])) == " ".join(f'"{w}"*' for w in words[:MAX_TERMS])
    assert fts_query(" ".join(words)) == " ".join(f'"{w}"*' for w in words[:MAX_TERMS])
    # words dropped for holding nothing searchable do not count
    assert fts_query("* " + " ".join(words)) == " ".join(f'"{w}"*' for w in words[:MAX_TERMS])
    exact = "z" * MAX_TERM_CHARS
    assert fts_query(exact) == f'"{exact}"*' and fts_query(exact + "y") == f'"{exact}"*'
    assert fts_query("*" * MAX_TERM_CHARS + "a") == ""  # the cut comes first: nothing searchable is left
    assert (MAX_TERMS, MAX_TERM_CHARS) == (16, 64)


def test_fifty_hits_at_most_unless_asked_and_one_when_asked(db, book):  # noqa: F811
    with db.session() as s:
        for n in range(51):
            checkins.create(s, account_id=book["account"], held_on=date(2026, 1, 1), summary=f"Weekly sync {n}")
        assert len(search(s, "weekly").hits) == 50 and len(bare_query(s, "weekly")) == 50
        assert len(search(s, "weekly", limit=1).hits) == 1 and len(bare_query(s, "weekly", limit=1)) == 1
        assert search(s, "weekly", limit=0) == Found([], False)


def test_a_stray_end_mark_before_a_match_is_text():
    assert snippet_parts("a\x03b\x02c\x03") == [("a\x03b", False), ("c", True)]


def test_find_gives_fifty_hits_at_most_unless_asked(db, book):  # noqa: F811
    with db.session() as s:
        for n in range(51):
            checkins.create(s, account_id=book["account"], held_on=date(2026, 1, 1), summary=f"Weekly sync {n}")
    assert len(find(db, "weekly").hits) == 50 and len(find(db, "weekly", limit=51).hits) == 51


def test_a_book_file_always_folds_accents(db):
    with db.session() as s:
        accounts.create(s, name="Ärzte GmbH")
    assert search_module.accents_folded(db) is True
    assert [h.account_name for h in find(db, "arzte").hits] == ["Ärzte GmbH"]
