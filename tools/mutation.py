"""Mutation score of the core's rule modules: how many deliberate mistakes the tests catch.

    python tools/mutation.py [--jobs N] [--survivors] [MODULE ...]   (what `make mutation` runs)
    python tools/mutation.py --again MODULE   (after adding tests: rerun only the mutants left alive)

mutmut (configured in pyproject.toml, [tool.mutmut]) changes one operator, constant or condition
at a time in a copy of the package under mutants/ and runs the tests of tests/core that cover
it. Each module is run on its own, every mutant afresh, so a score never comes from a stale
cache. Prints one row per module: killed of total and the percentage (a timeout counts as
killed: the tests did notice). Mutants listed in EQUIVALENT change nothing a user or a caller
could observe; they are left out of the total, each with its reason, and not run (--all runs
them too). The tests run on SQLite only; mutants only PostgreSQL can tell apart are listed in
POSTGRES_ONLY and counted as not killed.
"""

import argparse
import ast
import difflib
import functools
import json
import os
import subprocess
import sys
import time
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
TARGET = 90.0  # per cent killed, per module

# module shown in the table -> the mutmut name prefix of its mutants
MODULES = {
    "core/validate.py": "csplanner.core.validate",
    "core/templates.py": "csplanner.core.templates",
    "core/present/": "csplanner.core.present",  # a package: every module in it
    "core/changes.py": "csplanner.core.changes",
    "core/record_rows.py": "csplanner.core.record_rows",
    "core/csv_import/ (parsing)": "csplanner.core.csv_import",  # the files only_mutate names
    "core/search.py": "csplanner.core.search",
    "core/calendar.py": "csplanner.core.calendar",
    "core/health.py": "csplanner.core.health",
    "core/account_rows.py": "csplanner.core.account_rows",
    "core/week.py": "csplanner.core.week",
    # issue 9: read-models moving into core go here
    # (each also needs its file in [tool.mutmut] only_mutate in pyproject.toml)
}

