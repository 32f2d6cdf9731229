"""Who the customers are: company names, and the people on each account's side."""

import random
from datetime import date, timedelta
from typing import TYPE_CHECKING, Any

from csplanner.core.enums import StakeholderRole, StakeholderStatus
from csplanner.core.services.stakeholders import KEY_ROLES
from csplanner.demo.dates import weekday
from csplanner.demo.text import Fill, plain_ascii
from csplanner.demo.words import FIRST_NAMES, LAST_NAMES, NAME_INDUSTRIES, NAME_PREFIXES, NAME_SUFFIXES, ROLE_TITLES

if TYPE_CHECKING:
    from csplanner.demo.book import Generator

DEPARTURES = {"strong": 0.04, "steady": 0.1, "at_risk": 0.25}  # a key person left long ago, by form
EXTRA_ROLES = [StakeholderRole.DECISION_MAKER, StakeholderRole.ADMIN, StakeholderRole.USER,
               StakeholderRole.PROCUREMENT, StakeholderRole.OTHER]


class CompanyNames:
    """Unique, believable company names ("Cedar Logistics Partners"), never numbered like "Account 17"."""

    def __init__(self, rng: random.Random) -> None:
        self.rng = rng
        self.taken: set[str] = set()  # lower-cased, for uniqueness only (never iterated)

    def name(self, region: str) -> tuple[str, str]:
        """A unique company name and the base it was built from (for the email domain)."""
        r = self.rng
        base = f"{r.choice(NAME_PREFIXES)} {r.choice(NAME_INDUSTRIES)}"
        if base.endswith(" Labs") and r.random() < 0.5:
            base = base[: -len(" Labs")] + " " + r.choice(("Health Labs", "Data Labs", "Bio Labs"))
        candidates = [base]
        suffixes = list(NAME_SUFFIXES)
        r.shuffle(suffixes)
        candidates += [f"{base} {s}" for s in suffixes if not base.endswith(s)]
        candidates += [f"{base} {region}", f"{base} {suffixes[0]} {region}"]
        for name in candidates:
            if name.lower() not in self.taken:
                self.taken.add(name.lower())
                return name, base
        n = 2
        while f"{base} {region} {n}".lower() in self.taken:
            n += 1
        name = f"{base} {region} {n}"
        self.taken.add(name.lower())
        return name, base


def person(rng: random.Random, taken: set[str]) -> tuple[str, str, str]:
    """First, last and full name of someone not yet on this account."""
    while True:
        first, last = rng.choice(FIRST_NAMES), rng.choice(LAST_NAMES)
        full = f"{first} {last}"
        if full not in taken:
            taken.add(full)
            return first, last, full


def stakeholders(
    gen: "Generator", account_id: int, count: int, form: str, story: str, kickoff: date,
    cities: tuple[str, ...], domain: str, fx: Fill,
) -> dict[str, Any]:
    """The customer's people. Returns the first names texts use and what happened to key people:
    `departures` (role, name, left on, (successor's first name, start) or None), `single` (one
    person holds the whole relationship) and `champion_gone` (the day the champion left, when
    nobody has taken over yet)."""
    r = gen.rng
    today = gen.today
    days_in = (today - kickoff).days
    info: dict[str, Any] = {"departures": [], "single": story == "single_threaded", "champion_gone": None,
                            "people": []}  # (id, role, there from (None: always), left on): who can attend
    # Did a key person leave? They stay on file as "left", maybe with a successor who counts
    # towards the account's 2-6 people. Long ago: a successor took over; recently (the story): maybe not yet.
    departure: StakeholderRole | None = None
    departed_on: date | None = None
    successor_start: date | None = None
    if story in ("champion_left", "champion_replaced"):
        departure = StakeholderRole.CHAMPION
        departed_on = weekday(today - timedelta(days=r.randint(10, 60)))
        gap = (today - departed_on).days
        if story == "champion_replaced" and gap >= 12:  # a successor has just started
            successor_start = weekday(departed_on + timedelta(days=r.randint(7, gap - 3)))
    elif days_in > 200 and r.random() < DEPARTURES[form]:
        departure = r.choice(KEY_ROLES)
        departed_on = weekday(kickoff + timedelta(days=r.randint(30, days_in - 100)))
        successor_start = departed_on + timedelta(days=r.randint(7, 60))
    if story == "single_threaded":  # a small account run through its champion alone
        roles = [StakeholderRole.CHAMPION]
        if days_in > 60 and r.random() < 0.5:
            roles.append(r.choice((StakeholderRole.ADMIN, StakeholderRole.USER)))  # left, see below
    else:
        roles = [StakeholderRole.EXEC_SPONSOR, StakeholderRole.CHAMPION]
        roles += r.sample(EXTRA_ROLES, max(0, min(count, 6 - (successor_start is not None)) - 2))
    taken: set[str] = set()
    for role in roles:
        first, last, full = person(r, taken)
        left_on: date | None = None
        status = StakeholderStatus.ACTIVE
        if role == departure:
            left_on = departed_on
            status = StakeholderStatus.LEFT
        elif role not in KEY_ROLES and days_in > 60 and (info["single"] or r.random() < 0.04):
            left_on = min(weekday(kickoff + timedelta(days=r.randint(30, days_in - 1))), today - timedelta(days=1))
            status = StakeholderStatus.LEFT
        sid = stakeholder_row(gen, account_id, role, first, last, full, status, left_on, cities, domain, fx)
        info["people"].append((sid, role, None, left_on))
        if role == departure:
            successor = None
            if successor_start is not None:
                s_first, s_last, s_full = person(r, taken)
                sid = stakeholder_row(gen, account_id, role, s_first, s_last, s_full, StakeholderStatus.ACTIVE,
                                      None, cities, domain, fx)
                info["people"].append((sid, role, successor_start, None))
                successor = (s_first, successor_start)
                first = s_first
            else:
                info["champion_gone"] = left_on
            info["departures"].append((role, full, left_on, successor))
        if role == StakeholderRole.EXEC_SPONSOR:
            info["sponsor_first"] = first
        elif role == StakeholderRole.CHAMPION:
            info["champion_first"] = first
    info.setdefault("sponsor_first", info["champion_first"])  # single-threaded: the champion holds the budget too
    return info


def stakeholder_row(
    gen: "Generator", account_id: int, role: StakeholderRole, first: str, last: str, full: str,
    status: StakeholderStatus, left_on: date | None, cities: tuple[str, ...], domain: str, fx: Fill,
) -> int:
    r = gen.rng
    title = fx.fill(r.choice(ROLE_TITLES[role]))
    pattern = r.random()
    local = f"{plain_ascii(first)}.{plain_ascii(last)}" if pattern < 0.7 else f"{plain_ascii(first)[0]}{plain_ascii(last)}"
    return gen.add("stakeholder", {
        "account_id": account_id, "name": full, "title": title, "role": role.value,
        "email": f"{local}@{domain}" if r.random() < 0.95 else "",
        "location": r.choice(cities), "status": status.value, "left_on": left_on, "cadence_days": None,
    })


# a low-touch (SMB) book: the CSM set longer cadences for these people than the roles' defaults
LOW_TOUCH_DAYS = {StakeholderRole.EXEC_SPONSOR.value: 60, StakeholderRole.CHAMPION.value: 30,
                  StakeholderRole.DECISION_MAKER.value: 60, StakeholderRole.ADMIN.value: 45}


def low_touch(gen: "Generator", account_id: int) -> None:
    for row in gen.rows["stakeholder"]:
        if row["account_id"] == account_id:
            row["cadence_days"] = LOW_TOUCH_DAYS.get(row["role"])
