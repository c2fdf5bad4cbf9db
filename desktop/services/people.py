"""Finding or creating companies and contacts from what the user typed."""

from __future__ import annotations

from datetime import datetime

from db.models import Company, Contact
from db.vocabulary import ContactRole, RecruiterKind
from desktop.domain.forms import Person


def company_named(name: str, now: datetime) -> Company:
    """The company with this name (case-insensitive), created when new."""
    existing = Company.get_or_none(Company.name == name)
    return existing or Company.create(name=name, created_at=now)


def _same_person(person: Person, company: Company | None) -> Contact | None:
    """A contact with the same email, else the same name at the company."""
    query = Contact.select()
    if person.email:
        query = query.where(Contact.email == person.email)
    else:
        query = query.where((Contact.name == person.name) & (Contact.company == company))
    return query.first()


def contact_for(
    person: Person,
    company: Company,
    role: ContactRole,
    now: datetime,
    kind: RecruiterKind = RecruiterKind.UNKNOWN,
) -> Contact:
    """Reuse a contact with the same email, else the same name at the company. A known
    `kind` (agency or in-house) is remembered with the person; unknown keeps what was."""
    contact = _same_person(person, company)
    if contact is None:
        return Contact.create(
            name=person.name,
            email=person.email,
            role=role.value,
            company=company,
            created_at=now,
            recruiter_kind=kind.value,
        )
    changed = False
    if kind is not RecruiterKind.UNKNOWN and contact.recruiter_kind != kind.value:
        contact.recruiter_kind, changed = kind.value, True
    if person.name and contact.name != person.name:
        contact.name, changed = person.name, True
    if contact.company_id is None:
        contact.company, changed = company, True
    if role is ContactRole.RECRUITER and contact.role != role.value:
        contact.role, changed = role.value, True
    if changed:
        contact.save()
    return contact


def recruiter_kind_of(person: Person, company_name: str) -> RecruiterKind:
    """What the user said before about this recruiter: the form asks only once."""
    company = Company.get_or_none(Company.name == company_name) if company_name else None
    contact = _same_person(person, company)
    return RecruiterKind(contact.recruiter_kind) if contact else RecruiterKind.UNKNOWN
