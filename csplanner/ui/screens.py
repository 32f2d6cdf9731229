"""Where the main window finds the screens built elsewhere, so no screen imports another.

Each function returns fresh widgets for one window. Views and account widgets may define a
Qt signal `open_account(int)`: the main window connects it to select that account.
Account widgets implement `set_account(account_id: int | None)`.
"""

from PySide6.QtGui import QAction
from PySide6.QtWidgets import QMainWindow, QWidget

from csplanner.ui.context import AppContext


def top_views(ctx: AppContext) -> list[tuple[str, QWidget, str]]:
    """Top-level views beside "Accounts": (title, widget, shortcut such as "Ctrl+2")."""
    views: list[tuple[str, QWidget, str]] = []
    from csplanner.ui.calendar import AllAccountsCalendar

    views.append(("Calendar", AllAccountsCalendar(ctx), "Ctrl+2"))
    from csplanner.ui.my_week import MyWeekView

    views.append(("My week", MyWeekView(ctx), "Ctrl+3"))
    from csplanner.ui.forecast_view import ForecastView

    views.append(("Forecast", ForecastView(ctx), "Ctrl+4"))
    return views


def account_tabs(ctx: AppContext) -> list[tuple[str, QWidget]]:
    """Extra tabs on the account page (after Overview), e.g. the training calendar."""
    tabs: list[tuple[str, QWidget]] = []
    from csplanner.ui.calendar import AccountCalendar

    tabs.append(("Training calendar", AccountCalendar(ctx)))
    return tabs


def overview_widgets(ctx: AppContext) -> list[QWidget]:
    """Widgets placed inside the account overview, e.g. health with its parts and trend."""
    widgets: list[QWidget] = []
    from csplanner.ui.season_panel import SeasonPanel

    widgets.append(SeasonPanel(ctx))
    from csplanner.ui.health_panel import HealthPanel

    widgets.append(HealthPanel(ctx))
    return widgets


def file_actions(ctx: AppContext, window: QMainWindow) -> list[QAction]:
    """Extra actions for the File menu, e.g. exports. `window.current_account_id()` is available."""
    actions: list[QAction] = []
    from csplanner.ui import data_actions, export_actions, import_export

    actions += import_export.actions(ctx, window)
    actions += export_actions.actions(ctx, window)
    actions += data_actions.actions(ctx, window)
    from csplanner.ui import checkpoints

    settings = QAction("Renewal &checkpoints…", window)
    settings.setToolTip("How many weeks before race day to ask for a forecast")
    settings.triggered.connect(lambda: checkpoints.edit(window, ctx))
    actions.append(settings)
    from csplanner.ui.coach_settings import CoachSettingsDialog

    coach = QAction("C&oach settings…", window)
    coach.setToolTip("Contact cadences by role, hours each run takes, hours a week for the plan")
    coach.triggered.connect(lambda: CoachSettingsDialog.ask(window, ctx))
    actions.append(coach)
    return actions
