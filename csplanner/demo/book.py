"""One account at a time: the timeline that makes its stage true, who they are, and the rows.

`Generator` holds the random source, the next id of every table and the rows not yet written;
`account()` adds one account with all its records. The modules beside it each build one kind of
record (people, plan, troubles, talks).
"""

import random
from datetime import UTC, date, datetime, time, timedelta
from typing import Any

from csplanner.core.enums import Severity, Stage
from csplanner.demo import people, plan, talks, troubles
from csplanner.demo.dates import quarter, weekday, years_before
from csplanner.demo.text import Fill, cap, plain_ascii
from csplanner.demo.words import CRITERIA, REGIONS, THEMES

REGION_NAMES = tuple(REGIONS)
REGION_WEIGHTS = tuple(REGIONS[r][0] for r in REGION_NAMES)

SEGMENTS = {
    # segment: (ARR range in major units, rounding, stakeholders, check-in cadence days, onboarding days)
    "Enterprise": ((150_000, 1_200_000), 5_000, (4, 6), (10, 16), 90),
    "Mid-Market": ((40_000, 150_000), 1_000, (3, 5), (14, 24), 60),
    "SMB": ((6_000, 40_000), 500, (2, 3), (24, 40), 45),
}
# Something for every screen to show, per 30 accounts: accounts run through one person, a champion
# who left in the last two months, an injury to realign the plan around.
STORIES = [("single_threaded", 2), ("champion_left", 1), ("injury", 1), ("plain", 26)]
# the colleagues a team book's other accounts belong to (the user owns six in ten)
COLLEAGUES = ("priya", "marco", "jun", "ines")
STAMP_TIME = time(6, 0)  # created_at / updated_at of every row: today at 06:00 UTC
TABLE_NAMES = ("account", "stakeholder", "discovery_note", "milestone", "obstacle", "check_in", "obstacle_milestone",
               "check_in_attendee")


class Deck:
    """Draws values in fixed proportions (a shuffled deck, refilled when empty).

    Unlike independent draws, every value shows up in any full deck's worth of draws, so even a
    small demo has every stage, segment and form.
    """

    def __init__(self, rng: random.Random, counts: list[tuple[Any, int]]) -> None:
        self.rng = rng
        self.full = [value for value, n in counts for _ in range(n)]
        self.cards: list[Any] = []

    def draw(self) -> Any:
        if not self.cards:
            self.cards = list(self.full)
            self.rng.shuffle(self.cards)
        return self.cards.pop()