# Truly equivalent mutants: (mutant name prefix, text the mutated line holds, why no test can tell
# it from the original). Matched on the change itself, so the entries survive renumbering; an
# entry that matches nothing is reported, so a stale one is noticed.
EQUIVALENT: list[tuple[str, str, str]] = [
    # health: a guard the database never reaches, and shortcuts that only save time
    ("csplanner.core.health.x__as_date", "+    return date.fromisoformat(", "typed columns hand back dates; the text branch is a guard"),
    ("csplanner.core.health.x_trend", "_as_date(day) and day", "typed columns hand back dates, so the fallback is never taken"),
    ("csplanner.core.health.x_trend", "_as_date(None) or day", "typed columns hand back dates, so the fallback is never taken"),
    ("csplanner.core.health.x__store", "index_elements=None", SQLITE_CONFLICT := "SQLite: a conflict clause without a target "
     "covers the table's only unique key (account, week), and identifiers ignore case"),
    ("csplanner.core.health.x__store", "on_conflict_do_update(set_=", SQLITE_CONFLICT),
    ("csplanner.core.health.x__store", 'index_elements=["ACCOUNT_ID"', SQLITE_CONFLICT),
    ("csplanner.core.health.x__store", '"account_id", "WEEK_START"]', SQLITE_CONFLICT),
    ("csplanner.core.health.x__store", '"XXcreated_atXX": now', STAMP := "a key that names no column is left out, and "
     "the column's own default (the model's utcnow) stamps the row at the same moment"),
    ("csplanner.core.health.x__store", '"CREATED_AT": now', STAMP),
    ("csplanner.core.health.x_obstacles_part", "101.0", CLAMPED := "a part's score is held to 0-100, so 101 reads 100"),
    ("csplanner.core.health.x_checkins_part", "101.0", CLAMPED),
    ("csplanner.core.health.x_checkins_part", "if days < FRESH_DAYS", "the falling line is exactly 100 at 14 days"),
    ("csplanner.core.health.x_checkins_part", "elif days > SILENT_DAYS", "the falling line is exactly 0 at 60 days"),
    ("csplanner.core.health.x_progress_part", "max(1, (race_day - today).days) // 7", "1 // 7 is 0 as well"),
    ("csplanner.core.health.x__part", "min(101.0, score)", "no part's own figures give more than 100"),
    ("csplanner.core.health.x_health_many", "1), else_=None)", SUM_NULL := "SUM skips NULLs, and an all-NULL sum is "
     "read as 0 (`or 0`)"),
    ("csplanner.core.health.x_health_many", "1), ))", SUM_NULL),
    ("csplanner.core.health.x_health_many", "Milestone.account_id, None)", ALL_READ := "speed only: every "
     "account's figures are read and only the accounts asked are scored"),
    ("csplanner.core.health.x_health_many", "Obstacle.account_id, None)", ALL_READ),
    ("csplanner.core.health.x_health_many", "CheckIn.account_id), CheckIn.account_id, None)", ALL_READ),
    ("csplanner.core.health.x_health_many", "_only(aq, Account.id, None)", "speed only: every account is read and "
     "the ones asked are kept in Python right after"),
    ("csplanner.core.health.x_health_many", "built = None", BUILT := "speed only: health_many's statements are "
     "built again instead of taken from the day's cache, with the same results"),
    ("csplanner.core.health.x_health_many", "_BUILT.get(None)", BUILT),
    ("csplanner.core.health.x_health_many", "len(_BUILT) > 16", KEPT := "memory only: how many days' statements "
     "are kept before the cache starts again"),
    ("csplanner.core.health.x_health_many", "len(_BUILT) >= 17", KEPT),
    ("csplanner.core.health.x_backfill_week", "=+        return 1", "unreachable: with nothing missing the two counts are equal "
     "and the function has returned already"),
    ("csplanner.core.health.x_backfill_week", "Account, None).where(", "SQLAlchemy finds the same join on the foreign key"),
    ("csplanner.core.health.x_backfill_week", "Account, ).where(", "SQLAlchemy finds the same join on the foreign key"),
    ("csplanner.core.health.x_backfill_week", "health_many(session, None, day)", IN_LIST := "speed only: asking by id or "
     "reading every account and keeping the ones asked gives the same scores"),
    ("csplanner.core.health.x_backfill_week", "IN_LIMIT) and False", IN_LIST),
    ("csplanner.core.health.x__only", "len(ids) < IN_LIMIT", IN_LIST),
    ("csplanner.core.health.x_backfill_week", "IN_LIMIT) or True", IN_LIST),
    ("csplanner.core.health.x_backfill_week", "len(missing) < IN_LIMIT", IN_LIST),
    ("csplanner.core.health.x_backfill_week", "replace=None", NO_CONFLICT := "only accounts without the week's score are "
     "written, so there is never a conflict to replace or keep"),
    ("csplanner.core.health.x_backfill_week", "replace=True", NO_CONFLICT),
    # validate
    ("csplanner.core.validate.x_text", 'encode("UTF-8")', "codec names ignore case"),
    # present: a shortcut that gives what Babel's refusal gives too
    ("csplanner.core.present.dates.x_locale_of", 'if name in ("XXXX", "C", "POSIX")', DEFAULT := "Babel refuses '', "
     "'C' and 'POSIX' (and any other unknown name), which also gives the default locale: the shortcut only saves time"),
    ("csplanner.core.present.dates.x_locale_of", '("", "XXCXX", "POSIX")', DEFAULT),
    ("csplanner.core.present.dates.x_locale_of", '("", "c", "POSIX")', DEFAULT),
    ("csplanner.core.present.dates.x_locale_of", '("", "C", "XXPOSIXXX")', DEFAULT),
    ("csplanner.core.present.dates.x_locale_of", '("", "C", "posix")', DEFAULT),
    ("csplanner.core.present.dates.x_locale_of", '(tag or "XXXX")', DEFAULT),
    ("csplanner.core.present.labels.x_sentiment_label", "(sentiment is not None) or True", "SENTIMENTS has no "
     "None key, so .get(None, '') gives '' as well"),
    ("csplanner.core.present.money.x_parse_money", 'in "XXkmXX"', "the text is lower-cased first, so it never ends "
     "in 'X'"),
    ("csplanner.core.present.text.x_countdown", "if n >= 0 else", ZERO_FIRST := "0 days returned 'today' just "
     "before, so n is never 0 here"),
    ("csplanner.core.present.text.x_days_ago", "if n >= 0 else", ZERO_FIRST),
    # record_rows
    ("csplanner.core.record_rows.x_stakeholder_rows", "cadence.contacts(session, today, None)", CONTACTS := "speed "
     "only: every account's contacts are read, and each person is found by their own id"),
    ("csplanner.core.record_rows.x_stakeholder_rows", "cadence.contacts(session, today, )", CONTACTS),
    # calendar: arguments make_weeks ignores or works out the same way itself
    ("csplanner.core.calendar.x__season_weeks", "mine, chips, None,", "make_weeks never reads today"),
    ("csplanner.core.calendar.x__season_weeks", "totals=None", SAME_TOTALS := "make_weeks counts the same "
     "chips itself when not given the totals"),
    ("csplanner.core.calendar.x__season_weeks", "first_weekday=first_weekday, season=span.number", SAME_TOTALS),
    ("csplanner.core.calendar.x__season_weeks", "(span.number == 1) or True", "a later season has no kickoff "
     "phase, so its kickoff date is never read"),
    ("csplanner.core.calendar.x__date_phase", "first_season: bool = False", "every caller passes first_season"),
    ("csplanner.core.calendar.x__date_phase", ".days / 7 <", "a week's start and a week start of the same calendar "
     "are whole weeks apart, so / and // agree"),
    ("csplanner.core.calendar.x__date_phase", "contract <= start + timedelta(days=7)", "a contract signed 7 days "
     "after the week's start is in a later week, which returned None above"),
    ("csplanner.core.calendar.x__rank", "else_=None", ALL_RANKED := "every run type and severity has its rank, so "
     "the else is never taken"),
    ("csplanner.core.calendar.x__rank", "order.items()], )", ALL_RANKED),
    ("csplanner.core.calendar.x_next_race_day", "account_ids, None)", "None is false, as False: archived stay out"),
    ("csplanner.core.calendar.xǁAccountPlanǁrace_names", "super().race_names(None)", "an account's plan holds no "
     "other account's races, so the day asked never matters there"),
    ("csplanner.core.calendar.x_account_plan", "join(Account, None)", "SQLAlchemy finds the same join on the foreign key"),
    ("csplanner.core.calendar.x_account_plan", "join(Account, )", "SQLAlchemy finds the same join on the foreign key"),
    ("csplanner.core.calendar.x_account_plan", "order_by(Milestone.planned_on, None)", SAME_DAY := "with SQLite, "
     "same-day rows come back in id order already (the date index holds the rowid; its merge sort keeps the scan's "
     "id order); SQL itself does not promise it"),
    ("csplanner.core.calendar.x_account_plan", "order_by(Milestone.planned_on, )", SAME_DAY),
    ("csplanner.core.calendar.x_account_plan", "order_by(Obstacle.opened_on, None)", SAME_DAY),
    ("csplanner.core.calendar.x_account_plan", "order_by(Obstacle.opened_on, )", SAME_DAY),
    ("csplanner.core.calendar.x__says", "func.upper(", ASCII_LIKE := "SQLite's LIKE already ignores the case of A-Z, "
     "and lower() and upper() change only A-Z"),
    ("csplanner.core.calendar.x_account_plan", "Season.race_day, None)", "the season's outcome is read along but the "
     "plan never uses it"),
    ("csplanner.core.calendar.x_account_plan", "starts, chips, None,", "make_weeks never reads today"),
    ("csplanner.core.calendar.x_account_plan", "first_weekday=first_weekday, totals=None,", SAME_TOTALS),
    ("csplanner.core.calendar.x_account_plan", "first_weekday=first_weekday, )", SAME_TOTALS),
    ("csplanner.core.calendar.x_account_plan", "account, first_weekday, None)", SAME_TOTALS),
    # templates: text operations whose changed argument cannot matter
    ("csplanner.core.templates.xǁStepǁdescribe", "lstrip('XX+XX')", LSTRIP := "strip takes a set of characters and an offset's "
     "text never holds an 'X'"),
    ("csplanner.core.templates.x_to_json", 'lstrip("XX+XX")', LSTRIP),
    ("csplanner.core.templates.x_file_name", 'strip("XX-XX")', "strip takes a set of characters and the slug is lower case"),
    ("csplanner.core.templates.x__step", '"+0D"', "offsets are read ignoring case: +0D is +0d"),
    ("csplanner.core.templates.x_parse", 'data.get("description", None)', "no description and None both become ''"),
    ("csplanner.core.templates.x_parse", 'data.get("description", )', "no description and None both become ''"),
    ("csplanner.core.templates.x_", 'encoding="UTF-8"', "codec names ignore case"),
    ("csplanner.core.templates.x_save", '".JSON.TMP"', "the temporary file is renamed onto the template at once; its name is never seen"),
    ("csplanner.core.templates.x_save", "ensure_ascii=None", "None is false, as False: letters are written as they are"),
    ("csplanner.core.templates.x_preview", "plan_runs(template, start, None, account.renewal)", "with no kickoff, "
     "'from kickoff' counts from the contract day, here the same season start"),
    ("csplanner.core.templates.x_preview", "history[+1].start is not None", "a renewed season starts on the old race "
     "day, never None, so with two seasons or more the second and the last agree here"),
    # week: arguments passed only to save a query, orders SQLite gives anyway
    ("csplanner.core.week.x_races", "health_many(session, None, today)", "speed only: every live account's health holds the ones asked"),
    ("csplanner.core.week.x_races", "=+        )", "archived accounts are not in the names every "
     "row is checked against"),
    ("csplanner.core.week.x_quiet_order", "(q.days_since or 1)", "only the never-checked-in have no days, and they all "
     "sort first already; a silence of 0 days is never listed"),
    ("csplanner.core.week.x_merged", "new_days.get(day, None)", ALL_DAYS := "a part read for the same week holds all "
     "seven days, so the default is never taken"),
    ("csplanner.core.week.x_merged", "new_days.get(day, )", ALL_DAYS),
    ("csplanner.core.week.x__names", "q.order_by(None)", "the names are looked up by id, and every list built from "
     "them is sorted on its own"),
    ("csplanner.core.week.x_races", "_names(session, None) if", "the renewals are read for the accounts asked; "
     "names of others only go unused"),
    ("csplanner.core.week.x_races", "_names(session, ) if", "the renewals are read for the accounts asked; "
     "names of others only go unused"),
    ("csplanner.core.week.x_week_plan", "(account_ids is None) or True", KEPT := "speed only: rows are kept only for "
     "the accounts in the names read first"),
    ("csplanner.core.week.x_week_plan", "missed_training(session, today, names, None)", KEPT),
    ("csplanner.core.week.x_week_plan", "missed_training(session, today, names, )", KEPT),
    ("csplanner.core.week.x_week_plan", "order_by(Milestone.planned_on, )", SAME_DAY),
    ("csplanner.core.week.x_week_plan", "order_by(Milestone.planned_on, None)", SAME_DAY),
    ("csplanner.core.week.x_week_plan", "order_by(CheckIn.held_on, None)", SAME_DAY),
    ("csplanner.core.week.x_races", "order_by(Account.renewal, None)", SAME_DAY),
    ("csplanner.core.week.x_week_plan", "races(session, today, names, None, scores)", KEPT),
    ("csplanner.core.week.x_races_and_missed", "races(session, today, names, None, known)", KEPT),
    ("csplanner.core.week.x_races_and_missed", "missed_training(session, today, names, None)", KEPT),
    ("csplanner.core.week.x_races_and_missed", "missed_training(session, today, names, )", KEPT),
    ("csplanner.core.week.x_races", "if r[1] not in known]", "speed only: health read again for an account "
     "already known is then replaced by the known one"),
    ("csplanner.core.week.x_week_plan", "order_by(CheckIn.held_on, )", SAME_DAY),
    ("csplanner.core.week.x_races", "order_by(Account.renewal, )", SAME_DAY),
    # CSV import: branches a value can only reach one way, and text only an error would show
    ("csplanner.core.csv_import.dates.x__month", "in MONTHS) or True", "MONTHS.get gives None for a word that is not "
     "a month, as the else branch does"),
    ("csplanner.core.csv_import.dates.x_parse_date", "if parts.first > 12 or parts.second > 12:", BOTH_OR_NEITHER :=
     "reached only when both numbers or neither are above 12 (one alone decided above), where the two tests agree"),
    ("csplanner.core.csv_import.dates.x_parse_date", "if parts.first >= 12 and parts.second > 12:", BOTH_OR_NEITHER),
    ("csplanner.core.csv_import.dates.x_parse_date", "if parts.first > 12 and parts.second >= 12:", BOTH_OR_NEITHER),
    ("csplanner.core.csv_import.dates.x_parse_date", "if named.group(2) else", "the day-first form's groups 1 and 2 "
     "match together or not at all"),
    ("csplanner.core.csv_import.dates.x_guess_order", "day_first = month_first = None", "None and False are both false "
     "and equal to each other"),
    ("csplanner.core.csv_import.dates.x_guess_order", "if day_first or month_first:", "reached only when the two votes "
     "agree, where 'or' and 'and' give the same"),
    ("csplanner.core.csv_import.money.x__split_suffix", "_currency(after, None)", "the cell is only quoted in an error, "
     "and a known symbol or a three-letter code never raises one"),
    ("csplanner.core.csv_import.money.x_parse_number", 'digits.find(".") > digits.rfind(",")', ONE_MARK := "a number "
     "is read only with one decimal mark, whose first and last places are the same; any other is refused either way, "
     "with the same message"),
    ("csplanner.core.csv_import.money.x_parse_number", 'digits.rfind(".") > digits.find(",")', ONE_MARK),
    ("csplanner.core.csv_import.money.x_parse_number", "digits.partition(decimal_mark)", ONE_MARK),
    ("csplanner.core.csv_import.money.x_parse_number", 'digits.rfind(".") >= digits.rfind(",")', "both marks are "
     "there, so their places never tie"),
    ("csplanner.core.csv_import.money.x_parse_number", "fraction.count(thousands) and whole.count", "no thousands mark "
     "can follow the last decimal mark, and a decimal mark left in the whole part makes Decimal refuse the number "
     "with the same message"),
    ("csplanner.core.csv_import.money.x_parse_number", "dots - commas == 0", "only one kind of mark can be left here, "
     "so the difference is 0 only when both counts are"),
    ("csplanner.core.csv_import.money.x_parse_money", 'rstrip("XX.,\' XX")', "strip takes a set of characters and the "
     "digits never hold an 'X'"),
    ("csplanner.core.csv_import.money.x_parse_money", "scaled=scale > 1", "a scale is 0, 3, 6 or 9"),
    ("csplanner.core.csv_import.money.x_to_minor", "quantize(Decimal(2)", "quantize reads only the exponent, 0 for 1 "
     "and 2 alike"),
    ("csplanner.core.csv_import.headers.x_header_currency", 'else "XXXX"', "neither '' nor 'XXXX' is three letters: "
     "both give None"),
    ("csplanner.core.csv_import.rows.x__contact", 'cells.get("contact_name", None)', NO_NAME := "no name and an empty "
     "name are both refused as 'contact without a name'"),
    ("csplanner.core.csv_import.rows.x__contact", 'cells.get("contact_name", )', NO_NAME),
    ("csplanner.core.csv_import.rows.x__contact", 'cells.get("contact_email", None)', NO_EMAIL := "validate.email reads "
     "None as no address"),
    ("csplanner.core.csv_import.rows.x__contact", 'cells.get("contact_email", )', NO_EMAIL),
    ("csplanner.core.csv_import.rows.x__contact", '"contact_role", "XXXX"', "an unknown role and no role are both "
     "'other'"),
    ("csplanner.core.csv_import.rows.x_read_row", "=+        currency = None", "'' and None are both false wherever the "
     "currency is read next"),
    ("csplanner.core.csv_import.rows.x_finish", '"XXUSDXX"', "only the number of decimals is read: 2 for USD, as for "
     "any code Babel does not know"),
    ("csplanner.core.csv_import.rows.x_finish", 'or "usd"', "minor_digits reads the code in upper case"),
    ("csplanner.core.csv_import.rows.x_finish", '"renewal", "CONTRACT_SIGNED"', EARLIER := "the earlier field is only "
     "shown, as its label in lower case, which is the same"),
    ("csplanner.core.csv_import.rows.x_finish", '"kickoff", "CONTRACT_SIGNED"', EARLIER),
    ("csplanner.core.csv_import.rows.x_finish", '"renewal", "KICKOFF"', EARLIER),
    ("csplanner.core.csv_import.reading.x_decode", '.decode("UTF-8")', CODEC := "codec names ignore case"),
    ("csplanner.core.csv_import.reading.x_decode", '.decode("UTF-16")', CODEC),
    ("csplanner.core.csv_import.reading.x_decode", '.decode("CP1252")', CODEC),
    ("csplanner.core.csv_import.reading.x_decode", '.decode("LATIN-1")', CODEC),
    ("csplanner.core.csv_import.reading.x_sniff_delimiter", "best_score = \",\", (0.0, 1)", "a delimiter's share of "
     "rows as wide as the first is never 0 (the first row counts), so any score beats both starting points"),
    ("csplanner.core.csv_import.reading.x_sniff_delimiter", "newline=None", "universal newlines change line ends inside "
     "quoted cells, never how many cells a row has"),
    ("csplanner.core.csv_import.reading.x_read_table", "last_line = 1", "the first row read is the header or blank, "
     "and its line number is never shown"),
    # search
    ("csplanner.core.search.x__ranked", '" and rowid >= :floor"', "SQL keywords ignore case"),
    ("csplanner.core.search.x_snippet_parts", "if end <= 0:", END_AFTER := "the end mark is looked for after the "
     "start mark, so it is never found at 0"),
    ("csplanner.core.search.x_snippet_parts", "if end < 1:", END_AFTER),
    ("csplanner.core.search.x_bare_query", 'else "ROWID"', SQL_CASE := "SQL keywords and unquoted identifiers "
     "ignore case"),
    ("csplanner.core.search.x__ranked", '"DOC @@ Q"', SQL_CASE),
    ("csplanner.core.search.x__ranked", '"order by rank desc, rowid desc limit :limit"', SQL_CASE),
    ("csplanner.core.search.x_search", '"h.rank desc, h.record_id desc"', SQL_CASE),
    ("csplanner.core.search.x_search", '"H.RANK DESC, H.RECORD_ID DESC"', SQL_CASE),
    ("csplanner.core.search.x_search", '"H.RANK"', SQL_CASE),
    ("csplanner.core.search.x__day", 'value == "XXXX"', "the index holds a record's day or NULL, never ''"),
]

