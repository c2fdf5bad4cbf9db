"""Lessons from earlier debriefs, for the prep reminder and the interview's detail."""

from __future__ import annotations

from datetime import datetime

from db.models import Debrief, Interview
from desktop.playbook.lessons import Lessons, PastDebrief, gather


def lessons_before(moment: datetime, limit: int = 5) -> Lessons:
    """What earlier debriefs (of interviews before `moment`) taught."""
    past = []
    rows = (
        Debrief.select(Debrief, Interview)
        .join(Interview)
        .where(Interview.starts_at < moment)
        .order_by(Interview.starts_at.desc())
        .limit(50)
    )
    for row in rows:
        mistakes = tuple(m.mistake for m in row.mistakes)
        past.append(PastDebrief(row.interview.starts_at, mistakes, row.lessons))
    return gather(past, limit)


def lessons_for_opportunity(opportunity_id: int, now: datetime, limit: int = 5) -> Lessons:
    """For the detail pane: lessons that apply to this opportunity's next interview (or,
    when none is planned, to the next one the user will have)."""
    upcoming = (
        Interview.select(Interview.starts_at)
        .where((Interview.opportunity == opportunity_id) & (Interview.starts_at > now))
        .order_by(Interview.starts_at)
        .first()
    )
    return lessons_before(upcoming.starts_at if upcoming else now, limit)
