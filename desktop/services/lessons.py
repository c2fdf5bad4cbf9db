"""Lessons from earlier debriefs, and what companies said, for the prep reminder, the
debrief form and the interview's detail."""

from __future__ import annotations

from collections import defaultdict
from datetime import datetime

from db.models import Company, Debrief, DebriefMistake, Interview, Opportunity, Reflection
from desktop.playbook.lessons import Lessons, PastDebrief, PastFeedback, gather


def lessons_before(moment: datetime, limit: int = 5) -> Lessons:
    """What earlier debriefs (of interviews before `moment`) taught, and the feedback
    recorded before then, in a debrief (the recruiter call) or a reflection."""
    past, said = [], []
    rows = list(
        Debrief.select(Debrief, Interview, Opportunity, Company)
        .join(Interview)
        .join(Opportunity)
        .join(Company)
        .where(Interview.starts_at < moment)
        .order_by(Interview.starts_at.desc())
        .limit(50)
    )
    # One query for the mistakes of all fifty, not one per debrief.
    mistakes_of: dict[int, list[str]] = defaultdict(list)
    for debrief_id, mistake in (
        DebriefMistake.select(DebriefMistake.debrief, DebriefMistake.mistake)
        .where(DebriefMistake.debrief.in_([row.id for row in rows]))
        .order_by(DebriefMistake.id)
        .tuples()
    ):
        mistakes_of[debrief_id].append(mistake)
    for row in rows:
        mistakes = tuple(mistakes_of[row.id])
        past.append(PastDebrief(row.interview.starts_at, mistakes, row.lessons))
        if row.feedback.strip():
            company = row.interview.opportunity.company.name
            said.append(PastFeedback(row.updated_at, company, row.feedback))
    reflections = (
        Reflection.select(Reflection.updated_at, Company.name, Reflection.feedback)
        .join(Opportunity)
        .join(Company)
        .where((Reflection.updated_at < moment) & (Reflection.feedback != ""))
        .order_by(Reflection.updated_at.desc())
        .limit(20)
        .tuples()
    )
    said += [PastFeedback(at, company, text) for at, company, text in reflections]
    return gather(past, limit, said)


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