# Mutants only a PostgreSQL book can tell from the original: the mutation run reads SQLite only
# (see _mutmut), while `make test` runs these branches on PostgreSQL too. They stay in the total
# as not killed, and are listed with the reason.
PG_BRANCH = "only a PostgreSQL book takes this branch"
PG_SEEN = "a SQLite book is still told apart from PostgreSQL; only a PostgreSQL book would take SQLite's branch"
POSTGRES_ONLY: list[tuple[str, str, str]] = [
    ("csplanner.core.health.x__store", 'dialect.name != "postgresql":', "SQLite compiles PostgreSQL's INSERT … ON "
     "CONFLICT to the same statement; only a PostgreSQL book given SQLite's would fail"),
    ("csplanner.core.health.x__store", 'name == "XXpostgresqlXX"', PG_SEEN),
    ("csplanner.core.health.x__store", 'name == "POSTGRESQL"', PG_SEEN),
    ("csplanner.core.search.x__pg", 'name == "XXpostgresqlXX"', PG_SEEN),
    ("csplanner.core.search.x__pg", 'name == "POSTGRESQL"', PG_SEEN),
    ("csplanner.core.search.x_accents_folded", '!= "XXpostgresqlXX"', PG_SEEN),
    ("csplanner.core.search.x_accents_folded", '!= "POSTGRESQL"', PG_SEEN),
    ("csplanner.core.search.x_accents_folded", "return folded(None)", PG_BRANCH),
    ("csplanner.core.search.x__query", "(_pg(conn)) and False", PG_BRANCH),
    ("csplanner.core.search.x__query", "ts_query(None) if", PG_BRANCH),
    ("csplanner.core.search.x__floor", "(_pg(conn)) and False", PG_BRANCH),
    ("csplanner.core.search.x_bare_query", "(_pg(conn)) and False", PG_BRANCH),
    ("csplanner.core.search.x__ranked", '"XXdoc @@ qXX"', PG_BRANCH),
    ("csplanner.core.search.x__ranked", '"doc @@ q" + (" AND rowid >= :floor" if (floor) and False', PG_BRANCH),
    ("csplanner.core.search.x__ranked", '"doc @@ q" + (" AND rowid >= :floor" if (floor) or True', PG_BRANCH),
    ("csplanner.core.search.x__ranked", '"doc @@ q" + ("XX AND rowid >= :floorXX"', PG_BRANCH),
    ("csplanner.core.search.x__ranked", '"doc @@ q" + (" AND ROWID >= :FLOOR"', PG_BRANCH),
    ("csplanner.core.search.x__ranked", '"doc @@ q" + (" AND rowid >= :floor" if floor else "XXXX")', PG_BRANCH),
    ("csplanner.core.search.x__ranked", '"XXORDER BY rank DESC, rowid DESC LIMIT :limitXX"', PG_BRANCH),
    ("csplanner.core.search.x__ranked", '"ORDER BY RANK DESC, ROWID DESC LIMIT :LIMIT"', PG_BRANCH),
    ("csplanner.core.search.x_search", "=+        order = None", PG_BRANCH),
    ("csplanner.core.search.x__ranked", "=+        where = None", PG_BRANCH),
    ("csplanner.core.search.x_search", "=+        columns = None", PG_BRANCH),
    ("csplanner.core.search.x__ranked", '"doc @@ q" - (', PG_BRANCH),
    ("csplanner.core.search.x__day", "(isinstance(value, date)) and False", "SQLite's index hands back text; only "
     "PostgreSQL hands back dates"),
    ("csplanner.core.search.x_search", '"XXh.rank DESC, h.record_id DESCXX"', PG_BRANCH),
]

