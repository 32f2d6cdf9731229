"""Full-text search: every record kind, prefixes, diacritics, ranking, hostile input, keeping in step."""

from datetime import date

import pytest
import sqlalchemy as sa

from csplanner.core import migrate, search_schema, search_schema_pg
from csplanner.core.db import open_database
from csplanner.core.search import MARK_END, MARK_START, fts_query, plain_snippet, search, snippet_parts, ts_query
from csplanner.core.services import accounts, checkins, milestones, notes, obstacles, stakeholders, undo_dump
from csplanner.core.models import Account


@pytest.fixture
def book(db):
    """One account with one record of each kind, each holding a word no other record has."""
    with db.session() as s:
        a = accounts.create(s, name="Harbor Energy", goal="Cut dispatch time with telemetry",
                            success_criteria="Every depot on the dashboard", renewal=date(2027, 3, 1))
        ids = {
            "account": a.id,
            "stakeholder": stakeholders.create(s, account_id=a.id, name="Beatriz Ōtani", title="VP Operations",
                                               email="beatriz@harbor.example").id,
            "discovery_note": notes.create(s, account_id=a.id, noted_on=date(2026, 2, 1), kind="real_need",
                                           text="They asked for dashboards; they need fewer truck rolls").id,
            "milestone": milestones.create(s, account_id=a.id, title="SSO rollout", planned_on=date(2026, 4, 2),
                                           outcome="Sign-in tickets gone", notes="Okta tenant from IT").id,
            "obstacle": obstacles.create(s, account_id=a.id, title="Procurement freeze", opened_on=date(2026, 5, 3),
                                         mitigation="Escalate to the Café committee").id,
            "check_in": checkins.create(s, account_id=a.id, held_on=date(2026, 6, 4), summary="Sponsor happy",
                                        next_steps="Send the quarterly roadmap").id,
        }
    return ids


def kinds(db, text):
    with db.session() as s:
        return [(h.kind, h.record_id) for h in search(s, text).hits]


@pytest.mark.parametrize(("word", "kind"), [
    ("telemetry", "account"), ("depot", "account"), ("energy", "account"),
    ("Beatriz", "stakeholder"), ("operations", "stakeholder"),
    ("truck", "discovery_note"),
    ("rollout", "milestone"), ("tickets", "milestone"), ("okta", "milestone"),
    ("freeze", "obstacle"), ("escalate", "obstacle"),
    ("sponsor", "check_in"), ("roadmap", "check_in"),
])
def test_a_word_from_each_record_kind_finds_that_record(db, book, word, kind):
    assert kinds(db, word) == [(kind, book[kind])]


def test_words_inside_an_email_find_its_stakeholder(db, book):
    assert kinds(db, "harbor.example") == [("stakeholder", book["stakeholder"])]
    assert kinds(db, "beatriz@harbor") == [("stakeholder", book["stakeholder"])]


def test_a_hit_names_its_account_date_title_and_marks_the_match(db, book):
    with db.session() as s:
        (hit,) = search(s, "rollout").hits
    assert (hit.account_id, hit.account_name, hit.day, hit.title) == (book["account"], "Harbor Energy",
                                                                     date(2026, 4, 2), "SSO rollout")
    assert hit.snippet == f"SSO {MARK_START}rollout{MARK_END}"
    assert plain_snippet(hit.snippet) == "SSO [rollout]"


def test_dates_are_the_records_own(db, book):
    with db.session() as s:
        days = {h.kind: h.day for h in search(s, "energy").hits + search(s, "truck").hits
                + search(s, "freeze").hits + search(s, "sponsor").hits + search(s, "beatriz").hits}
    assert days == {"account": date(2027, 3, 1), "discovery_note": date(2026, 2, 1), "obstacle": date(2026, 5, 3),
                    "check_in": date(2026, 6, 4), "stakeholder": None}


def test_prefixes_match_as_you_type(db, book):
    assert kinds(db, "Bea") == [("stakeholder", book["stakeholder"])]
    assert kinds(db, "rollo") == [("milestone", book["milestone"])]
    assert kinds(db, "proc free") == [("obstacle", book["obstacle"])]  # every word a prefix


def test_diacritics_are_folded_both_ways(db, book):
    assert kinds(db, "otani") == [("stakeholder", book["stakeholder"])]
    assert kinds(db, "ŌTANI") == [("stakeholder", book["stakeholder"])]
    assert kinds(db, "cafe") == [("obstacle", book["obstacle"])]


def test_all_words_must_match(db, book):
    assert kinds(db, "sso okta") == [("milestone", book["milestone"])]
    assert kinds(db, "sso freeze") == []


def test_a_title_match_ranks_above_a_body_match(db, book):
    with db.session() as s:
        mentions = milestones.create(s, account_id=book["account"], title="Quarterly review",
                                     planned_on=date(2026, 7, 1), notes="ask about the dashboard and SSO again").id
        titled = milestones.create(s, account_id=book["account"], title="Dashboard launch",
                                   planned_on=date(2026, 8, 1)).id
    ranked = kinds(db, "dashboard")
    assert ranked[0] == ("milestone", titled)
    assert set(ranked) == {("milestone", titled), ("milestone", mentions), ("account", book["account"]),
                           ("discovery_note", book["discovery_note"])}
    assert kinds(db, "sso")[0] == ("milestone", book["milestone"])


