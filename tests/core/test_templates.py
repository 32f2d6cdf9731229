"""Plan templates: reading, checking, dating (month ends, leap years), applying and saving."""

import json
from datetime import date

import pytest

from csplanner.core import paths, templates
from csplanner.core.enums import Phase, RunType
from csplanner.core.errors import DomainError
from csplanner.core.services import accounts, milestones


def template(*steps, name="Test plan"):
    return templates.parse({"name": name, "steps": list(steps)}, "test.json")


def test_builtin_templates_ship_with_the_package_and_are_valid():
    names = [t.name for t in templates.builtin_templates()]
    assert "Enterprise — 12-week onboarding" in names and "Tech-touch" in names and len(names) >= 3
    assert all(t.builtin and t.steps for t in templates.builtin_templates())


def test_offsets_in_days_weeks_and_from_renewal():
    t = template(
        {"title": "Kickoff", "from": "contract_signed", "offset": "+7d", "run_type": "sprint", "phase": "kickoff"},
        {"title": "Value review", "from": "renewal", "offset": "-120d", "run_type": "long", "phase": "renewal"},
        {"title": "Training", "from": "kickoff", "offset": "+2w"},
    )
    runs = templates.plan_runs(t, date(2026, 3, 2), date(2026, 3, 9), date(2027, 3, 2))
    assert [(r.title, r.day) for r in runs] == [
        ("Kickoff", date(2026, 3, 9)), ("Training", date(2026, 3, 23)), ("Value review", date(2026, 11, 2)),
    ]
    assert runs[0].run_type == RunType.SPRINT and runs[0].phase == Phase.KICKOFF
    assert runs[1].run_type == RunType.MEDIUM  # defaults when a step leaves them out


@pytest.mark.parametrize(("signed", "expected"), [
    (date(2027, 1, 31), date(2027, 2, 28)),
    (date(2028, 1, 31), date(2028, 2, 29)),  # leap year
    (date(2026, 3, 31), date(2026, 4, 30)),
    (date(2026, 12, 15), date(2027, 1, 15)),  # over the year end
])
def test_a_month_offset_lands_on_the_same_day_or_the_month_end(signed, expected):
    t = template({"title": "Check", "offset": "+1m"})
    assert templates.plan_runs(t, signed, None, None)[0].day == expected


def test_repeats_count_from_the_anchor_so_month_ends_do_not_drift():
    t = template({"title": "Tips {n}", "offset": "+1m", "every": "1m"})
    runs = templates.plan_runs(t, date(2028, 1, 31), None, date(2028, 6, 1))
    assert [(r.title, r.day) for r in runs] == [
        ("Tips 1", date(2028, 2, 29)), ("Tips 2", date(2028, 3, 31)), ("Tips 3", date(2028, 4, 30)),
        ("Tips 4", date(2028, 5, 31)),
    ]


def test_qbr_every_13_weeks_stops_before_race_day():
    t = template({"title": "QBR {n}", "offset": "+13w", "every": "13w"})
    runs = templates.plan_runs(t, date(2026, 1, 5), None, date(2027, 1, 4))
    # the fourth would fall on race day itself: the race is the review then
    assert [r.day for r in runs] == [date(2026, 4, 6), date(2026, 7, 6), date(2026, 10, 5)]
    runs = templates.plan_runs(t, date(2026, 1, 5), None, None)  # no race day: within 52 weeks
    assert [r.title for r in runs] == ["QBR 1", "QBR 2", "QBR 3"]


def test_a_step_from_a_date_the_account_lacks_is_a_clear_error():
    t = template({"title": "Kickoff", "offset": "+7d"}, {"title": "Renewal", "from": "renewal", "offset": "0d"})
    with pytest.raises(DomainError, match=r"Step 2 \('Renewal'\) is dated from renewal"):
        templates.plan_runs(t, date(2026, 1, 5), None, None)


