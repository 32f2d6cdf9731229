"""The training calendar's fixed hues, as hex strings, shared by the app and the PDF."""

from dataclasses import dataclass

from csplanner.core.contrast import best_ink, mix
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

# ---- text on colour (issue 19): every pair below reaches WCAG AA, 4.5:1, in both palettes ----
# The hues above stay for fills, frames and marks; where a hue is read as text it takes its TEXT
# variant, and text on a filled hue takes INK_ON. tests/core/test_contrast.py checks every pair.
LIGHT, DARK = "light", "dark"
RACE_TAG = ("#ffd34d", "#111111")  # "RACE DAY": gold letters on black, like a finish banner
INKS = ("#111111", "#ffffff")  # text on a filled chip, badge or bar: whichever reads better


@dataclass(frozen=True)
class Surface:
    """A palette's backgrounds and text: Fusion's light one (also paper), the usual Fusion dark."""

    base: str
    window: str
    shade: str  # zebra rows: the PDF's shaded rows, a palette's AlternateBase
    text: str


SURFACE = {
    LIGHT: Surface(base="#ffffff", window="#efefef", shade="#f2f4f7", text="#000000"),
    DARK: Surface(base="#191919", window="#353535", shade="#353535", text="#ffffff"),
}
# How strongly a hue is laid over the base behind text (painting and the checks share them).
CHIP_TINT = 28 / 255  # a planned run's chip
DAY_TINT = 30 / 255  # a future day, by its biggest run
PAST_DAY_TINT = 46 / 255  # a past day, by compliance
PHASE_TINT = 40 / 255  # the week label, by phase

# A hue written as text: darker on light surfaces, lighter on dark ones (made by core.contrast.
# readable_variant and written out so a change is a visible diff).
TEXT = {
    LIGHT: {
        "#129c9c": "#0d6d6d", "#2f6fd6": "#285fb8", "#8247c2": "#7f46be", "#d49a00": "#7f5c00",
        "#e07b24": "#945118", "#3f9e6a": "#2c6f4a", "#4f86c6": "#3c6696", "#a05fc0": "#804c9a",
        "#c9a227": "#755e17", "#d63b3b": "#b43232", "#2e9e55": "#206f3b", "#e0b400": "#796100",
        "#e8590c": "#a74009", "#8a8a8a": "#636363", "#c0392b": "#b43628", "#5b7083": "#526576",
        "#b3261e": "#b3261e", "#e0671b": "#a14a13", "#c99400": "#7d5c00", "#7a8793": "#5a646d",
        "#d08a00": "#855800",
    },
    DARK: {
        "#129c9c": "#41b0b0", "#2f6fd6": "#76a0e4", "#8247c2": "#b491da", "#d49a00": "#d49a00",
        "#e07b24": "#e48b3e", "#3f9e6a": "#62af85", "#4f86c6": "#79a3d4", "#a05fc0": "#bc8fd3",
        "#c9a227": "#c9a227", "#d63b3b": "#e68585", "#2e9e55": "#58b177", "#e0b400": "#e0b400",
        "#e8590c": "#ee844b", "#8a8a8a": "#9f9f9f", "#c0392b": "#da8c84", "#5b7083": "#93a1ad",
        "#b3261e": "#d78e8a", "#e0671b": "#e7884d", "#c99400": "#cb980a", "#7a8793": "#97a1ab",
        "#d08a00": "#d49314",
    },
}


def as_text(hue: str, palette: str = LIGHT) -> str:
    """`hue` as a text colour that reads on `palette`'s surfaces (the PDF is LIGHT)."""
    return TEXT[palette].get(hue.lower(), hue)


def ink_on(fill: str) -> str:
    """Text on a filled `fill`: dark ink or white, whichever has more contrast."""
    return best_ink(fill, INKS)


def text_pairs(palette: str) -> list[tuple[str, str, str]]:
    """Every (where, text, background) the app and the PDFs draw from this table, for `palette`."""
    s = SURFACE[palette]
    grounds = {"base": s.base, "window": s.window, "shade": s.shade}
    pairs: list[tuple[str, str, str]] = []
    worded = {**{f"{k} run": v for k, v in RUN.items()}, "done": DONE, "missed": MISSED, "skipped": SKIPPED,
              "today": TODAY, "injury": INJURY, "weather": WEATHER,
              **{f"{k} severity": v for k, v in SEVERITY.items()}, **{f"{k} health": v for k, v in BAND.items()},
              **{f"{k} phase": v for k, v in PHASE.items()}, "partly": PARTLY}
    for name, hue in worded.items():  # coloured words: run types, statuses, severities, scores
        pairs += [(f"{name} as text on {g}", as_text(hue, palette), bg) for g, bg in grounds.items()]
    filled = {**{f"done {k} run chip": v for k, v in RUN.items()}, "missed run chip": MISSED, "today pill": TODAY,
              **{f"{k} severity badge": v for k, v in SEVERITY.items()}, "critical injury bar": INJURY}
    pairs += [(name, ink_on(hue), hue) for name, hue in filled.items()]
    for sev, alpha in SEVERITY_ALPHA.items():  # injury bars: the hue at the severity's strength
        bar = mix(INJURY, alpha / 255, s.base)
        pairs.append((f"{sev} injury bar", ink_on(bar), bar))
        pairs.append((f"{sev} bad-weather bar", s.text, mix(WEATHER, alpha // 4 / 255, s.base)))
    for run, hue in RUN.items():
        chip = mix(hue, CHIP_TINT, s.base)
        pairs.append((f"planned {run} run chip", s.text, chip))
        pairs.append((f"'today' beside a {run} run", as_text(TODAY, palette), mix(hue, DAY_TINT, s.base)))
    pairs.append(("overdue run chip", as_text(MISSED, palette), mix(MISSED, CHIP_TINT, s.base)))
    for name, hue in (("done", DONE), ("partly done", PARTLY), ("missed", MISSED)):
        pairs.append((f"day number on a {name} day", s.text, mix(hue, PAST_DAY_TINT, s.base)))
    for phase, hue in PHASE.items():
        label = mix(hue, PHASE_TINT, s.base)
        pairs.append((f"{phase} phase name on its week label", as_text(hue, palette), label))
        pairs.append((f"race week countdown in the {phase} phase", as_text(RUN[RunType.RACE], palette), label))
    pairs.append(("RACE DAY tag", *RACE_TAG))
    return pairs
