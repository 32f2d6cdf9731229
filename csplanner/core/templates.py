"""Plan templates: a training plan as steps dated from contract signed, kickoff or renewal.

A template is a JSON file:

    {"name": "Mid-market", "description": "…",
     "steps": [{"title": "Kickoff call", "from": "contract_signed", "offset": "+7d",
                "run_type": "sprint", "phase": "kickoff"},
               {"title": "QBR {n}", "from": "kickoff", "offset": "+13w", "every": "13w",
                "run_type": "medium", "phase": "adoption"},
               {"title": "Value review", "from": "renewal", "offset": "-120d",
                "run_type": "long", "phase": "renewal"}]}

Offsets are a sign, a number and a unit: d(ays), w(eeks) or m(onths); "+1m" from Jan 31 is
Feb 28 (29 in a leap year): month steps land on the same day or the month's last day.
"every" repeats a step until race day (or 52 weeks after signing without one); "{n}" in a
title becomes the repeat's number. Built-in templates ship inside the package
(resources/templates, read through core.resources); a user's own are saved under paths.templates_dir().
"""

import calendar as cal
import json
import re
from dataclasses import dataclass
from datetime import date, timedelta
from pathlib import Path
from typing import Any

from sqlmodel import Session

from csplanner.core import paths, resources
from csplanner.core.enums import MilestoneStatus, Phase, RunType, Team
from csplanner.core.errors import DomainError
from csplanner.core.present import value_label
from csplanner.core.models import Milestone
from csplanner.core.services import accounts, milestones, seasons, undo_dump

ANCHORS = {"contract_signed": "contract signed", "kickoff": "kickoff", "renewal": "renewal (race day)"}
OFFSET = re.compile(r"^\s*([+-]?)\s*(\d{1,4})\s*([dwm])\s*$", re.IGNORECASE)
MAX_REPEATS = 200  # a daily "every" over ten years is a typo, not a plan
OPEN_ENDED_WEEKS = 52  # how far an "every" step runs when the account has no race day


@dataclass(frozen=True, slots=True)
class Offset:
    months: int = 0
    days: int = 0

    @staticmethod
    def parse(text: object) -> "Offset":
        if isinstance(text, int) and not isinstance(text, bool):
            return Offset(days=text)
        match = OFFSET.match(text) if isinstance(text, str) else None
        if not match:
            raise ValueError(f"'{text}' is not an offset like +7d, -2w or +1m")
        sign = -1 if match.group(1) == "-" else 1
        n, unit = sign * int(match.group(2)), match.group(3).lower()
        return Offset(months=n) if unit == "m" else Offset(days=n * (7 if unit == "w" else 1))

    def text(self) -> str:
        if self.months:
            return f"{self.months:+d}m"
        if self.days and self.days % 7 == 0:
            return f"{self.days // 7:+d}w"
        return f"{self.days:+d}d"

    def times(self, k: int) -> "Offset":
        return Offset(self.months * k, self.days * k)

    def plus(self, other: "Offset") -> "Offset":
        return Offset(self.months + other.months, self.days + other.days)

    def from_(self, day: date) -> date:
        """Months first (clamped to the month's last day), then days."""
        if self.months:
            total = day.year * 12 + day.month - 1 + self.months
            year, month = divmod(total, 12)
            month += 1
            day = date(year, month, min(day.day, cal.monthrange(year, month)[1]))
        return day + timedelta(days=self.days)

    @property
    def positive(self) -> bool:
        return self.months > 0 or (self.months == 0 and self.days > 0)


@dataclass(frozen=True, slots=True)
class Step:
    title: str
    anchor: str  # contract_signed | kickoff | renewal
    offset: Offset
    run_type: RunType
    phase: Phase
    team: Team = Team.CSM
    every: Offset | None = None

    def describe(self) -> str:
        """'kickoff +7d', 'contract signed +13w, every 13w', 'renewal (race day) -120d'."""
        text = f"{ANCHORS[self.anchor]} {self.offset.text()}"
        return text + (f", every {self.every.text().lstrip('+')}" if self.every else "")


@dataclass(frozen=True)
class Template:
    name: str
    description: str
    steps: tuple[Step, ...]
    source: str = ""  # the file it came from, for messages
    builtin: bool = False


@dataclass(frozen=True, slots=True)
class PlannedRun:
    """One milestone a template would create."""

    title: str
    day: date
    run_type: RunType
    phase: Phase
    team: Team
    step: int  # 1-based step number in the template

    def values(self, account_id: int) -> dict[str, Any]:
        return {"account_id": account_id, "title": self.title, "planned_on": self.day,
                "run_type": self.run_type, "phase": self.phase, "team": self.team}


# ---- reading --------------------------------------------------------------------------------
def _enum(value: object, enum: type, what: str, default: Any = None) -> Any:
    if value is None and default is not None:
        return default
    try:
        return enum(value)
    except ValueError:
        choices = ", ".join(m.value for m in enum)
        raise ValueError(f"{what} '{value}' is not one of: {choices}") from None


