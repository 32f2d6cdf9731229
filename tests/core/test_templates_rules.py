"""Plan template rules pinned: offsets (month ends, leap years, signs), repeats up to race day,
every refusal message, saving an account's plan and writing the file."""

import json
import os
import subprocess
import sys
from datetime import date, timedelta

import pytest
from hypothesis import given
from hypothesis import strategies as st
from sqlmodel import select

from csplanner.core import paths, templates
from csplanner.core.enums import Phase, RunType, Team
from csplanner.core.errors import DomainError
from csplanner.core.models import Account, Milestone, Season
from csplanner.core.templates import Offset, PlannedRun, Step, Template


def plan(*steps, name="Plan"):
    return templates.parse({"name": name, "steps": list(steps)}, "t.json")


# --- offsets -----------------------------------------------------------------------------------


@pytest.mark.parametrize(("text", "offset"), [
    ("+7d", Offset(days=7)), ("7d", Offset(days=7)), ("-2w", Offset(days=-14)), ("+1m", Offset(months=1)),
    ("3M", Offset(months=3)), (" - 5 d ", Offset(days=-5)), ("+0d", Offset()), ("9999d", Offset(days=9999)),
    ("-13W", Offset(days=-91)), (12, Offset(days=12)), (-3, Offset(days=-3)), (0, Offset()),
])
def test_offsets_parse(text, offset):
    assert Offset.parse(text) == offset


@pytest.mark.parametrize("text", ["12345d", "+d", "1y", "", "7", "d7", "+-7d", "7dd", True, 1.5, None, "7 days"])
def test_offsets_that_are_not_refuse_with_an_example(text):
    with pytest.raises(ValueError, match=r"^'.*' is not an offset like \+7d, -2w or \+1m$") as info:
        Offset.parse(text)
    assert str(info.value) == f"'{text}' is not an offset like +7d, -2w or +1m"


@pytest.mark.parametrize(("offset", "text"), [
    (Offset(months=1), "+1m"), (Offset(months=-2), "-2m"), (Offset(days=14), "+2w"), (Offset(days=-7), "-1w"),
    (Offset(), "+0d"), (Offset(days=10), "+10d"), (Offset(days=-3), "-3d"), (Offset(months=1, days=7), "+1m"),
])
def test_offsets_print_in_the_largest_whole_unit(offset, text):
    assert offset.text() == text


@given(n=st.integers(-500, 500), unit=st.sampled_from("dwm"))
def test_an_offset_printed_parses_back_to_itself(n, unit):
    offset = Offset.parse(f"{n:+d}{unit}")
    assert Offset.parse(offset.text()) == offset


@pytest.mark.parametrize(("start", "offset", "day"), [
    (date(2027, 1, 31), Offset(months=1), date(2027, 2, 28)),
    (date(2028, 1, 31), Offset(months=1), date(2028, 2, 29)),
    (date(2026, 1, 31), Offset(months=-1), date(2025, 12, 31)),
    (date(2026, 3, 31), Offset(months=-1), date(2026, 2, 28)),
    (date(2026, 1, 15), Offset(months=-13), date(2024, 12, 15)),
    (date(2026, 12, 15), Offset(months=1), date(2027, 1, 15)),
    (date(2026, 11, 30), Offset(months=2), date(2027, 1, 30)),
    (date(2026, 5, 31), Offset(months=12), date(2027, 5, 31)),
    (date(2026, 1, 31), Offset(months=1, days=1), date(2026, 3, 1)),  # months first, then days
    (date(2026, 1, 31), Offset(days=29), date(2026, 3, 1)),
    (date(2026, 3, 1), Offset(days=-1), date(2026, 2, 28)),
])
def test_offsets_from_a_day(start, offset, day):
    assert offset.from_(start) == day


@given(start=st.dates(date(2000, 1, 1), date(2090, 12, 31)), months=st.integers(-60, 60))
def test_a_month_step_lands_on_the_same_day_or_the_months_last(start, months):
    day = Offset(months=months).from_(start)
    assert (day.year * 12 + day.month) - (start.year * 12 + start.month) == months
    assert day.day == start.day or (day.day < start.day and (day + timedelta(days=1)).day == 1)


