"""Fixed hues of the training calendar; backgrounds and text come from the palette (dark mode)."""

from PySide6.QtGui import QColor, QPalette

from csplanner.core import colors as hues

RUN = {k: QColor(v) for k, v in hues.RUN.items()}
PHASE = {k: QColor(v) for k, v in hues.PHASE.items()}
MISSED = QColor(hues.MISSED)
DONE = QColor(hues.DONE)
PARTLY = QColor(hues.PARTLY)
TODAY = QColor(hues.TODAY)
SKIPPED = QColor(hues.SKIPPED)
INJURY = QColor(hues.INJURY)
WEATHER = QColor(hues.WEATHER)
SEVERITY_ALPHA = hues.SEVERITY_ALPHA


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
