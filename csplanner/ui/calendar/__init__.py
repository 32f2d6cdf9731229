"""The training calendar: one account's plan, every account's week, and plan templates."""

from csplanner.ui.calendar.account_view import AccountCalendar
from csplanner.ui.calendar.all_accounts import AllAccountsCalendar

__all__ = ["AccountCalendar", "AllAccountsCalendar"]