@given(start=st.dates(date(2000, 1, 1), date(2090, 12, 31)), days=st.integers(-1000, 1000))
def test_a_day_step_there_and_back_is_the_identity(start, days):
    assert Offset(days=-days).from_(Offset(days=days).from_(start)) == start


def test_offset_arithmetic_and_sign():
    assert Offset(1, 2).times(3) == Offset(3, 6)
    assert Offset(1, 2).plus(Offset(-3, 5)) == Offset(-2, 7)
    assert [o.positive for o in (Offset(1), Offset(0, 1), Offset(), Offset(0, -1), Offset(-1, 40), Offset(1, -40))] == [
        True, True, False, False, False, True]


# --- steps and templates read from JSON ---------------------------------------------------------


def test_a_step_with_only_a_title_gets_the_defaults():
    (step,) = plan({"title": "  Kickoff  "}).steps
    assert step == Step("Kickoff", "contract_signed", Offset(), RunType.MEDIUM, Phase.ADOPTION, Team.CSM, None)
    assert step.describe() == "contract signed +0d"


def test_steps_keep_what_they_say():
    (step,) = plan({"title": "QBR {n}", "from": "kickoff", "offset": "+13w", "every": "3m", "run_type": "long",
                    "phase": "expansion", "team": "sales"}).steps
    assert step == Step("QBR {n}", "kickoff", Offset(days=91), RunType.LONG, Phase.EXPANSION, Team.SALES, Offset(3))
    assert step.describe() == "kickoff +13w, every 3m"
    assert Step("Value", "renewal", Offset(days=-120), RunType.LONG, Phase.RENEWAL).describe() == (
        "renewal (race day) -120d")


@pytest.mark.parametrize(("step", "message"), [
    ("QBR", "t.json: step 1: a step must be an object with title, from, offset, run_type and phase."),
    ({"title": "QBR", "when": 1, "colour": "red"}, "t.json: step 1 ('QBR'): unknown key(s) colour, when."),
    ({"title": "  "}, "t.json: step 1: the title is missing."),
    ({"title": 7}, "t.json: step 1: the title is missing."),
    ({"title": "x" * 201}, f"t.json: step 1 ('{'x' * 201}'): the title is longer than 200 characters."),
    ({"title": "QBR", "from": "signing"},
     "t.json: step 1 ('QBR'): 'from' is 'signing'; use contract_signed, kickoff or renewal."),
    ({"title": "QBR", "every": "0d"}, "t.json: step 1 ('QBR'): 'every' must be a positive interval such as 13w or 3m."),
    ({"title": "QBR", "every": "x"}, "t.json: step 1 ('QBR'): 'x' is not an offset like +7d, -2w or +1m."),
    ({"title": "QBR", "phase": "cooldown"},
     "t.json: step 1 ('QBR'): phase 'cooldown' is not one of: kickoff, onboarding, adoption, expansion, renewal."),
    ({"title": "QBR", "team": "ops"},
     "t.json: step 1 ('QBR'): team 'ops' is not one of: csm, services, support, product, sales, leadership."),
    ({"title": "QBR", "run_type": "jog"},
     "t.json: step 1 ('QBR'): run_type 'jog' is not one of: sprint, medium, long, race."),
])
def test_step_refusals(step, message):
    with pytest.raises(DomainError) as info:
        templates.parse({"name": "P", "steps": [step]}, "t.json")
    assert info.value.message == message


def test_a_title_of_200_characters_is_fine():
    assert plan({"title": "y" * 200}).steps[0].title == "y" * 200


@pytest.mark.parametrize(("data", "message"), [
    ([], "t.json: a template must be a JSON object with a name and steps."),
    ({"steps": [{"title": "A"}]}, "t.json: the template has no name."),
    ({"name": " ", "steps": [{"title": "A"}]}, "t.json: the template has no name."),
    ({"name": 3, "steps": [{"title": "A"}]}, "t.json: the template has no name."),
    ({"name": "P"}, "t.json: the template 'P' has no steps."),
    ({"name": "P", "steps": []}, "t.json: the template 'P' has no steps."),
    ({"name": "P", "steps": {"title": "A"}}, "t.json: the template 'P' has no steps."),
])
def test_template_refusals(data, message):
    with pytest.raises(DomainError) as info:
        templates.parse(data, "t.json")
    assert info.value.message == message


