"""The boundary where the user's locale is read, once, for every date and number shown or printed."""

from babel import Locale
from PySide6.QtCore import QLocale

from csplanner.core import present


def use_user_locale() -> Locale:
    """Format as the user's system settings say (Qt reads them from the OS); 'C' falls back to en_GB."""
    return present.use_locale(QLocale().name())
