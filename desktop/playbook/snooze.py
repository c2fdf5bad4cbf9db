"""Where a snooze lands: "1 hour", "this evening", "tomorrow morning", "next week", or 2h/1d/1w."""

from __future__ import annotations

import re
from datetime import datetime, time, timedelta, tzinfo

from desktop.playbook.calendar import QuietHours, allowed, at_local, local

EVENING = time(19, 0)
MORNING = time(9, 0)

CHOICES: dict[str, str] = {
    "1h": "1 hour",
    "evening": "This evening",
    "tomorrow": "Tomorrow morning",
    "next_week": "Next week",
}

# The one snooze a notification offers (it has room for one button, no menu): short
# enough that the step is not lost in the day, long enough to finish what the user is in.
NOTICE_CHOICE = "1h"

_FOR = re.compile(r"^\s*(\d{1,4})\s*([mhdw])\s*$", re.IGNORECASE)
_UNITS = {"m": "minutes", "h": "hours", "d": "days", "w": "weeks"}


def snooze_until(choice: str, now: datetime, tz: tzinfo, quiet: QuietHours) -> datetime:
    wall = local(now, tz)
    if choice == "1h":
        target = now + timedelta(hours=1)
    elif choice == "evening":
        target = at_local(wall.date(), EVENING, tz)
        if target <= now:
            target = at_local(wall.date() + timedelta(days=1), EVENING, tz)
    elif choice == "tomorrow":
        target = at_local(wall.date() + timedelta(days=1), MORNING, tz)
    elif choice == "next_week":
        monday = wall.date() + timedelta(days=7 - wall.weekday())
        target = at_local(monday, MORNING, tz)
    else:
        raise ValueError(f"unknown snooze choice {choice!r}; use one of {', '.join(CHOICES)}")
    return allowed(target, tz, quiet)


def parse_duration(text: str) -> timedelta:
    """'2h', '1d', '1w', '30m' → timedelta (up to a year)."""
    match = _FOR.match(text or "")
    if not match:
        raise ValueError(f"{text!r} is not a duration like 2h, 1d or 1w")
    delta = timedelta(**{_UNITS[match[2].lower()]: int(match[1])})
    if not timedelta(0) < delta <= timedelta(days=366):
        raise ValueError(f"{text!r} must be more than nothing and at most a year")
    return delta
