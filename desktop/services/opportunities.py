"""Creating, editing, closing and deleting opportunities."""

from __future__ import annotations

from collections.abc import Collection
from datetime import UTC, date, datetime, time

from db.connection import DB
from db.models import Contact, Opportunity, StatusChange
from db.vocabulary import ContactRole, RecruiterKind, Status
from desktop.domain.clock import Clock
from desktop.domain.forms import OpportunityDraft
from desktop.services import NotFound
from desktop.services.changes import NOTHING, Changes, Made
from desktop.services.people import company_named, contact_for
from desktop.services.reminders import replan


def get_opportunity(opportunity_id: int) -> Opportunity:
    found = Opportunity.get_or_none(Opportunity.id == opportunity_id)
    if found is None:
        raise NotFound(f"no opportunity with id {opportunity_id}")
    return found


def create_opportunity(draft: OpportunityDraft, clock: Clock) -> int:
    return add_opportunity(draft, clock).id


def add_opportunity(draft: OpportunityDraft, clock: Clock) -> Made:
    """`create_opportunity`, saying what changed: the new one, and its reminders."""
    now = clock.now()
    with DB.atomic():
        company = company_named(draft.company, now)
        recruiter = (
            contact_for(draft.recruiter, company, ContactRole.RECRUITER, now, draft.recruiter_kind)
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
            **details_columns(draft),
        )
        StatusChange.create(
            opportunity=opportunity,
            from_status=None,
            to_status=draft.status.value,
            changed_at=_happened_at(draft.applied_on, clock),
        )
        replan(opportunity.id, clock)
    return Made(opportunity.id, Changes.of(opportunity.id, reminders=True))


def details_columns(draft: OpportunityDraft) -> dict[str, object]:
    """The details' columns as stored (schema: opportunity details)."""
    return {
        "salary_min": draft.salary.minimum,
        "salary_max": draft.salary.maximum,
        "salary_currency": draft.salary.currency,
        "salary_basis": draft.salary.basis.value,
        "location": draft.location,
        "work_mode": draft.work_mode.value,
        "deadline": draft.deadline,
        "job_description": draft.job_description,
    }


def update_opportunity(opportunity_id: int, draft: OpportunityDraft, clock: Clock) -> Changes:
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
        for column, value in details_columns(draft).items():
            setattr(opportunity, column, value)
        opportunity.recruiter = (
            contact_for(draft.recruiter, company, ContactRole.RECRUITER, now, draft.recruiter_kind)
            if draft.recruiter
            else None
        )
        if draft.status.value != opportunity.status:
            _record_status(opportunity, draft.status, "", clock)
        opportunity.updated_at = now
        opportunity.save()
        replan(opportunity.id, clock)
    # A new company name or recruiter shows in other opportunities' memories too, but
    # not in their rows; the interviews' company changes with it (the question bank).
    return Changes.of(opportunity_id, reminders=True, interviews=True)


def change_status(
    opportunity_id: int,
    status: Status,
    clock: Clock,
    note: str = "",
    offer_deadline: date | None = None,
    happened_on: date | None = None,
) -> Changes:
    """Move to `status`, keeping the change in the history, and re-plan its reminders.

    `offer_deadline` is kept with an Offer (the reply reminder comes before it).
    `happened_on`: the day it happened when that was before today (the history sorts by
    it, and the reminders that follow an outcome count from it). Returns what changed:
    nothing (falsy) when it was already so.
    """
    with DB.atomic():
        opportunity = get_opportunity(opportunity_id)
        deadline = offer_deadline if status is Status.OFFER else None
        if (
            opportunity.status == status.value
            and not note
            and deadline == opportunity.offer_deadline
        ):
            return NOTHING
        if opportunity.status != status.value or note:
            _record_status(opportunity, status, note, clock, happened_on)
        opportunity.offer_deadline = deadline
        opportunity.updated_at = clock.now()
        opportunity.save()
        replan(opportunity.id, clock)
    return Changes.of(opportunity_id, reminders=True)


def _happened_at(day: date | None, clock: Clock) -> datetime:
    """When a change is kept in the history: now, or midday (the user's time) of an
    earlier day it happened on, so that a change told later sorts where it happened."""
    now = clock.now()
    if day is None or day >= now.astimezone(clock.tz).date():
        return now
    return datetime.combine(day, time(12), clock.tz).astimezone(UTC)


def _record_status(
    opportunity: Opportunity,
    status: Status,
    note: str,
    clock: Clock,
    happened_on: date | None = None,
) -> None:
    StatusChange.create(
        opportunity=opportunity,
        from_status=opportunity.status,
        to_status=status.value,
        changed_at=_happened_at(happened_on, clock),
        note=note,
    )
    opportunity.status = status.value


def set_archived(opportunity_id: int, archived: bool, clock: Clock) -> Changes:
    with DB.atomic():
        opportunity = get_opportunity(opportunity_id)
        opportunity.archived = archived
        opportunity.updated_at = clock.now()
        opportunity.save()
    return Changes.of(opportunity_id)


def change_status_of_all(
    ids: Collection[int], status: Status, clock: Clock, offer_deadline: date | None = None
) -> Changes:
    """Move every one of `ids` to `status` in one transaction (the board's drop, the list's
    bulk change): each kept in its history, each re-planned, exactly as `change_status`
    (an Offer's `offer_deadline` kept with each; without one, an offer already among them
    keeps its own). One that is gone (deleted elsewhere) raises NotFound and none of them
    moves."""
    changed = NOTHING
    with DB.atomic():
        for opportunity_id in ids:
            deadline = offer_deadline
            if deadline is None and status is Status.OFFER:
                deadline = get_opportunity(opportunity_id).offer_deadline
            changed = changed | change_status(
                opportunity_id, status, clock, offer_deadline=deadline
            )
    return changed


def set_archived_of_all(ids: Collection[int], archived: bool, clock: Clock) -> Changes:
    """Archive (or bring back) every one of `ids` in one transaction; all or none."""
    changed = NOTHING
    with DB.atomic():
        for opportunity_id in ids:
            changed = changed | set_archived(opportunity_id, archived, clock)
    return changed


def delete_opportunity(opportunity_id: int) -> Changes:
    """Delete with its interviews, history and reminders (the foreign keys cascade)."""
    with DB.atomic():
        get_opportunity(opportunity_id).delete_instance()
    return Changes.of(opportunity_id, reminders=True, interviews=True)


def set_recruiter_kind(contact_id: int, kind: RecruiterKind, clock: Clock) -> Changes:
    """Say who a recruiter works for, and re-plan what they recruit for: with an agency,
    thanks and follow-ups go through them."""
    with DB.atomic():
        contact = Contact.get_or_none(Contact.id == contact_id)
        if contact is None:
            raise NotFound(f"no person with id {contact_id}")
        contact.recruiter_kind = kind.value
        contact.save()
        recruiting = Opportunity.select(Opportunity.id).where(Opportunity.recruiter == contact_id)
        replanned = frozenset(opportunity_id for (opportunity_id,) in recruiting.tuples())
        for opportunity_id in replanned:
            replan(opportunity_id, clock)
    # Each opportunity this recruiter recruits for shows who they work for, and re-plans.
    return Changes(replanned, reminders=True)
