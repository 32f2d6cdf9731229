"""The word lists are data files inside the package, read through importlib.resources
(tests/test_packaging.py checks that their folder ships in the wheel)."""

from importlib import resources

from csplanner.demo import words


def test_every_data_file_is_read():
    folder = resources.files("csplanner.demo").joinpath("data")
    names = sorted(p.name.removesuffix(".json") for p in folder.iterdir() if p.name.endswith(".json"))
    assert names == ["names", "plan", "regions", "texts", "themes"]
    for name in names:
        assert words.load(name)  # valid JSON, not empty


def test_word_lists_become_the_domain_s_values():
    assert len(words.FIRST_NAMES) == len(set(words.FIRST_NAMES)) >= 50
    assert all(titles for titles in words.ROLE_TITLES.values())
    assert all(weight > 0 and len(code) == 3 and cities for weight, code, _, _, cities in words.REGIONS.values())
    assert {"dept", "metric", "subs", "goal", "gap"} <= words.THEMES[0].keys()
    title, run_type, team, outcome = words.ONBOARDING[0]
    assert title and outcome and run_type.value == "sprint" and team.value == "services"
