"""The People tab's read model: everyone across companies, with the interviews they were
in, the notes sent to them and when the user last spoke with them.

"Last spoke" is the latest of: an interview they were in that has begun (one still to
come is no conversation yet), a note sent to them, and a recruiter call with them the
user answered "Call done". A reminder merely dismissed is no call.
"""

from __future__ import annotations

from dataclasses import dataclass
from datetime import datetime
from functools import cached_property
from typing import Any

from peewee import JOIN, Case, fn

from db.models import Company, Contact, Interview, InterviewInterviewer, Opportunity, Reminder
from db.models import SentNote as SentNoteRow
from db.vocabulary import ContactRole, ReminderState
from desktop.domain.name_match import folded, name_key
from desktop.playbook.rules import Kind
from desktop.services import NotFound


@dataclass(frozen=True)
class PersonRow:
    id: int
    name: str
    company: str
    role: ContactRole
    job_title: str
    email: str
    phone: str
    address_as: str
    interviews: int
    notes_sent: int
    last_spoke: datetime | None

    @cached_property  # the filter asks it of every row at every keystroke
    def haystack(self) -> str:
        """What the People tab's filter box matches: name, company, email, role, title,
        without case or accents (`name_match.folded`: "zoe" finds "Zoë")."""
        return folded(
            " ".join((self.name, self.company, self.email, self.role.label, self.job_title))
        )


@dataclass(frozen=True)
class PersonInterview:
    opportunity_id: int
    company: str
    role: str  # the job
    round_label: str
    starts_at: datetime


@dataclass(frozen=True)
class PersonNote:
    opportunity_id: int
    company: str
    role: str
    template: str
    subject: str
    sent_at: datetime


@dataclass(frozen=True)
class PersonDetail:
    row: PersonRow
    notes: str
    interviews: tuple[PersonInterview, ...]  # newest first
    sent: tuple[PersonNote, ...]  # newest first
    calls: tuple[datetime, ...]  # recruiter calls done, newest first
    recruiting: tuple[tuple[int, str, str], ...]  # (opportunity id, company, role)


def _contacts(only: int | None) -> list[tuple[int, str, str, str, str, str, str, str]]:
    query = Contact.select(
        Contact.id,
        Contact.name,
        Company.name,
        Contact.role,
        Contact.job_title,
        Contact.email,
        Contact.phone,
        Contact.address_as,
    ).join(Company, JOIN.LEFT_OUTER)
    if only is not None:
        query = query.where(Contact.id == only)
    return [tuple(row) for row in query.tuples()]


def role_of(value: str) -> ContactRole:
    try:
        return ContactRole(value)
    except ValueError:  # written by a newer Debrief: shown as what it is not, not refused
        return ContactRole.OTHER


def _per_person(query: Any, contact: Any, moment: Any, now: datetime, only: int | None) -> Any:
    """(contact id, how many, the latest moment up to `now`) per person, counted by SQLite:
    thirty thousand interviews are one grouped scan, not thirty thousand parsed times."""
    stamp = moment.db_value(now)
    latest = fn.MAX(Case(None, [(moment <= stamp, moment)], None))
    query = query.select(contact, fn.COUNT(contact), latest)
    if only is not None:
        query = query.where(contact == only)
    return query.group_by(contact).tuples()


def people(now: datetime, only: int | None = None) -> list[PersonRow]:
    """Everyone, sorted by name (the view sorts as asked); `only`: that one person."""
    interviews: dict[int, int] = {}
    notes: dict[int, int] = {}
    latest: dict[int, datetime] = {}
    parse = Interview.starts_at.python_value

    def spoke(contact_id: int, stamp: str | None) -> None:
        moment = parse(stamp) if stamp else None
        previous = latest.get(contact_id)
        if moment is not None and (previous is None or moment > previous):
            latest[contact_id] = moment

    met = InterviewInterviewer.select().join(Interview)
    for contact_id, count, stamp in _per_person(
        met, InterviewInterviewer.contact, Interview.starts_at, now, only
    ):
        interviews[contact_id] = count
        spoke(contact_id, stamp)
    sent = SentNoteRow.select().where(SentNoteRow.contact.is_null(False))
    for contact_id, count, stamp in _per_person(
        sent, SentNoteRow.contact, SentNoteRow.sent_at, now, only
    ):
        notes[contact_id] = count
        spoke(contact_id, stamp)
    for contact_id, _count, stamp in _per_person(
        _calls(None), Reminder.contact, Reminder.answered_at, now, only
    ):
        spoke(contact_id, stamp)
    rows = [
        PersonRow(
            id=contact_id,
            name=name,
            company=company or "",
            role=role_of(role),
            job_title=job_title,
            email=email,
            phone=phone,
            address_as=address_as,
            interviews=interviews.get(contact_id, 0),
            notes_sent=notes.get(contact_id, 0),
            last_spoke=latest.get(contact_id),
        )
        for contact_id, name, company, role, job_title, email, phone, address_as in _contacts(only)
    ]
    return sorted(rows, key=lambda r: (name_key(r.name), r.id))


