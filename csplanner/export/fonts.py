"""The font shipped with csplanner, so an exported PDF is the same on every machine."""

import os
import sys

from PySide6.QtCore import QByteArray
from PySide6.QtGui import QFont, QFontDatabase, QGuiApplication

from csplanner.core import resources

FILES = ("DejaVuSans.ttf", "DejaVuSans-Bold.ttf")
LICENCE_FILE = "LICENSE-DejaVu.txt"
LICENCE_SUMMARY = ("DejaVu Sans and DejaVu Sans Bold, embedded in exported PDFs: Bitstream Vera Fonts licence "
                   "(free to use and redistribute); DejaVu's changes are in the public domain.")
_family: str | None = None
_app: QGuiApplication | None = None  # kept alive for command-line exports


def ensure_gui() -> None:
    """A QGuiApplication for painting; headless (offscreen) when there is no display."""
    global _app
    if QGuiApplication.instance() is not None:
        return
    no_display = not (os.environ.get("DISPLAY") or os.environ.get("WAYLAND_DISPLAY"))
    if sys.platform.startswith(("linux", "freebsd", "openbsd")) and no_display:
        os.environ.setdefault("QT_QPA_PLATFORM", "offscreen")
    _app = QGuiApplication(["csplanner"])


def family() -> str:
    """Register the bundled fonts once (from bytes: works inside a zip or frozen app)."""
    global _family
    if _family is None:
        ensure_gui()
        names: list[str] = []
        for name in FILES:
            data = resources.read_bytes("fonts", name)
            font_id = QFontDatabase.addApplicationFontFromData(QByteArray(data))
            if font_id >= 0:
                names += QFontDatabase.applicationFontFamilies(font_id)
        _family = names[0] if names else "DejaVu Sans"
    return _family


def licence_text() -> str:
    """The full licence of the fonts shipped inside csplanner (shown in Help → About)."""
    return resources.read_text("fonts", LICENCE_FILE)


def font(points: float, bold: bool = False) -> QFont:
    f = QFont(family())
    f.setPointSizeF(points)
    f.setBold(bold)
    # no "fi"/"ff" ligatures: copied or searched text must read "file", not "ﬁle"
    f.setFeature(QFont.Tag("liga"), 0)

    return f
