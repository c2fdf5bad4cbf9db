"""What the user already knows about a company, for the re-apply check-in: the people
they met, what their debriefs taught, what the company said, and a posting link."""

from __future__ import annotations

from dataclasses import dataclass

from db.models import (
    Contact,
    Debrief,
    Interview,
    InterviewInterviewer,
    Opportunity,
    Reflection,
)
from desktop.playbook.lessons import shortened

LESSONS_SHOWN = 2


@dataclass(frozen=True)
class CompanyHistory:
    people: tuple[str, ...] = ()
    lessons: tuple[str, ...] = ()
    feedback: str = ""
    link: str = ""


def company_history(opportunity_id: int) -> CompanyHistory:
    opportunity = Opportunity.get_or_none(Opportunity.id == opportunity_id)
    if opportunity is None:
        return CompanyHistory()
    same_company = [
        o
        for (o,) in Opportunity.select(Opportunity.id)
        .where(Opportunity.company == opportunity.company_id)
        .tuples()
    ]
    met = (
        Contact.select(Contact.name)
        .join(InterviewInterviewer)
        .join(Interview)
        .where(Interview.opportunity.in_(same_company))
        .order_by(Interview.starts_at)
        .tuples()
    )
    people = [name for (name,) in met]
    if opportunity.recruiter is not None:
        people.append(opportunity.recruiter.name)
    debriefs = (
        Debrief.select(Debrief.lessons, Debrief.feedback)
        .join(Interview)
        .where(Interview.opportunity.in_(same_company))
        .order_by(Interview.starts_at.desc())
        .tuples()
    )
    lessons: list[str] = []
    said: list[str] = []
    for text, feedback in debriefs:
        lessons += [line.strip(" -•\t") for line in text.splitlines() if line.strip(" -•\t")]
        if feedback.strip():
            said.append(feedback)
    reflection = Reflection.get_or_none(Reflection.opportunity == opportunity_id)
    if reflection is not None and reflection.feedback.strip():
        said.insert(0, reflection.feedback)
    link = opportunity.posting_url
    if not link:
        latest = (
            Opportunity.select(Opportunity.posting_url)
            .where((Opportunity.id.in_(same_company)) & (Opportunity.posting_url != ""))
            .order_by(Opportunity.updated_at.desc())
            .first()
        )
        link = latest.posting_url if latest else ""
    return CompanyHistory(
        people=tuple(dict.fromkeys(people)),
        lessons=tuple(dict.fromkeys(lessons))[:LESSONS_SHOWN],
        feedback=shortened(said[0]) if said else "",
        link=link,
    )
