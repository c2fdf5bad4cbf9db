"""Logging, editing and deleting interviews."""

from __future__ import annotations

from collections.abc import Callable
from datetime import datetime

from peewee import JOIN

from db.connection import DB
from db.models import (
    Company,
    Contact,
    Interview,
    InterviewInterviewer,
    Opportunity,
    Reminder,
    StatusChange,
)
from db.vocabulary import ContactRole, Status
from desktop.domain.clock import Clock
from desktop.domain.forms import InterviewDraft
from desktop.services import NotFound
from desktop.services.changes import Changes, Made
from desktop.services.opportunities import get_opportunity
from desktop.services.people import company_named, contact_for
from desktop.services.reminders import replan

# An interview means the process has moved on from a bare application; later stages
# (a decision, an offer, a closed outcome) are left as the user set them.
_ADVANCED_BY_INTERVIEW = {Status.APPLIED.value}


def get_interview(interview_id: int) -> Interview:
    found = Interview.get_or_none(Interview.id == interview_id)
    if found is None:
        raise NotFound(f"no interview with id {interview_id}")
    return found


def log_interview(draft: InterviewDraft, clock: Clock, opportunity_id: int | None = None) -> int:
    """Record an interview, creating its company and opportunity when new. Returns its id.

    Without `opportunity_id`, an open opportunity with the same company and role is reused.
    """
    return record_interview(draft, clock, opportunity_id).id


def record_interview(
    draft: InterviewDraft, clock: Clock, opportunity_id: int | None = None
) -> Made:
    """`log_interview`, saying what changed: the new interview's id, and its opportunity
    (new or reused) with its reminders and the interviews."""
    now = clock.now()
    with DB.atomic():
        opportunity: Opportunity | None
        if opportunity_id is not None:
            opportunity = get_opportunity(opportunity_id)
            company = company_named(draft.company, now)
            opportunity.company, opportunity.role_title = company, draft.role
        else:
            company = company_named(draft.company, now)
            opportunity = _open_opportunity(company.id, draft.role)
        if opportunity is None:
            opportunity = Opportunity.create(
                company=company,
                role_title=draft.role,
                status=Status.INTERVIEWING.value,
                created_at=now,
                updated_at=now,
            )
            StatusChange.create(
                opportunity=opportunity,
                from_status=None,
                to_status=Status.INTERVIEWING.value,
                changed_at=now,
            )
        elif opportunity.status in _ADVANCED_BY_INTERVIEW:
            StatusChange.create(
                opportunity=opportunity,
                from_status=opportunity.status,
                to_status=Status.INTERVIEWING.value,
                changed_at=now,
            )
            opportunity.status = Status.INTERVIEWING.value
        if draft.recruiter:
            opportunity.recruiter = contact_for(
                draft.recruiter, company, ContactRole.RECRUITER, now, draft.recruiter_kind
            )
        opportunity.updated_at = now
        opportunity.save()
        interview = Interview.create(opportunity=opportunity, created_at=now, **_fields(draft))
        _link_interviewers(interview, draft, company, now)
        replan(opportunity.id, clock)
    return Made(interview.id, Changes.of(opportunity.id, reminders=True, interviews=True))


def update_interview(interview_id: int, draft: InterviewDraft, clock: Clock) -> Changes:
    """Save an edited interview and re-plan its opportunity's reminders. Says what changed:
    the opportunity and its interviews always; its reminders only when they read
    differently afterwards (re-planned, or a time or name they show changed); the lessons
    only when the interview moved or its company changed (earlier debriefs are picked by
    time, and their feedback names the company), not for its notes, place or people."""
    now = clock.now()
    with DB.atomic():
        interview = get_interview(interview_id)
        opportunity = interview.opportunity
        as_shown = _reminders_as_shown(opportunity.id)
        reminders_before = as_shown()
        starts_at = _same_minute_kept(draft.starts_at, interview.starts_at)
        company = company_named(draft.company, now)
        lessons = starts_at != interview.starts_at or company.id != opportunity.company_id
        opportunity.company, opportunity.role_title = company, draft.role
        if draft.recruiter:
            opportunity.recruiter = contact_for(
                draft.recruiter, company, ContactRole.RECRUITER, now, draft.recruiter_kind
            )
        opportunity.updated_at = now
        opportunity.save()
        for name, value in _fields(draft).items():
            setattr(interview, name, value)
        interview.starts_at = starts_at
        interview.save()
        InterviewInterviewer.delete().where(InterviewInterviewer.interview == interview).execute()
        _link_interviewers(interview, draft, company, now)
        replan(opportunity.id, clock)
        reminders = as_shown() != reminders_before
    return Changes.of(opportunity.id, reminders=reminders, interviews=True, lessons=lessons)


