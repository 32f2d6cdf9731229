"""Fixed hues of the training calendar; backgrounds and text come from the palette (dark mode)."""

from PySide6.QtGui import QColor, QPalette

from csplanner.core.enums import Phase, RunType, Severity

RUN = {
    RunType.SPRINT: QColor("#129c9c"),  # teal: quick win
    RunType.MEDIUM: QColor("#2f6fd6"),  # blue: mid-term initiative
    RunType.LONG: QColor("#8247c2"),  # purple: long-term change
    RunType.RACE: QColor("#d49a00"),  # gold: renewal
}
PHASE = {
    Phase.KICKOFF: QColor("#e07b24"),
    Phase.ONBOARDING: QColor("#3f9e6a"),
    Phase.ADOPTION: QColor("#4f86c6"),
    Phase.EXPANSION: QColor("#a05fc0"),
    Phase.RENEWAL: QColor("#c9a227"),
}
MISSED = QColor("#d63b3b")
DONE = QColor("#2e9e55")
PARTLY = QColor("#e0b400")
TODAY = QColor("#e8590c")
SKIPPED = QColor("#8a8a8a")
INJURY = QColor("#c0392b")  # exec turnover, escalation: it hurts the runner
WEATHER = QColor("#5b7083")  # product gap, other: the conditions are bad
SEVERITY_ALPHA = {Severity.LOW: 120, Severity.MEDIUM: 170, Severity.HIGH: 210, Severity.CRITICAL: 255}


def tint(palette: QPalette, color: QColor, alpha: int) -> QColor:
    """`color` laid over the palette's base at `alpha` (0-255), as an opaque colour."""
    base = palette.color(QPalette.ColorRole.Base)
    a = alpha / 255
    return QColor(
        round(base.red() * (1 - a) + color.red() * a),
        round(base.green() * (1 - a) + color.green() * a),
        round(base.blue() * (1 - a) + color.blue() * a),
    )


def readable_on(color: QColor) -> QColor:
    """Black or white text, whichever reads better on `color`."""
    return QColor("#111111") if color.lightnessF() > 0.62 else QColor("#ffffff")
