"""Where the main window finds the screens built elsewhere, so no screen imports another.

Each function returns fresh widgets for one window. What the window may ask of them is said
by the protocols below, not guessed with hasattr. Views and tabs the first screen does not show
are LazyPages: their module is imported and the widget built when the user first opens them.
"""

from typing import Protocol, runtime_checkable

from PySide6.QtCore import SignalInstance
from PySide6.QtGui import QAction
from PySide6.QtWidgets import QMainWindow, QStatusBar, QWidget

from csplanner.ui import data_actions, export_actions, import_export
from csplanner.ui.context import AppContext
from csplanner.ui.health_panel import HealthPanel
from csplanner.ui.lazy_page import LazyPage
from csplanner.ui.season_panel import SeasonPanel


class ShowsAccount(Protocol):
    """An account widget: told which account is selected (None: none)."""

    def set_account(self, account_id: int | None) -> None: ...


@runtime_checkable
class OpensAccounts(Protocol):
    """A view that can ask the window to show an account (a name clicked, "Open account")."""

    open_account: SignalInstance  # emits the account id


class AccountWindow(Protocol):
    """What file actions may ask of the window."""

    def current_account_id(self) -> int | None: ...

    def statusBar(self) -> QStatusBar: ...  # noqa: N802


def _all_accounts_calendar(ctx: AppContext) -> QWidget:
    from csplanner.ui.calendar.all_accounts import AllAccountsCalendar

    return AllAccountsCalendar(ctx)


def _my_week(ctx: AppContext) -> QWidget:
    from csplanner.ui.my_week import MyWeekView

    return MyWeekView(ctx)


def _forecast(ctx: AppContext) -> QWidget:
    from csplanner.ui.forecast_view import ForecastView

    return ForecastView(ctx)


def _account_calendar(ctx: AppContext) -> QWidget:
    from csplanner.ui.calendar.account_view import AccountCalendar

    return AccountCalendar(ctx)


def top_views(ctx: AppContext) -> list[tuple[str, QWidget, str]]:
    """Top-level views beside "Accounts": (title, widget, shortcut such as "Ctrl+2"); each widget
    a LazyPage whose content may be OpensAccounts."""
    return [("Calendar", LazyPage(lambda: _all_accounts_calendar(ctx)), "Ctrl+2"),
            ("My week", LazyPage(lambda: _my_week(ctx)), "Ctrl+3"),
            ("Forecast", LazyPage(lambda: _forecast(ctx)), "Ctrl+4")]


def account_tabs(ctx: AppContext) -> list[tuple[str, QWidget]]:
    """Extra tabs on the account page (after Overview), e.g. the training calendar; each a LazyPage
    whose content ShowsAccount."""
    return [("Training calendar", LazyPage(lambda: _account_calendar(ctx)))]


def overview_widgets(ctx: AppContext) -> list[QWidget]:
    """Widgets placed inside the account overview (race day's seasons, health with its parts and
    trend); each ShowsAccount."""
    return [SeasonPanel(ctx), HealthPanel(ctx)]


def file_actions(ctx: AppContext, window: QMainWindow) -> list[QAction]:
    """Extra actions for the File menu, e.g. imports, exports and data files; `window` is an AccountWindow."""
    settings = QAction("Renewal &checkpoints…", window)
    settings.setToolTip("How many weeks before race day to ask for a forecast")
    settings.triggered.connect(lambda: _edit_checkpoints(ctx, window))
    coach = QAction("C&oach settings…", window)
    coach.setToolTip("Contact cadences by role, hours each run takes, hours a week for the plan")
    coach.triggered.connect(lambda: _coach_settings(ctx, window))
    return [*import_export.actions(ctx, window), *export_actions.actions(ctx, window),
            *data_actions.actions(ctx, window), settings, coach]


def _edit_checkpoints(ctx: AppContext, window: QMainWindow) -> None:
    from csplanner.ui import checkpoints

    checkpoints.edit(window, ctx)


def _coach_settings(ctx: AppContext, window: QMainWindow) -> None:
    from csplanner.ui.coach_settings import CoachSettingsDialog

    CoachSettingsDialog.ask(window, ctx)
