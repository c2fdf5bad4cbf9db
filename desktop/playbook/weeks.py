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


def weekly_activity(
    applications: Sequence[datetime],
    interviews: Sequence[datetime],
    notes: Sequence[datetime],
    now: datetime,
    tz: tzinfo,
    weeks: int = WEEKS_SHOWN,
) -> list[Week]:
    today = now.astimezone(tz).date()
    this_monday = today - timedelta(days=today.weekday())
    first = this_monday - timedelta(weeks=weeks - 1)

    def per_week(moments: Sequence[datetime]) -> list[int]:
        counts = [0] * weeks
        for moment in moments:
            if moment > now:
                continue
            day = moment.astimezone(tz).date()
            index = (day - first).days // 7
            if 0 <= index < weeks:
                counts[index] += 1
        return counts

    apps, talks, sent = per_week(applications), per_week(interviews), per_week(notes)
    return [Week(first + timedelta(weeks=n), apps[n], talks[n], sent[n]) for n in range(weeks)]
