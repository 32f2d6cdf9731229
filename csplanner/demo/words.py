"""The demo's word lists, kept as JSON beside this module (csplanner/demo/data/*.json).

`load` is the one place that reads them; the constants below turn the stored text values back
into the domain's enums.
"""

import json
from functools import cache
from importlib import resources
from typing import Any

from csplanner.core.enums import CheckInKind, NoteKind, ObstacleKind, RunType, StakeholderRole, Team


@cache
def load(name: str) -> Any:
    """One data file, `data/<name>.json`, read from the installed package."""
    return json.loads(resources.files(__package__).joinpath("data").joinpath(f"{name}.json").read_text("utf-8"))


def _steps(rows: list[dict[str, str]]) -> tuple[tuple[str, RunType, Team, str], ...]:
    return tuple((s["title"], RunType(s["run_type"]), Team(s["team"]), s.get("outcome", "")) for s in rows)


_names = load("names")
NAME_PREFIXES: tuple[str, ...] = tuple(_names["company_prefixes"])
NAME_INDUSTRIES: tuple[str, ...] = tuple(_names["company_industries"])
NAME_SUFFIXES: tuple[str, ...] = tuple(_names["company_suffixes"])
FIRST_NAMES: tuple[str, ...] = tuple(_names["first_names"])
LAST_NAMES: tuple[str, ...] = tuple(_names["last_names"])
ROLE_TITLES: dict[StakeholderRole, tuple[str, ...]] = {
    StakeholderRole(role): tuple(titles) for role, titles in _names["role_titles"].items()
}

# region: (weight, currency, billed-in-USD share, top-level domain, cities)
REGIONS: dict[str, tuple[int, str, float, str, tuple[str, ...]]] = {
    name: (r["weight"], r["currency"], r["usd_share"], r["tld"], tuple(r["cities"]))
    for name, r in load("regions").items()
}

# A theme is what the customer bought the product for; it keeps one account's texts coherent.
THEMES: tuple[dict[str, Any], ...] = tuple(
    {key: tuple(value) if isinstance(value, list) else value for key, value in theme.items()}
    for theme in load("themes")
)

_plan = load("plan")
CRITERIA: tuple[str, ...] = tuple(_plan["criteria"])
ONBOARDING = _steps(_plan["onboarding"])  # in the order they happen
GO_LIVE = _steps([_plan["go_live"]])[0]
ADOPTION = _steps(_plan["adoption"])
EXPANSION = _steps(_plan["expansion"])
EXPANSION_OUTCOMES: tuple[str, ...] = tuple(_plan["expansion_outcomes"])
RACE_FORECAST: dict[str, tuple[str, ...]] = {form: tuple(t) for form, t in _plan["race_forecast"].items()}
MISSED_NOTES: tuple[str, ...] = tuple(_plan["missed_notes"])
SKIPPED_NOTES: tuple[str, ...] = tuple(_plan["skipped_notes"])
PLANNED_NOTES: tuple[str, ...] = tuple(_plan["planned_notes"])
QBR_OUTCOMES: tuple[str, ...] = tuple(_plan["qbr_outcomes"])
QBR_SUBJECTS: tuple[str, ...] = tuple(_plan["qbr_subjects"])
RENEWAL_STEPS: tuple[tuple[int, str, RunType, Team], ...] = tuple(
    (s["days_before"], s["title"], RunType(s["run_type"]), Team(s["team"])) for s in _plan["renewal_steps"]
)
RENEWAL_OUTCOMES: tuple[str, ...] = tuple(_plan["renewal_outcomes"])

_texts = load("texts")
NOTES: dict[NoteKind, tuple[str, ...]] = {NoteKind(k): tuple(t) for k, t in _texts["discovery_notes"].items()}
OBSTACLES: dict[ObstacleKind, tuple[tuple[str, str], ...]] = {  # (title, mitigation)
    ObstacleKind(k): tuple((o["title"], o["mitigation"]) for o in rows) for k, rows in _texts["obstacles"].items()
}
# A check-in summary is "<opener>: <detail>."; the opener says what kind of talk it was and with {who}.
CHECKIN_OPENERS: dict[CheckInKind, tuple[str, ...]] = {
    CheckInKind(k): tuple(t) for k, t in _texts["checkin_openers"].items()
}
CHECKIN_DETAILS: dict[int, tuple[str, ...]] = {int(k): tuple(t) for k, t in _texts["checkin_details"].items()}
QBR_SUMMARIES: dict[int, tuple[str, ...]] = {int(k): tuple(t) for k, t in _texts["qbr_summaries"].items()}
# A next step is "<action> <deadline>."
NEXT_STEPS: tuple[str, ...] = tuple(_texts["next_steps"])
DEADLINES: tuple[str, ...] = tuple(_texts["deadlines"])
AGENDAS: tuple[str, ...] = tuple(_texts["agendas"])
