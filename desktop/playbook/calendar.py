"""Local-time arithmetic for reminders: quiet hours, weekends, business days, DST.

All inputs and outputs that are instants are aware UTC datetimes; wall-clock reasoning
happens in the user's zone and is converted back, so a daylight-saving change neither
drops nor doubles a reminder.
"""

from __future__ import annotations

from dataclasses import dataclass
from datetime import UTC, date, datetime, time, timedelta, tzinfo


@dataclass(frozen=True)
class QuietHours:
    start: time = time(21, 0)
    end: time = time(8, 0)
    skip_weekends: bool = False

    def contains(self, local: datetime) -> bool:
        wall = local.time().replace(tzinfo=None)
        if self.start == self.end:
            quiet = False
        elif self.start < self.end:
            quiet = self.start <= wall < self.end
        else:
            quiet = wall >= self.start or wall < self.end
        return quiet or (self.skip_weekends and local.weekday() >= 5)


def at_local(day: date, wall: time, tz: tzinfo) -> datetime:
    """The instant `wall` o'clock on `day` in `tz`, in UTC. A wall time skipped by DST
    maps to the instant just after the jump (02:30 → 03:30)."""
    return datetime.combine(day, wall).replace(tzinfo=tz).astimezone(UTC)


def local(moment: datetime, tz: tzinfo) -> datetime:
    return moment.astimezone(tz)


def allowed(moment: datetime, tz: tzinfo, quiet: QuietHours) -> datetime:
    """`moment` itself when it is outside quiet hours, else the next allowed instant."""
    current = moment
    for _ in range(10):  # quiet night + a weekend needs at most a few hops
        wall = local(current, tz)
        if not quiet.contains(wall):
            return current
        if quiet.skip_weekends and wall.weekday() >= 5:
            monday = wall.date() + timedelta(days=7 - wall.weekday())
            current = at_local(monday, _morning(quiet), tz)
            continue
        day = wall.date()
        if quiet.start > quiet.end and wall.time().replace(tzinfo=None) >= quiet.start:
            day += timedelta(days=1)
        current = max(at_local(day, quiet.end, tz), current)
        if current == moment:  # DST edge: the end wall time did not move us forward
            current += timedelta(minutes=30)
    return current


def _morning(quiet: QuietHours) -> time:
    return quiet.end if quiet.start != quiet.end else time(9, 0)


def add_business_days(day: date, count: int) -> date:
    current = day
    added = 0
    while added < count:
        current += timedelta(days=1)
        if current.weekday() < 5:
            added += 1
    return current


def wake_up_at(
    next_due: datetime | None, now: datetime, tz: tzinfo, quiet: QuietHours
) -> datetime | None:
    """When to wake for the earliest unfired reminder: never before now (what is overdue
    fires at once), and never inside quiet hours (it waits for their end)."""
    if next_due is None:
        return None
    return allowed(max(next_due, now), tz, quiet)