def test_a_template_keeps_its_name_description_source_and_kind():
    t = templates.parse({"name": " Mine ", "description": "Quarterly", "steps": [{"title": "A"}]}, "m.json",
                        builtin=True)
    assert (t.name, t.description, t.source, t.builtin, len(t.steps)) == ("Mine", "Quarterly", "m.json", True, 1)
    t = templates.parse({"name": "Mine", "description": 5, "steps": [{"title": "A"}]}, "m.json")
    assert (t.description, t.builtin) == ("", False)


def test_load_names_the_file_for_every_kind_of_bad_file(tmp_path):
    with pytest.raises(DomainError) as info:
        templates.load(tmp_path / "gone.json")
    assert info.value.message == "gone.json: cannot read the file (No such file or directory)."
    (tmp_path / "latin.json").write_bytes(b'{"name": "Caf\xe9"}')
    with pytest.raises(DomainError) as info:
        templates.load(tmp_path / "latin.json")
    assert info.value.message == "latin.json: not valid JSON."
    (tmp_path / "cut.json").write_text('{"name": "Cut",\n  "steps": [', encoding="utf-8")
    with pytest.raises(DomainError) as info:
        templates.load(str(tmp_path / "cut.json"))
    assert info.value.message == "cut.json: not valid JSON (line 2, column 13)."
    (tmp_path / "ok.json").write_text(json.dumps({"name": "Ok", "steps": [{"title": "A"}]}), encoding="utf-8")
    assert templates.load(tmp_path / "ok.json").source == "ok.json"


def test_user_templates_in_file_order_and_builtins_first():
    assert templates.user_templates() == ([], [])  # no folder yet
    folder = paths.templates_dir()
    folder.mkdir(parents=True)
    for name in ("b", "a"):
        (folder / f"{name}.json").write_text(json.dumps({"name": name.upper(), "steps": [{"title": "A"}]}))
    (folder / "notes.txt").write_text("not a template")
    (folder / "c.json").write_text("{")
    good, bad = templates.user_templates()
    assert [t.name for t in good] == ["A", "B"] and bad == ["c.json: not valid JSON (line 1, column 2)."]
    every, problems = templates.all_templates()
    builtin = templates.builtin_templates()
    assert [t.name for t in every] == [t.name for t in builtin] + ["A", "B"] and problems == bad
    assert [t.source for t in builtin] == sorted(t.source for t in builtin)


# --- dating a plan ------------------------------------------------------------------------------


def test_repeats_stop_before_race_day_but_the_first_always_comes():
    t = plan({"title": "Tips {n}", "offset": "+1w", "every": "1w"},
             {"title": "Late {n}", "from": "renewal", "offset": "+2w", "every": "1w"},
             {"title": "Once {n}", "offset": "+3d"})
    runs = templates.plan_runs(t, date(2026, 1, 5), None, date(2026, 1, 26))
    assert [(r.title, r.day, r.step) for r in runs] == [
        ("Once 1", date(2026, 1, 8), 3), ("Tips 1", date(2026, 1, 12), 1), ("Tips 2", date(2026, 1, 19), 1),
        ("Late 1", date(2026, 2, 9), 2)]


def test_runs_on_the_same_day_keep_their_step_order():
    t = plan({"title": "B", "offset": "+1d"}, {"title": "A", "offset": "+1d"}, {"title": "C", "offset": "+0d"})
    assert [r.title for r in templates.plan_runs(t, date(2026, 1, 5), None, None)] == ["C", "B", "A"]


def test_kickoff_steps_count_from_contract_signed_when_there_is_no_kickoff():
    t = plan({"title": "K", "from": "kickoff", "offset": "+1d"})
    assert templates.plan_runs(t, date(2026, 1, 5), None, None)[0].day == date(2026, 1, 6)
    assert templates.plan_runs(t, date(2026, 1, 5), date(2026, 1, 12), None)[0].day == date(2026, 1, 13)
    assert templates.plan_runs(t, None, date(2026, 1, 12), None)[0].day == date(2026, 1, 13)


def test_without_race_day_repeats_run_52_weeks_from_signing_or_kickoff():
    t = plan({"title": "W{n}", "offset": "+0d", "every": "1w"})
    runs = templates.plan_runs(t, date(2026, 1, 5), None, None)
    assert len(runs) == 52 and runs[-1].day == date(2026, 1, 5) + timedelta(weeks=51)
    k = plan({"title": "W{n}", "from": "kickoff", "offset": "+0d", "every": "1w"})
    assert len(templates.plan_runs(k, None, date(2026, 1, 5), None)) == 52


