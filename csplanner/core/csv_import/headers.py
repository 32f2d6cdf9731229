"""Which column holds which account field: guessed from common CRM headers, or mapped by the user.

Salesforce ("Account Name", "Annual Revenue", "Contract End Date"), HubSpot ("Company name",
"Annual revenue", "Close date") and Gainsight-style ("Company Name", "ARR", "Renewal Date")
exports need no mapping.
"""

import re

from csplanner.core.errors import DomainError

ACCOUNT_FIELDS = ("name", "segment", "arr", "currency", "contract_signed", "kickoff", "renewal", "stage",
                  "goal", "success_criteria", "regions", "owner")
CONTACT_FIELDS = ("contact_name", "contact_title", "contact_email", "contact_role")
FIELDS = ACCOUNT_FIELDS + CONTACT_FIELDS
IGNORE = "ignore"
DATE_FIELDS = ("contract_signed", "kickoff", "renewal")

# Normalised header (lower case, letters and digits only) -> field.
SYNONYMS: dict[str, str] = {
    **dict.fromkeys(("name", "accountname", "account", "companyname", "company", "customername", "customer",
                     "organization", "organisation", "organizationname", "organisationname", "client"), "name"),
    **dict.fromkeys(("segment", "type", "accounttype", "customersegment", "tier", "customertier",
                     "accounttier", "segmentation"), "segment"),
    **dict.fromkeys(("arr", "annualrevenue", "annualrecurringrevenue", "currentarr", "totalarr", "contractvalue",
                     "annualcontractvalue", "acv", "mrrarr"), "arr"),
    **dict.fromkeys(("currency", "currencycode", "currencyisocode", "accountcurrency", "arrcurrency",
                     "annualrevenuecurrency"), "currency"),
    **dict.fromkeys(("contractsigned", "contractsigneddate", "contractstartdate", "contractstart", "startdate",
                     "closedate", "customersince", "originalcontractdate", "signeddate", "signdate",
                     "contractdate"), "contract_signed"),
    **dict.fromkeys(("kickoff", "kickoffdate", "onboardingstartdate", "onboardingstart"), "kickoff"),
    **dict.fromkeys(("renewal", "renewaldate", "contractenddate", "contractend", "enddate", "nextrenewaldate",
                     "renewaldue", "racedate", "raceday"), "renewal"),
    **dict.fromkeys(("stage", "laerstage", "customerstage", "journeystage", "accountstage"), "stage"),
    **dict.fromkeys(("goal", "goals", "customergoal", "customergoals", "objective", "objectives",
                     "businessgoal", "businessgoals"), "goal"),
    **dict.fromkeys(("successcriteria", "successmetrics", "successplan"), "success_criteria"),
    **dict.fromkeys(("region", "regions", "country", "countryregion", "billingcountry", "territory", "geo"),
                    "regions"),
    **dict.fromkeys(("owner", "accountowner", "ownername", "csm", "csmname", "customersuccessmanager",
                     "assignedcsm", "assignedto", "accountmanager"), "owner"),
    **dict.fromkeys(("contactname", "contact", "primarycontact", "primarycontactname", "maincontact",
                     "fullname"), "contact_name"),
    **dict.fromkeys(("contacttitle", "title", "jobtitle", "primarycontacttitle"), "contact_title"),
    **dict.fromkeys(("contactemail", "email", "emailaddress", "primarycontactemail"), "contact_email"),
    **dict.fromkeys(("contactrole", "role"), "contact_role"),
}
_PAREN = re.compile(r"\(([^)]*)\)")


def normalise(header: str) -> str:
    """'Account Name' -> 'accountname'; a note in parentheses ('ARR (USD)') is left out."""
    return re.sub(r"[\W_]+", "", _PAREN.sub("", header)).lower()


def header_currency(header: str) -> str | None:
    """'ARR (EUR)' names the currency of its column: 'EUR'."""
    found = _PAREN.search(header)
    code = found.group(1).strip().upper() if found else ""
    return code if re.fullmatch(r"[A-Z]{3}", code) else None


def guess_mapping(header: list[str]) -> dict[int, str]:
    """Column index -> field, for the headers we recognise; the first column wins a field."""
    mapping: dict[int, str] = {}
    for index, title in enumerate(header):
        field = SYNONYMS.get(normalise(title))
        if field is not None and field not in mapping.values():
            mapping[index] = field
    return mapping


def parse_map_option(option: str) -> tuple[str, str]:
    """'Account Owner=ignore' / 'Cust=name' as given to --map: (column, field)."""
    column, sep, field = option.rpartition("=")
    field = field.strip().lower()
    if not sep or not column.strip():
        raise DomainError(f"--map {option!r}: use COLUMN=FIELD, for example --map \"Cust Name=name\".")
    if field not in FIELDS and field != IGNORE:
        raise DomainError(f"--map {option!r}: '{field}' is not a field; use one of {', '.join(FIELDS)} or ignore.")
    return column.strip(), field


def apply_overrides(header: list[str], mapping: dict[int, str], overrides: list[tuple[str, str]]) -> dict[int, str]:
    """The guessed mapping with the user's COLUMN=FIELD choices on top (a field moves to its new column)."""
    out = dict(mapping)
    folded = [h.strip().casefold() for h in header]
    for column, field in overrides:
        if column.casefold() not in folded:
            raise DomainError(f"--map: the file has no column '{column}' (it has: {', '.join(header)}).")
        index = folded.index(column.casefold())
        out = {i: f for i, f in out.items() if f != field and i != index}
        if field != IGNORE:
            out[index] = field
    return out
