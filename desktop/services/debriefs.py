"""Debriefs: load and save one per interview (autosave calls `save_debrief` often), the
lessons that come back before the next interview, and the bank of questions asked."""

from __future__ import annotations

from dataclasses import dataclass
from datetime import datetime

from db.connection import DB
from db.models import (
    Company,
    Debrief,
    DebriefMistake,
    DebriefQuestion,
    Interview,
    Opportunity,
    Reminder,
)
from desktop.domain.calibration import PastFeeling
from desktop.domain.clock import Clock
from desktop.domain.insights import OpportunityHistory, interview_outcome
from desktop.playbook.lessons import Lessons
from desktop.playbook.reflection import FELT, PREDICTIONS
from desktop.playbook.rules import Kind
from desktop.services import NotFound
from desktop.services.changes import NOTHING, Changes
from desktop.services.lessons import lessons_before
from desktop.services.reminders import OPEN_STATE_VALUES, mark_done


@dataclass(frozen=True)
class QuestionEntry:
    question: str
    note: str = ""


@dataclass(frozen=True)
class MistakeEntry:
    mistake: str  # a common mistake's key, or the user's own words
    why: str = ""


@dataclass(frozen=True)
class DebriefData:
    felt: int | None = None
    prediction: str = ""
    account: str = ""
    questions: tuple[QuestionEntry, ...] = ()
    went_well: str = ""
    mistakes: tuple[MistakeEntry, ...] = ()
    made_harder: str = ""
    lessons: str = ""
    feedback: str = ""  # what the company or the recruiter said

    def is_blank(self) -> bool:
        return self == DebriefData()


@dataclass(frozen=True)
class DebriefHeading:
    interview_id: int
    opportunity_id: int
    company: str
    role: str
    round_label: str
    starts_at: datetime


def heading(interview_id: int) -> DebriefHeading:
    row = (
        Interview.select(Interview, Opportunity, Company)
        .join(Opportunity)
        .join(Company)
        .where(Interview.id == interview_id)
        .first()
    )
    if row is None:
        raise NotFound(f"no interview with id {interview_id}")
    return DebriefHeading(
        interview_id=row.id,
        opportunity_id=row.opportunity.id,
        company=row.opportunity.company.name,
        role=row.opportunity.role_title,
        round_label=row.round_label,
        starts_at=row.starts_at,
    )


def load_debrief(interview_id: int) -> DebriefData:
    heading(interview_id)  # raises NotFound for a deleted interview
    row = Debrief.get_or_none(Debrief.interview == interview_id)
    if row is None:
        return DebriefData()
    return DebriefData(
        felt=row.felt,
        prediction=row.prediction,
        account=row.account,
        questions=tuple(
            QuestionEntry(q.question, q.answer_note)
            for q in row.questions.order_by(DebriefQuestion.position)
        ),
        went_well=row.went_well,
        mistakes=tuple(
            MistakeEntry(m.mistake, m.why) for m in row.mistakes.order_by(DebriefMistake.position)
        ),
        made_harder=row.made_harder,
        lessons=row.lessons,
        feedback=row.feedback,
    )


def save_debrief(interview_id: int, data: DebriefData, clock: Clock) -> Changes:
    """Write the whole debrief in one transaction: a crash leaves the previous save."""
    if data.felt is not None and data.felt not in FELT:
        raise ValueError(f"how it felt must be 1 to 5, not {data.felt}")
    if data.prediction and data.prediction not in PREDICTIONS:
        raise ValueError(f"unknown prediction {data.prediction!r}")
    now = clock.now()
    with DB.atomic():
        opportunity_id = heading(interview_id).opportunity_id
        row = Debrief.get_or_none(Debrief.interview == interview_id)
        if row is None:
            row = Debrief(interview=interview_id, created_at=now)
        row.felt = data.felt
        row.prediction = data.prediction
        row.account = data.account
        row.went_well = data.went_well
        row.made_harder = data.made_harder
        row.lessons = data.lessons
        row.feedback = data.feedback
        row.updated_at = now
        row.save()
        DebriefQuestion.delete().where(DebriefQuestion.debrief == row.id).execute()
        DebriefMistake.delete().where(DebriefMistake.debrief == row.id).execute()
        asked = [q for q in data.questions if q.question.strip() or q.note.strip()]
        if asked:
            DebriefQuestion.insert_many(
                [
                    {
                        "debrief": row.id,
                        "position": n,
                        "question": q.question,
                        "answer_note": q.note,
                    }
                    for n, q in enumerate(asked)
                ]
            ).execute()
        kept = [m for m in data.mistakes if m.mistake.strip()]
        if kept:
            DebriefMistake.insert_many(
                [
                    {"debrief": row.id, "position": n, "mistake": m.mistake, "why": m.why}
                    for n, m in enumerate(kept)
                ]
            ).execute()
    # Its opportunity's detail shows the debrief; the question bank, Insights and the
    # lessons read debriefs. No reminder changes until the debrief is finished.
    return Changes.of(opportunity_id, interviews=True)