KILLED = {1, 3, 36, -24, 24, 152, 255}  # exit codes mutmut reads as killed or timed out
NOT_RUN = {None, 33, 5}  # not checked, no tests


def meta(prefix: str) -> dict[str, int | None]:
    """Exit code per mutant of a module, or of every module of a package."""
    base = ROOT / "mutants" / prefix.replace(".", "/")
    files = [base.with_suffix(".py.meta")] if base.with_suffix(".py.meta").exists() else sorted(base.rglob("*.py.meta"))
    codes: dict[str, int | None] = {}
    for path in files:
        codes.update(json.loads(path.read_text(encoding="utf-8"))["exit_code_by_key"])
    return {k: v for k, v in codes.items() if k.startswith(prefix + ".")}


def diff(name: str) -> list[str]:
    """The changed lines of a mutant ('-' original, '+' mutated)."""
    return mutant_diffs(name.rsplit(".", 1)[0]).get(name, [])


@functools.cache
def mutant_diffs(module: str) -> dict[str, list[str]]:
    """The changed lines of every mutant of a module, read off mutmut's copy under mutants/
    (each mutant is a copy of its function beside the original: `mutmut show` for all at once)."""
    path = (ROOT / "mutants" / module.replace(".", "/")).with_suffix(".py")
    if not path.exists():
        return {}
    source = path.read_text(encoding="utf-8")
    lines = source.splitlines()
    functions = {node.name: "\n".join(lines[node.lineno - 1:node.end_lineno]) for node in ast.walk(ast.parse(source))
                 if isinstance(node, ast.FunctionDef | ast.AsyncFunctionDef) and "__mutmut_" in node.name}
    diffs = {}
    for name, text in functions.items():
        head, _, number = name.rpartition("__mutmut_")
        original = functions.get(head + "__mutmut_orig")
        if not number.isdigit() or original is None:
            continue
        mutated = text.replace(name, head + "__mutmut_orig", 1)
        diffs[f"{module}.{name}"] = [line for line in difflib.unified_diff(
            original.splitlines(), mutated.splitlines(), lineterm="", n=0)
            if line[:1] in "+-" and not line.startswith(("+++", "---"))]
    return diffs


