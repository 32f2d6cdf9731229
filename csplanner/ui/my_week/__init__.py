"""My week: the week ahead across all accounts, to tick off and to print."""

from csplanner.ui.my_week.view import MyWeekView

__all__ = ["MyWeekView"]
