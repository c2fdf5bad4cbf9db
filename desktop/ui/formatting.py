"""How dates and times read in the window: always the user's local time."""

from __future__ import annotations

from datetime import date, datetime, tzinfo


def when(moment: datetime | None, tz: tzinfo) -> str:
    if moment is None:
        return "—"
    local = moment.astimezone(tz)
    return local.strftime("%a %d %b %Y, %H:%M")


def day(value: date | datetime | None, tz: tzinfo | None = None) -> str:
    if value is None:
        return "—"
    if isinstance(value, datetime):
        value = value.astimezone(tz).date() if tz else value.date()
    return value.strftime("%d %b %Y")


def short_when(moment: datetime, tz: tzinfo) -> str:
    """Compact enough for a table cell; the full form goes in the tooltip."""
    return moment.astimezone(tz).strftime("%a %d %b, %H:%M")
