"""Read models: what the window and the command line show, as plain data."""

from __future__ import annotations

from collections import defaultdict
from collections.abc import Collection
from dataclasses import dataclass, field
from datetime import date, datetime, tzinfo

from peewee import JOIN

from db.models import (
    Company,
    Contact,
    Debrief,
    Interview,
    InterviewInterviewer,
    Opportunity,
    StatusChange,
)
from db.vocabulary import InterviewFormat, SalaryBasis, Status, WorkMode
from desktop.domain.details import Salary
from desktop.domain.forms import Person
from desktop.services import NotFound, search
from desktop.services.opportunities import get_opportunity
from desktop.services.search import SearchField


@dataclass(frozen=True)
class OpportunityRow:
    id: int
    company: str
    role: str
    status: Status
    next_interview: datetime | None
    latest_interview: datetime | None
    last_activity: datetime
    archived: bool
    haystack: str  # case-folded text the search box matches against (services.search)
    # (field key, text) the haystack is made of, to name where a search found its words.
    fields: tuple[tuple[str, str], ...] = ()


@dataclass(frozen=True)
class PersonView:
    id: int
    name: str
    email: str
    role: str
    recruiter_kind: str = ""  # a RecruiterKind value, for recruiters


@dataclass(frozen=True)
class InterviewView:
    id: int
    round_label: str
    starts_at: datetime
    duration_minutes: int
    format: InterviewFormat
    location: str
    hear_by: date | None
    notes: str
    interviewers: tuple[PersonView, ...]
    has_debrief: bool


@dataclass(frozen=True)
class StatusChangeView:
    from_status: Status | None
    to_status: Status
    changed_at: datetime
    note: str


@dataclass(frozen=True)
class OpportunityDetail:
    id: int
    company: str
    role: str
    status: Status
    source: str
    posting_url: str
    applied_on: date | None
    notes: str
    archived: bool
    recruiter: PersonView | None
    interviews: tuple[InterviewView, ...]
    history: tuple[StatusChangeView, ...]
    people: tuple[PersonView, ...] = field(default=())
    salary: Salary = field(default_factory=Salary)
    location: str = ""
    work_mode: WorkMode = WorkMode.UNKNOWN
    deadline: date | None = None
    job_description: str = ""


def _person(contact: Contact) -> PersonView:
    return PersonView(contact.id, contact.name, contact.email, contact.role, contact.recruiter_kind)


def list_opportunities(now: datetime, only: Collection[int] | None = None) -> list[OpportunityRow]:
    """Every opportunity (archived included; the view filters), with its interview dates.
    `only`: just these (those a change touched; a deleted one is simply missing)."""
    interview_times: dict[int, list[datetime]] = defaultdict(list)
    interviews = Interview.select(Interview.opportunity, Interview.starts_at)
    if only is not None:
        interviews = interviews.where(Interview.opportunity.in_(list(only)))
    for opportunity_id, starts_at in interviews.tuples():
        interview_times[opportunity_id].append(starts_at)
    related = search.related_texts(only)

    rows = []
    # Plain tuples, not model objects: at ten thousand rows the objects cost more than
    # the query.
    query = (
        Opportunity.select(
            Opportunity.id,
            Company.name,
            Opportunity.role_title,
            Opportunity.notes,
            Opportunity.source,
            Opportunity.status,
            Opportunity.archived,
            Opportunity.updated_at,
            Opportunity.location,
            Opportunity.work_mode,
            Opportunity.salary_min,
            Opportunity.salary_max,
            Opportunity.salary_currency,
            Opportunity.job_description,
            Contact.name,
            Contact.email,
        )
        .join(Company)
        .switch(Opportunity)
        .join(Contact, join_type=JOIN.LEFT_OUTER, on=(Opportunity.recruiter == Contact.id))
    )
    if only is not None:
        query = query.where(Opportunity.id.in_(list(only)))
    for (
        opp_id,
        company,
        role,
        notes,
        source,
        status,
        archived,
        updated_at,
        location,
        work_mode,
        salary_min,
        salary_max,
        currency,
        description,
        *recruiter,
    ) in query.tuples():
        times = interview_times.get(opp_id, [])
        upcoming = [t for t in times if t >= now]
        past = [t for t in times if t < now]
        salary = Salary(salary_min, salary_max, currency).text()
        own = [
            (SearchField.COMPANY, company),
            (SearchField.ROLE, role),
            (SearchField.SOURCE, source),
            (SearchField.RECRUITER, " ".join(part for part in recruiter if part)),
            (SearchField.NOTES, notes),
            (SearchField.LOCATION, location),
            (SearchField.WORK_MODE, WorkMode(work_mode).label),
            (SearchField.SALARY, salary),
            (SearchField.JOB_DESCRIPTION, description),
        ]
        fields = tuple((str(key), text) for key, text in [*own, *related.get(opp_id, ())] if text)
        rows.append(
            OpportunityRow(
                id=opp_id,
                company=company,
                role=role,
                status=Status(status),
                next_interview=min(upcoming) if upcoming else None,
                latest_interview=max(times) if times else None,
                last_activity=max([updated_at, *past]),
                archived=bool(archived),
                haystack=search.haystack(fields),
                fields=fields,
            )
        )
    return rows


