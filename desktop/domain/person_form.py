"""Checking a person as the user edits them in the People tab (or a vCard brings them)."""

from __future__ import annotations

import re
from dataclasses import dataclass, replace
from pathlib import Path

from db.vocabulary import ContactRole
from desktop.domain.forms import _EMAIL, FormError, _Checker
from desktop.domain.vcard import MAX_BYTES, Card, VCardError, read_cards

MAX_PHONE = 40
_PHONE_CHARACTERS = re.compile(r"^[0-9+()./\- x#*]*(ext\.?\s*[0-9]+)?$", re.IGNORECASE)


@dataclass(frozen=True)
class PersonDraft:
    name: str
    company: str = ""  # "" for nobody's
    role: ContactRole = ContactRole.OTHER
    job_title: str = ""
    email: str = ""
    phone: str = ""
    address_as: str = ""  # "" greets them by first name
    notes: str = ""


def validate_person(raw: dict[str, str]) -> PersonDraft:
    """Raise FormError with a message per bad field, or return the clean draft."""
    check = _Checker()
    name = check.line("name", raw.get("name"), "Name", required=True)
    company = check.line("company", raw.get("company"), "Company")
    role = check.attempt("role", ContactRole.parse, raw.get("role") or ContactRole.OTHER.value)
    job_title = check.line("job_title", raw.get("job_title"), "Job title")
    email = check.line("email", raw.get("email"), "Email")
    if email and "email" not in check.errors and not _EMAIL.match(email):
        check.errors["email"] = f"{email!r} does not look like an email address."
    phone = check.line("phone", raw.get("phone"), "Phone")
    if phone and "phone" not in check.errors:
        if len(phone) > MAX_PHONE:
            check.errors["phone"] = f"A phone number has at most {MAX_PHONE} characters."
        elif not _PHONE_CHARACTERS.match(phone) or not any(ch.isdigit() for ch in phone):
            check.errors["phone"] = "A phone number has digits, spaces and + ( ) - . / only."
    address_as = check.line("address_as", raw.get("address_as"), "Address them as")
    notes = check.notes("notes", raw.get("notes"))
    if check.errors:
        raise FormError(check.errors)
    return PersonDraft(
        name=name,
        company=company,
        role=role,
        job_title=job_title,
        email=email,
        phone=phone,
        address_as=address_as,
        notes=notes.strip(),
    )


def draft_from_card(card: Card) -> PersonDraft:
    """A card checked as if typed: a card whose fields a form would refuse is refused.
    Its phone number is taken as written (address books keep odd ones), cut to length,
    and a role Debrief does not know becomes Other."""
    draft = validate_person(
        {
            "name": card.name,
            "company": card.company,
            "role": _known_role(card.role),
            "job_title": card.job_title,
            "email": card.email,
            "address_as": card.address_as,
            "notes": card.notes,
        }
    )
    phone = "".join(ch for ch in " ".join(card.phone.split()) if ch.isprintable())
    return replace(draft, phone=phone[:MAX_PHONE])


def _known_role(text: str) -> str:
    try:
        return ContactRole.parse(text).value if text else ContactRole.OTHER.value
    except ValueError:  # another program's X-DEBRIEF-ROLE: not worth refusing the card for
        return ContactRole.OTHER.value


def drafts_from_cards(cards: list[Card]) -> list[PersonDraft]:
    """Every card as a draft, or VCardError naming the first card a form would refuse."""
    drafts = []
    for position, card in enumerate(cards, start=1):
        try:
            drafts.append(draft_from_card(card))
        except FormError as error:
            reason = next(iter(error.errors.values())).rstrip(".")
            raise VCardError(f"card {position}, {card.name[:40]}: {reason}") from None
    return drafts


def drafts_from_file(path: Path) -> list[PersonDraft]:
    """The people of a .vcf file, checked; else VCardError with the one sentence to show."""
    try:
        if path.is_dir():
            raise VCardError("it is a folder")
        with path.open("rb") as file:
            data = file.read(MAX_BYTES + 1)
        return drafts_from_cards(read_cards(data))
    except OSError as error:
        reason = f"it cannot be read ({error.strerror or error})"
    except VCardError as error:
        reason = str(error)
    raise VCardError(f"{path.name} was not imported: {reason}; nothing was changed.")