def test_limit_caps_the_hits(db, book):
    with db.session() as s:
        for day in range(1, 11):
            checkins.create(s, account_id=book["account"], held_on=date(2026, 9, day), summary=f"Weekly sync {day}")
        assert len(search(s, "weekly", limit=3).hits) == 3
        assert search(s, "weekly", limit=0).hits == []


def test_newest_ranks_only_the_newest_matches(db, book):
    with db.session() as s:
        ids = [checkins.create(s, account_id=book["account"], held_on=date(2026, 9, d), summary="Weekly sync").id
               for d in range(1, 11)]
        found = search(s, "weekly", newest=4)
        assert found.capped and sorted(h.record_id for h in found.hits) == ids[-4:]
        found = search(s, "weekly", newest=10)
        assert not found.capped and len(found.hits) == 10


HOSTILE = [
    '"', '""', '"sso', 'sso"', "'", "*", "sso*", "**", "NEAR", "NEAR(sso rollout)", "sso NEAR rollout",
    "AND", "OR", "NOT", "sso AND", "OR sso", "sso NOT okta", "(", ")", "((sso", "sso)", "-", "- sso", "-sso",
    "sso -okta", "^sso", "title:sso", "{title body}: sso", "'; DROP TABLE account; --", "1=1 OR", "%", "_",
    "\\", "\x00", "sso\x00okta", MARK_START, "+", ":", "a:b", "sso,okta", "\u200b", "🙂", "x" * 5000,
    " ".join(["sso"] * 200),
]


@pytest.mark.parametrize("text", HOSTILE)
def test_hostile_input_is_searched_as_text_and_never_breaks(db, book, text):
    with db.session() as s:
        found = search(s, text)
        assert all(h.account_name == "Harbor Energy" for h in found.hits)
    with db.session() as s:
        assert s.get(Account, book["account"]) is not None  # nothing was dropped


@pytest.mark.parametrize("text", ['"sso', "sso*", "(sso)", "-sso", "sso;--", "((SSO"])
def test_hostile_wrapping_still_finds_the_word(db, book, text):
    assert ("milestone", book["milestone"]) in kinds(db, text)


def test_operator_words_are_words(db, book):
    with db.session() as s:
        near = milestones.create(s, account_id=book["account"], title="Office near the AND gate",
                                 planned_on=date(2026, 1, 9)).id
    assert kinds(db, "near") == [("milestone", near)]
    assert kinds(db, "AND gate") == [("milestone", near)]
    assert kinds(db, "NOT") == []


@pytest.mark.parametrize(("text", "query"), [
    ("", ""), ("   ", ""), ("sso", '"sso"*'), ("  SSO  rollout ", '"SSO"* "rollout"*'),
    ('say "hi"', '"say"* """hi"""*'), ("*", ""), ("-", ""), ("sso*", '"sso*"*'), ("(a)", '"(a)"*'),
    ("NEAR(a b)", '"NEAR(a"* "b)"*'), ("a\x00b", '"ab"*'), ("\u200b", ""), ("--", ""), ("'x'", "\"'x'\"*"),
    ("2026", '"2026"*'), ("Ō", '"Ō"*'), ("_", ""),
])
def test_fts_query_quotes_every_word_as_a_prefix(text, query):
    assert fts_query(text) == query


def test_fts_query_bounds_long_input():
    assert fts_query(" ".join(f"w{i}" for i in range(40))) == " ".join(f'"w{i}"*' for i in range(16))
    assert fts_query("y" * 100) == '"' + "y" * 64 + '"*'


@pytest.mark.parametrize(("snippet", "parts"), [
    ("", []),
    ("plain", [("plain", False)]),
    (f"{MARK_START}sso{MARK_END}", [("sso", True)]),
    (f"the {MARK_START}sso{MARK_END} plan", [("the ", False), ("sso", True), (" plan", False)]),
    (f"{MARK_START}a{MARK_END}{MARK_START}b{MARK_END}", [("a", True), ("b", True)]),
    (f"x {MARK_START}open", [("x ", False), ("open", True)]),
    (f"{MARK_START}{MARK_END}y", [("y", False)]),
])
def test_snippet_parts(snippet, parts):
    assert snippet_parts(snippet) == parts


def test_plain_snippet_is_one_line():
    assert plain_snippet(f"a\n{MARK_START}b{MARK_END}\t c") == "a [b] c"


