"""Demo data: a realistic, deterministic book of business for trying the app and for benchmarks.

`generate(db, accounts, seed, today)` fills an empty database with accounts at every point of their
journey (LAER stage consistent with the timeline), their people, discovery notes, a training plan
from contract signed to race day (the renewal), obstacles and check-ins.

Same seed and same `today` give the same rows, byte for byte: everything comes from one
`random.Random(seed)` and from `today`; nothing from the clock, uuid or set ordering.

For speed (5000 accounts is the benchmark's heavy CSM) rows are built as plain dicts and written
with SQLAlchemy Core executemany in batches, with ids assigned here so children can point at
parents. Every value is generated to satisfy the services' check functions (tests prove it).
"""

import random
import unicodedata
from collections.abc import Sequence
from dataclasses import dataclass
from datetime import UTC, date, datetime, timedelta
from typing import Any, TypeVar

import sqlalchemy as sa
from sqlalchemy import func, insert, select

from csplanner.core.db import Database
from csplanner.core.enums import (
    CheckInKind,
    MilestoneStatus,
    NoteKind,
    ObstacleKind,
    Phase,
    RunType,
    Severity,
    Stage,
    StakeholderRole,
    StakeholderStatus,
    Team,
    label,
)
from csplanner.core.errors import DomainError
from csplanner.core.models import (
    Account,
    CheckIn,
    DiscoveryNote,
    Milestone,
    Obstacle,
    ObstacleMilestone,
    Stakeholder,
)
from csplanner.core.services.stakeholders import KEY_ROLES

MAX_ACCOUNTS = 20_000
BATCH_ACCOUNTS = 500  # accounts per executemany round; bounds memory for big books

T = TypeVar("T")


@dataclass(frozen=True, slots=True)
class DemoSummary:
    """How many rows the generator wrote, per table."""

    accounts: int
    stakeholders: int
    notes: int
    milestones: int
    obstacles: int
    checkins: int
    obstacle_links: int = 0

    @property
    def total(self) -> int:
        return (
            self.accounts + self.stakeholders + self.notes + self.milestones
            + self.obstacles + self.checkins + self.obstacle_links
        )


# --------------------------------------------------------------------------------------------
# Word lists
# --------------------------------------------------------------------------------------------

NAME_PREFIXES = (
    "Northwind", "Bluefin", "Cedar", "Summit", "Harbor", "Ironwood", "Granite", "Silverline",
    "Redwood", "Brightwater", "Evergreen", "Lakeshore", "Meridian", "Pinecrest", "Riverbend",
    "Stonebridge", "Sunpeak", "Tidewater", "Westbrook", "Oakridge", "Aurora", "Beacon",
    "Copperleaf", "Driftwood", "Falcon", "Foxglove", "Glacier", "Highland", "Juniper", "Keystone",
    "Larkspur", "Maplewood", "Northstar", "Orchard", "Pioneer", "Quarry", "Rockport", "Saffron",
    "Tamarack", "Vantage", "Willow", "Zephyr", "Alder", "Birchwood", "Cobalt", "Ember", "Fjord",
    "Halcyon", "Indigo", "Jasper", "Kestrel", "Lumen", "Mosaic", "Nimbus", "Onyx", "Polaris",
    "Quill", "Ridgeline", "Sable", "Trillium", "Upland", "Verdant", "Wren", "Atlas", "Clearwater",
    "Crescent", "Everline", "Fairhaven", "Greystone", "Hollis", "Kingfisher", "Lighthouse",
    "Marigold", "Newport", "Osprey", "Palisade", "Rivermark", "Sequoia", "Sterling", "Thistle",
    "Waypoint", "Arbor", "Bramble", "Canyon", "Dovetail", "Elmstead", "Fernhill", "Goldcrest",
    "Heron", "Ashford", "Blackthorn", "Caldera", "Daybreak", "Eastgate", "Firefly", "Gullwing",
    "Harvest", "Ironbridge", "Kite", "Lodestar", "Moorland", "Nettle", "Oakhurst", "Peregrine",
    "Redfern", "Saltmarsh", "Tallgrass", "Underhill", "Vireo", "Whitecap", "Yarrow",
)
NAME_INDUSTRIES = (
    "Logistics", "Health", "Freight", "Foods", "Insurance", "Capital", "Energy", "Robotics",
    "Analytics", "Retail", "Pharma", "Manufacturing", "Mobility", "Media", "Telecom", "Software",
    "Biotech", "Construction", "Hospitality", "Outdoor", "Apparel", "Dental", "Veterinary",
    "Realty", "Marine", "Textiles", "Semiconductors", "Bank", "Credit Union", "Learning",
    "Payments", "Security", "Systems", "Brewing", "Coffee", "Farms", "Water", "Utilities",
    "Packaging", "Chemicals", "Steel", "Motors", "Cycles", "Outfitters", "Pet Care", "Clinics",
    "Home Care", "Staffing", "Legal", "Accounting", "Consulting", "Studios", "Games", "Travel",
    "Hotels", "Fitness", "Dairy", "Bakeries", "Furniture", "Interiors", "Solar", "Rail",
    "Aviation", "Distribution", "Supply", "Medical", "Diagnostics", "Optics", "Airfreight",
    "Property Group", "Wealth", "Trading", "Printing", "Cold Chain", "Labs",
)
NAME_SUFFIXES = ("Group", "Labs", "Holdings", "Partners", "International", "Co.", "& Sons", "Inc.", "Ltd")

FIRST_NAMES = (
    "Olivia", "Liam", "Amara", "Noah", "Sofia", "Mateo", "Priya", "Ethan", "Chloé", "Lukas",
    "Hannah", "Diego", "Mei", "Jonas", "Aisha", "Oscar", "Freya", "Ravi", "Isabel", "Tomás",
    "Grace", "Kenji", "Zoë", "Samuel", "Leila", "Henrik", "Nadia", "Marcus", "Elena", "Kwame",
    "Laura", "Arjun", "Claire", "Felix", "Yasmin", "Daniel", "Ingrid", "Omar", "Julia", "Pieter",
    "Sarah", "Thiago", "Anna", "Ibrahim", "Charlotte", "Sven", "Maya", "Alejandro", "Rachel",
    "Yuki", "Emma", "Kofi", "Beatriz", "Jakob", "Fatima", "Connor", "Astrid", "Rafael", "Nora",
    "Vikram", "Martina", "Ben", "Chiara", "Hugo", "Sienna", "Andrzej", "Lena", "Marco", "Aoife",
    "David", "Emily", "Javier", "Katarzyna", "Malik", "Rosa", "Stefan", "Tara", "Wei", "Zara",
)
LAST_NAMES = (
    "Okafor", "Lindqvist", "Patel", "Moreau", "Schneider", "García", "Nakamura", "O'Brien",
    "Kowalski", "Jensen", "Rossi", "Müller", "Chen", "Haddad", "Fernandes", "Walsh", "Novak",
    "Andersson", "Mensah", "Dubois", "Kaur", "Bianchi", "van Dijk", "Hughes", "Tanaka",
    "Ivanova", "Santos", "Becker", "Nguyen", "Murphy", "Larsen", "Silva", "Fischer", "Ahmed",
    "Costa", "Brennan", "Yilmaz", "Johansson", "Reyes", "Kim", "Laurent", "Weber", "Owusu",
    "Romano", "Sato", "Kovač", "MacLeod", "Hoffmann", "Alvarez", "Nielsen", "Bauer", "Singh",
    "Lopez", "Campbell", "Martin", "Wójcik", "Peeters", "Virtanen", "Eriksen", "Carter",
    "Brooks", "Delgado", "Ferreira", "Gallagher", "Hansen", "Ito", "Jovanović", "Khan",
    "Lambert", "Meyer", "Nowak", "Price", "Quinn", "Richter", "Sousa", "Thompson", "Vogel",
)

