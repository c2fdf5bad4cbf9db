"""The recruiter call, read from the database: the checklist built from the interview's
debrief, for the reminder that asks for the call."""

from __future__ import annotations

from dataclasses import dataclass

from db.models import (
    Contact,
    Debrief,
    DebriefMistake,
    Interview,
    InterviewInterviewer,
    Opportunity,
    Reminder,
)
from db.vocabulary import RecruiterKind
from desktop.playbook.addressing import greeting_name
from desktop.playbook.call_checklist import DebriefFacts, Section, checklist
from desktop.playbook.notes import people_list
from desktop.services import NotFound


@dataclass(frozen=True)
class CallPlan:
    reminder_id: int
    opportunity_id: int
    interview_id: int | None
    company: str
    role: str
    recruiter: str  # how the user addresses them; "" when no recruiter is recorded
    has_debrief: bool
    sections: tuple[Section, ...]


def call_plan(reminder_id: int) -> CallPlan:
    reminder = Reminder.get_or_none(Reminder.id == reminder_id)
    if reminder is None or reminder.opportunity_id is None:
        raise NotFound(f"no recruiter call with id {reminder_id}")
    opportunity = Opportunity.get_by_id(reminder.opportunity_id)
    interview = None
    if reminder.interview_id is not None:
        interview = Interview.get_or_none(Interview.id == reminder.interview_id)
    if interview is None:
        interview = (
            Interview.select()
            .where(Interview.opportunity == opportunity.id)
            .order_by(Interview.starts_at.desc())
            .first()
        )
    facts = _facts(interview)
    person = reminder.contact or opportunity.recruiter
    recruiter_kind = opportunity.recruiter.recruiter_kind if opportunity.recruiter else ""
    return CallPlan(
        reminder_id=reminder.id,
        opportunity_id=opportunity.id,
        interview_id=interview.id if interview else None,
        company=opportunity.company.name,
        role=opportunity.role_title,
        recruiter=greeting_name(person.name, person.address_as) if person else "",
        has_debrief=facts.written,
        sections=checklist(
            facts,
            opportunity.company.name,
            via_agency=recruiter_kind == RecruiterKind.AGENCY.value,
            interviewers=people_list(_interviewers(interview)),
        ),
    )


def _facts(interview: Interview | None) -> DebriefFacts:
    debrief = Debrief.get_or_none(Debrief.interview == interview.id) if interview else None
    if debrief is None:
        return DebriefFacts()
    mistakes = tuple(
        m.mistake for m in debrief.mistakes.order_by(DebriefMistake.position) if m.mistake
    )
    written = any(
        (
            debrief.felt is not None,
            debrief.account.strip(),
            debrief.went_well.strip(),
            debrief.lessons.strip(),
            mistakes,
        )
    )
    return DebriefFacts(
        written=bool(written),
        felt=debrief.felt,
        prediction=debrief.prediction,
        went_well=debrief.went_well,
        mistakes=mistakes,
        made_harder=debrief.made_harder,
        lessons=debrief.lessons,
    )


def _interviewers(interview: Interview | None) -> list[str]:
    if interview is None:
        return []
    return [
        name
        for (name,) in Contact.select(Contact.name)
        .join(InterviewInterviewer)
        .where(InterviewInterviewer.interview == interview.id)
        .order_by(InterviewInterviewer.id)
        .tuples()
    ]
