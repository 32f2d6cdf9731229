"""csplanner's icon for windows and dialogs, from the PNG sizes in resources/icons."""

from PySide6.QtGui import QIcon, QPixmap

from csplanner.core import resources

SIZES = (16, 24, 32, 48, 64, 128, 256, 512)
_icon: QIcon | None = None


def pixmap(size: int) -> QPixmap:
    """One rendered size (PNG, so no SVG module is needed at run time)."""
    pm = QPixmap()
    pm.loadFromData(resources.read_bytes("icons", f"csplanner-{size}.png"), "PNG")
    return pm


def app_icon() -> QIcon:
    global _icon
    if _icon is None:
        _icon = QIcon()
        for size in SIZES:
            _icon.addPixmap(pixmap(size))
    return _icon