def listed_equivalents(prefix: str) -> set[str]:
    """The mutants of a module that an EQUIVALENT or POSTGRES_ONLY entry explains, from the
    mutants generated last."""
    modules = {name.rsplit(".", 1)[0] for name in meta(prefix)}
    return {name for module in modules for name, changed in mutant_diffs(module).items()
            if name.startswith(prefix + ".") and (equivalent(name, changed) is not None
                                                  or equivalent(name, changed, POSTGRES_ONLY) is not None)}


def equivalent(name: str, changed: list[str], entries: list[tuple[str, str, str]] | None = None) -> int | None:
    """Which EQUIVALENT entry (or of `entries`) says why this surviving mutant is left.
    A fragment is looked for in the diff's lines ('+' mutated, '-' original); one starting with
    '=' must be a whole line, spaces aside."""
    for i, (prefix, fragment, _) in enumerate(EQUIVALENT if entries is None else entries):
        if name.startswith(prefix) and any(
                line.strip() == fragment[1:].strip() if fragment.startswith("=") else fragment in line
                for line in changed):
            return i
    return None


def run(prefix: str, jobs: int, again: bool = False, everything: bool = False) -> float:
    """Test every mutant of the module afresh; `again`: only those the last run did not kill
    (after adding tests: a test added can only kill more, so the others stay killed).
    Mutants an EQUIVALENT entry explains are not run (each survived the runs that listed it, and
    running every test that reaches them is most of a run's time) unless `everything`."""
    start = time.monotonic()
    (ROOT / "mutants" / f"{prefix}.log").unlink(missing_ok=True)
    skip = set() if everything else listed_equivalents(prefix)
    _forget(prefix, skip)
    if not again:
        _mutmut(prefix, jobs, [k for k in meta(prefix) if k not in skip] if skip else [prefix + ".*"])
    else:
        _mutmut(prefix, jobs, [k for k, v in meta(prefix).items() if v not in KILLED and k not in skip])
    # a function edited since the last run has new mutants, generated by the run above: test them too
    mutant_diffs.cache_clear()
    skip = set() if everything else listed_equivalents(prefix)
    _forget(prefix, skip)
    fresh = [k for k, v in meta(prefix).items() if v is None and k not in skip]
    if fresh:
        _mutmut(prefix, jobs, fresh)
    return time.monotonic() - start