def _same_minute_kept(edited: datetime, stored: datetime) -> datetime:
    """The form shows a time to the minute: saved unchanged, a stored time with seconds
    (an import, a generated history) keeps them, rather than moving the interview and
    its reminders by those seconds."""
    return stored if edited == stored.replace(second=0, microsecond=0) else edited


def _reminders_as_shown(opportunity_id: int) -> Callable[[], tuple[tuple[object, ...], ...]]:
    """A reading of everything this opportunity's reminders show (Today, the timeline):
    their rows, with the company, role, person and interview time they name, and the
    people met and the recruiter (the re-apply check-in names them). Read before and
    after an edit, as stored: the SQL is built once for both readings (Peewee's building
    of these joins cost more than SQLite's answers), and stored values compare as the
    values they are read as."""
    recruiter = Contact.alias()
    reminders = (
        Reminder.select(
            Reminder,
            Company.name,
            Opportunity.role_title,
            recruiter.name,
            Contact.name,
            Interview.starts_at,
        )
        .join(Opportunity, on=(Reminder.opportunity == Opportunity.id))
        .join(Company)
        .switch(Opportunity)
        .join(recruiter, JOIN.LEFT_OUTER, on=(Opportunity.recruiter == recruiter.id))
        .switch(Reminder)
        .join(Contact, JOIN.LEFT_OUTER, on=(Reminder.contact == Contact.id))
        .switch(Reminder)
        .join(Interview, JOIN.LEFT_OUTER, on=(Reminder.interview == Interview.id))
        .where(Reminder.opportunity == opportunity_id)
        .order_by(Reminder.id)
    )
    met = (
        Contact.select(InterviewInterviewer.interview, Contact.id, Contact.name)
        .join(InterviewInterviewer)
        .join(Interview)
        .where(Interview.opportunity == opportunity_id)
        .order_by(InterviewInterviewer.interview, Contact.id)
    )
    statements = [query.sql() for query in (reminders, met)]

    def read() -> tuple[tuple[object, ...], ...]:
        return tuple(
            tuple(row)
            for sql, params in statements
            for row in DB.execute_sql(sql, params).fetchall()
        )

    return read


def delete_interview(interview_id: int, clock: Clock) -> Changes:
    with DB.atomic():
        interview = get_interview(interview_id)
        opportunity_id = interview.opportunity_id
        interview.delete_instance()
        replan(opportunity_id, clock)
    return Changes.of(opportunity_id, reminders=True, interviews=True)


def _open_opportunity(company_id: int, role: str) -> Opportunity | None:
    candidates = (
        Opportunity.select()
        .where(
            (Opportunity.company == company_id) & (Opportunity.archived == False)  # noqa: E712 - peewee builds SQL from ==
        )
        .order_by(Opportunity.updated_at.desc())
    )
    wanted = role.casefold()
    for opportunity in candidates:
        if opportunity.role_title.casefold() == wanted and Status(opportunity.status).is_live:
            return opportunity
    return None


def _fields(draft: InterviewDraft) -> dict[str, object]:
    return {
        "round_label": draft.round_label,
        "starts_at": draft.starts_at,
        "duration_minutes": draft.duration_minutes,
        "format": draft.format.value,
        "location": draft.location,
        "hear_by": draft.hear_by,
        "notes": draft.notes,
    }


def _link_interviewers(
    interview: Interview, draft: InterviewDraft, company: Company, now: datetime
) -> None:
    for person in draft.interviewers:
        contact = contact_for(person, company, ContactRole.INTERVIEWER, now)
        InterviewInterviewer.get_or_create(interview=interview, contact=contact)
