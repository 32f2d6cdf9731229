"""Check-ins: the conversations of the last year, and a few planned for the week ahead.

Most accounts had a check-in in the last two weeks; the quiet ones (the generator decides which)
fell silent 15 to 45 days ago. No account repeats a summary or a next step.
"""

from datetime import date, timedelta
from typing import TYPE_CHECKING

from csplanner.core.enums import CheckInKind, StakeholderRole
from csplanner.demo.dates import weekday
from csplanner.demo.text import Fill, cap, fresh, without
from csplanner.demo.words import AGENDAS, CHECKIN_DETAILS, CHECKIN_OPENERS, DEADLINES, NEXT_STEPS, QBR_SUMMARIES

if TYPE_CHECKING:
    from csplanner.demo.book import Generator

KINDS = (CheckInKind.CALL, CheckInKind.MEETING, CheckInKind.EMAIL, CheckInKind.ON_SITE, CheckInKind.QBR)
SENTIMENT_W = {"strong": (5, 35, 60), "steady": (15, 50, 35), "at_risk": (40, 45, 15)}
RECENT_DAYS = 12  # an account that is not quiet talked to us this recently
PLANNED_SHARE = 0.4  # accounts with a check-in booked in the week ahead


def checkins(
    gen: "Generator", account_id: int, form: str, segment: str, archived: bool, quiet: bool, signed: date,
    renewal: date, qbrs_held: list[date], fx: Fill, cadence: tuple[int, int], people: dict,
) -> None:
    r = gen.rng
    today = gen.today
    start = max(signed + timedelta(days=1), today - timedelta(days=365))
    end = renewal if archived else today - timedelta(days=1)
    if quiet:  # nobody has talked to them since
        end = weekday(today - timedelta(days=r.randint(15, 45)))
        if end < start:  # signed after the silence would have begun: a new account is never quiet
            quiet, end = False, today - timedelta(days=1)
    dates: list[tuple[date, CheckInKind | None]] = [(d, CheckInKind.QBR) for d in qbrs_held if start <= d <= end]
    day = start + timedelta(days=r.randint(0, cadence[0] // 2))
    while day <= end:
        dates.append((weekday(day), None))
        day += timedelta(days=r.randint(*cadence))
    if quiet and start <= end:
        dates.append((end, None))  # the last conversation before the silence
    if not quiet and not archived and not any(d >= today - timedelta(days=RECENT_DAYS) for d, _ in dates):
        recent = [d for d in (today - timedelta(days=i) for i in range(1, RECENT_DAYS)) if d.weekday() < 5 and d >= start]
        if recent:  # the cadence left a gap before today: a catch-up closes it
            dates.append((r.choice(recent), None))
    dates.sort(key=lambda x: (x[0], x[1] is None))

    kind_w = (45, 25, 22, 10 if segment == "Enterprise" else 3, 3)
    sentiment_w = SENTIMENT_W[form]
    single = people["single"]
    gone_on: date | None = people["champion_gone"]  # the champion left and nobody took over
    used: set[str] = set()
    met: dict[int, date] = {}  # who was last seen when: a CSM rotates through the people not met for longest
    for held_on, kind in dates:
        if held_on > end:
            continue
        kind = kind or r.choices(KINDS, kind_w)[0]
        sentiment = r.choices((-1, 0, 1), sentiment_w)[0]
        gone = "{champion_first}" if gone_on and held_on >= gone_on else ""
        who = fx["sponsor_first"] if gone or r.random() < 0.25 else fx["champion_first"]
        if kind == CheckInKind.QBR:
            texts = without(QBR_SUMMARIES[sentiment], both=single, name=gone)
            summary = fresh(used, lambda: fx.fill(r.choice(texts), sub=r.choice(fx["subs"])))
        else:
            openers, details = CHECKIN_OPENERS[kind], without(CHECKIN_DETAILS[sentiment], name=gone)
            summary = fresh(used, lambda: cap(fx.fill(
                f"{r.choice(openers)}: {r.choice(details)}.", who=who, sub=r.choice(fx["subs"]))))
        steps = without(NEXT_STEPS, name=gone)
        next_steps = fresh(used, lambda: fx.fill(
            f"{r.choice(steps)} {r.choice(DEADLINES)}.", sub=r.choice(fx["subs"])))
        checkin_id = gen.add("check_in", {
            "account_id": account_id, "held_on": held_on, "kind": kind.value,
            "summary": summary, "next_steps": next_steps, "sentiment": sentiment,
        })
        for sid in attendees(gen, people["people"], held_on, kind, who == fx["sponsor_first"], met):
            gen.rows["check_in_attendee"].append({"check_in_id": checkin_id, "stakeholder_id": sid})
            gen.counts["check_in_attendee"] += 1
    if not archived and not quiet and r.random() < PLANNED_SHARE:
        held_on = r.choice([d for d in (today + timedelta(days=i) for i in range(1, 8)) if d.weekday() < 5])
        kind = r.choices((CheckInKind.CALL, CheckInKind.MEETING, CheckInKind.ON_SITE, CheckInKind.QBR), (55, 30, 8, 7))[0]
        agenda = fx.fill(r.choice(AGENDAS), sub=r.choice(fx["subs"]))
        who = fx["sponsor_first"] if gone_on else fx["champion_first"]
        gen.add("check_in", {
            "account_id": account_id, "held_on": held_on, "kind": kind.value,
            "summary": f"Planned with {who}: {agenda}.", "next_steps": "", "sentiment": 0,
        })


# who else comes, by kind of talk: a QBR brings the sponsor and the decision makers too
WITH_ROLES = {CheckInKind.QBR: {StakeholderRole.EXEC_SPONSOR, StakeholderRole.CHAMPION, StakeholderRole.DECISION_MAKER}}
EXTRA_CHANCE = {CheckInKind.MEETING: 0.8, CheckInKind.ON_SITE: 0.9, CheckInKind.CALL: 0.5, CheckInKind.EMAIL: 0.3}


def attendees(gen: "Generator", people: list, held_on: date, kind: CheckInKind, with_sponsor: bool,
              met: dict[int, date]) -> list[int]:
    """The stakeholders at a check-in: whoever the summary names (the champion, or the sponsor),
    everyone a QBR brings, often the person not seen for longest; only people on the team that day."""
    r = gen.rng
    there = [(sid, role) for sid, role, since, left in people
             if (since is None or since <= held_on) and (left is None or held_on < left)]
    lead = StakeholderRole.EXEC_SPONSOR if with_sponsor else StakeholderRole.CHAMPION
    chosen = {sid for sid, role in there if role == lead or role in WITH_ROLES.get(kind, ())}
    others = [sid for sid, _ in there if sid not in chosen]
    if others and r.random() < EXTRA_CHANCE.get(kind, 0.0):
        chosen.add(min(others, key=lambda sid: (met.get(sid, date.min), sid)))
    if not chosen and there:
        chosen.add(there[0][0])
    for sid in chosen:
        met[sid] = held_on
    return sorted(chosen)