def _forget(prefix: str, names: set[str]) -> None:
    """Mark mutants as not run, so that an old verdict is never counted for them."""
    base = ROOT / "mutants" / prefix.replace(".", "/")
    files = [base.with_suffix(".py.meta")] if base.with_suffix(".py.meta").exists() else sorted(base.rglob("*.py.meta"))
    for path in files:
        data = json.loads(path.read_text(encoding="utf-8"))
        codes = data["exit_code_by_key"]
        if any(codes.get(name) is not None for name in names):
            codes.update({name: None for name in names if name in codes})
            path.write_text(json.dumps(data), encoding="utf-8")


def _mutmut(prefix: str, jobs: int, names: list[str]) -> None:
    if not names:
        return
    log = ROOT / "mutants" / f"{prefix}.log"
    log.parent.mkdir(exist_ok=True)
    # SQLite only (pyproject.toml deselects the `postgres` tests too): a PostgreSQL cluster would
    # start afresh in every mutant's test session, and the rules read the same SQL on both
    env = {**os.environ, "CSPLANNER_TEST_NO_POSTGRES": "1", "QT_QPA_PLATFORM": "offscreen"}
    with log.open("a", encoding="utf-8") as out:
        done = subprocess.run([sys.executable, "-m", "mutmut", "run", "--max-children", str(jobs), *names],
                              cwd=ROOT, stdout=out, stderr=subprocess.STDOUT, env=env)
    if done.returncode != 0:
        sys.exit(f"mutmut failed on {prefix} (exit {done.returncode}); see {log.relative_to(ROOT)}")