def _step(raw: object) -> Step:
    if not isinstance(raw, dict):
        raise ValueError("a step must be an object with title, from, offset, run_type and phase")
    unknown = set(raw) - {"title", "from", "offset", "every", "run_type", "phase", "team"}
    if unknown:
        raise ValueError(f"unknown key(s) {', '.join(sorted(unknown))}")
    title = raw.get("title")
    if not isinstance(title, str) or not title.strip():
        raise ValueError("the title is missing")
    if len(title.strip()) > 200:
        raise ValueError("the title is longer than 200 characters")
    anchor = raw.get("from", "contract_signed")
    if anchor not in ANCHORS:
        raise ValueError(f"'from' is '{anchor}'; use contract_signed, kickoff or renewal")
    offset = Offset.parse(raw.get("offset", "+0d"))
    every = None
    if raw.get("every") is not None:
        every = Offset.parse(raw["every"])
        if not every.positive:
            raise ValueError("'every' must be a positive interval such as 13w or 3m")
    return Step(
        title=title.strip(), anchor=anchor, offset=offset, every=every,
        run_type=_enum(raw.get("run_type"), RunType, "run_type", RunType.MEDIUM),
        phase=_enum(raw.get("phase"), Phase, "phase", Phase.ADOPTION),
        team=_enum(raw.get("team"), Team, "team", Team.CSM),
    )


def parse(data: object, source: str, *, builtin: bool = False) -> Template:
    """A template from parsed JSON; DomainError names the file and the step at fault."""
    if not isinstance(data, dict):
        raise DomainError(f"{source}: a template must be a JSON object with a name and steps.")
    name = data.get("name")
    if not isinstance(name, str) or not name.strip():
        raise DomainError(f"{source}: the template has no name.")
    raw_steps = data.get("steps")
    if not isinstance(raw_steps, list) or not raw_steps:
        raise DomainError(f"{source}: the template '{name}' has no steps.")
    steps = []
    for i, raw in enumerate(raw_steps, start=1):
        try:
            steps.append(_step(raw))
        except ValueError as exc:
            title = raw.get("title") if isinstance(raw, dict) else None
            named = f" ('{title}')" if isinstance(title, str) and title.strip() else ""
            raise DomainError(f"{source}: step {i}{named}: {exc}.") from None
    description = data.get("description", "")
    return Template(name.strip(), description if isinstance(description, str) else "", tuple(steps), source, builtin)


def load(path: Path | str) -> Template:
    path = Path(path)
    try:
        data = json.loads(path.read_text(encoding="utf-8"))
    except OSError as exc:
        raise DomainError(f"{path.name}: cannot read the file ({exc.strerror}).") from exc
    except (json.JSONDecodeError, UnicodeDecodeError) as exc:
        where = f" (line {exc.lineno}, column {exc.colno})" if isinstance(exc, json.JSONDecodeError) else ""
        raise DomainError(f"{path.name}: not valid JSON{where}.") from exc
    return parse(data, path.name)


def builtin_templates() -> list[Template]:
    """The templates shipped with csplanner (inside the package, so they survive installing)."""
    return [parse(json.loads(entry.read_text(encoding="utf-8")), entry.name, builtin=True)
            for entry in resources.listing("templates", ".json")]


def user_templates(folder: Path | None = None) -> tuple[list[Template], list[str]]:
    """The user's saved templates, and a message for each file that could not be read."""
    folder = folder or paths.templates_dir()
    good, bad = [], []
    if folder.is_dir():
        for path in sorted(folder.glob("*.json")):
            try:
                good.append(load(path))
            except DomainError as exc:
                bad.append(exc.message)
    return good, bad


def all_templates() -> tuple[list[Template], list[str]]:
    mine, problems = user_templates()
    return builtin_templates() + mine, problems


# ---- applying -------------------------------------------------------------------------------
def plan_runs(template: Template, contract_signed: date | None, kickoff: date | None, renewal: date | None) -> list[PlannedRun]:
    """The dated runs of a template for these account dates, in date order."""
    anchors = {"contract_signed": contract_signed, "kickoff": kickoff or contract_signed, "renewal": renewal}
    start = contract_signed or kickoff
    horizon = renewal or (start + timedelta(weeks=OPEN_ENDED_WEEKS) if start else None)
    runs = []
    for i, step in enumerate(template.steps, start=1):
        base = anchors[step.anchor]
        if base is None:
            raise DomainError(
                f"Step {i} ('{step.title}') is dated from {ANCHORS[step.anchor]}, "
                f"which this account does not have yet; set it on the account first.")
        if step.every is None:
            runs.append(PlannedRun(step.title.replace("{n}", "1"), step.offset.from_(base), step.run_type, step.phase, step.team, i))
            continue
        for k in range(MAX_REPEATS):
            # each repeat from the anchor itself, so month steps never drift (Jan 31, Feb 28, Mar 31)
            day = step.offset.plus(step.every.times(k)).from_(base)
            if horizon is not None and day >= horizon and k > 0:
                break
            runs.append(PlannedRun(step.title.replace("{n}", str(k + 1)), day, step.run_type, step.phase, step.team, i))
    return sorted(runs, key=lambda r: (r.day, r.step))