ROLE_TITLES: dict[StakeholderRole, tuple[str, ...]] = {
    StakeholderRole.EXEC_SPONSOR: (
        "Chief Financial Officer", "Chief Operating Officer", "VP {dept}", "SVP {dept}",
        "Chief Digital Officer", "Managing Director", "Chief Customer Officer",
    ),
    StakeholderRole.CHAMPION: (
        "Director of {dept}", "Head of {dept}", "{dept} Manager",
        "Senior Manager, {dept}", "{dept} Transformation Lead", "Process Excellence Lead",
    ),
    StakeholderRole.DECISION_MAKER: (
        "VP Operations", "Director of IT", "Head of Shared Services", "CIO", "Group Controller",
    ),
    StakeholderRole.ADMIN: (
        "Systems Administrator", "{dept} Systems Analyst", "Business Applications Admin",
        "IT Application Owner", "Platform Admin",
    ),
    StakeholderRole.USER: (
        "{user_title}", "Senior {user_title}", "{user_title} Team Lead", "{dept} Analyst",
    ),
    StakeholderRole.PROCUREMENT: (
        "Procurement Manager", "Strategic Sourcing Lead", "Vendor Manager", "Category Manager, IT",
    ),
    StakeholderRole.OTHER: (
        "Legal Counsel", "IT Security Analyst", "Data Protection Officer", "Internal Auditor",
        "Executive Assistant to the {sponsor_short}",
    ),
}

# region: (weight, currency, billed-in-USD share, top-level domain, cities)
REGIONS: dict[str, tuple[int, str, float, str, tuple[str, ...]]] = {
    "North America": (44, "USD", 1.0, "com", (
        "Chicago, IL", "Austin, TX", "Boston, MA", "Denver, CO", "Atlanta, GA", "Seattle, WA",
        "New York, NY", "Toronto, ON", "Minneapolis, MN", "Raleigh, NC")),
    "UK & Ireland": (12, "GBP", 0.15, "co.uk", (
        "London", "Manchester", "Leeds", "Bristol", "Edinburgh", "Dublin", "Birmingham")),
    "DACH": (10, "EUR", 0.15, "de", ("Munich", "Berlin", "Hamburg", "Zurich", "Vienna", "Frankfurt")),
    "France": (5, "EUR", 0.1, "fr", ("Paris", "Lyon", "Lille", "Nantes", "Toulouse")),
    "Benelux": (5, "EUR", 0.2, "nl", ("Amsterdam", "Rotterdam", "Utrecht", "Antwerp", "Brussels")),
    "Nordics": (4, "EUR", 0.3, "com", ("Stockholm", "Copenhagen", "Oslo", "Helsinki", "Gothenburg")),
    "Southern Europe": (4, "EUR", 0.1, "com", ("Madrid", "Barcelona", "Milan", "Lisbon", "Valencia")),
    "APAC": (7, "USD", 1.0, "com", ("Singapore", "Tokyo", "Hong Kong", "Bangalore", "Seoul")),
    "ANZ": (5, "AUD", 0.3, "com.au", ("Sydney", "Melbourne", "Auckland", "Brisbane", "Perth")),
    "LATAM": (4, "USD", 1.0, "com", ("São Paulo", "Mexico City", "Bogotá", "Santiago", "Lima")),
}
REGION_NAMES = tuple(REGIONS)
REGION_WEIGHTS = tuple(REGIONS[r][0] for r in REGION_NAMES)

SEGMENTS = {
    # segment: (ARR range in major units, rounding, stakeholders, check-in cadence days, onboarding days)
    "Enterprise": ((150_000, 1_200_000), 5_000, (4, 6), (10, 16), 90),
    "Mid-Market": ((40_000, 150_000), 1_000, (3, 5), (14, 24), 60),
    "SMB": ((6_000, 40_000), 500, (2, 3), (24, 40), 45),
}