@pytest.mark.parametrize(("step", "message"), [
    ({"title": "QBR", "offset": "+7x"}, r"bad\.json: step 2 \('QBR'\): '\+7x' is not an offset"),
    ({"title": "QBR", "run_type": "jog"}, r"step 2 \('QBR'\): run_type 'jog' is not one of: sprint"),
    ({"title": "QBR", "from": "signing"}, r"step 2 \('QBR'\): 'from' is 'signing'"),
    ({"offset": "+1d"}, r"step 2: the title is missing"),
    ({"title": "QBR", "every": "-2w"}, r"step 2 \('QBR'\): 'every' must be a positive interval"),
    ({"title": "QBR", "colour": "red"}, r"step 2 \('QBR'\): unknown key\(s\) colour"),
])
def test_invalid_steps_name_the_file_and_the_step(step, message):
    data = {"name": "Broken", "steps": [{"title": "Fine", "offset": "+1d"}, step]}
    with pytest.raises(DomainError, match=message):
        templates.parse(data, "bad.json")


def test_invalid_json_file_names_the_file_and_line(tmp_path):
    path = tmp_path / "oops.json"
    path.write_text('{"name": "Oops",\n "steps": [}', encoding="utf-8")
    with pytest.raises(DomainError, match=r"oops\.json: not valid JSON \(line 2"):
        templates.load(path)


def test_a_broken_user_template_is_reported_and_the_good_ones_still_load():
    folder = paths.templates_dir()
    folder.mkdir(parents=True)
    (folder / "good.json").write_text(json.dumps({"name": "Good", "steps": [{"title": "A", "offset": "+1d"}]}))
    (folder / "bad.json").write_text(json.dumps({"name": "Bad", "steps": []}))
    good, problems = templates.user_templates()
    assert [t.name for t in good] == ["Good"]
    assert problems == ["bad.json: the template 'Bad' has no steps."]


def test_apply_creates_the_milestones_and_save_round_trips(db):
    with db.session() as s:
        aid = accounts.create(s, name="Acme", contract_signed=date(2026, 1, 31), renewal=date(2027, 1, 31)).id
        t = template(
            {"title": "Kickoff", "offset": "+7d", "run_type": "sprint", "phase": "kickoff"},
            {"title": "Check", "offset": "+1m"},
            {"title": "Renewal", "from": "renewal", "offset": "0d", "run_type": "race", "phase": "renewal"},
        )
        ids = templates.apply(s, aid, templates.preview(s, aid, t))
        made = milestones.for_account(s, aid)
    assert sorted(m.id for m in made) == sorted(ids)
    assert [(m.title, m.planned_on, m.run_type) for m in made] == [
        ("Kickoff", date(2026, 2, 7), RunType.SPRINT), ("Check", date(2026, 2, 28), RunType.MEDIUM),
        ("Renewal", date(2027, 1, 31), RunType.RACE),
    ]
    with db.session() as s:
        mine = templates.from_plan(s, aid, "Acme's plan")
    path = templates.save(mine)
    assert path.parent == paths.templates_dir() and path.name == "acme-s-plan.json"
    again = templates.load(path)
    assert [s.describe() for s in again.steps] == [
        "contract signed +1w", "contract signed +4w", "renewal (race day) +0d",
    ]
    # the saved plan, applied to another account, gives the same shape of plan
    runs = templates.plan_runs(again, date(2026, 1, 31), None, date(2027, 1, 31))
    assert [r.day for r in runs] == [date(2026, 2, 7), date(2026, 2, 28), date(2027, 1, 31)]
    with pytest.raises(DomainError, match="already exists"):
        templates.save(mine)


def test_saving_needs_a_name_and_some_milestones(db):
    with db.session() as s:
        aid = accounts.create(s, name="Empty", contract_signed=date(2026, 1, 5)).id
        with pytest.raises(DomainError, match="name"):
            templates.from_plan(s, aid, "  ")
        with pytest.raises(DomainError, match="no milestones"):
            templates.from_plan(s, aid, "Empty plan")