def finish_debrief(interview_id: int, clock: Clock) -> Changes:
    """The debrief is written: answer its reminder. NOTHING (falsy) when there was nothing
    to do."""
    if load_debrief(interview_id).is_blank():
        return NOTHING
    reminder = Reminder.get_or_none(
        (Reminder.interview == interview_id)
        & (Reminder.kind == Kind.DEBRIEF.value)
        & Reminder.state.in_(OPEN_STATE_VALUES)
    )
    if reminder is None:
        return NOTHING
    return mark_done(reminder.id, clock)


def lessons_for_interview(interview_id: int, limit: int = 5) -> Lessons:
    return lessons_before(heading(interview_id).starts_at, limit)


@dataclass(frozen=True)
class BankEntry:
    question: str
    note: str
    company: str
    role: str
    asked_at: datetime
    interview_id: int


def question_bank(search: str = "") -> list[BankEntry]:
    """Every question ever asked, newest first; `search` matches question, note, company."""
    query = (
        DebriefQuestion.select(DebriefQuestion, Debrief, Interview, Opportunity, Company)
        .join(Debrief)
        .join(Interview)
        .join(Opportunity)
        .join(Company)
        .order_by(Interview.starts_at.desc(), DebriefQuestion.position)
    )
    needle = search.strip()
    if needle:
        query = query.where(  # contains() escapes % and _, so they match literally
            DebriefQuestion.question.contains(needle)
            | DebriefQuestion.answer_note.contains(needle)
            | Company.name.contains(needle)
            | Opportunity.role_title.contains(needle)
        )
    return [
        BankEntry(
            question=row.question,
            note=row.answer_note,
            company=row.debrief.interview.opportunity.company.name,
            role=row.debrief.interview.opportunity.role_title,
            asked_at=row.debrief.interview.starts_at,
            interview_id=row.debrief.interview.id,
        )
        for row in query
    ]


def past_feelings() -> list[PastFeeling]:
    """Every debriefed interview's feeling and what happened next, for the calibration
    shown under a debrief that felt bad. Three queries, whatever the history's size."""
    rows = (
        Debrief.select(Debrief.interview, Debrief.felt, Debrief.prediction, Interview.opportunity)
        .join(Interview)
        .where(Debrief.felt.is_null(False) | (Debrief.prediction != ""))
        .tuples()
    )
    felt_rows = list(rows)
    wanted = {opportunity for *_, opportunity in felt_rows}
    order: dict[int, list[int]] = {}
    for interview_id, opportunity_id in (
        Interview.select(Interview.id, Interview.opportunity)
        .where(Interview.opportunity.in_(list(wanted)))
        .order_by(Interview.starts_at, Interview.id)
        .tuples()
    ):
        order.setdefault(opportunity_id, []).append(interview_id)
    status = dict(
        Opportunity.select(Opportunity.id, Opportunity.status)
        .where(Opportunity.id.in_(list(wanted)))
        .tuples()
    )
    out = []
    for interview_id, felt, prediction, opportunity_id in felt_rows:
        ids = order[opportunity_id]
        history = OpportunityHistory(
            company="",
            status=status[opportunity_id],
            applied_at=datetime.min,
            interviews=tuple((datetime.min, "", None) for _ in ids),
        )
        outcome = interview_outcome(history, ids.index(interview_id))
        out.append(PastFeeling(interview_id, felt, prediction, outcome))
    return out