# A theme is what the customer bought the product for; it keeps one account's texts coherent.
THEMES: tuple[dict[str, Any], ...] = (
    {
        "dept": "Finance", "team": "the AP team", "users": "AP clerks", "user_title": "AP Specialist",
        "metric": "invoice cycle time", "unit": "days", "before": (7, 14), "after": (2, 4),
        "result": "The AP team approves invoices in {a} days instead of {b}",
        "legacy": ("email approvals and an Excel tracker", "a shared AP inbox", "paper invoice stamps"),
        "systems": ("NetSuite", "SAP S/4HANA", "Microsoft Dynamics 365", "Sage Intacct"),
        "subs": ("three-way matching", "vendor onboarding", "PO approvals", "expense coding",
                 "duplicate-invoice checks", "month-end accruals"),
        "expand": ("Procurement", "Treasury", "the EMEA finance team", "the controller's office"),
        "goal": ("Cut invoice processing time from {b} days to {a} by {q}",
                 "Close the month in {a} days instead of {b} before the {y} audit",
                 "Take {legacy} out of invoice approval by {q}"),
        "gap": ("multi-subsidiary support in the {system} sync", "approval rules by cost centre",
                "a bulk re-coding screen for expense lines"),
    },
    {
        "dept": "Support", "team": "the support team", "users": "support agents", "user_title": "Support Agent",
        "metric": "first response time", "unit": "hours", "before": (12, 30), "after": (2, 6),
        "result": "Agents answer new tickets in {a} hours instead of {b}",
        "legacy": ("a shared Outlook inbox", "an on-prem ticketing tool", "spreadsheet-based routing"),
        "systems": ("Zendesk", "Salesforce Service Cloud", "Freshdesk", "Intercom"),
        "subs": ("ticket triage", "SLA escalations", "macro suggestions", "CSAT surveys",
                 "knowledge base deflection", "holiday roster planning"),
        "expand": ("the field service team", "the APAC support desk", "Customer Onboarding", "Billing support"),
        "goal": ("Bring first response time from {b} hours to under {a} by {q}",
                 "Roll out to all {n} support agents before peak season in {q}",
                 "Lift CSAT from {p0}% to {p}% by the end of {y}"),
        "gap": ("skills-based routing for the Japanese queue", "SLA pause rules on public holidays",
                "a native {system} attachment sync"),
    },
    {
        "dept": "Sales Ops", "team": "Sales Ops", "users": "account executives", "user_title": "Account Executive",
        "metric": "quote turnaround", "unit": "days", "before": (4, 9), "after": (1, 2),
        "result": "Reps send approved quotes in {a} days instead of {b}",
        "legacy": ("CPQ spreadsheets", "discount approvals over Slack", "a homegrown quoting tool"),
        "systems": ("Salesforce", "HubSpot", "Microsoft Dynamics 365", "Pipedrive"),
        "subs": ("discount approvals", "renewal quotes", "territory planning", "forecast roll-ups",
                 "contract redlines", "lead routing"),
        "expand": ("the partner channel team", "Renewals", "the EMEA sales team", "Sales Engineering"),
        "goal": ("Cut quote turnaround from {b} days to {a} by {q}",
                 "Get forecast accuracy within {a}% for every region by {q}",
                 "Retire {legacy} for all {n} reps by {q}"),
        "gap": ("multi-currency price books", "approval chains longer than five steps",
                "a two-way {system} opportunity sync"),
    },
    {
        "dept": "People", "team": "People Ops", "users": "hiring managers", "user_title": "HR Business Partner",
        "metric": "time to onboard a new hire", "unit": "days", "before": (15, 30), "after": (4, 8),
        "result": "New hires are productive in {a} days instead of {b}",
        "legacy": ("paper onboarding checklists", "email threads with IT", "a SharePoint list"),
        "systems": ("Workday", "BambooHR", "SAP SuccessFactors", "Personio"),
        "subs": ("laptop provisioning", "first-week schedules", "policy sign-offs",
                 "manager check-ins", "contractor offboarding", "training assignments"),
        "expand": ("IT", "Facilities", "the US subsidiary", "the graduate programme"),
        "goal": ("Cut new-hire onboarding from {b} days to {a} by {q}",
                 "Every new starter has a laptop and accounts on day one by {q}",
                 "Replace {legacy} for all {n} hiring managers by the end of {y}"),
        "gap": ("country-specific onboarding templates", "e-signature for works council forms",
                "a {system} sync for contractors"),
    },
    {
        "dept": "Field Operations", "team": "Field Ops", "users": "field technicians", "user_title": "Field Technician",
        "metric": "work order close time", "unit": "days", "before": (6, 12), "after": (1, 3),
        "result": "Technicians close work orders in {a} days instead of {b}",
        "legacy": ("a homegrown Access database", "paper job sheets", "WhatsApp dispatch groups"),
        "systems": ("ServiceNow", "SAP PM", "IFS", "Salesforce Field Service"),
        "subs": ("job dispatch", "parts ordering", "safety checklists", "customer sign-off",
                 "first-time-fix reporting", "route planning"),
        "expand": ("the northern depots", "the installations team", "subcontractors", "Warehouse"),
        "goal": ("Close work orders in {a} days instead of {b} by {q}",
                 "Raise first-time fix rate from {p0}% to {p}% by the end of {y}",
                 "Get all {n} technicians off {legacy} by {q}"),
        "gap": ("offline mode on Android tablets", "photo capture in checklists",
                "barcode scanning for parts"),
    },
    {
        "dept": "Procurement", "team": "Procurement", "users": "buyers", "user_title": "Buyer",
        "metric": "purchase request approval time", "unit": "days", "before": (8, 15), "after": (2, 4),
        "result": "Purchase requests are approved in {a} days instead of {b}",
        "legacy": ("PDF request forms over email", "an old SharePoint workflow", "the ERP's purchasing screens"),
        "systems": ("SAP Ariba", "Coupa", "Oracle Fusion", "NetSuite"),
        "subs": ("supplier onboarding", "contract renewals", "spend categorisation", "catalogue buying",
                 "three-bid checks", "maverick-spend alerts"),
        "expand": ("Finance", "the Marketing budget owners", "the Benelux entities", "IT purchasing"),
        "goal": ("Bring purchase approvals from {b} days to {a} by {q}",
                 "Put {p}% of spend under managed contracts by the end of {y}",
                 "Move all {n} buyers off {legacy} by {q}"),
        "gap": ("punch-out catalogues for two key suppliers", "supplier risk scores in the approval view",
                "a {system} invoice match"),
    },
    {
        "dept": "IT", "team": "the service desk", "users": "service desk agents", "user_title": "Service Desk Analyst",
        "metric": "ticket resolution time", "unit": "hours", "before": (20, 48), "after": (4, 10),
        "result": "The service desk resolves tickets in {a} hours instead of {b}",
        "legacy": ("an on-prem ticketing tool", "a shared IT mailbox", "phone-only requests"),
        "systems": ("ServiceNow", "Jira Service Management", "Microsoft Intune", "Okta"),
        "subs": ("password resets", "software requests", "asset tracking", "change approvals",
                 "major-incident comms", "self-service portal"),
        "expand": ("HR service delivery", "the Facilities desk", "the APAC offices", "Security operations"),
        "goal": ("Bring ticket resolution time from {b} hours to {a} by {q}",
                 "Deflect {p}% of tickets to self-service by the end of {y}",
                 "Replace {legacy} for all {n} agents by {q}"),
        "gap": ("SCIM provisioning for contractors", "change calendars per site",
                "a {system} asset sync"),
    },
)

CRITERIA = (
    "- {metric_cap} at or under {a} {unit} for 8 weeks running\n- {p}% of {users} active weekly\n"
    "- Exec sponsor signs off the results at the {q} QBR",
    "- {legacy_cap} switched off\n- {metric_cap} down from {b} to {a} {unit}\n"
    "- {champion_first} can run the admin tasks without our help",
    "- {p}% adoption across {team} by day 90\n- {metric_cap} under {a} {unit} for a full quarter",
    "- Go-live for {team} by {q}\n- {metric_cap} reported weekly from the product, not from spreadsheets\n"
    "- Renewal business case agreed with {sponsor_first}",
)

ONBOARDING = (  # (title, run type, team, outcome) in the order they happen
    ("Technical setup: SSO and user provisioning", RunType.SPRINT, Team.SERVICES,
     "SSO live; {n} users provisioned automatically"),
    ("Data migration from {legacy}", RunType.MEDIUM, Team.SERVICES,
     "{h} months of history from {legacy} migrated and reconciled"),
    ("{system} integration live", RunType.MEDIUM, Team.SERVICES,
     "{system} sync running every 15 minutes without errors"),
    ("Admin training for {champion_first} and the {dept} admins", RunType.SPRINT, Team.CSM,
     "{champion_first} can add users and change workflows without our help"),
    ("Pilot with {n_pilot} {users}", RunType.MEDIUM, Team.CSM,
     "Pilot group of {n_pilot} {users} working in the product daily"),
    ("Support handover: escalation paths and SLAs", RunType.SPRINT, Team.SUPPORT,
     "{champion_first} knows how to raise a P1 and who picks it up"),
)
GO_LIVE = ("Go-live for {team}", RunType.MEDIUM, Team.CSM)
RACE_FORECAST = {
    "strong": ("Forecast: renew with upsell.", "Forecast: renew flat; upsell in discussion.", "Forecast: renew, multi-year offered."),
    "steady": ("Forecast: renew flat.", "Forecast: renew; price increase to negotiate.", "Forecast: renew, a few seats at risk."),
    "at_risk": ("Forecast: at risk; recovery plan agreed with sales.", "Forecast: downsell likely.",
                "Forecast: at risk; competitive evaluation under way."),
}

