"""Editing a person in the People tab, and bringing people in and out as vCards: one
transaction per action, each saying what it changed."""

from __future__ import annotations

from dataclasses import dataclass, field

from peewee import fn

from db.connection import DB
from db.models import Company, Contact
from db.vocabulary import ContactRole
from desktop.domain.clock import Clock
from desktop.domain.forms import FormError
from desktop.domain.person_form import PersonDraft
from desktop.domain.vcard import Card
from desktop.services import NotFound
from desktop.services.changes import Changes
from desktop.services.directory import opportunities_of, role_of
from desktop.services.people import company_named


def _contact(contact_id: int) -> Contact:
    found = Contact.get_or_none(Contact.id == contact_id)
    if found is None:
        raise NotFound(f"no person with id {contact_id}")
    return found


def _same_email(email: str, other_than: int | None = None) -> Contact | None:
    if not email:
        return None
    query = Contact.select().where(fn.LOWER(Contact.email) == email.casefold())
    if other_than is not None:
        query = query.where(Contact.id != other_than)
    return query.order_by(Contact.id).first()


def shown_in(contact_id: int) -> Changes:
    """A person's name shows in the rows and detail of the opportunities they are part of,
    and in the titles of their reminders (Today, the tray menu)."""
    touched = opportunities_of(contact_id)
    return Changes(touched, reminders=bool(touched))


def form_values(contact_id: int) -> dict[str, str]:
    contact = _contact(contact_id)
    return {
        "name": contact.name,
        "company": contact.company.name if contact.company is not None else "",
        "role": contact.role,
        "job_title": contact.job_title,
        "email": contact.email,
        "phone": contact.phone,
        "address_as": contact.address_as,
        "notes": contact.notes,
    }


def update_person(contact_id: int, draft: PersonDraft, clock: Clock) -> Changes:
    """Save the edited fields. Two people cannot share an email address: the notes and
    the logging of interviews find a person by it."""
    with DB.atomic():
        contact = _contact(contact_id)
        other = _same_email(draft.email, other_than=contact_id)
        if other is not None:
            raise FormError({"email": f"{other.name} already has this email address."})
        _write(contact, draft, clock)
    return shown_in(contact_id)


def _write(contact: Contact, draft: PersonDraft, clock: Clock) -> None:
    contact.name = draft.name
    contact.company = company_named(draft.company, clock.now()) if draft.company else None
    contact.role = draft.role.value
    contact.job_title = draft.job_title
    contact.email = draft.email
    contact.phone = draft.phone
    contact.address_as = draft.address_as
    contact.notes = draft.notes
    contact.save()


# ----- vCards -------------------------------------------------------------------------


@dataclass(frozen=True)
class Arrival:
    draft: PersonDraft
    existing_id: int | None  # the person already here (same email), else None
    existing_name: str = ""


@dataclass(frozen=True)
class ImportPlan:
    arrivals: tuple[Arrival, ...]

    @property
    def new(self) -> tuple[Arrival, ...]:
        return tuple(a for a in self.arrivals if a.existing_id is None)

    @property
    def known(self) -> tuple[Arrival, ...]:
        return tuple(a for a in self.arrivals if a.existing_id is not None)


@dataclass(frozen=True)
class ImportOutcome:
    added: tuple[int, ...]
    updated: tuple[int, ...]
    skipped: int
    changes: Changes = field(default_factory=Changes)


def _already_here(draft: PersonDraft) -> Contact | None:
    """The same email address; without one, the same name at the same company."""
    if draft.email:
        return _same_email(draft.email)
    company = Company.get_or_none(Company.name == draft.company) if draft.company else None
    query = Contact.select().where(fn.LOWER(Contact.name) == draft.name.casefold())
    query = query.where(
        Contact.company == company.id if company is not None else Contact.company.is_null()
    )
    return query.order_by(Contact.id).first()


def plan_import(drafts: list[PersonDraft]) -> ImportPlan:
    """Who is new and who is already here, for the question asked before importing. A
    card repeating an earlier one of the same file is left out."""
    arrivals: list[Arrival] = []
    seen: set[str] = set()
    for draft in drafts:
        key = draft.email.casefold() or f"{draft.name.casefold()}\n{draft.company.casefold()}"
        if key in seen:
            continue
        seen.add(key)
        found = _already_here(draft)
        arrivals.append(Arrival(draft, found.id if found else None, found.name if found else ""))
    return ImportPlan(tuple(arrivals))


def import_people(plan: ImportPlan, update_known: bool, clock: Clock) -> ImportOutcome:
    """Add the new people; update those already here when asked (what the card has
    replaces what is here; what it lacks is kept), else leave them as they are."""
    added: list[int] = []
    updated: list[int] = []
    changes = Changes()
    with DB.atomic():
        for arrival in plan.new:
            draft = arrival.draft
            contact = Contact.create(name=draft.name, created_at=clock.now())
            _write(contact, draft, clock)
            added.append(contact.id)
        if update_known:
            for arrival in plan.known:
                assert arrival.existing_id is not None
                contact = _contact(arrival.existing_id)
                _write(contact, _merged(form_values(contact.id), arrival.draft), clock)
                updated.append(contact.id)
                changes |= shown_in(contact.id)
    skipped = 0 if update_known else len(plan.known)
    return ImportOutcome(tuple(added), tuple(updated), skipped, changes)


def _merged(current: dict[str, str], card: PersonDraft) -> PersonDraft:
    def pick(name: str, value: str) -> str:
        return value or current[name]

    same_email = card.email.casefold() == current["email"].casefold()
    role = card.role if card.role is not ContactRole.OTHER else role_of(current["role"])
    return PersonDraft(
        name=card.name,
        company=pick("company", card.company),
        role=role,
        job_title=pick("job_title", card.job_title),
        email=current["email"] if same_email else pick("email", card.email),
        phone=pick("phone", card.phone),
        address_as=pick("address_as", card.address_as),
        notes=pick("notes", card.notes),
    )


def card_of(contact_id: int) -> Card:
    values = form_values(contact_id)
    return Card(
        name=values["name"],
        email=values["email"],
        phone=values["phone"],
        company=values["company"],
        job_title=values["job_title"],
        notes=values["notes"],
        role=values["role"],
        address_as=values["address_as"],
    )


def email_taken_by(email: str, contact_id: int) -> str:
    """The name of someone else with this email address ("" when nobody): the edit form
    says so before saving."""
    other = _same_email(email.strip(), other_than=contact_id)
    return other.name if other is not None else ""
