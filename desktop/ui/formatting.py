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


def short_when(moment: datetime, tz: tzinfo, now: datetime) -> str:
    """Compact enough for a table cell or a card; the full form goes in the tooltip. The
    year only when it is not this one ("03 Jan 2027" seen in December is not taken for
    last January), then in place of the weekday, so that it is no longer: a card has
    room for no more."""
    local = moment.astimezone(tz)
    if local.year == now.astimezone(tz).year:
        return local.strftime("%a %d %b, %H:%M")
    return local.strftime("%d %b %Y, %H:%M")