ADOPTION = (  # (title, run type, team, outcome template)
    ("First {n} {users} active weekly", RunType.SPRINT, Team.CSM,
     "{n} {users} active weekly, up from {n0} at go-live"),
    ("Retire {legacy}", RunType.LONG, Team.CSM,
     "{legacy_cap} switched off; {team} works in one place"),
    ("{metric_cap} dashboard for {dept} leads", RunType.SPRINT, Team.CSM,
     "{dept} leads review {metric} weekly from the dashboard instead of a spreadsheet"),
    ("Automate {sub}", RunType.MEDIUM, Team.SERVICES,
     "{sub_cap} runs without manual hand-offs; about {h} hours a week saved"),
    ("Roll out to the {city} office", RunType.MEDIUM, Team.CSM,
     "{city} office live with {n} {users}"),
    ("Train the second cohort of {users}", RunType.SPRINT, Team.CSM,
     "{n} more {users} trained; champion ran half the session"),
    ("Usage review with {champion_first}", RunType.SPRINT, Team.CSM,
     "Weekly active users at {p}%; agreed to focus on {sub}"),
    ("Office hours: {sub}", RunType.SPRINT, Team.CSM,
     "{n} questions answered; two new how-to articles for {team}"),
    ("Product feedback session: {gap}", RunType.MEDIUM, Team.PRODUCT,
     "Product team heard the use case first hand; on the roadmap shortlist"),
    ("Beta of {gap}", RunType.LONG, Team.PRODUCT,
     "Beta live for {n} {users}; the workaround is no longer needed"),
    ("Support health check: open tickets and SLAs", RunType.SPRINT, Team.SUPPORT,
     "Open tickets down from {n} to {n0}; no P1s this quarter"),
    ("Re-baseline {metric}", RunType.MEDIUM, Team.CSM,
     "{result}"),
    ("Process redesign workshop: {sub}", RunType.LONG, Team.SERVICES,
     "{sub_cap} redesigned end to end; {h} fewer steps"),
    ("Executive value check-in with {sponsor_first}", RunType.MEDIUM, Team.LEADERSHIP,
     "{sponsor_first} confirmed the goal still stands; {metric} is on track"),
    ("Best-practice review of {sub}", RunType.SPRINT, Team.CSM,
     "Three configuration fixes applied; {sub} errors down by {p}%"),
)

EXPANSION = (  # (title, run type, team)
    ("Expansion discovery with {target}", RunType.MEDIUM, Team.CSM),
    ("Business case for rolling out to {target}", RunType.LONG, Team.SALES),
    ("Pilot for {target}", RunType.LONG, Team.CSM),
    ("Executive alignment on seats for {target}", RunType.MEDIUM, Team.LEADERSHIP),
)
EXPANSION_OUTCOMES = (
    "{target_cap} confirmed the same pain; {n} potential seats",
    "Business case approved by {sponsor_first}: {n} more seats",
    "Pilot users in {target} hit the same results as {team}",
    "Expansion quote for {target} sent and verbally agreed",
)

MISSED_NOTES = (
    "Slipped: {champion_first} was out for two weeks.",
    "Slipped: the customer's IT change freeze.",
    "Slipped: waiting on the SSO certificate from their IT.",
    "Slipped: month-end close took priority for {team}.",
    "Slipped: the data export from {legacy} was incomplete.",
    "Slipped: no decision from {sponsor_first} yet.",
    "Slipped: attendees cancelled on the day; not re-booked.",
)
SKIPPED_NOTES = (
    "Skipped: covered in the QBR instead.",
    "Skipped: no longer needed after their reorg.",
    "Skipped: merged into the go-live session.",
    "Skipped: the customer chose to do it themselves.",
    "Skipped: superseded by the re-plan with {sponsor_first}.",
)
PLANNED_NOTES = (
    "",
    "",
    "Agenda shared with {champion_first}.",
    "Needs a room booked on site.",
    "Prep: pull the {metric} numbers first.",
    "Confirm attendees a week before.",
)

NOTES: dict[NoteKind, tuple[str, ...]] = {
    NoteKind.GOAL: (
        "{sponsor_first} wants {metric} down from {b} to {a} {unit} before {q}; it is on their own objectives.",
        "The board asked {dept} to do more with the same headcount; this project is how {sponsor_first} plans to.",
        "Goal in their words: \"stop chasing things in {legacy}\".",
    ),
    NoteKind.HISTORY: (
        "Tried to fix this with {legacy} in {y0}; dropped after six months because nobody owned it.",
        "A previous vendor's rollout stalled at {p0}% adoption; {champion_first} is wary of a repeat.",
        "Built macros in Excel in {y0}; they broke when the person who wrote them left.",
    ),
    NoteKind.SUCCESS_CRITERIA: (
        "Success = {metric} under {a} {unit} and {p}% of {users} using it weekly by day 90.",
        "{sponsor_first} will call it a success if the {q} board pack shows {metric} at {a} {unit}.",
        "Success is {legacy} switched off and no parallel spreadsheets by {q}.",
    ),
    NoteKind.BLOCKER: (
        "IT security review needs our SOC 2 report and a DPA before SSO can be switched on.",
        "Works council must approve any tool that shows individual productivity.",
        "{system} admin is an external consultant with two days a month.",
        "Budget for the second phase is not approved until the new fiscal year.",
    ),
    NoteKind.REAL_NEED: (
        "Asked for more dashboards; really needs {dept} leads to trust one number so the Friday spreadsheet can go.",
        "Asked for training; the real gap is that nobody owns {sub} end to end.",
        "Asked for an integration with {system}; what they need is to stop re-keying data twice.",
    ),
    NoteKind.OTHER: (
        "Prefers Tuesday calls; Friday is close week. {sponsor_first} likes one-page summaries, not decks.",
        "{champion_first} is new in the role and keen to show a quick win.",
        "Reference customer candidate once {metric} improves.",
        "Their fiscal year ends in {fy}; budgets are set two months before.",
    ),
}

OBSTACLES: dict[ObstacleKind, tuple[tuple[str, str], ...]] = {  # (title, mitigation)
    ObstacleKind.PRODUCT_GAP: (
        ("Missing {gap}", "Workaround documented for {team}; feature request raised with product, on the shortlist for next quarter."),
        ("Reporting cannot split {metric} by region", "Weekly CSV export as a stopgap; product reviewing the request."),
        ("API rate limits break the nightly {system} sync", "Sync moved to off-peak batches; product raising the limit for this tenant."),
    ),
    ObstacleKind.ESCALATION: (
        ("P1 outage in the middle of month-end close", "Daily stand-up with support until closed; RCA shared with {sponsor_first}."),
        ("Billing dispute over the seat true-up", "Sales reviewing usage data; credit note proposed for the overlap."),
        ("{system} sync failures for two weeks", "Engineering fix deployed; CSM checking sync health every morning."),
        ("Slow support responses on P2 tickets", "Named support engineer assigned; weekly ticket review with {champion_first}."),
    ),
    ObstacleKind.EXEC_TURNOVER: (
        ("{role} {name} left", "Find and onboard a new {role_lower}; re-confirm goals and success criteria."),
    ),
    ObstacleKind.OTHER: (
        ("Budget freeze until the new fiscal year", "Keep the scope to what is paid for; build the case for phase two now."),
        ("Reorg moves {team} under shared services", "Meet the new head of shared services; map who owns what after the move."),
        ("IT change freeze over the holidays", "Plan moved: integration work in January, training before the freeze."),
        ("Acquired by a competitor; all vendors under review", "Get in front of the acquirer's IT early with the value story."),
        ("{champion_first} on parental leave for three months", "Second admin trained as a stand-in; fortnightly check-ins with the deputy."),
    ),
}

