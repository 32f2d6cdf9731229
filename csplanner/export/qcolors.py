"""The hues of core.colors as QColors, for the app and the PDFs alike, and the one `tint()`.

It sits in export because export is the lowest layer allowed to use Qt; ui imports it too.
"""

from PySide6.QtGui import QColor, QPalette

from csplanner.core import colors as hues
from csplanner.core.present import Band, band

RUN = {k: QColor(v) for k, v in hues.RUN.items()}
PHASE = {k: QColor(v) for k, v in hues.PHASE.items()}
SEVERITY = {k: QColor(v) for k, v in hues.SEVERITY.items()}
BAND = {k: QColor(v) for k, v in hues.BAND.items()}
MISSED = QColor(hues.MISSED)  # also "late": overdue runs, missed training
DONE = QColor(hues.DONE)
PARTLY = QColor(hues.PARTLY)
TODAY = QColor(hues.TODAY)
SKIPPED = QColor(hues.SKIPPED)
INJURY = QColor(hues.INJURY)
WEATHER = QColor(hues.WEATHER)
SEVERITY_ALPHA = hues.SEVERITY_ALPHA
CHIP_TINT, DAY_TINT, PAST_DAY_TINT, PHASE_TINT = hues.CHIP_TINT, hues.DAY_TINT, hues.PAST_DAY_TINT, hues.PHASE_TINT
RACE_TAG = tuple(QColor(c) for c in hues.RACE_TAG)  # (letters, ground)
WHITE = QColor("#ffffff")
RESULT_DUE = QColor("#d32f2f")  # race day passed with no result: reads on light and dark bases alike
COMPLIANCE = {Band.GREEN: DONE, Band.AMBER: PARTLY, Band.RED: MISSED}  # see present.compliance_band


def band_color(score: float) -> QColor:
    """Green from 75, amber from 50, red below: a health score's colour everywhere."""
    return BAND[band(score)]


def tint(color: QColor, alpha: float, base: QColor | QPalette = WHITE) -> QColor:
    """`color` laid over `base` (paper white, or a palette's Base in dark mode too) at `alpha` (0-1),
    as an opaque colour: PDF viewers differ on transparency."""
    if isinstance(base, QPalette):
        base = base.color(QPalette.ColorRole.Base)
    return QColor(
        round(base.red() * (1 - alpha) + color.red() * alpha),
        round(base.green() * (1 - alpha) + color.green() * alpha),
        round(base.blue() * (1 - alpha) + color.blue() * alpha),
    )


def readable_on(color: QColor) -> QColor:
    """Dark ink or white text, whichever has more contrast on the filled `color` (WCAG)."""
    return QColor(hues.ink_on(color.name()))


def palette_name(pal: QPalette | None) -> str:
    """LIGHT or DARK: which of the colour table's palettes `pal` is (None: paper, light)."""
    if pal is not None and pal.color(QPalette.ColorRole.Base).lightness() < 128:
        return hues.DARK
    return hues.LIGHT


def as_text(hue: QColor, pal: QPalette | None = None) -> QColor:
    """A hue written as text: its variant that reaches 4.5:1 on `pal` (None: on paper)."""
    return QColor(hues.as_text(hue.name(), palette_name(pal)))