def test_a_daily_repeat_stops_at_200():
    t = plan({"title": "Day {n}", "offset": "+0d", "every": "1d"})
    runs = templates.plan_runs(t, date(2026, 1, 1), None, date(2030, 1, 1))
    assert len(runs) == 200 and runs[-1].title == "Day 200" and runs[-1].day == date(2026, 7, 19)


def test_a_step_from_a_missing_date_names_it():
    t = plan({"title": "A", "from": "kickoff"})
    with pytest.raises(DomainError) as info:
        templates.plan_runs(t, None, None, date(2027, 1, 1))
    assert info.value.message == ("Step 1 ('A') is dated from kickoff, which this account does not have yet; "
                                  "set it on the account first.")
    t = plan({"title": "A"}, {"title": "B", "from": "renewal", "offset": "-1d"})
    with pytest.raises(DomainError, match=r"^Step 2 \('B'\) is dated from renewal \(race day\), which"):
        templates.plan_runs(t, date(2026, 1, 1), None, None)


def test_planned_runs_carry_their_step_and_become_milestone_values():
    t = plan({"title": "Kick", "offset": "+7d", "run_type": "sprint", "phase": "kickoff", "team": "services"})
    (run,) = templates.plan_runs(t, date(2026, 1, 31), None, None)
    assert run == PlannedRun("Kick", date(2026, 2, 7), RunType.SPRINT, Phase.KICKOFF, Team.SERVICES, 1)
    assert run.values(4) == {"account_id": 4, "title": "Kick", "planned_on": date(2026, 2, 7),
                             "run_type": RunType.SPRINT, "phase": Phase.KICKOFF, "team": Team.SERVICES}
    assert templates.summary(run) == "2026-02-07  Kick  (Sprint, Kickoff)"


# --- saving an account's plan -------------------------------------------------------------------


def _account(db, signed, kickoff, race, runs):
    with db.session() as s:
        a = Account(name="Acme", contract_signed=signed, kickoff=kickoff, renewal=race)
        s.add(a)
        s.flush()
        for title, day, run_type, phase, team in runs:
            s.add(Milestone(account_id=a.id, title=title, planned_on=day, run_type=run_type, phase=phase, team=team))
        return a.id


RUNS = [
    ("Kickoff", date(2026, 1, 12), RunType.SPRINT, Phase.KICKOFF, Team.CSM),
    ("Half-year", date(2026, 7, 1), RunType.MEDIUM, Phase.ADOPTION, Team.SERVICES),  # 183 days before race day
    ("Value review", date(2026, 7, 2), RunType.LONG, Phase.RENEWAL, Team.SALES),  # 182 days before
    ("Race", date(2026, 12, 31), RunType.RACE, Phase.RENEWAL, Team.LEADERSHIP),
]


def test_from_plan_counts_the_last_half_year_back_from_race_day(db):
    aid = _account(db, date(2026, 1, 5), None, date(2026, 12, 31), RUNS)
    with db.session() as s:
        t = templates.from_plan(s, aid, "  Acme plan ", "  notes ")
    assert (t.name, t.description, t.builtin) == ("Acme plan", "notes", False)
    assert [(st.title, st.describe(), st.run_type, st.phase, st.team) for st in t.steps] == [
        ("Kickoff", "contract signed +1w", RunType.SPRINT, Phase.KICKOFF, Team.CSM),
        ("Half-year", "contract signed +177d", RunType.MEDIUM, Phase.ADOPTION, Team.SERVICES),
        ("Value review", "renewal (race day) -26w", RunType.LONG, Phase.RENEWAL, Team.SALES),
        ("Race", "renewal (race day) +0d", RunType.RACE, Phase.RENEWAL, Team.LEADERSHIP),
    ]


def test_from_plan_without_a_contract_counts_from_kickoff_or_race_day(db):
    aid = _account(db, None, date(2026, 1, 5), None, RUNS[:1])
    with db.session() as s:
        assert templates.from_plan(s, aid, "P").steps[0].describe() == "kickoff +1w"
    with db.session() as s:
        s.get(Account, aid).renewal = date(2026, 1, 19)
        s.get(Account, aid).kickoff = None
    with db.session() as s:
        assert templates.from_plan(s, aid, "P").steps[0].describe() == "renewal (race day) -1w"