def test_the_index_follows_edits_deletes_cascades_and_restores(db, book):
    with db.session() as s:
        milestones.update(s, book["milestone"], title="SAML cutover")
    assert kinds(db, "rollout") == []
    assert kinds(db, "saml") == [("milestone", book["milestone"])]
    with db.session() as s:
        accounts.update(s, book["account"], name="Harborline", goal="Fewer outages")
        assert [h.account_name for h in search(s, "saml").hits] == ["Harborline"]
    assert kinds(db, "telemetry") == []
    assert kinds(db, "outages") == [("account", book["account"])]
    with db.session() as s:
        stakeholders.update(s, book["stakeholder"], status="left", left_on=date(2026, 6, 1))  # a column the index does not hold
    assert kinds(db, "beatriz") == [("stakeholder", book["stakeholder"])]
    with db.session() as s:
        rows = undo_dump.dump(s, Account, book["account"])
        accounts.delete(s, book["account"])  # cascades to every child
        count = s.connection().exec_driver_sql("SELECT count(*) FROM search_index").scalar()
    assert count == 0
    assert kinds(db, "beatriz") == kinds(db, "saml") == []
    with db.session() as s:
        undo_dump.restore(s, rows)  # what undo does: the same rows, the same ids
    assert kinds(db, "beatriz") == [("stakeholder", book["stakeholder"])]
    assert kinds(db, "saml") == [("milestone", book["milestone"])]


def test_a_failed_transaction_leaves_the_index_as_it_was(db, book):
    with pytest.raises(RuntimeError), db.session() as s:
        milestones.update(s, book["milestone"], title="Renamed")
        raise RuntimeError("boom")
    assert kinds(db, "rollout") == [("milestone", book["milestone"])]
    assert kinds(db, "renamed") == []


def test_the_migration_indexes_records_already_in_a_file(tmp_path):
    path = tmp_path / "old.sqlite3"
    db = open_database(path, migrate_schema=False)
    try:
        migrate.upgrade(db.engine, "0004_name_key")  # the schema just before the index
        with db.engine.begin() as conn:
            conn.execute(sa.text(
                "INSERT INTO account (id, created_at, updated_at, name, name_key, segment, arr_minor, currency, stage,"
                " goal, success_criteria, regions, archived) VALUES (7, '2026-01-01', '2026-01-01', 'Ōtani Foods',"
                " 'ōtani foods', '', 0, 'USD', 'land', 'Halve the onboarding time', '', '', 0)"))
            conn.execute(sa.text(
                "INSERT INTO milestone (id, created_at, updated_at, account_id, title, planned_on, status, run_type,"
                " phase, team, outcome, notes, shared_with_customer) VALUES (3, '2026-01-01', '2026-01-01', 7,"
                " 'Kickoff workshop', '2026-02-02', 'planned', 'sprint', 'kickoff', 'csm', '', '', 1)"))
        migrate.upgrade(db.engine)
        with db.session() as s:
            assert [(h.kind, h.record_id, h.account_name) for h in search(s, "otani").hits] == [
                ("account", 7, "Ōtani Foods")]
            assert [(h.kind, h.record_id, h.day) for h in search(s, "worksh").hits] == [
                ("milestone", 3, date(2026, 2, 2))]
    finally:
        db.dispose()


def test_the_index_passes_its_integrity_check(db, book):
    with db.session() as s:
        milestones.update(s, book["milestone"], notes="changed")
        conn = s.connection()
        if conn.dialect.name == "sqlite":
            conn.exec_driver_sql("INSERT INTO search_index(search_index, rank) VALUES ('integrity-check', 1)")
            return
        # PostgreSQL: the stored rows are exactly what the fill statement makes of the records now
        stored = conn.exec_driver_sql("SELECT rowid, kind, record_id, account_id, day, title, body "
                                      "FROM search_index ORDER BY rowid").all()
        conn.exec_driver_sql("DELETE FROM search_index")
        for s_ in search_schema.SOURCES:
            conn.exec_driver_sql(f"INSERT INTO {search_schema_pg.COLS} SELECT {search_schema_pg._values(s_, s_.table)} "
                                 f"FROM {s_.table}")
        fresh = conn.exec_driver_sql("SELECT rowid, kind, record_id, account_id, day, title, body "
                                     "FROM search_index ORDER BY rowid").all()
        assert stored == fresh and len(stored) == 6
        assert any("changed" in row.body for row in stored)


@pytest.mark.parametrize(("text", "query"), [
    ("", ""), ("   ", ""), ("sso", "('sso':*)"), ("  SSO  rollout ", "('SSO':*) & ('rollout':*)"),
    ('say "hi"', "('say':*) & ('hi':*)"), ("*", ""), ("e-mail", "('e' <-> 'mail':*)"),
    ("a\x00b", "('ab':*)"), ("'x'", "('x':*)"), ("x':* | !y", "('x':*) & ('y':*)"), ("Ōtani", "('Ōtani':*)"),
    ("_", ""), ("<->", ""),
])
def test_ts_query_keeps_only_letters_and_digits_of_each_word(text, query):
    assert ts_query(text) == query


def test_ts_query_bounds_long_input_as_fts_query_does():
    assert ts_query(" ".join(f"w{i}" for i in range(40))) == " & ".join(f"('w{i}':*)" for i in range(16))
    assert ts_query("! " * 5 + " ".join(f"w{i}" for i in range(16))) == " & ".join(f"('w{i}':*)" for i in range(16))
    assert ts_query("y" * 100) == "('" + "y" * 64 + "':*)"