# {conv} is the kind of conversation: "call", "meeting", "on-site visit", "email exchange".
CHECKIN_SUMMARIES: dict[int, tuple[str, ...]] = {
    1: (
        "Good {conv} with {champion_first}: {users} like the new {sub} flow; {metric} down to {a} {unit}.",
        "{sponsor_first} pleased with progress; wants to show the results at their next board meeting.",
        "{champion_first} presented our dashboard to the {dept} leadership team themselves.",
        "Pilot feedback strong; {champion_first} asked about rolling out to {target}.",
        "Quick win landed on {sub}: minutes instead of hours.",
    ),
    0: (
        "Status {conv} with {champion_first}: rollout on track, but {dept} leads still run the old report in parallel.",
        "Update on the {system} integration; waiting on their IT for credentials.",
        "Walked through open tickets; nothing blocking, a few how-to questions about {sub}.",
        "Planning {conv} for next quarter; priorities not yet signed off by {sponsor_first}.",
        "Usage flat this month; {champion_first} busy with year-end.",
    ),
    -1: (
        "Tense {conv}: {sponsor_first} questions the value after the recent issues; asked for a recovery plan by Friday.",
        "Usage dropped since the reorg; {champion_first} has little time for the project.",
        "{users} complain about {gap}; some went back to {legacy}.",
        "Procurement hinted at a competitive review before the renewal.",
        "Missed two sessions in a row; no reply from {champion_first} to follow-ups.",
    ),
}
QBR_SUMMARIES: dict[int, tuple[str, ...]] = {
    1: (
        "QBR with {sponsor_first} and {champion_first}: {result}. Next quarter's focus: {sub}.",
        "QBR: {sponsor_first} called the project a model for other teams; asked about {target}.",
    ),
    0: (
        "QBR: progress acknowledged, but {sponsor_first} wants {metric} reported from the product, not spreadsheets.",
        "QBR with {champion_first} only; {sponsor_first} sent apologies. Plan for next quarter agreed.",
    ),
    -1: (
        "QBR: {sponsor_first} unhappy that {metric} is still at {b} {unit}; asked for a recovery plan.",
        "QBR: adoption below target; {sponsor_first} questioned the renewal at full price.",
    ),
}
CONVERSATION = {
    CheckInKind.CALL: "call", CheckInKind.MEETING: "meeting", CheckInKind.ON_SITE: "on-site visit",
    CheckInKind.EMAIL: "email exchange", CheckInKind.QBR: "QBR",
}
NEXT_STEPS = (
    "Send the recap and the updated plan to {champion_first}.",
    "Book admin training for the second cohort.",
    "Share the {metric} dashboard with {sponsor_first} before the QBR.",
    "Ask product for an ETA on {gap}.",
    "Set up a call with procurement about the renewal timeline.",
    "Draft the value summary for the next QBR.",
    "Introduce {champion_first} to the user community.",
    "Follow up on the open P2 tickets with support.",
)
AGENDAS = (
    "review progress on {sub}",
    "prepare the QBR deck together",
    "walk through the {metric} dashboard",
    "agree the renewal timeline",
    "plan the rollout to {target}",
    "follow up on {gap}",
)


# --------------------------------------------------------------------------------------------
# Small helpers
# --------------------------------------------------------------------------------------------


class _Deck:
    """Draws values in fixed proportions (a shuffled deck, refilled when empty).

    Unlike independent draws, every value shows up in any full deck's worth of draws, so even a
    small demo has every stage, segment and form.
    """

    def __init__(self, rng: random.Random, counts: Sequence[tuple[Any, int]]) -> None:
        self.rng = rng
        self.full = [value for value, n in counts for _ in range(n)]
        self.cards: list[Any] = []

    def draw(self) -> Any:
        if not self.cards:
            self.cards = list(self.full)
            self.rng.shuffle(self.cards)
        return self.cards.pop()


def _weekday(d: date, forward: bool = False) -> date:
    """The nearest working day: Saturday goes back to Friday (or on to Monday), Sunday to Monday."""
    wd = d.weekday()
    if wd == 5:
        return d + timedelta(days=2) if forward else d - timedelta(days=1)
    if wd == 6:
        return d + timedelta(days=1)
    return d


def _years_before(d: date, years: int) -> date:
    try:
        return d.replace(year=d.year - years)
    except ValueError:  # 29 February
        return d.replace(year=d.year - years, day=28)


def _quarter(d: date) -> str:
    return f"Q{(d.month - 1) // 3 + 1} {d.year}"


def _ascii(text: str) -> str:
    plain = unicodedata.normalize("NFKD", text).encode("ascii", "ignore").decode("ascii")
    return "".join(ch for ch in plain.lower() if ch.isalnum())


def _cap(text: str) -> str:
    return text[:1].upper() + text[1:]


class _Fill(dict[str, Any]):
    """Template values for one account; `fill` formats a template with them."""

    def fill(self, template: str, **extra: Any) -> str:
        if extra:
            return template.format_map({**self, **extra})
        return template.format_map(self)


# --------------------------------------------------------------------------------------------
# The generator
# --------------------------------------------------------------------------------------------


