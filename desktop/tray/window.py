"""What the tray needs of the main window and the preferences dialog.

The app (desktop/app.py) makes both and hands them in; the tray never imports the
window's code, nor the window the tray's (the import contracts in pyproject.toml).
"""

from __future__ import annotations

from collections.abc import Callable
from typing import Any, Protocol

from desktop.services.changes import Changes
from desktop.services.reminders import ReminderView
from desktop.tray.autostart import Autostart


class Window(Protocol):
    """ui.main_window.MainWindow, as the companion uses it."""

    keep_running_on_close: bool
    active_dialog: Any
    # Signals: data_changed, hidden_to_tray, quit_requested, preferences_requested and
    # data_restored, each connected to a slot of the companion.
    data_changed: Any
    hidden_to_tray: Any
    quit_requested: Any
    preferences_requested: Any
    data_restored: Any
    opportunity_saved: Any

    def show_and_raise(self) -> None: ...
    def refresh(self) -> None: ...
    def apply(self, changes: Changes) -> None: ...
    def act_on_reminder(self, view: ReminderView) -> object: ...  # the dialog it opened
    def new_interview(self) -> object: ...
    def show_banner(self, text: str, actions: Any = ()) -> None: ...
    def show_error(self, text: str) -> None: ...
    def save_state(self) -> None: ...
    def isVisible(self) -> bool: ...
    def isMinimized(self) -> bool: ...
    def close(self) -> bool: ...


class Preferences(Protocol):
    """ui.preferences_dialog.PreferencesDialog, as the companion uses it."""

    accepted: Any
    finished: Any

    def chosen_tray_style(self) -> str: ...
    def open(self) -> None: ...
    def deleteLater(self) -> None: ...


# (autostart, the command login runs, the parent window, the tray icon style now). The
# parent is the Window above, which is a QWidget the tray does not know as one.
MakePreferences = Callable[[Autostart, list[str], Any, str], Preferences]
