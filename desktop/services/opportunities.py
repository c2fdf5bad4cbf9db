"""Creating, editing, closing and deleting opportunities."""

from __future__ import annotations

from db.connection import DB
from db.models import Opportunity, StatusChange
from db.vocabulary import ContactRole, Status
from desktop.domain.clock import Clock
from desktop.domain.forms import OpportunityDraft
from desktop.services import NotFound
from desktop.services.people import company_named, contact_for


def get_opportunity(opportunity_id: int) -> Opportunity:
    found = Opportunity.get_or_none(Opportunity.id == opportunity_id)
    if found is None:
        raise NotFound(f"no opportunity with id {opportunity_id}")
    return found


def create_opportunity(draft: OpportunityDraft, clock: Clock) -> int:
    now = clock.now()
    with DB.atomic():
        company = company_named(draft.company, now)
        recruiter = (
            contact_for(draft.recruiter, company, ContactRole.RECRUITER, now)
            if draft.recruiter
            else None
        )
        opportunity = Opportunity.create(
            company=company,
            role_title=draft.role,
            source=draft.source,
            posting_url=draft.posting_url,
            applied_on=draft.applied_on,
            status=draft.status.value,
            recruiter=recruiter,
            notes=draft.notes,
            created_at=now,
            updated_at=now,
        )
        StatusChange.create(
            opportunity=opportunity, from_status=None, to_status=draft.status.value, changed_at=now
        )
    return opportunity.id


def update_opportunity(opportunity_id: int, draft: OpportunityDraft, clock: Clock) -> None:
    """Save edited fields; a different status is recorded as a status change."""
    now = clock.now()
    with DB.atomic():
        opportunity = get_opportunity(opportunity_id)
        company = company_named(draft.company, now)
        opportunity.company = company
        opportunity.role_title = draft.role
        opportunity.source = draft.source
        opportunity.posting_url = draft.posting_url
        opportunity.applied_on = draft.applied_on
        opportunity.notes = draft.notes
        opportunity.recruiter = (
            contact_for(draft.recruiter, company, ContactRole.RECRUITER, now)
            if draft.recruiter
            else None
        )
        if draft.status.value != opportunity.status:
            _record_status(opportunity, draft.status, "", clock)
        opportunity.updated_at = now
        opportunity.save()


def change_status(opportunity_id: int, status: Status, clock: Clock, note: str = "") -> bool:
    """Move to `status`, keeping the change in the history. False when nothing changed."""
    with DB.atomic():
        opportunity = get_opportunity(opportunity_id)
        if opportunity.status == status.value and not note:
            return False
        _record_status(opportunity, status, note, clock)
        opportunity.updated_at = clock.now()
        opportunity.save()
    return True


def _record_status(opportunity: Opportunity, status: Status, note: str, clock: Clock) -> None:
    StatusChange.create(
        opportunity=opportunity,
        from_status=opportunity.status,
        to_status=status.value,
        changed_at=clock.now(),
        note=note,
    )
    opportunity.status = status.value


def set_archived(opportunity_id: int, archived: bool, clock: Clock) -> None:
    with DB.atomic():
        opportunity = get_opportunity(opportunity_id)
        opportunity.archived = archived
        opportunity.updated_at = clock.now()
        opportunity.save()


def delete_opportunity(opportunity_id: int) -> None:
    """Delete with its interviews, history and reminders (the foreign keys cascade)."""
    with DB.atomic():
        get_opportunity(opportunity_id).delete_instance()