def _calls(only: int | None) -> Any:
    query = Reminder.select(Reminder.contact, Reminder.answered_at).where(
        (Reminder.kind == Kind.RECRUITER_CALL.value)
        & (Reminder.state == ReminderState.DONE.value)
        & Reminder.contact.is_null(False)
    )
    return query.where(Reminder.contact == only) if only is not None else query


def person_detail(contact_id: int, now: datetime) -> PersonDetail:
    found = people(now, only=contact_id)
    contact = Contact.get_or_none(Contact.id == contact_id)
    if not found or contact is None:
        raise NotFound(f"no person with id {contact_id}")
    met = (
        Interview.select(
            Interview.opportunity,
            Company.name,
            Opportunity.role_title,
            Interview.round_label,
            Interview.starts_at,
        )
        .join(InterviewInterviewer)
        .switch(Interview)
        .join(Opportunity)
        .join(Company)
        .where(InterviewInterviewer.contact == contact_id)
        .order_by(Interview.starts_at.desc())
    )
    notes = (
        SentNoteRow.select(
            SentNoteRow.opportunity,
            Company.name,
            Opportunity.role_title,
            SentNoteRow.template,
            SentNoteRow.subject,
            SentNoteRow.sent_at,
        )
        .join(Opportunity)
        .join(Company)
        .where(SentNoteRow.contact == contact_id)
        .order_by(SentNoteRow.sent_at.desc(), SentNoteRow.id.desc())
    )
    recruiting = (
        Opportunity.select(Opportunity.id, Company.name, Opportunity.role_title)
        .join(Company)
        .where(Opportunity.recruiter == contact_id)
        .order_by(Opportunity.id.desc())
    )
    calls = sorted((at for _, at in _calls(contact_id).tuples() if at is not None), reverse=True)
    return PersonDetail(
        row=found[0],
        notes=contact.notes,
        interviews=tuple(PersonInterview(*row) for row in met.tuples()),
        sent=tuple(PersonNote(*row) for row in notes.tuples()),
        calls=tuple(calls),
        recruiting=tuple((i, c, r) for i, c, r in recruiting.tuples()),
    )


def find_people(text: str) -> list[tuple[int, str, str]]:
    """(id, name, email) of those whose name contains `text` (case and accents ignored:
    "zoe" finds "Zoë") or whose email is `text`: how the command line names a person. An
    exact name alone wins, the one spelled exactly so first ("Zoe" over "Zoë")."""
    wanted = folded(" ".join(text.split()))
    spelled = " ".join(text.split()).casefold()
    rows = [
        (contact_id, name, email)
        for contact_id, name, email in Contact.select(Contact.id, Contact.name, Contact.email)
        .order_by(Contact.id)
        .tuples()
        if wanted in folded(name) or spelled == email.casefold()
    ]
    as_typed = [r for r in rows if spelled in (r[1].casefold(), r[2].casefold())]
    as_read = [r for r in rows if folded(r[1]) == wanted]
    for exact in (as_typed, as_read):
        if len(exact) == 1:
            return exact
    return rows


def opportunities_of(contact_id: int) -> frozenset[int]:
    """The opportunities whose rows and detail show this person (recruiter, interviewer,
    a note's recipient): those a change to them redraws."""
    recruiting = Opportunity.select(Opportunity.id).where(Opportunity.recruiter == contact_id)
    met = (
        Interview.select(Interview.opportunity)
        .join(InterviewInterviewer)
        .where(InterviewInterviewer.contact == contact_id)
    )
    noted = SentNoteRow.select(SentNoteRow.opportunity).where(SentNoteRow.contact == contact_id)
    found = {i for (i,) in recruiting.tuples()}
    found |= {i for (i,) in met.tuples()}
    found |= {i for (i,) in noted.tuples()}
    return frozenset(found)


def count() -> int:
    return int(Contact.select(fn.COUNT(Contact.id)).scalar() or 0)
