"""Finding or creating companies and contacts from what the user typed."""

from __future__ import annotations

from datetime import datetime

from db.models import Company, Contact
from db.vocabulary import ContactRole
from desktop.domain.forms import Person


def company_named(name: str, now: datetime) -> Company:
    """The company with this name (case-insensitive), created when new."""
    existing = Company.get_or_none(Company.name == name)
    return existing or Company.create(name=name, created_at=now)


def contact_for(person: Person, company: Company, role: ContactRole, now: datetime) -> Contact:
    """Reuse a contact with the same email, else the same name at the company."""
    query = Contact.select()
    if person.email:
        query = query.where(Contact.email == person.email)
    else:
        query = query.where((Contact.name == person.name) & (Contact.company == company))
    contact = query.first()
    if contact is None:
        return Contact.create(
            name=person.name, email=person.email, role=role.value, company=company, created_at=now
        )
    changed = False
    if person.name and contact.name != person.name:
        contact.name, changed = person.name, True
    if contact.company_id is None:
        contact.company, changed = company, True
    if role is ContactRole.RECRUITER and contact.role != role.value:
        contact.role, changed = role.value, True
    if changed:
        contact.save()
    return contact
