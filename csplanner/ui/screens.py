"""Where the main window finds the screens built elsewhere, so no screen imports another.

Each function returns fresh widgets for one window. What the window may ask of them is said
by the protocols below, not guessed with hasattr.
"""

from typing import Protocol, runtime_checkable

from PySide6.QtCore import SignalInstance
from PySide6.QtGui import QAction
from PySide6.QtWidgets import QMainWindow, QStatusBar, QWidget

from csplanner.ui import checkpoints, data_actions, export_actions, import_export
from csplanner.ui.calendar import AccountCalendar, AllAccountsCalendar
from csplanner.ui.coach_settings import CoachSettingsDialog
from csplanner.ui.context import AppContext
from csplanner.ui.forecast_view import ForecastView
from csplanner.ui.health_panel import HealthPanel
from csplanner.ui.my_week import MyWeekView
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


def top_views(ctx: AppContext) -> list[tuple[str, QWidget, str]]:
    """Top-level views beside "Accounts": (title, widget, shortcut such as "Ctrl+2")."""
    return [("Calendar", AllAccountsCalendar(ctx), "Ctrl+2"), ("My week", MyWeekView(ctx), "Ctrl+3"),
            ("Forecast", ForecastView(ctx), "Ctrl+4")]


def account_tabs(ctx: AppContext) -> list[tuple[str, AccountCalendar]]:
    """Extra tabs on the account page (after Overview), e.g. the training calendar; each ShowsAccount."""
    return [("Training calendar", AccountCalendar(ctx))]


def overview_widgets(ctx: AppContext) -> list[QWidget]:
    """Widgets placed inside the account overview (race day's seasons, health with its parts and
    trend); each ShowsAccount."""
    return [SeasonPanel(ctx), HealthPanel(ctx)]


def file_actions(ctx: AppContext, window: QMainWindow) -> list[QAction]:
    """Extra actions for the File menu, e.g. imports, exports and data files; `window` is an AccountWindow."""
    settings = QAction("Renewal &checkpoints…", window)
    settings.setToolTip("How many weeks before race day to ask for a forecast")
    settings.triggered.connect(lambda: checkpoints.edit(window, ctx))
    coach = QAction("C&oach settings…", window)
    coach.setToolTip("Contact cadences by role, hours each run takes, hours a week for the plan")
    coach.triggered.connect(lambda: CoachSettingsDialog.ask(window, ctx))
    return [*import_export.actions(ctx, window), *export_actions.actions(ctx, window),
            *data_actions.actions(ctx, window), settings, coach]
