"""Words for when something happened, seen from today: "today", "yesterday",
"on Monday" within the past week, else "on 16 November" (with the year when it differs).

Dates in, words out: the caller turns moments into the user's local dates.
"""

from __future__ import annotations

from datetime import date

TODAY = "today"
YESTERDAY = "yesterday"
TOMORROW = "tomorrow"
_WEEKDAYS = ("Monday", "Tuesday", "Wednesday", "Thursday", "Friday", "Saturday", "Sunday")
_MONTHS = (
    "January",
    "February",
    "March",
    "April",
    "May",
    "June",
    "July",
    "August",
    "September",
    "October",
    "November",
    "December",
)


def full_date(day: date, today: date | None = None) -> str:
    """ "16 November", or "16 November 2025" when it is not this year."""
    text = f"{day.day} {_MONTHS[day.month - 1]}"
    return text if today is not None and day.year == today.year else f"{text} {day.year}"


def day_words(day: date, today: date) -> str:
    """How a note says when the interview was, to be read after a verb: "talk with me
    today", "… yesterday", "… on Monday", "… on 16 November"."""
    days_ago = (today - day).days
    if days_ago == 0:
        return TODAY
    if days_ago == 1:
        return YESTERDAY
    if days_ago == -1:
        return TOMORROW
    # A weekday alone is clear only within the last six days; a week ago "on Monday"
    # could be read as either Monday.
    if 2 <= days_ago <= 6:
        return f"on {_WEEKDAYS[day.weekday()]}"
    return f"on {full_date(day, today)}"


def weekday_date(day: date, today: date) -> str:
    """ "Wednesday 25 November": the day named in full, for the notes that keep a date."""
    return f"{_WEEKDAYS[day.weekday()]} {full_date(day, today)}"


# Every word day_words can produce, so tests can check that no other one slipped in.
ALL_WEEKDAYS = _WEEKDAYS
ALL_MONTHS = _MONTHS