class Generator:
    """Builds accounts as plain row dicts, ids assigned here so children can point at parents."""

    def __init__(self, seed: int, today: date, first_ids: dict[str, int], owner: str = "") -> None:
        self.rng = random.Random(seed)
        # owners from a source of their own: the rest of the book stays the same for a seed, whoever runs it
        others = [c for c in COLLEAGUES if c != owner][:3]
        self.owner_deck = Deck(random.Random(f"owners-{seed}"),
                               [(owner, 6), *((c, n) for c, n in zip(others, (2, 1, 1), strict=True))]
                               if owner else [("", 1)])
        self.today = today
        self.stamp = datetime.combine(today, STAMP_TIME, tzinfo=UTC)
        self.ids = dict(first_ids)
        self.company_names = people.CompanyNames(self.rng)
        self.stage_deck = Deck(self.rng, [(Stage.LAND, 3), (Stage.ADOPT, 8), (Stage.EXPAND, 4), (Stage.RENEW, 5)])
        self.renew_deck = Deck(self.rng, [("normal", 6), ("late", 1), ("archived", 2)])
        self.segment_deck = Deck(self.rng, [("Enterprise", 4), ("Mid-Market", 7), ("SMB", 9)])
        self.form_deck = Deck(self.rng, [("strong", 9), ("steady", 7), ("at_risk", 4)])
        # The book's few fires: half the at-risk accounts have an open obstacle, one in six of them critical.
        self.fire_deck = Deck(self.rng, [(True, 1), (False, 1)])
        self.severity_deck = Deck(self.rng, [(Severity.LOW, 1), (Severity.MEDIUM, 2), (Severity.HIGH, 2),
                                             (Severity.CRITICAL, 1)])
        # Quiet ("missed training"): one at-risk account in four, one steady one in fourteen.
        self.quiet_decks = {"strong": Deck(self.rng, [(False, 1)]), "steady": Deck(self.rng, [(True, 1), (False, 13)]),
                            "at_risk": Deck(self.rng, [(True, 1), (False, 3)])}
        self.story_deck = Deck(self.rng, STORIES)
        self.pending: list[str] = []  # stories drawn but not yet placed on an account that fits them
        self.champions_left = 0  # every other champion who left has a successor already
        self.open_titles: set[str] = set()  # the book's fires each have their own title
        self.counts = dict.fromkeys(TABLE_NAMES, 0)
        self.rows: dict[str, list[dict[str, Any]]] = {}
        self.reset_rows()

    def reset_rows(self) -> None:
        self.rows = {name: [] for name in self.counts}

    def next_id(self, table: str) -> int:
        value = self.ids[table]
        self.ids[table] = value + 1
        return value

    def add(self, table: str, row: dict[str, Any]) -> int:
        row_id = self.next_id(table)
        row["id"] = row_id
        row["created_at"] = self.stamp
        row["updated_at"] = self.stamp
        self.rows[table].append(row)
        self.counts[table] += 1
        return row_id

    def story(self, stage: Stage, segment: str, archived: bool, days_in: int) -> str:
        """This account's story: the first pending one it can carry, else "plain"."""
        card = self.story_deck.draw()
        if card != "plain":
            self.pending.append(card)
        for story in self.pending:
            fits = not archived and {
                "single_threaded": segment != "Enterprise" and stage != Stage.LAND,
                "champion_left": days_in > 150,
                "injury": stage in (Stage.ADOPT, Stage.EXPAND),
            }[story]
            if fits:
                self.pending.remove(story)
                if story == "champion_left":
                    self.champions_left += 1
                    return "champion_left" if self.champions_left % 2 else "champion_replaced"
                return story
        return "plain"

    def account(self) -> None:
        r = self.rng
        today = self.today
        stage: Stage = self.stage_deck.draw()
        segment: str = self.segment_deck.draw()
        form: str = self.form_deck.draw()
        (arr_lo, arr_hi), rounding, (sh_lo, sh_hi), (cad_lo, cad_hi), onboard_days = SEGMENTS[segment]
        variant = self.renew_deck.draw() if stage == Stage.RENEW else "normal"
        archived = variant == "archived"

        # --- timeline: stage first, then dates that make the stage true
        kickoff_delay = r.randint(3, 12)
        expansion_play = False
        if stage == Stage.LAND:
            years = 1
            elapsed = r.randint(4, kickoff_delay + onboard_days - 5)
            signed = today - timedelta(days=elapsed)
            renewal = years_before(signed, -1)  # a one-year contract
        else:
            if stage == Stage.RENEW:
                if variant == "archived":
                    d = -r.randint(20, 200)
                elif variant == "late":
                    d = -r.randint(1, 30)
                else:
                    d = r.randint(0, 120)
                years = r.choices((1, 2, 3), (70, 20, 10))[0]
                expansion_play = r.random() < 0.4
            elif stage == Stage.EXPAND:
                years = r.choices((1, 2, 3), (40, 35, 25))[0]
                # late enough in the term that the first expansion runs are behind them
                d = r.randint(121, {1: 205, 2: 420, 3: 530}[years])
                expansion_play = True
            else:  # adopt
                years = r.choices((1, 2, 3), (60, 25, 15))[0]
                hi = 365 - kickoff_delay - onboard_days - 5 if years == 1 else 547
                d = r.randint(121, hi)
            renewal = today + timedelta(days=d)
            signed = years_before(renewal, years)
            if stage == Stage.ADOPT:
                exp_start = signed + timedelta(days=int((renewal - signed).days * 0.4))
                expansion_play = exp_start > today and r.random() < 0.35
        kickoff = weekday(signed + timedelta(days=kickoff_delay), forward=True)
        onboard_end = kickoff + timedelta(days=onboard_days)
        term_days = (renewal - signed).days
        story = self.story(stage, segment, archived, (today - kickoff).days)
        fire = self.severity_deck.draw() if form == "at_risk" and self.fire_deck.draw() and not archived else None
        quiet = self.quiet_decks[form].draw() and not archived

        # --- who they are
        region = r.choices(REGION_NAMES, REGION_WEIGHTS)[0]
        _w, currency, usd_share, tld, cities = REGIONS[region]
        if currency != "USD" and r.random() < usd_share:
            currency = "USD"
        regions = [region]
        if segment == "Enterprise":
            others = [x for x in REGION_NAMES if x != region]
            regions += r.sample(others, r.randint(0, 2))
        elif segment == "Mid-Market" and r.random() < 0.2:
            regions.append(r.choice([x for x in REGION_NAMES if x != region]))
        name, base = self.company_names.name(region)
        domain = f"{plain_ascii(base)}.{tld}"
        arr = r.randint(arr_lo // rounding, arr_hi // rounding) * rounding
        theme = r.choice(THEMES)

        sponsor_short = "CFO" if theme["dept"] == "Finance" else "COO"
        fx = Fill(
            dept=theme["dept"], team=theme["team"], users=theme["users"], user_title=theme["user_title"],
            metric=theme["metric"], metric_cap=cap(theme["metric"]), unit=theme["unit"],
            b=r.randint(*theme["before"]), a=r.randint(*theme["after"]),
            legacy=r.choice(theme["legacy"]), system=r.choice(theme["systems"]),
            target=r.choice(theme["expand"]), city=r.choice(cities).split(",")[0],
            p=r.choice((60, 70, 75, 80, 85, 90)), p0=r.choice((25, 30, 40, 45, 50)),
            n=r.randint(2, 30) * (5 if segment != "SMB" else 1),
            n_pilot=r.choice((5, 8, 10, 12, 15, 20)),
            y=renewal.year, y0=signed.year - r.randint(1, 3),
            q=quarter(signed + timedelta(days=r.randint(min(150, term_days - 2), max(151, term_days - 30)))),
            fy=r.choice(("March", "June", "September", "December")),
            sponsor_short=sponsor_short,
        )
        fx["legacy_cap"] = cap(fx["legacy"])
        fx["target_cap"] = cap(fx["target"])
        fx["subs"] = theme["subs"]
        fx["sub"] = r.choice(theme["subs"])
        fx["gap"] = fx.fill(r.choice(theme["gap"]))
        fx["result"] = fx.fill(theme["result"])

        # --- stakeholders (first, so texts can name the sponsor and champion)
        account_id = self.next_id("account")
        cast = people.stakeholders(self, account_id, r.randint(sh_lo, sh_hi), form, story, kickoff, cities, domain, fx)
        if segment == "SMB":
            people.low_touch(self, account_id)
        fx["sponsor_first"] = cast["sponsor_first"]
        fx["champion_first"] = cast["champion_first"]

        goal = fx.fill(r.choice(theme["goal"]))
        criteria = fx.fill(r.choice(CRITERIA))
        row = {
            "id": account_id, "created_at": self.stamp, "updated_at": self.stamp,
            "name": name, "segment": segment, "arr_minor": arr * 100, "currency": currency,
            "contract_signed": signed, "kickoff": kickoff, "renewal": renewal, "stage": stage.value,
            "goal": goal, "success_criteria": criteria, "regions": ", ".join(regions), "archived": archived,
            "owner": self.owner_deck.draw(),
        }
        self.rows["account"].append(row)
        self.counts["account"] += 1

        plan.notes(self, account_id, signed, kickoff, fx)
        milestones = plan.milestones(
            self, account_id, form, variant, signed, kickoff, onboard_end, renewal, expansion_play, fx
        )
        injury = story == "injury"
        if injury and len(troubles.hurt_runs(milestones, today)) < troubles.INJURY_RUNS:
            self.pending.insert(0, story)  # too few runs ahead to hurt: the next account gets it
            injury = False
        if injury:
            fire = None  # the injury is this account's fire
        until = renewal if archived else today
        troubles.obstacles(self, account_id, form, fire, injury, kickoff, until, cast, milestones, fx)
        qbrs_held = [m["done_on"] for m in milestones if m["_kind"] == "qbr" and m["done_on"]]
        talks.checkins(self, account_id, form, segment, archived, quiet, signed, renewal, qbrs_held, fx,
                       (cad_lo, cad_hi), cast)