def preview(session: Session, account_id: int, template: Template) -> list[PlannedRun]:
    """The template's runs for the account's running season: after a renewal, steps "from
    contract signed" or "from kickoff" count from the season's start (the old race day)."""
    account = accounts.get(session, account_id)
    history = seasons.all_for(session, account_id)
    if history and history[-1].number > 1 and history[-1].start is not None:
        start = history[-1].start
        return plan_runs(template, start, start, account.renewal)
    return plan_runs(template, account.contract_signed, account.kickoff, account.renewal)


def apply(session: Session, account_id: int, runs: list[PlannedRun], ids: list[int] | None = None) -> list[int]:
    """Create the runs as milestones (with the given ids when redoing); returns their ids."""
    created = []
    for k, run in enumerate(runs):
        values = run.values(account_id)
        if ids is not None:
            values["id"] = ids[k]
        created.append(milestones.create(session, **values).id)
    return created


def unapply(session: Session, ids: list[int]) -> None:
    """Take back the runs `apply` created (undo)."""
    for milestone_id in ids:
        milestones.delete(session, milestone_id)


@dataclass(frozen=True, slots=True)
class Replaced:
    """A planned run a template would take the place of (shown in the preview as going)."""

    id: int
    title: str
    day: date
    run_type: RunType
    version: int = 1  # as shown: applying later checks nobody changed it meanwhile


def replaceable(session: Session, account_id: int, since: date | None) -> list[Replaced]:
    """The account's runs still planned (from `since` on, when given): what "replace the planned
    runs" removes. Runs done, missed or skipped are history and stay."""
    return [Replaced(m.id, m.title, m.planned_on, m.run_type, m.version) for m in milestones.for_account(session, account_id)
            if m.status == MilestoneStatus.PLANNED and (since is None or m.planned_on >= since) and m.id is not None]


def remove(session: Session, ids: list[int]) -> list[dict[str, Any]]:
    """Delete the runs being replaced; what `restore` needs to bring them back with their links."""
    rows: list[dict[str, Any]] = []
    for milestone_id in ids:
        rows += undo_dump.dump(session, Milestone, milestone_id)
        milestones.delete(session, milestone_id)
    return rows


def restore(session: Session, rows: list[dict[str, Any]]) -> None:
    """Undo `remove`: the runs come back with the same ids."""
    undo_dump.restore(session, rows)


# ---- saving ---------------------------------------------------------------------------------
def from_plan(session: Session, account_id: int, name: str, description: str = "") -> Template:
    """An account's plan as a template: runs in the last half-year before race day count back
    from renewal, the others forward from contract signed (or kickoff)."""
    name = name.strip()
    if not name:
        raise DomainError("Give the template a name.", "name")
    account = accounts.get(session, account_id)
    start = account.contract_signed or account.kickoff
    race = account.renewal
    steps = []
    for m in milestones.for_account(session, account_id):
        if race is not None and (start is None or m.planned_on >= race - timedelta(days=182)):
            anchor, days = "renewal", (m.planned_on - race).days
        elif start is not None:
            anchor = "contract_signed" if account.contract_signed else "kickoff"
            days = (m.planned_on - start).days
        else:
            raise DomainError("This account has no contract signed, kickoff or renewal date to count from.")
        steps.append(Step(m.title, anchor, Offset(days=days), RunType(m.run_type), Phase(m.phase), Team(m.team)))
    if not steps:
        raise DomainError("This account has no milestones to save as a template.")
    return Template(name, description.strip(), tuple(steps))


def to_json(template: Template) -> dict[str, Any]:
    def step(s: Step) -> dict[str, Any]:
        out: dict[str, Any] = {"title": s.title, "from": s.anchor, "offset": s.offset.text()}
        if s.every is not None:
            out["every"] = s.every.text().lstrip("+")
        out.update(run_type=s.run_type.value, phase=s.phase.value, team=s.team.value)
        return out

    return {"name": template.name, "description": template.description, "steps": [step(s) for s in template.steps]}


def file_name(name: str) -> str:
    slug = re.sub(r"[^a-z0-9]+", "-", name.lower()).strip("-")[:60] or "template"
    return f"{slug}.json"


def save(template: Template, folder: Path | None = None, *, overwrite: bool = False) -> Path:
    """Write a template as JSON in the user's templates folder; refuses to replace one silently."""
    folder = folder or paths.templates_dir()
    folder.mkdir(parents=True, exist_ok=True)
    path = folder / file_name(template.name)
    if path.exists() and not overwrite:
        raise DomainError(f"A template file named {path.name} already exists; choose another name.", "name")
    tmp = path.with_suffix(".json.tmp")
    tmp.write_text(json.dumps(to_json(template), indent=2, ensure_ascii=False) + "\n", encoding="utf-8")
    tmp.replace(path)  # never leave a half-written template behind
    return path


def summary(run: PlannedRun) -> str:
    return f"{run.day.isoformat()}  {run.title}  ({value_label(run.run_type)}, {value_label(run.phase)})"

