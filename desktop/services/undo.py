"""Undo: what an opportunity (or a reminder) was before an action, and putting it back.

A snapshot holds every row the action could touch: the opportunity with its history,
interviews and their interviewers, debriefs, reflection, sent notes, reminders and the
links to its documents. Undo puts exactly those rows back, under their own ids, in one
transaction: rows the action added go, rows it changed or deleted return as they were. A
reminder without an opportunity (a nudge) is a snapshot of its own row.
"""

from __future__ import annotations

from collections.abc import Collection
from dataclasses import dataclass
from typing import Any, cast

from peewee import Field

from db.connection import DB
from db.models import (
    BaseModel,
    Debrief,
    DebriefMistake,
    DebriefQuestion,
    Document,
    Interview,
    InterviewInterviewer,
    Opportunity,
    OpportunityDocument,
    Reflection,
    Reminder,
    SentNote,
    StatusChange,
)
from desktop.services import NotFound

# Parents before children: the order rows are put back in (and removed in reverse).
OPPORTUNITY_TABLES: tuple[type[BaseModel], ...] = (
    Opportunity,
    StatusChange,
    Interview,
    InterviewInterviewer,
    Debrief,
    DebriefQuestion,
    DebriefMistake,
    Reflection,
    SentNote,
    Reminder,
    OpportunityDocument,  # the links only: a document row outlives them until the sweep
)


Row = dict[str, Any]


def _id(model: type[BaseModel]) -> Field:
    """The table's id column (every table here has one)."""
    return cast(Field, model._meta.primary_key)


@dataclass(frozen=True)
class Snapshot:
    opportunity_id: int | None  # None: a reminder of its own (a nudge)
    reminder_id: int | None
    rows: dict[type[BaseModel], tuple[Row, ...]]


# What answering a reminder can change: its own row and the re-planned others, and with
# "No response" the status and its history; a status change writes the same three. These
# are the most frequent actions, so their snapshots read three tables, not all eleven.
ANSWER_TABLES: tuple[type[BaseModel], ...] = (Opportunity, StatusChange, Reminder)
Tables = tuple[type[BaseModel], ...]  # for callers that pass a few of them along


def _rows_of(
    opportunity_id: int, tables: tuple[type[BaseModel], ...] = OPPORTUNITY_TABLES
) -> dict[type[BaseModel], tuple[Row, ...]]:
    interviews = Interview.select(Interview.id).where(Interview.opportunity == opportunity_id)
    debriefs = Debrief.select(Debrief.id).where(Debrief.interview.in_(interviews))
    where: dict[type[BaseModel], Any] = {
        Opportunity: Opportunity.id == opportunity_id,
        StatusChange: StatusChange.opportunity == opportunity_id,
        Interview: Interview.opportunity == opportunity_id,
        InterviewInterviewer: InterviewInterviewer.interview.in_(interviews),
        Debrief: Debrief.interview.in_(interviews),
        DebriefQuestion: DebriefQuestion.debrief.in_(debriefs),
        DebriefMistake: DebriefMistake.debrief.in_(debriefs),
        Reflection: Reflection.opportunity == opportunity_id,
        SentNote: SentNote.opportunity == opportunity_id,
        Reminder: Reminder.opportunity == opportunity_id,
        OpportunityDocument: OpportunityDocument.opportunity == opportunity_id,
    }
    return {
        model: tuple(model.select().where(where[model]).order_by(_id(model)).dicts())
        for model in tables
    }


def snapshot_opportunity(
    opportunity_id: int, tables: tuple[type[BaseModel], ...] = OPPORTUNITY_TABLES
) -> Snapshot:
    """Everything of this opportunity (in `tables`), as it is now."""
    with DB.atomic():
        rows = _rows_of(opportunity_id, tables)
    if not rows[Opportunity]:
        raise NotFound(f"no opportunity with id {opportunity_id}")
    return Snapshot(opportunity_id, None, rows)


@dataclass(frozen=True)
class Snapshots:
    """Several opportunities at once, for an action on a selection: undone in one step."""

    parts: tuple[Snapshot, ...]


def snapshot_opportunities(ids: Collection[int]) -> Snapshots:
    """Everything of each of these opportunities, as it is now, read in one transaction."""
    with DB.atomic():
        return Snapshots(tuple(snapshot_opportunity(opportunity_id) for opportunity_id in ids))


def snapshot_reminder(reminder_id: int) -> Snapshot:
    """Before answering a reminder: its opportunity, since answering re-plans the others
    (a thank-you done needs no late one); a nudge is only its own row."""
    found = Reminder.get_or_none(Reminder.id == reminder_id)
    if found is None:
        raise NotFound(f"no reminder with id {reminder_id}")
    if found.opportunity_id is not None:
        return snapshot_opportunity(found.opportunity_id, ANSWER_TABLES)
    rows = tuple(Reminder.select().where(Reminder.id == reminder_id).dicts())
    return Snapshot(None, reminder_id, {Reminder: rows})


def restore(snapshot: Snapshot | Snapshots) -> None:
    """Put the snapshot's rows back exactly, in one transaction."""
    with DB.atomic():
        for part in snapshot.parts if isinstance(snapshot, Snapshots) else (snapshot,):
            _restore_one(part)


def _restore_one(snapshot: Snapshot) -> None:
    if snapshot.opportunity_id is not None:
        taken = tuple(m for m in OPPORTUNITY_TABLES if m in snapshot.rows)
        now = _rows_of(snapshot.opportunity_id, taken)
        for model in reversed(taken):  # what the action added goes
            kept = {row["id"] for row in snapshot.rows[model]}
            extra = [row["id"] for row in now[model] if row["id"] not in kept]
            if extra:
                model.delete().where(_id(model).in_(extra)).execute()
    for model in OPPORTUNITY_TABLES:
        for row in snapshot.rows.get(model, ()):
            if model is OpportunityDocument and not _document_kept(row):
                continue
            _put_back(model, row)


def _document_kept(link: Row) -> bool:
    """A link whose document the start-up sweep removed meanwhile cannot come back."""
    return bool(Document.select().where(Document.id == link["document"]).exists())


def _put_back(model: type[BaseModel], row: Row) -> None:
    columns = [f for f in model._meta.sorted_fields if f.name != "id"]
    (
        model.insert(**row)
        .on_conflict(conflict_target=[_id(model)], update={f: row[f.name] for f in columns})
        .execute()
    )
