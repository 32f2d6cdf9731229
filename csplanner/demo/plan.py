"""The account's story before and along the plan: discovery notes and the training plan (runs)."""

from datetime import date, timedelta
from typing import TYPE_CHECKING, Any

from csplanner.core.enums import MilestoneStatus, NoteKind, Phase, RunType, Team
from csplanner.demo.dates import quarter, weekday
from csplanner.demo.text import Fill, cap
from csplanner.demo.words import (
    ADOPTION,
    EXPANSION,
    EXPANSION_OUTCOMES,
    GO_LIVE,
    MISSED_NOTES,
    NOTES,
    ONBOARDING,
    PLANNED_NOTES,
    QBR_OUTCOMES,
    QBR_SUBJECTS,
    RACE_FORECAST,
    RENEWAL_OUTCOMES,
    RENEWAL_STEPS,
    SKIPPED_NOTES,
)

if TYPE_CHECKING:
    from csplanner.demo.book import Generator

PULL_FORWARD = 0.5  # accounts whose next adoption run moves into this week at the customer's request
# Days a done run slipped past its day (a late one counts half in health), by form.
SLIPS = (-2, -1, 0, 1, 2, 3, 5, 8)
SLIP_W = {"strong": (5, 10, 70, 7, 4, 2, 1, 1), "steady": (5, 10, 55, 12, 8, 5, 3, 2),
          "at_risk": (4, 8, 38, 15, 12, 10, 8, 5)}


def notes(gen: "Generator", account_id: int, signed: date, kickoff: date, fx: Fill) -> None:
    r = gen.rng
    kinds = [NoteKind.GOAL, NoteKind.SUCCESS_CRITERIA]
    kinds += r.sample([NoteKind.HISTORY, NoteKind.BLOCKER, NoteKind.REAL_NEED, NoteKind.OTHER], r.randint(1, 4))
    latest = min(gen.today, kickoff + timedelta(days=30))
    for kind in kinds:
        start = signed - timedelta(days=45)
        noted_on = weekday(start + timedelta(days=r.randint(0, (latest - start).days)))
        gen.add("discovery_note", {
            "account_id": account_id, "noted_on": min(noted_on, gen.today),
            "kind": kind.value, "text": fx.fill(r.choice(NOTES[kind]), sub=r.choice(fx["subs"])),
        })


def busy_days(today: date) -> list[date]:
    """The working days from today to Friday of the week the CSM is planning (next week's at a weekend)."""
    first = today if today.weekday() < 5 else today + timedelta(days=7 - today.weekday())
    return [first + timedelta(days=i) for i in range(5 - first.weekday())]


