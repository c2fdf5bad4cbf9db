"""Every user-visible string of the tray, notifications and autostart."""

from __future__ import annotations

TOOLTIP_IDLE = "Debrief: nothing waiting"
TOOLTIP_WAITING_ONE = "Debrief: 1 reminder waiting"
TOOLTIP_WAITING = "Debrief: {count} reminders waiting"
TOOLTIP_WEEK = "This week: {done} of {goal} applications"
# Past the goal "7 of 5" reads as a mistake: the count stands alone, the goal after it.
TOOLTIP_WEEK_MET = "This week: {done} applications, goal of {goal} reached"
TOOLTIP_WEEK_MET_ONE = "This week: 1 application, goal of 1 reached"
MENU_NOTHING_WAITING = "Nothing waiting: well done"
MENU_WAITING_HEADER = "Waiting for you"
MENU_MORE = "{count} more in the Today view…"
DONE = "Done"
SNOOZE = "Snooze"
OPEN = "Open"
# A notification has room for one Snooze button, so it says when the step comes back.
NOTICE_SNOOZE = "Snooze {choice}"
SHOW_WINDOW = "Open Debrief"
HIDE_WINDOW = "Hide Debrief"
LOG_INTERVIEW = "Log an interview…"
PREFERENCES = "Preferences…"
QUIT = "Quit Debrief"

CLOSE_HINT_TITLE = "Debrief is still running"
CLOSE_HINT_BODY = (
    "Reminders keep coming while the window is closed. "
    "Click the tray icon to open it again, or choose Quit from its menu."
)
NO_TRAY_TITLE = "No system tray here"
NO_TRAY_BODY = (
    "This desktop has no system tray, so Debrief can only remind you while its window is "
    "open. Closing the window quits Debrief; reminders that came due meanwhile are shown "
    "the next time you start it."
)
ALREADY_RUNNING = "Debrief is already running but did not answer; try again in a moment."

AUTOSTART_QUESTION = (
    "Start Debrief quietly in the tray when you log in, so follow-ups and thank-you notes "
    "are never missed? You can change this later in Preferences."
)
AUTOSTART_YES = "Start at login"
AUTOSTART_NOT_NOW = "Not now"
