"""The training calendar's fixed hues, as hex strings, shared by the app and the PDF."""

from csplanner.core.enums import Phase, RunType, Severity
from csplanner.core.present.bands import Band

RUN = {
    RunType.SPRINT: "#129c9c",  # teal: quick win
    RunType.MEDIUM: "#2f6fd6",  # blue: mid-term initiative
    RunType.LONG: "#8247c2",  # purple: long-term change
    RunType.RACE: "#d49a00",  # gold: renewal
}
PHASE = {
    Phase.KICKOFF: "#e07b24",
    Phase.ONBOARDING: "#3f9e6a",
    Phase.ADOPTION: "#4f86c6",
    Phase.EXPANSION: "#a05fc0",
    Phase.RENEWAL: "#c9a227",
}
MISSED = "#d63b3b"
DONE = "#2e9e55"
PARTLY = "#e0b400"
TODAY = "#e8590c"
SKIPPED = "#8a8a8a"
INJURY = "#c0392b"  # exec turnover, escalation: it hurts the runner
WEATHER = "#5b7083"  # product gap, other: the conditions are bad
SEVERITY_ALPHA = {Severity.LOW: 120, Severity.MEDIUM: 170, Severity.HIGH: 210, Severity.CRITICAL: 255}
# Severity as a tag (My week): the worse, the hotter.
SEVERITY = {Severity.CRITICAL: "#b3261e", Severity.HIGH: "#e0671b", Severity.MEDIUM: "#c99400", Severity.LOW: "#7a8793"}
# Health bands (present.band): green, amber, red.
BAND = {Band.GREEN: "#2e9e55", Band.AMBER: "#d08a00", Band.RED: "#d63b3b"}
