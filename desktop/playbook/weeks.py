"""Counting by the user's local week (Monday to Sunday), for the weekly goal the nudges
check and the Insights chart alike. Plain data in, counts out."""

from __future__ import annotations

from collections.abc import Iterable, Sequence
from dataclasses import dataclass
from datetime import UTC, date, datetime, time, timedelta, tzinfo

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
    first, today = shown_span(now, tz, weeks)

    def per_week(moments: Sequence[datetime | date]) -> list[int]:
        # By the local day: an application dated today counts from the morning on.
        return days_by_week(
            (
                (moment.astimezone(tz).date() if isinstance(moment, datetime) else moment, 1)
                for moment in moments
            ),
            first,
            today,
            weeks,
        )

    return shown_weeks(first, per_week(applications), per_week(interviews), per_week(notes))


def shown_span(now: datetime, tz: tzinfo, weeks: int = WEEKS_SHOWN) -> tuple[date, date]:
    """The chart's first Monday and today, local."""
    today = now.astimezone(tz).date()
    return monday_of(today) - timedelta(weeks=weeks - 1), today


def days_by_week(
    counted: Iterable[tuple[date, int]], first: date, today: date, weeks: int = WEEKS_SHOWN
) -> list[int]:
    """How many fell in each week from the Monday `first` on, of (day, how many) pairs;
    days after today are not counted."""
    counts = [0] * weeks
    for day, count in counted:
        if day > today:
            continue
        index = (day - first).days // 7
        if 0 <= index < weeks:
            counts[index] += count
    return counts


def shown_weeks(
    first: date, applications: Sequence[int], interviews: Sequence[int], notes: Sequence[int]
) -> list[Week]:
    return [
        Week(first + timedelta(weeks=n), applications[n], interviews[n], notes[n])
        for n in range(len(applications))
    ]


def week_bounds(now: datetime, tz: tzinfo, weeks: int = WEEKS_SHOWN) -> list[datetime] | None:
    """The moments (UTC) at which each shown week begins, then the end of today: a time
    falls in the week of its local day exactly when it is between two of them, so the
    database can count by week without a time zone. None when a clock change skips or
    repeats one of those midnights (a few zones change at midnight): then the local day
    of the moments around it must be found one by one."""
    first, today = shown_span(now, tz, weeks)
    days = [first + timedelta(weeks=n) for n in range(weeks)] + [today + timedelta(days=1)]
    bounds = []
    for day in days:
        midnight = datetime.combine(day, time(), tzinfo=tz)
        moment = midnight.astimezone(UTC)
        skipped = moment.astimezone(tz).replace(tzinfo=None) != midnight.replace(tzinfo=None)
        repeated = midnight.replace(fold=1).utcoffset() != midnight.utcoffset()
        if skipped or repeated:
            return None
        bounds.append(moment)
    return bounds