def opportunity_detail(opportunity_id: int) -> OpportunityDetail:
    # With its company and recruiter in the same query: read on every selection and after
    # every change, their two lazy reads were two more queries (Peewee builds each one's
    # SQL anew, which costs more than SQLite's answer).
    opp = (
        Opportunity.select(Opportunity, Company, Contact)
        .join(Company)
        .switch(Opportunity)
        .join(Contact, JOIN.LEFT_OUTER, on=(Opportunity.recruiter == Contact.id))
        .where(Opportunity.id == opportunity_id)
        .get_or_none()
    )
    if opp is None:
        raise NotFound(f"no opportunity with id {opportunity_id}")  # as get_opportunity
    interviews = list(opp.interviews.order_by(Interview.starts_at))
    links = (
        InterviewInterviewer.select(InterviewInterviewer, Contact)
        .join(Contact)
        .where(InterviewInterviewer.interview.in_([i.id for i in interviews]))
    )
    by_interview: dict[int, list[PersonView]] = defaultdict(list)
    for link in links:
        by_interview[link.interview_id].append(_person(link.contact))
    debriefed = {
        d.interview_id
        for d in Debrief.select(Debrief.interview).where(
            Debrief.interview.in_([i.id for i in interviews])
        )
    }
    interview_views = tuple(
        InterviewView(
            id=i.id,
            round_label=i.round_label,
            starts_at=i.starts_at,
            duration_minutes=i.duration_minutes,
            format=InterviewFormat(i.format),
            location=i.location,
            hear_by=i.hear_by,
            notes=i.notes,
            interviewers=tuple(by_interview[i.id]),
            has_debrief=i.id in debriefed,
        )
        for i in interviews
    )
    history = tuple(
        StatusChangeView(
            from_status=Status(c.from_status) if c.from_status else None,
            to_status=Status(c.to_status),
            changed_at=c.changed_at,
            note=c.note,
        )
        for c in opp.status_changes.order_by(StatusChange.changed_at, StatusChange.id)
    )
    recruiter = _person(opp.recruiter) if opp.recruiter is not None else None
    people: dict[int, PersonView] = {}
    if recruiter:
        people[recruiter.id] = recruiter
    for view in interview_views:
        for person in view.interviewers:
            people.setdefault(person.id, person)
    return OpportunityDetail(
        id=opp.id,
        company=opp.company.name,
        role=opp.role_title,
        status=Status(opp.status),
        source=opp.source,
        posting_url=opp.posting_url,
        applied_on=opp.applied_on,
        notes=opp.notes,
        archived=bool(opp.archived),
        recruiter=recruiter,
        interviews=interview_views,
        history=history,
        people=tuple(people.values()),
        salary=Salary(
            opp.salary_min, opp.salary_max, opp.salary_currency, SalaryBasis(opp.salary_basis)
        ),
        location=opp.location,
        work_mode=WorkMode(opp.work_mode),
        deadline=opp.deadline,
        job_description=opp.job_description,
    )


def opportunity_id_of_interview(interview_id: int) -> int:
    from desktop.services.interviews import get_interview

    return get_interview(interview_id).opportunity_id


def company_names() -> list[str]:
    return [name for (name,) in Company.select(Company.name).order_by(Company.name).tuples()]


def interview_form_values(interview_id: int, tz: tzinfo) -> dict[str, str]:
    """The raw form text for editing an existing interview, in the user's local time."""
    from desktop.services.interviews import get_interview

    interview = get_interview(interview_id)
    opp = interview.opportunity
    people = (
        Contact.select()
        .join(InterviewInterviewer)
        .where(InterviewInterviewer.interview == interview)
        .order_by(InterviewInterviewer.id)
    )
    recruiter = opp.recruiter
    return {
        "company": opp.company.name,
        "role": opp.role_title,
        "round_label": interview.round_label,
        "starts_at": interview.starts_at.astimezone(tz).strftime("%Y-%m-%d %H:%M"),
        "duration": str(interview.duration_minutes),
        "format": interview.format,
        "location": interview.location,
        "hear_by": interview.hear_by.isoformat() if interview.hear_by else "",
        "interviewers": "\n".join(_person_text(p) for p in people),
        "recruiter": _person_text(recruiter) if recruiter else "",
        "recruiter_kind": recruiter.recruiter_kind if recruiter else "",
        "notes": interview.notes,
    }


def opportunity_form_values(opportunity_id: int) -> dict[str, str]:
    opp = get_opportunity(opportunity_id)
    return {
        "company": opp.company.name,
        "role": opp.role_title,
        "source": opp.source,
        "posting_url": opp.posting_url,
        "applied_on": opp.applied_on.isoformat() if opp.applied_on else "",
        "status": opp.status,
        "recruiter": _person_text(opp.recruiter) if opp.recruiter is not None else "",
        "recruiter_kind": opp.recruiter.recruiter_kind if opp.recruiter is not None else "",
        "notes": opp.notes,
        "salary_min": "" if opp.salary_min is None else str(opp.salary_min),
        "salary_max": "" if opp.salary_max is None else str(opp.salary_max),
        "salary_currency": opp.salary_currency,
        "salary_basis": opp.salary_basis,
        "location": opp.location,
        "work_mode": opp.work_mode,
        "deadline": opp.deadline.isoformat() if opp.deadline else "",
        "job_description": opp.job_description,
    }


def _person_text(contact: Contact) -> str:
    return str(Person(contact.name, contact.email))
