"""The counts the user sees in more than one place, each defined once.

"Waiting now" is what the window title, the Today tab, the tray badge and tooltip and
`debrief due` all count; "applications this week" is what the tray tooltip, the Insights
chart and the activity report all count. Every consumer calls these, so they agree.
"""

from __future__ import annotations

from datetime import datetime

from desktop.domain.clock import Clock
from desktop.services import nudges, reminders
from desktop.services.reminders import ReminderView


def waiting_now(now: datetime) -> list[ReminderView]:
    """Open reminders whose time has come (fired, or due and not fired yet), oldest first.
    Later today is not waiting yet."""
    return reminders.open_reminders_until(now)


def waiting_count(now: datetime) -> int:
    return len(waiting_now(now))


def applications_this_week(clock: Clock) -> int:
    """Applications from Monday to today, by `playbook.weeks.application_day`."""
    return nudges.this_week(clock)[0]
