"""Check-ins: the conversations held over the last year, and a few planned for the week ahead."""

from datetime import date, timedelta
from typing import TYPE_CHECKING

from csplanner.core.enums import CheckInKind
from csplanner.demo.dates import weekday
from csplanner.demo.text import Fill, cap
from csplanner.demo.words import AGENDAS, CHECKIN_SUMMARIES, CONVERSATION, NEXT_STEPS, QBR_SUMMARIES

if TYPE_CHECKING:
    from csplanner.demo.book import Generator


def checkins(
    gen: "Generator", account_id: int, form: str, segment: str, variant: str, signed: date,
    renewal: date, qbrs_held: list[date], fx: Fill, cadence: tuple[int, int],
) -> None:
    r = gen.rng
    today = gen.today
    start = max(signed + timedelta(days=1), today - timedelta(days=365))
    end = today - timedelta(days=1)
    quiet = False
    if variant == "archived":
        end = renewal
    elif r.random() < {"strong": 0.08, "steady": 0.18, "at_risk": 0.4}[form]:
        quiet = True  # nobody has talked to them for a while
        end = today - timedelta(days=r.randint(15, 50))
    kinds = (CheckInKind.CALL, CheckInKind.MEETING, CheckInKind.EMAIL, CheckInKind.ON_SITE, CheckInKind.QBR)
    kind_w = (45, 25, 22, 10 if segment == "Enterprise" else 3, 3)
    sentiment_w = {"strong": (5, 35, 60), "steady": (15, 55, 30), "at_risk": (45, 40, 15)}[form]
    dates: list[tuple[date, CheckInKind | None]] = [
        (d, CheckInKind.QBR) for d in qbrs_held if start <= d <= end
    ]
    day = start + timedelta(days=r.randint(0, cadence[0] // 2))
    while day <= end:
        dates.append((weekday(day), None))
        day += timedelta(days=r.randint(*cadence))
    dates.sort(key=lambda x: (x[0], x[1] is None))
    for held_on, kind in dates:
        if held_on > end:
            continue
        kind = kind or r.choices(kinds, kind_w)[0]
        sentiment = r.choices((-1, 0, 1), sentiment_w)[0]
        texts = QBR_SUMMARIES if kind == CheckInKind.QBR else CHECKIN_SUMMARIES
        summary = fx.fill(r.choice(texts[sentiment]), sub=r.choice(fx["subs"]), conv=CONVERSATION[kind])
        gen.add("check_in", {
            "account_id": account_id, "held_on": held_on, "kind": kind.value,
            "summary": cap(summary),
            "next_steps": fx.fill(r.choice(NEXT_STEPS)), "sentiment": sentiment,
        })
    if variant != "archived" and not quiet and r.random() < 0.3:
        held_on = r.choice([d for d in (today + timedelta(days=i) for i in range(1, 8)) if d.weekday() < 5])
        kind = r.choices((CheckInKind.CALL, CheckInKind.MEETING, CheckInKind.ON_SITE, CheckInKind.QBR), (55, 30, 8, 7))[0]
        agenda = fx.fill(r.choice(AGENDAS), sub=r.choice(fx["subs"]))
        gen.add("check_in", {
            "account_id": account_id, "held_on": held_on, "kind": kind.value,
            "summary": f"Planned with {fx['champion_first']}: {agenda}.", "next_steps": "", "sentiment": 0,
        })
