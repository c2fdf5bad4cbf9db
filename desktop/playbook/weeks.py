"""Counting by the user's local week (Monday to Sunday), for the weekly goal the nudges
check and the Insights chart alike. Plain data in, counts out."""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import dataclass
from datetime import date, datetime, timedelta, tzinfo

WEEKS_SHOWN = 12  # the weekly chart's span


@dataclass(frozen=True)
class Week:
    start: date  # Monday
    applications: int
    interviews: int
    notes: int


def application_day(
    applied_on: date | None, created_at: datetime, first_status: str | None, tz: tzinfo
) -> date | None:
    """The day of an application, the one definition the tray, Insights and the report
    share: the applied-on date the user gave, else the day the opportunity was added as an
    application. One that began with an interview logged has no known application day (the
    interview is not an application made that day)."""
    if applied_on is not None:
        return applied_on
    if first_status in (None, "applied"):
        return created_at.astimezone(tz).date()
    return None


def monday_of(day: date) -> date:
    return day - timedelta(days=day.weekday())


def applications_this_week(days: Sequence[date | None], today: date) -> int:
    """Applications from Monday to today, local."""
    start = monday_of(today)
    return sum(1 for day in days if day is not None and start <= day <= today)


def weekly_activity(
    applications: Sequence[datetime | date],
    interviews: Sequence[datetime],
    notes: Sequence[datetime],
    now: datetime,
    tz: tzinfo,
    weeks: int = WEEKS_SHOWN,
) -> list[Week]:
    today = now.astimezone(tz).date()
    this_monday = today - timedelta(days=today.weekday())
    first = this_monday - timedelta(weeks=weeks - 1)

    def per_week(moments: Sequence[datetime | date]) -> list[int]:
        counts = [0] * weeks
        for moment in moments:
            # By the local day: an application dated today counts from the morning on.
            day = moment.astimezone(tz).date() if isinstance(moment, datetime) else moment
            if day > today:
                continue
            index = (day - first).days // 7
            if 0 <= index < weeks:
                counts[index] += 1
        return counts

    apps, talks, sent = per_week(applications), per_week(interviews), per_week(notes)
    return [Week(first + timedelta(weeks=n), apps[n], talks[n], sent[n]) for n in range(weeks)]
