"""Undo for the People tab: what the people an edit or a vCard import touches were before
it, and putting that back in one transaction.

A snapshot holds the rows of the people the action may change, and which companies there
were (an edit or a card can name a new company, which is made on the way). Undo writes
those people back under their own ids, removes the people the action added, and the
companies it made, unless something took them up meanwhile (an interview logged with a
new person, an opportunity at a new company): undo never takes what came after it.
"""

from __future__ import annotations

from collections.abc import Collection
from dataclasses import dataclass
from typing import Any

from db.connection import DB
from db.models import BaseModel, Company, Contact
from desktop.services.changes import Changes
from desktop.services.person_edit import shown_in

Row = dict[str, Any]


@dataclass(frozen=True)
class PeopleSnapshot:
    people: tuple[Row, ...]  # as they were, each a whole `contact` row
    companies: frozenset[int]  # every company there was


def snapshot_people(contact_ids: Collection[int]) -> PeopleSnapshot:
    """These people as they are now (an id nobody has is left out: the action will say
    so), and the companies there are, read in one transaction."""
    with DB.atomic():
        rows = Contact.select().where(Contact.id.in_(list(contact_ids))).order_by(Contact.id)
        companies = frozenset(c for (c,) in Company.select(Company.id).tuples())
        return PeopleSnapshot(tuple(rows.dicts()), companies)


def restore_people(snapshot: PeopleSnapshot, added: Collection[int] = ()) -> Changes:
    """Put the snapshot's people back, remove `added` (the people the action made) and the
    companies it made; returns what shows them (their opportunities, reminder titles)."""
    changes = Changes()
    with DB.atomic():
        for row in snapshot.people:
            changes |= shown_in(row["id"])  # where the new values show, before
            _put_back(row)
            changes |= shown_in(row["id"])
        for contact_id in added:
            if not _referred_to(Contact, contact_id):
                Contact.delete().where(Contact.id == contact_id).execute()
        made = Company.select(Company.id).where(Company.id.not_in(list(snapshot.companies)))
        for (company_id,) in made.tuples():
            if not _referred_to(Company, company_id):
                Company.delete().where(Company.id == company_id).execute()
    return changes


def _put_back(row: Row) -> None:
    values = dict(row)
    company = values.get("company")
    if company is not None and Company.get_or_none(Company.id == company) is None:
        values["company"] = None  # deleted meanwhile, as deleting it would have done
    columns = [f for f in Contact._meta.sorted_fields if f.name != "id"]
    (
        Contact.insert(**values)
        .on_conflict(conflict_target=[Contact.id], update={f: values[f.name] for f in columns})
        .execute()
    )


def _referred_to(model: type[BaseModel], row_id: int) -> bool:
    """Whether any row names this one (a person: an interview, a note, a reminder, an
    opportunity they recruit for; a company: a person, an opportunity)."""
    return any(
        field.model.select().where(field == row_id).exists() for field in model._meta.backrefs
    )