def test_from_plan_refusals(db):
    aid = _account(db, None, None, None, RUNS[:1])
    with db.session() as s:
        with pytest.raises(DomainError) as info:
            templates.from_plan(s, aid, "P")
        assert info.value.message == "This account has no contract signed, kickoff or renewal date to count from."
        with pytest.raises(DomainError) as info:
            templates.from_plan(s, aid, " ")
        assert (info.value.message, info.value.field) == ("Give the template a name.", "name")
    empty = _account_named(db, "Empty", date(2026, 1, 5))
    with db.session() as s, pytest.raises(DomainError) as info:
        templates.from_plan(s, empty, "P")
    assert info.value.message == "This account has no milestones to save as a template."


def _account_named(db, name, signed):
    with db.session() as s:
        a = Account(name=name, contract_signed=signed)
        s.add(a)
        s.flush()
        return a.id


def test_to_json_and_save_round_trip(tmp_path):
    t = Template("Café plan", "Für alle", (
        Step("A", "kickoff", Offset(days=7), RunType.SPRINT, Phase.KICKOFF, Team.CSM),
        Step("B {n}", "contract_signed", Offset(days=91), RunType.MEDIUM, Phase.ADOPTION, Team.SALES, Offset(3)),
    ))
    assert templates.to_json(t) == {"name": "Café plan", "description": "Für alle", "steps": [
        {"title": "A", "from": "kickoff", "offset": "+1w", "run_type": "sprint", "phase": "kickoff", "team": "csm"},
        {"title": "B {n}", "from": "contract_signed", "offset": "+13w", "every": "3m", "run_type": "medium",
         "phase": "adoption", "team": "sales"}]}
    path = templates.save(t, tmp_path / "mine")
    assert path == tmp_path / "mine" / "caf-plan.json"
    text = path.read_text(encoding="utf-8")
    assert text == json.dumps(templates.to_json(t), indent=2, ensure_ascii=False) + "\n" and "Café" in text
    assert [p.name for p in path.parent.iterdir()] == ["caf-plan.json"]  # no temporary file left
    again = templates.load(path)
    assert (again.name, again.description, again.steps) == (t.name, t.description, t.steps)
    with pytest.raises(DomainError) as info:
        templates.save(t, tmp_path / "mine")
    assert (info.value.message, info.value.field) == (
        "A template file named caf-plan.json already exists; choose another name.", "name")
    changed = Template("Café plan", "v2", t.steps)
    assert templates.save(changed, tmp_path / "mine", overwrite=True) == path
    assert templates.load(path).description == "v2"
    assert templates.save(Template("Default", "", t.steps)).parent == paths.templates_dir()


@pytest.mark.parametrize(("name", "file"), [
    ("Acme's plan", "acme-s-plan.json"), ("  --Tech touch--  ", "tech-touch.json"), ("!!!", "template.json"),
    ("Q" * 70, "q" * 60 + ".json"),
])
def test_file_names_are_short_slugs(name, file):
    assert templates.file_name(name) == file


def test_apply_creates_runs_with_given_ids(db):
    aid = _account_named(db, "Acme", date(2026, 1, 5))
    t = plan({"title": "A", "offset": "+1d"}, {"title": "B", "offset": "+2d", "team": "support"})
    with db.session() as s:
        runs = templates.preview(s, aid, t)
        assert templates.apply(s, aid, runs, ids=[70, 71]) == [70, 71]
        made = {m.id: (m.title, m.planned_on, m.team) for m in
                s.exec(select(Milestone).where(Milestone.account_id == aid)).all()}
    assert made == {70: ("A", date(2026, 1, 6), Team.CSM), 71: ("B", date(2026, 1, 7), Team.SUPPORT)}


def test_a_template_without_description_has_none_and_a_plan_saved_without_one_too(db):
    assert templates.parse({"name": "P", "steps": [{"title": "A"}]}, "t.json").description == ""
    aid = _account(db, date(2026, 1, 5), None, None, RUNS[:1])
    with db.session() as s:
        assert templates.from_plan(s, aid, "P").description == ""