def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("modules", nargs="*", help="e.g. health calendar (default: all)")
    parser.add_argument("--jobs", type=int, default=1, help="mutants tested at once (default 1)")
    parser.add_argument("--survivors", action="store_true", help="list every surviving mutant")
    parser.add_argument("--no-run", action="store_true", help="only print the scores of the last run")
    parser.add_argument("--all", action="store_true",
                        help="run the mutants EQUIVALENT explains too (to see that each still survives)")
    parser.add_argument("--again", action="store_true",
                        help="rerun only the mutants the last full run left alive (after adding tests)")
    args = parser.parse_args()
    chosen = {k: v for m in args.modules for k, v in MODULES.items() if m in k} if args.modules else MODULES
    if not chosen:
        parser.error(f"no module matches {args.modules}; modules: {', '.join(MODULES)}")

    rows = []
    used: set[int] = set()
    used_pg: set[int] = set()
    for shown, prefix in chosen.items():
        took = 0.0 if args.no_run else run(prefix, args.jobs, args.again, args.all)
        codes = meta(prefix)
        killed = sum(1 for v in codes.values() if v in KILLED)
        survivors, equivalents, pg_only = [], [], []
        for name in sorted((k for k, v in codes.items() if v not in KILLED), key=_natural):
            changed = diff(name)
            entry = equivalent(name, changed)
            pg_entry = equivalent(name, changed, POSTGRES_ONLY) if entry is None else None
            if codes[name] is None and entry is None and pg_entry is None:  # not checked (an interrupted run)
                survivors.append((name, []))
                continue
            if entry is not None:
                equivalents.append((name, EQUIVALENT[entry][2]))
                used.add(entry)
            elif pg_entry is not None:
                pg_only.append((name, POSTGRES_ONLY[pg_entry][2]))
                used_pg.add(pg_entry)
            else:
                survivors.append((name, changed))
        total = len(codes) - len(equivalents)
        rows.append((shown, killed, total, equivalents, survivors, pg_only))
        if not args.no_run:
            print(f"{shown}: {killed} of {total} killed in {took:.0f} s", flush=True)

    print()
    print("| module | killed of total | % | equivalent (not counted) | PostgreSQL only (not killed) |")
    print("|---|---|---|---|---|")
    failing = []
    for shown, killed, total, equivalents, _, pg_only in rows:
        pct = 100.0 * killed / total if total else 100.0
        print(f"| {shown} | {killed} of {total} | {pct:.1f} % | {len(equivalents)} | {len(pg_only)} |")
        if pct < TARGET:
            failing.append(shown)
    if args.survivors:
        for shown, _, _, equivalents, survivors, pg_only in rows:
            for name, changed in survivors:
                print(f"\nnot killed ({_status(MODULES[shown], name)}): {name}")
                print("\n".join("    " + line for line in changed))
            for name, reason in pg_only:
                print(f"PostgreSQL only (not killed): {name}: {reason}")
            for name, reason in equivalents:
                print(f"equivalent: {name}: {reason}")
    if len(chosen) == len(MODULES):
        for i, (prefix, fragment, _) in enumerate(EQUIVALENT):
            if i not in used:
                print(f"warning: no surviving mutant of {prefix} shows '{fragment}'; drop it from EQUIVALENT")
        for i, (prefix, fragment, _) in enumerate(POSTGRES_ONLY):
            if i not in used_pg:
                print(f"warning: no surviving mutant of {prefix} shows '{fragment}'; drop it from POSTGRES_ONLY")
    if failing:
        print(f"\nbelow {TARGET:.0f} %: {', '.join(failing)}")
    return 0


def _status(prefix: str, name: str) -> str:
    code = meta(prefix).get(name)
    return {0: "survived", None: "not checked", 33: "no tests", 5: "no tests"}.get(code, f"exit {code}")


def _natural(name: str) -> tuple[str, int]:
    head, _, n = name.rpartition("__mutmut_")
    return head, int(n) if n.isdigit() else 0


if __name__ == "__main__":
    sys.exit(main())