class _Generator:
    def __init__(self, seed: int, today: date, first_ids: dict[str, int]) -> None:
        self.rng = random.Random(seed)
        self.today = today
        self.stamp = datetime(today.year, today.month, today.day, 6, 0, tzinfo=UTC)
        self.ids = dict(first_ids)
        self.names: set[str] = set()  # lower-cased, for uniqueness only (never iterated)
        self.stage_deck = _Deck(self.rng, [(Stage.LAND, 3), (Stage.ADOPT, 8), (Stage.EXPAND, 4), (Stage.RENEW, 5)])
        self.renew_deck = _Deck(self.rng, [("normal", 6), ("late", 1), ("archived", 2)])
        self.segment_deck = _Deck(self.rng, [("Enterprise", 4), ("Mid-Market", 7), ("SMB", 9)])
        self.form_deck = _Deck(self.rng, [("strong", 9), ("steady", 7), ("at_risk", 4)])
        self.rows: dict[str, list[dict[str, Any]]] = {}
        self.counts = dict.fromkeys(
            ("account", "stakeholder", "discovery_note", "milestone", "obstacle", "check_in", "obstacle_milestone"), 0
        )
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

    # ---- names ------------------------------------------------------------------------------

    def company_name(self, region: str) -> tuple[str, str]:
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
            if name.lower() not in self.names:
                self.names.add(name.lower())
                return name, base
        n = 2
        while f"{base} {region} {n}".lower() in self.names:
            n += 1
        name = f"{base} {region} {n}"
        self.names.add(name.lower())
        return name, base

    def person(self, taken: set[str]) -> tuple[str, str, str]:
        r = self.rng
        while True:
            first, last = r.choice(FIRST_NAMES), r.choice(LAST_NAMES)
            full = f"{first} {last}"
            if full not in taken:
                taken.add(full)
                return first, last, full

    # ---- one account ------------------------------------------------------------------------

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
            renewal = _years_before(signed, -1)  # a one-year contract
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
            signed = _years_before(renewal, years)
            if stage == Stage.ADOPT:
                exp_start = signed + timedelta(days=int((renewal - signed).days * 0.4))
                expansion_play = exp_start > today and r.random() < 0.35
        kickoff = _weekday(signed + timedelta(days=kickoff_delay), forward=True)
        onboard_end = kickoff + timedelta(days=onboard_days)
        term_days = (renewal - signed).days

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
        name, base = self.company_name(region)
        domain = f"{_ascii(base)}.{tld}"
        arr = r.randint(arr_lo // rounding, arr_hi // rounding) * rounding
        theme = r.choice(THEMES)

        sponsor_short = "CFO" if theme["dept"] == "Finance" else "COO"
        fx = _Fill(
            dept=theme["dept"], team=theme["team"], users=theme["users"], user_title=theme["user_title"],
            metric=theme["metric"], metric_cap=_cap(theme["metric"]), unit=theme["unit"],
            b=r.randint(*theme["before"]), a=r.randint(*theme["after"]),
            legacy=r.choice(theme["legacy"]), system=r.choice(theme["systems"]),
            target=r.choice(theme["expand"]), city=r.choice(cities).split(",")[0],
            p=r.choice((60, 70, 75, 80, 85, 90)), p0=r.choice((25, 30, 40, 45, 50)),
            n=r.randint(2, 30) * (5 if segment != "SMB" else 1),
            n_pilot=r.choice((5, 8, 10, 12, 15, 20)),
            y=renewal.year, y0=signed.year - r.randint(1, 3),
            q=_quarter(signed + timedelta(days=r.randint(min(150, term_days - 2), max(151, term_days - 30)))),
            fy=r.choice(("March", "June", "September", "December")),
            sponsor_short=sponsor_short,
        )
        fx["legacy_cap"] = _cap(fx["legacy"])
        fx["target_cap"] = _cap(fx["target"])
        fx["subs"] = theme["subs"]
        fx["sub"] = r.choice(theme["subs"])
        fx["gap"] = fx.fill(r.choice(theme["gap"]))
        fx["result"] = fx.fill(theme["result"])

        # --- stakeholders (first, so texts can name the sponsor and champion)
        account_id = self.next_id("account")
        people = self.stakeholders(account_id, r.randint(sh_lo, sh_hi), form, kickoff, cities, domain, fx)
        fx["sponsor_first"] = people["sponsor_first"]
        fx["champion_first"] = people["champion_first"]

        goal = fx.fill(r.choice(theme["goal"]))
        criteria = fx.fill(r.choice(CRITERIA))
        row = {
            "id": account_id, "created_at": self.stamp, "updated_at": self.stamp,
            "name": name, "segment": segment, "arr_minor": arr * 100, "currency": currency,
            "contract_signed": signed, "kickoff": kickoff, "renewal": renewal, "stage": stage.value,
            "goal": goal, "success_criteria": criteria, "regions": ", ".join(regions), "archived": archived,
        }
        self.rows["account"].append(row)
        self.counts["account"] += 1

        self.notes(account_id, signed, kickoff, fx)
        milestones = self.milestones(
            account_id, form, variant, signed, kickoff, onboard_end, renewal, expansion_play, fx
        )
        self.obstacles(account_id, form, kickoff, renewal if archived else today, people, milestones, fx)
        qbrs_held = [m["done_on"] for m in milestones if m["_kind"] == "qbr" and m["done_on"]]
        self.checkins(account_id, form, segment, variant, signed, renewal, qbrs_held, fx, (cad_lo, cad_hi))

    def stakeholders(
        self, account_id: int, count: int, form: str, kickoff: date, cities: tuple[str, ...],
        domain: str, fx: _Fill,
    ) -> dict[str, Any]:
        r = self.rng
        today = self.today
        days_in = (today - kickoff).days
        # Did a key person leave? They stay on file as "left", maybe with a successor who counts
        # towards the account's 2-6 people.
        departure: StakeholderRole | None = None
        departed_on: date | None = None
        successor_start: date | None = None
        if days_in > 45 and r.random() < {"strong": 0.05, "steady": 0.15, "at_risk": 0.4}[form]:
            departure = r.choice((StakeholderRole.EXEC_SPONSOR, StakeholderRole.CHAMPION))
            departed_on = min(_weekday(kickoff + timedelta(days=r.randint(30, days_in - 1))), today - timedelta(days=1))
            # a successor for two departures in three; the obstacle is resolved when they start
            if r.random() < 0.65 and (today - departed_on).days > 10:
                successor_start = departed_on + timedelta(days=r.randint(7, min(75, (today - departed_on).days)))
        extra = [StakeholderRole.DECISION_MAKER, StakeholderRole.ADMIN, StakeholderRole.USER,
                 StakeholderRole.PROCUREMENT, StakeholderRole.OTHER]
        roles = [StakeholderRole.EXEC_SPONSOR, StakeholderRole.CHAMPION]
        roles += r.sample(extra, max(0, min(count, 6 - (successor_start is not None)) - 2))
        taken: set[str] = set()
        info: dict[str, Any] = {"departures": []}
        for role in roles:
            first, last, full = self.person(taken)
            left_on: date | None = None
            status = StakeholderStatus.ACTIVE
            if role == departure:
                left_on = departed_on
                status = StakeholderStatus.LEFT
            elif role not in KEY_ROLES and days_in > 60 and r.random() < 0.04:
                left_on = min(_weekday(kickoff + timedelta(days=r.randint(30, days_in - 1))), today - timedelta(days=1))
                status = StakeholderStatus.LEFT
            self.stakeholder_row(account_id, role, first, last, full, status, left_on, cities, domain, fx)
            if role == departure:
                successor = None
                if successor_start is not None:
                    s_first, s_last, s_full = self.person(taken)
                    self.stakeholder_row(account_id, role, s_first, s_last, s_full, StakeholderStatus.ACTIVE,
                                         None, cities, domain, fx)
                    successor = (s_first, successor_start)
                    first = s_first
                info["departures"].append((role, full, left_on, successor))
            if role == StakeholderRole.EXEC_SPONSOR:
                info["sponsor_first"] = first
            elif role == StakeholderRole.CHAMPION:
                info["champion_first"] = first
        return info

    def stakeholder_row(
        self, account_id: int, role: StakeholderRole, first: str, last: str, full: str,
        status: StakeholderStatus, left_on: date | None, cities: tuple[str, ...], domain: str, fx: _Fill,
    ) -> None:
        r = self.rng
        title = fx.fill(r.choice(ROLE_TITLES[role]))
        pattern = r.random()
        local = f"{_ascii(first)}.{_ascii(last)}" if pattern < 0.7 else f"{_ascii(first)[0]}{_ascii(last)}"
        self.add("stakeholder", {
            "account_id": account_id, "name": full, "title": title, "role": role.value,
            "email": f"{local}@{domain}" if r.random() < 0.95 else "",
            "location": r.choice(cities), "status": status.value, "left_on": left_on,
        })

    def notes(self, account_id: int, signed: date, kickoff: date, fx: _Fill) -> None:
        r = self.rng
        kinds = [NoteKind.GOAL, NoteKind.SUCCESS_CRITERIA]
        kinds += r.sample([NoteKind.HISTORY, NoteKind.BLOCKER, NoteKind.REAL_NEED, NoteKind.OTHER], r.randint(1, 4))
        latest = min(self.today, kickoff + timedelta(days=30))
        for kind in kinds:
            start = signed - timedelta(days=45)
            noted_on = _weekday(start + timedelta(days=r.randint(0, (latest - start).days)))
            self.add("discovery_note", {
                "account_id": account_id, "noted_on": min(noted_on, self.today),
                "kind": kind.value, "text": fx.fill(r.choice(NOTES[kind]), sub=r.choice(fx["subs"])),
            })

    def milestones(
        self, account_id: int, form: str, variant: str, signed: date, kickoff: date, onboard_end: date,
        renewal: date, expansion_play: bool, fx: _Fill,
    ) -> list[dict[str, Any]]:
        r = self.rng
        today = self.today
        plan: list[tuple[date, str, RunType, Phase, Team, str, str]] = []  # ..., kind, subject

        def add(day: date, title: str, run: RunType, phase: Phase, team: Team, kind: str, sub: str = "") -> None:
            sub = sub or fx["sub"]
            plan.append((day, fx.fill(title, sub=sub, sub_cap=_cap(sub)), run, phase, team, kind, sub))

        add(_weekday(signed + timedelta(days=r.randint(1, 2)), forward=True),
            "Sales-to-CS handover: deal notes and goals", RunType.SPRINT, Phase.KICKOFF, Team.SALES, "handover")
        add(kickoff, "Kickoff: goals, success criteria and the training plan", RunType.SPRINT, Phase.KICKOFF,
            Team.CSM, "kickoff")

        steps = sorted(r.sample(range(len(ONBOARDING)), r.randint(2, 4)))
        span = (onboard_end - kickoff).days
        for i, idx in enumerate(steps):
            title, run, team, _outcome = ONBOARDING[idx]
            day = kickoff + timedelta(days=5 + (span - 10) * (i + 1) // (len(steps) + 1) + r.randint(-2, 2))
            add(_weekday(day), title, run, Phase.ONBOARDING, team, f"onboarding:{idx}")
        add(_weekday(onboard_end), GO_LIVE[0], GO_LIVE[1], Phase.ONBOARDING, GO_LIVE[2], "golive")

        exp_start = signed + timedelta(days=int((renewal - signed).days * 0.4))
        exp_end = max(exp_start + timedelta(days=45), renewal - timedelta(days=140))
        if expansion_play:
            picks = sorted(r.sample(range(len(EXPANSION)), r.randint(2, 3)))
            gap = (exp_end - exp_start).days
            for i, idx in enumerate(picks):
                title, run, team = EXPANSION[idx]
                day = exp_start + timedelta(days=gap * i // len(picks) + r.randint(0, 6))
                add(_weekday(day), title, run, Phase.EXPANSION, team, "expansion")

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
            day = _weekday(qbr + timedelta(days=r.randint(-3, 3)))
            if _quarter(day) == last_label:  # the 13-week rhythm drifted: hold it early next quarter
                month = day.month - (day.month - 1) % 3 + 3
                day = _weekday(date(day.year + (month > 12), (month - 1) % 12 + 1, 2), forward=True)
            last_label = _quarter(day)
            add(day, f"{last_label} QBR: results and next quarter's focus", RunType.MEDIUM, phase, team, "qbr")
            qbr += timedelta(weeks=13)

        renewal_steps = [
            (120, "Renewal -120d: value review with {sponsor_first}", RunType.LONG, Team.CSM),
            (90, "Renewal -90d: forecast call with sales", RunType.SPRINT, Team.SALES),
            (60, "Renewal -60d: proposal to procurement", RunType.MEDIUM, Team.SALES),
            (30, "Renewal -30d: order form and signatures", RunType.SPRINT, Team.LEADERSHIP),
        ]
        keep = [renewal_steps[0], *r.sample(renewal_steps[1:], r.randint(1, 3))]
        for days, title, run, team in sorted(keep, key=lambda s: -s[0]):
            add(_weekday(renewal - timedelta(days=days)), title, run, Phase.RENEWAL, team, "renewal")
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
            add(_weekday(day), title, run, Phase.ADOPTION, team, f"adoption:{order[i % len(order)]}",
                r.choice(fx["subs"]))

        plan.sort(key=lambda m: (m[0], m[5] == "race"))
        done_w, missed_w, skipped_w = {
            "strong": (90, 5, 5), "steady": (80, 12, 8), "at_risk": (62, 28, 10)
        }[form]
        overdue_p = {"strong": 0.06, "steady": 0.12, "at_risk": 0.25}[form]
        out = []
        for day, title, run, phase, team, kind, sub in plan:
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
                slip = r.choices((-2, -1, 0, 1, 2, 3, 5, 8), (5, 10, 45, 15, 10, 7, 5, 3))[0]
                done_on = min(max(_weekday(day + timedelta(days=slip)), signed), today)
            outcome, notes = "", ""
            if status == MilestoneStatus.DONE:
                outcome = self.outcome(kind, fx, sub)
            elif status == MilestoneStatus.MISSED:
                notes = fx.fill(r.choice(MISSED_NOTES)) if kind != "race" else (
                    "Churned: budget cut after the acquisition; archived.")
            elif status == MilestoneStatus.SKIPPED:
                notes = fx.fill(r.choice(SKIPPED_NOTES))
            elif kind == "race":
                notes = "Overdue: waiting on the customer's paperwork." if day < today else r.choice(RACE_FORECAST[form])
            elif day >= today:
                notes = fx.fill(r.choice(PLANNED_NOTES))
            row = {
                "account_id": account_id, "title": title, "planned_on": day, "done_on": done_on,
                "status": status.value, "run_type": run.value, "phase": phase.value, "team": team.value,
                "outcome": outcome, "notes": notes,
            }
            self.add("milestone", row)
            out.append({**row, "_kind": kind})  # a copy: the inserted row has no _kind
        return out

    def outcome(self, kind: str, fx: _Fill, sub: str) -> str:
        r = self.rng
        if kind == "handover":
            return "Deal notes, goals and the buying committee documented for the CS team"
        if kind == "kickoff":
            return fx.fill("{sponsor_first} confirmed the goal and signed off the training plan")
        if kind.startswith("onboarding:"):
            return fx.fill(ONBOARDING[int(kind.split(":")[1])][3], h=r.choice((12, 18, 24, 36)))
        if kind == "golive":
            return fx.fill("{team} live; {legacy} kept read-only for one more month")
        if kind == "qbr":
            return fx.fill(r.choice((
                "{result}; {sponsor_first} agreed next quarter's focus on {sub}",
                "{sponsor_first} agreed the next two quarters' priorities",
                "Value summary accepted: {metric} from {b} to {a} {unit}",
            )), sub=r.choice(("automation", "reporting", "the rollout to " + fx["target"])))
        if kind == "expansion":
            return fx.fill(r.choice(EXPANSION_OUTCOMES))
        if kind == "renewal":
            return fx.fill(r.choice((
                "Renewal forecast confirmed at full value",
                "{sponsor_first} agreed the value summary; procurement has the proposal",
                "Order form signed off by legal",
            )))
        idx = int(kind.split(":")[1])
        template = ADOPTION[idx][3]
        return fx.fill(template, sub=sub, sub_cap=_cap(sub), n0=max(1, fx["n"] // 3), h=r.randint(3, 20))

    def obstacles(
        self, account_id: int, form: str, kickoff: date, until: date, people: dict[str, Any],
        milestones: list[dict[str, Any]], fx: _Fill,
    ) -> None:
        r = self.rng
        today = self.today
        items: list[tuple[ObstacleKind, Severity, str, str, date, date | None]] = []
        for role, full, left_on, successor in people["departures"]:
            role_label = label(role.value)
            title, mitigation = OBSTACLES[ObstacleKind.EXEC_TURNOVER][0]
            resolved = successor[1] if successor else None
            severity = Severity.HIGH if role == StakeholderRole.EXEC_SPONSOR else Severity.MEDIUM
            if successor is None and r.random() < 0.3:
                severity = Severity.CRITICAL
            items.append((
                ObstacleKind.EXEC_TURNOVER, severity,
                fx.fill(title, role=role_label, name=full),
                fx.fill(mitigation, role=role_label, role_lower=role_label.lower()),
                left_on, resolved,
            ))
        count = r.choice({"strong": (0, 1, 1, 2), "steady": (1, 1, 2, 2, 3), "at_risk": (2, 2, 3, 4)}[form])
        window = (until - kickoff).days
        if window > 7:
            sev_w = {"strong": (40, 40, 15, 5), "steady": (25, 45, 22, 8), "at_risk": (10, 30, 40, 20)}[form]
            resolve_p = {"strong": 0.8, "steady": 0.65, "at_risk": 0.4}[form]
            for _ in range(count):
                kind = r.choices((ObstacleKind.PRODUCT_GAP, ObstacleKind.ESCALATION, ObstacleKind.OTHER), (40, 32, 28))[0]
                title, mitigation = r.choice(OBSTACLES[kind])
                severity = r.choices(tuple(Severity), sev_w)[0]
                opened = _weekday(kickoff + timedelta(days=r.randint(3, window)))
                opened = min(opened, until)
                resolved: date | None = None
                if r.random() < resolve_p:
                    resolved = opened + timedelta(days=r.randint(3, 70))
                    if resolved >= until:
                        resolved = None if until == today else until
                items.append((kind, severity, fx.fill(title), fx.fill(mitigation), opened, resolved))
        for kind, severity, title, mitigation, opened, resolved in items:
            obstacle_id = self.add("obstacle", {
                "account_id": account_id, "kind": kind.value, "severity": severity.value, "title": title,
                "opened_on": opened, "resolved_on": resolved, "mitigation": mitigation,
            })
            if r.random() < 0.6:
                end = (resolved or today) + timedelta(days=21)
                near = [m for m in milestones if opened - timedelta(days=10) <= m["planned_on"] <= end
                        and m["status"] != MilestoneStatus.DONE.value]
                if not near:
                    near = [m for m in milestones if opened <= m["planned_on"] <= end]
                for m in r.sample(near, min(len(near), r.randint(1, 3))):
                    self.rows["obstacle_milestone"].append({"obstacle_id": obstacle_id, "milestone_id": m["id"]})
                    self.counts["obstacle_milestone"] += 1

    def checkins(
        self, account_id: int, form: str, segment: str, variant: str, signed: date,
        renewal: date, qbrs_held: list[date], fx: _Fill, cadence: tuple[int, int],
    ) -> None:
        r = self.rng
        today = self.today
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
            dates.append((_weekday(day), None))
            day += timedelta(days=r.randint(*cadence))
        dates.sort(key=lambda x: (x[0], x[1] is None))
        for held_on, kind in dates:
            if held_on > end:
                continue
            kind = kind or r.choices(kinds, kind_w)[0]
            sentiment = r.choices((-1, 0, 1), sentiment_w)[0]
            texts = QBR_SUMMARIES if kind == CheckInKind.QBR else CHECKIN_SUMMARIES
            summary = fx.fill(r.choice(texts[sentiment]), sub=r.choice(fx["subs"]), conv=CONVERSATION[kind])
            self.add("check_in", {
                "account_id": account_id, "held_on": held_on, "kind": kind.value,
                "summary": _cap(summary),
                "next_steps": fx.fill(r.choice(NEXT_STEPS)), "sentiment": sentiment,
            })
        if variant != "archived" and not quiet and r.random() < 0.3:
            held_on = r.choice([d for d in (today + timedelta(days=i) for i in range(1, 8)) if d.weekday() < 5])
            kind = r.choices((CheckInKind.CALL, CheckInKind.MEETING, CheckInKind.ON_SITE, CheckInKind.QBR), (55, 30, 8, 7))[0]
            agenda = fx.fill(r.choice(AGENDAS), sub=r.choice(fx["subs"]))
            self.add("check_in", {
                "account_id": account_id, "held_on": held_on, "kind": kind.value,
                "summary": f"Planned with {fx['champion_first']}: {agenda}.", "next_steps": "", "sentiment": 0,
            })


# --------------------------------------------------------------------------------------------
# Entry point
# --------------------------------------------------------------------------------------------

TABLES = (  # insert order: parents first
    ("account", Account),
    ("stakeholder", Stakeholder),
    ("discovery_note", DiscoveryNote),
    ("milestone", Milestone),
    ("obstacle", Obstacle),
    ("obstacle_milestone", ObstacleMilestone),
    ("check_in", CheckIn),
)


def _first_ids(conn: sa.Connection) -> dict[str, int]:
    ids = {}
    for name, model in TABLES:
        if name == "obstacle_milestone":
            continue
        top = conn.execute(select(func.max(model.__table__.c.id))).scalar_one()  # type: ignore[attr-defined]
        ids[name] = (top or 0) + 1
    return ids


def generate(db: Database, accounts: int = 40, seed: int = 1, today: date | None = None) -> DemoSummary:
    """Fill an empty database with a realistic book of `accounts` accounts, relative to `today`."""
    if isinstance(accounts, bool) or not isinstance(accounts, int) or not 1 <= accounts <= MAX_ACCOUNTS:
        raise DomainError(f"A demo has between 1 and {MAX_ACCOUNTS} accounts, not {accounts}.", "accounts")
    today = today or date.today()
    with db.session() as session:
        conn = session.connection()
        existing = conn.execute(select(func.count()).select_from(Account.__table__)).scalar_one()
        if existing:
            noun = "account" if existing == 1 else "accounts"
            raise DomainError(f"{db.path} already has {existing} {noun}; demo data goes into a new file.")
        gen = _Generator(seed, today, _first_ids(conn))
        done = 0
        while done < accounts:
            for _ in range(min(BATCH_ACCOUNTS, accounts - done)):
                gen.account()
            done += min(BATCH_ACCOUNTS, accounts - done)
            _write(conn, gen.rows)
            gen.reset_rows()
    c = gen.counts
    return DemoSummary(
        accounts=c["account"], stakeholders=c["stakeholder"], notes=c["discovery_note"],
        milestones=c["milestone"], obstacles=c["obstacle"], checkins=c["check_in"],
        obstacle_links=c["obstacle_milestone"],
    )


def _write(conn: sa.Connection, rows: dict[str, list[dict[str, Any]]]) -> None:
    for name, model in TABLES:
        if rows[name]:
            conn.execute(insert(model.__table__), rows[name])  # type: ignore[attr-defined]