def milestones(
    gen: "Generator", account_id: int, form: str, variant: str, signed: date, kickoff: date, onboard_end: date,
    renewal: date, expansion_play: bool, fx: Fill,
) -> list[dict[str, Any]]:
    r = gen.rng
    today = gen.today
    plan: list[tuple[date, str, RunType, Phase, Team, str, str]] = []  # ..., kind, subject

    def add(day: date, title: str, run: RunType, phase: Phase, team: Team, kind: str, sub: str = "") -> None:
        sub = sub or fx["sub"]
        plan.append((day, fx.fill(title, sub=sub, sub_cap=cap(sub)), run, phase, team, kind, sub))

    add(weekday(signed + timedelta(days=r.randint(1, 2)), forward=True),
        "Sales-to-CS handover: deal notes and goals", RunType.SPRINT, Phase.KICKOFF, Team.SALES, "handover")
    add(kickoff, "Kickoff: goals, success criteria and the training plan", RunType.SPRINT, Phase.KICKOFF,
        Team.CSM, "kickoff")

    steps = sorted(r.sample(range(len(ONBOARDING)), r.randint(2, 4)))
    span = (onboard_end - kickoff).days
    for i, idx in enumerate(steps):
        title, run, team, _outcome = ONBOARDING[idx]
        day = kickoff + timedelta(days=5 + (span - 10) * (i + 1) // (len(steps) + 1) + r.randint(-2, 2))
        add(weekday(day), title, run, Phase.ONBOARDING, team, f"onboarding:{idx}")
    add(weekday(onboard_end), GO_LIVE[0], GO_LIVE[1], Phase.ONBOARDING, GO_LIVE[2], "golive")

    exp_start = signed + timedelta(days=int((renewal - signed).days * 0.4))
    exp_end = max(exp_start + timedelta(days=45), renewal - timedelta(days=140))
    if expansion_play:
        picks = sorted(r.sample(range(len(EXPANSION)), r.randint(2, 3)))
        gap = (exp_end - exp_start).days
        for i, idx in enumerate(picks):
            title, run, team, _outcome = EXPANSION[idx]
            day = exp_start + timedelta(days=gap * i // len(picks) + r.randint(0, 6))
            add(weekday(day), title, run, Phase.EXPANSION, team, "expansion")

    qbr = kickoff + timedelta(weeks=13)
    last_label = ""
    while qbr < renewal - timedelta(days=20):
        if qbr >= renewal - timedelta(days=120):
            phase = Phase.RENEWAL
        elif expansion_play and exp_start <= qbr <= exp_end:
            phase = Phase.EXPANSION
        else:
            phase = Phase.ADOPTION
        team = Team.LEADERSHIP if r.random() < 0.35 else Team.CSM
        day = weekday(qbr + timedelta(days=r.randint(-3, 3)))
        if quarter(day) == last_label:  # the 13-week rhythm drifted: hold it early next quarter
            month = day.month - (day.month - 1) % 3 + 3
            day = weekday(date(day.year + (month > 12), (month - 1) % 12 + 1, 2), forward=True)
        last_label = quarter(day)
        add(day, f"{last_label} QBR: results and next quarter's focus", RunType.MEDIUM, phase, team, "qbr")
        qbr += timedelta(weeks=13)

    keep = [RENEWAL_STEPS[0], *r.sample(RENEWAL_STEPS[1:], r.randint(1, 3))]
    for days, title, run, team in sorted(keep, key=lambda s: -s[0]):
        add(weekday(renewal - timedelta(days=days)), title, run, Phase.RENEWAL, team, "renewal")
    add(renewal, "Race day: renewal", RunType.RACE, Phase.RENEWAL, Team.SALES, "race")

    # Adoption runs fill the plan up to 15-30 milestones, spread over the adoption window.
    target = r.randint(15, 30) if (renewal - signed).days < 400 else r.randint(22, 30)
    count = max(0, target - len(plan))
    a_start = onboard_end + timedelta(days=7)
    a_end = renewal - timedelta(days=125)
    a_span = (a_end - a_start).days
    if a_span < 14:  # a short contract: adoption runs share the renewal run-up
        a_end = renewal - timedelta(days=10)
        a_span = max(7, (a_end - a_start).days)
    order = list(range(len(ADOPTION)))
    r.shuffle(order)
    for i in range(count):
        title, run, team, _outcome = ADOPTION[order[i % len(order)]]
        day = a_start + timedelta(days=a_span * i // max(1, count) + r.randint(0, 4))
        if r.random() < 0.25:  # a different run type than usual keeps the calendar varied
            run = r.choice((RunType.SPRINT, RunType.MEDIUM, RunType.LONG))
        add(weekday(day), title, run, Phase.ADOPTION, team, f"adoption:{order[i % len(order)]}",
            r.choice(fx["subs"]))

    busy = busy_days(today)
    moved: tuple | None = None
    if busy and r.random() < PULL_FORWARD:  # the customer asked to go early: this week fills up
        soon = [i for i, m in enumerate(plan) if m[5].startswith("adoption")
                and busy[-1] < m[0] <= busy[-1] + timedelta(days=21)]
        if soon:
            _day, *rest = plan[soon[0]]
            plan[soon[0]] = moved = (r.choice(busy), *rest)
    plan.sort(key=lambda m: (m[0], m[5] == "race"))
    done_w, missed_w, skipped_w = {
        "strong": (90, 5, 5), "steady": (80, 12, 8), "at_risk": (62, 28, 10)
    }[form]
    overdue_p = {"strong": 0.06, "steady": 0.12, "at_risk": 0.25}[form]
    out = []
    for entry in plan:
        day, title, run, phase, team, kind, sub = entry
        status = MilestoneStatus.PLANNED
        done_on: date | None = None
        if kind == "race" and day < today:
            status = MilestoneStatus.MISSED if variant == "archived" else MilestoneStatus.PLANNED
        elif day < today:
            if kind in ("handover", "kickoff"):
                status = MilestoneStatus.DONE
            elif (today - day).days <= 21 and r.random() < overdue_p:
                status = MilestoneStatus.PLANNED  # overdue: nobody ticked it off yet
            else:
                status = r.choices(
                    (MilestoneStatus.DONE, MilestoneStatus.MISSED, MilestoneStatus.SKIPPED),
                    (done_w, missed_w, skipped_w),
                )[0]
        elif day > today + timedelta(days=14) and kind.startswith("adoption") and r.random() < 0.02:
            status = MilestoneStatus.SKIPPED  # dropped from the plan ahead of time
        if status == MilestoneStatus.DONE:
            slip = r.choices(SLIPS, SLIP_W[form])[0]
            done_on = min(max(weekday(day + timedelta(days=slip)), signed), today)
        outcome, notes = "", ""
        if status == MilestoneStatus.DONE:
            outcome = run_outcome(gen, kind, fx, sub)
        elif status == MilestoneStatus.MISSED:
            notes = fx.fill(r.choice(MISSED_NOTES)) if kind != "race" else (
                "Churned: budget cut after the acquisition; archived.")
        elif status == MilestoneStatus.SKIPPED:
            notes = fx.fill(r.choice(SKIPPED_NOTES))
        elif kind == "race":
            notes = "Overdue: waiting on the customer's paperwork." if day < today else r.choice(RACE_FORECAST[form])
        elif entry is moved:
            notes = fx.fill("Moved up from later in the month at {champion_first}'s request.")
        elif day >= today:
            notes = fx.fill(r.choice(PLANNED_NOTES))
        row = {
            "account_id": account_id, "title": title, "planned_on": day, "done_on": done_on,
            "status": status.value, "run_type": run.value, "phase": phase.value, "team": team.value,
            "outcome": outcome, "notes": notes,
        }
        gen.add("milestone", row)
        out.append({**row, "_kind": kind})  # a copy: the inserted row has no _kind
    return out


def run_outcome(gen: "Generator", kind: str, fx: Fill, sub: str) -> str:
    r = gen.rng
    if kind == "handover":
        return "Deal notes, goals and the buying committee documented for the CS team"
    if kind == "kickoff":
        return fx.fill("{sponsor_first} confirmed the goal and signed off the training plan")
    if kind.startswith("onboarding:"):
        return fx.fill(ONBOARDING[int(kind.split(":")[1])][3], h=r.choice((12, 18, 24, 36)))
    if kind == "golive":
        return fx.fill("{team} live; {legacy} kept read-only for one more month")
    if kind == "qbr":
        return fx.fill(r.choice(QBR_OUTCOMES), sub=fx.fill(r.choice(QBR_SUBJECTS)))
    if kind == "expansion":
        return fx.fill(r.choice(EXPANSION_OUTCOMES))
    if kind == "renewal":
        return fx.fill(r.choice(RENEWAL_OUTCOMES))
    idx = int(kind.split(":")[1])
    template = ADOPTION[idx][3]
    return fx.fill(template, sub=sub, sub_cap=cap(sub), n0=max(1, fx["n"] // 3), h=r.randint(3, 20))