def test_an_account_without_any_date_gets_the_missing_date_named():
    t = plan({"title": "Weekly {n}", "every": "1w"})
    with pytest.raises(DomainError, match=r"^Step 1 \('Weekly \{n\}'\) is dated from contract signed, which"):
        templates.plan_runs(t, None, None, None)


def test_repeats_keep_their_steps_kind_phase_and_team():
    t = plan({"title": "QBR {n}", "offset": "+13w", "every": "13w", "run_type": "long", "phase": "expansion",
              "team": "sales"})
    runs = templates.plan_runs(t, date(2026, 1, 5), None, date(2026, 12, 31))
    assert {(r.run_type, r.phase, r.team, r.step) for r in runs} == {(RunType.LONG, Phase.EXPANSION, Team.SALES, 1)}


def test_preview_dates_kickoff_steps_from_the_accounts_kickoff(db):
    with db.session() as s:
        a = Account(name="Acme", contract_signed=date(2026, 1, 5), kickoff=date(2026, 1, 19))
        s.add(a)
        s.flush()
        runs = templates.preview(s, a.id, plan({"title": "K", "from": "kickoff", "offset": "+1d"}))
    assert [r.day for r in runs] == [date(2026, 1, 20)]


def test_unapply_takes_back_exactly_the_runs_apply_made(db):
    aid = _account(db, date(2026, 1, 5), None, None, RUNS[:1])
    with db.session() as s:
        made = templates.apply(s, aid, templates.preview(s, aid, plan({"title": "A"}, {"title": "B"})))
        templates.unapply(s, made)
        left = [m.title for m in s.exec(select(Milestone).where(Milestone.account_id == aid)).all()]
    assert left == ["Kickoff"]


def test_templates_are_utf8_whatever_the_systems_locale(tmp_path):
    """On a machine whose locale is not UTF-8 (Windows, an old server) the em dash and 'é' survive."""
    # here too, so that the mutation run knows this test reaches them (it cannot see a child process)
    here = templates.save(templates.parse({"name": "Caf\u00e9 \u2014 plan", "steps": [{"title": "Revue"}]}, "x"),
                          tmp_path / "here")
    assert templates.load(here).name == "Café — plan"
    assert templates.builtin_templates()[0].name == "Enterprise — 12-week onboarding"
    script = (
        "import sys; from pathlib import Path; from csplanner.core import templates as t\n"
        "names = [x.name for x in t.builtin_templates()]\n"
        "folder = Path(sys.argv[1])\n"
        "path = t.save(t.parse({'name': 'Caf\\u00e9 \\u2014 plan', 'steps': [{'title': 'Revue'}]}, 'x'), folder)\n"
        "print(names[0], t.load(path).name, sep='|')\n"
    )
    env = {**os.environ, "PYTHONUTF8": "0", "PYTHONCOERCECLOCALE": "0", "LC_ALL": "C", "LANG": "C",
           "PYTHONIOENCODING": "utf-8", "PYTHONPATH": os.pathsep.join(sys.path)}
    done = subprocess.run([sys.executable, "-c", script, str(tmp_path)], env=env, capture_output=True,
                          encoding="utf-8", timeout=120)
    assert done.returncode == 0, done.stderr
    assert done.stdout.strip() == "Enterprise — 12-week onboarding|Café — plan"


def test_after_a_renewal_preview_counts_from_the_running_seasons_start(db):
    with db.session() as s:
        a = Account(name="Acme", contract_signed=date(2025, 1, 6), kickoff=date(2025, 1, 13), renewal=date(2027, 1, 4))
        s.add(a)
        s.flush()
        s.add_all([Season(account_id=a.id, number=1, start=date(2025, 1, 6), race_day=date(2026, 1, 5)),
                   Season(account_id=a.id, number=2, start=date(2026, 1, 5), race_day=date(2027, 1, 4))])
        s.flush()
        t = plan({"title": "K", "from": "kickoff", "offset": "+1w"}, {"title": "C", "offset": "+2w"},
                 {"title": "R", "from": "renewal", "offset": "-1w"})
        runs = templates.preview(s, a.id, t)
    assert [(r.title, r.day) for r in runs] == [
        ("K", date(2026, 1, 12)), ("C", date(2026, 1, 19)), ("R", date(2026, 12, 28))]
