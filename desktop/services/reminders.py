"""Keeping Reminder rows in step with the playbook, and answering them.

The database is the source of truth: `replan` compares what the rules want for one
opportunity with the rows it has, inserting, moving, reviving or cancelling by key.
"""

from __future__ import annotations

from collections.abc import Mapping
from dataclasses import dataclass
from datetime import datetime, timedelta

from peewee import JOIN, ModelSelect

from db.connection import DB
from db.models import (
    Company,
    Contact,
    Debrief,
    Interview,
    InterviewInterviewer,
    Opportunity,
    Reminder,
    StatusChange,
)
from db.vocabulary import OPEN_REMINDER_STATES, RecruiterKind, ReminderState, Status
from desktop.domain.clock import Clock
from desktop.domain.forms import OwnReminderDraft
from desktop.playbook.calendar import allowed
from desktop.playbook.nudges import NudgeKind, fill
from desktop.playbook.rules import (
    FELT_WRONG_FRESH_FOR,
    FELT_WRONG_KINDS,
    FROM_STATUS_CHANGE,
    SUPERSEDED_BY,
    InterviewFacts,
    Kind,
    OpportunityFacts,
    Person,
    Planned,
    past_on_arrival,
    plan,
    successor_key,
)
from desktop.playbook.settings import PlaybookSettings
from desktop.playbook.snooze import snooze_until
from desktop.playbook.texts import (
    FEEDBACK_PREFIX,
    HISTORY_FEEDBACK,
    HISTORY_LESSONS,
    HISTORY_MET,
    JOB_DESCRIPTION_KEPT,
    JOB_DESCRIPTION_START,
    LESSONS_PREFIX,
    OWN_TITLE,
    OWN_WHY,
    title,
)
from desktop.playbook.texts import why as why_of
from desktop.services import NotFound
from desktop.services.changes import Changes, Made
from desktop.services.history import company_history
from desktop.services.lessons import lessons_before
from desktop.services.nudges import live_values
from desktop.services.settings import load_playbook_settings

OPEN_STATE_VALUES = tuple(s.value for s in OPEN_REMINDER_STATES)
_NUDGE_VALUES = frozenset(k.value for k in NudgeKind)
_ANSWERED = (ReminderState.DONE.value, ReminderState.DISMISSED.value)


def facts_for(opportunity: Opportunity, answered: frozenset[str]) -> OpportunityFacts:
    interviews = list(opportunity.interviews)
    people: dict[int, list[Person]] = {i.id: [] for i in interviews}
    links = (
        InterviewInterviewer.select(InterviewInterviewer.interview, Contact.id, Contact.name)
        .join(Contact)
        .where(InterviewInterviewer.interview.in_(list(people)))
        .tuples()
    )
    for interview_id, contact_id, name in links:
        people[interview_id].append(Person(contact_id, name))
    feelings = {
        interview_id: (felt, prediction, written)
        for interview_id, felt, prediction, written in Debrief.select(
            Debrief.interview, Debrief.felt, Debrief.prediction, Debrief.created_at
        )
        .where(Debrief.interview.in_(list(people)))
        .tuples()
    }
    # When it reached its status: an outcome told later is backdated to the day it
    # happened, so the latest change by date need not be the one to the current status.
    # The newest change to the current status, else the newest change: one query.
    last_change = (
        StatusChange.select(StatusChange.changed_at)
        .where(StatusChange.opportunity == opportunity)
        .order_by(
            (StatusChange.to_status == opportunity.status).desc(),
            StatusChange.changed_at.desc(),
            StatusChange.id.desc(),
        )
        .first()
    )
    recruiter = opportunity.recruiter
    return OpportunityFacts(
        id=opportunity.id,
        status=Status(opportunity.status),
        status_changed_at=last_change.changed_at if last_change else opportunity.created_at,
        interviews=tuple(
            InterviewFacts(
                id=i.id,
                starts_at=i.starts_at,
                duration_minutes=i.duration_minutes,
                created_at=i.created_at,
                hear_by=i.hear_by,
                interviewers=tuple(people[i.id]),
                felt=feelings.get(i.id, (None,))[0],
                prediction=feelings.get(i.id, (None, ""))[1],
                debriefed_at=feelings.get(i.id, (None, "", None))[2],
            )
            for i in interviews
        ),
        recruiter=Person(recruiter.id, recruiter.name) if recruiter else None,
        recruiter_kind=RecruiterKind(recruiter.recruiter_kind)
        if recruiter
        else RecruiterKind.UNKNOWN,
        offer_deadline=opportunity.offer_deadline,
        answered=answered,
    )


def replan(opportunity_id: int, clock: Clock, settings: PlaybookSettings | None = None) -> None:
    """Bring this opportunity's reminders in line with the rules. Call inside a transaction."""
    settings = settings or load_playbook_settings()
    # With its recruiter (a left join): the facts name them, one lazy query fewer.
    opportunity = (
        Opportunity.select(Opportunity, Contact)
        .join(Contact, JOIN.LEFT_OUTER, on=(Opportunity.recruiter == Contact.id))
        .where(Opportunity.id == opportunity_id)
        .get_or_none()
    )
    if opportunity is None:
        return
    existing = {
        r.key: r
        for r in Reminder.select().where(
            (Reminder.opportunity == opportunity_id) & (Reminder.kind != Kind.OWN.value)
        )
    }
    answered = frozenset(k for k, r in existing.items() if r.state in _ANSWERED)
    facts = facts_for(opportunity, answered)
    now = clock.now()
    # Preparing for an interview that has begun is moot (see firing.expire_stale_prep).
    begun = {i.id for i in facts.interviews if i.starts_at <= now}
    wanted = {
        p.key: p
        for p in plan(facts, settings, clock.tz)
        if not (p.kind is Kind.PREP and p.interview_id in begun)
        and not (
            # Old news the first time an old history is planned: never said late.
            p.kind in FELT_WRONG_KINDS
            and p.key not in existing
            and p.due_at < now - FELT_WRONG_FRESH_FOR
        )
    }
    past = past_on_arrival(list(wanted.values()), now)
    # New steps are written in one INSERT after the loop, not one query each: a status
    # change or a first plan makes several, and Peewee's building of each query's SQL
    # cost more than SQLite's writing of it.
    new: list[dict[str, object]] = []
    for key, planned in wanted.items():
        row = existing.get(key) or _same_step_for_someone_else(key, existing, wanted)
        if row is None:
            new.append(
                {
                    "kind": planned.kind.value,
                    "key": key,
                    "due_at": planned.due_at,
                    "state": (ReminderState.PAST if key in past else ReminderState.PENDING).value,
                    "opportunity": opportunity_id,
                    "interview": planned.interview_id,
                    "contact": planned.contact_id,
                    "created_at": now,
                }
            )
            continue
        if row.key != key:
            # The same step, now for another contact row (the user fixed the recruiter's
            # name or address): it keeps what the user has already seen and answered.
            existing[key] = existing.pop(row.key)
            row.key = key
            row.contact_id = planned.contact_id
            row.save()
        if row.state in _REVIVABLE and (
            row.state == ReminderState.CANCELLED.value or row.due_at != planned.due_at
        ):
            # Wanted again (a status changed back) or moved (an interview rescheduled).
            # One already seen at the same time waits again without popping a second time.
            seen = row.fired_at is not None and row.due_at == planned.due_at
            if seen:
                row.state = ReminderState.FIRED.value
            elif key in past:
                row.state = ReminderState.PAST.value
            else:
                row.state = ReminderState.PENDING.value
            row.due_at = planned.due_at
            row.contact_id = planned.contact_id
            row.answered_at = None
            row.save()
        elif _answered_before_the_news(row, planned):
            # A new step of the same kind (see FROM_STATUS_CHANGE): waiting, never seen.
            row.state = (ReminderState.PAST if key in past else ReminderState.PENDING).value
            row.due_at = planned.due_at
            row.contact_id = planned.contact_id
            row.answered_at = None
            row.fired_at = None
            row.save()
        elif row.state == ReminderState.PENDING.value and (
            row.due_at != planned.due_at or row.contact_id != planned.contact_id
        ):
            # Moved, or now addressed to someone else (the recruiter turned out to be an
            # agency).
            row.due_at = planned.due_at
            row.contact_id = planned.contact_id
            row.save()
    for key, row in existing.items():
        if key not in wanted and row.state in OPEN_STATE_VALUES:
            row.move_to(ReminderState.CANCELLED)
            row.answered_at = now
            row.save()
    if new:
        Reminder.insert_many(new).execute()


_REVIVABLE = (ReminderState.CANCELLED.value, ReminderState.PAST.value)


def _answered_before_the_news(row: Reminder, planned: Planned) -> bool:
    """Answered, then the status changed (a note added to the same status is no change),
    and planned anew from that change."""
    if not (
        planned.kind in FROM_STATUS_CHANGE
        and row.state in _ANSWERED
        and row.answered_at is not None
        and row.due_at != planned.due_at
    ):
        return False
    changed = (StatusChange.from_status.is_null()) | (
        StatusChange.from_status != StatusChange.to_status
    )
    return bool(
        StatusChange.select()
        .where(
            (StatusChange.opportunity == row.opportunity_id)
            & (StatusChange.changed_at > row.answered_at)
            & changed
        )
        .exists()
    )


def _stem(key: str) -> str:
    """A key without its person: the step itself."""
    return ":".join(part for part in key.split(":") if not part.startswith("p"))


def _same_step_for_someone_else(
    key: str, existing: dict[str, Reminder], wanted: Mapping[str, object]
) -> Reminder | None:
    """The one row of this step no longer wanted under its old person, when exactly one
    person is wanted for the step now (one recruiter call, one pass-on-thanks)."""
    stem = _stem(key)
    if stem == key or sum(1 for k in wanted if _stem(k) == stem) != 1:
        return None
    gone = [r for k, r in existing.items() if k not in wanted and _stem(k) == stem]
    return gone[0] if len(gone) == 1 else None


def retire_superseded(now: datetime) -> int:
    """Record as past every open step whose later variant has come due (the first
    thank-you once the late one is due), so the two never wait side by side."""
    firsts = Reminder.select().where(
        Reminder.kind.in_([k.value for k in SUPERSEDED_BY]) & Reminder.state.in_(OPEN_STATE_VALUES)
    )
    retired = 0
    with DB.atomic():
        for row in firsts:
            later_key = successor_key(row.key)
            later = Reminder.get_or_none(Reminder.key == later_key) if later_key else None
            if later is not None and later.due_at <= now and later.state not in _REVIVABLE:
                row.move_to(ReminderState.PAST)
                row.answered_at = now
                row.save()
                retired += 1
    return retired


def add_own_reminder(
    opportunity_id: int, draft: OwnReminderDraft, clock: Clock, interview_id: int | None = None
) -> Made:
    """The user's own reminder or to-do on an opportunity (or one of its interviews): the
    new reminder's id, and that opportunity and the reminders as what changed."""
    now = clock.now()
    with DB.atomic():
        if Opportunity.get_or_none(Opportunity.id == opportunity_id) is None:
            raise NotFound(f"no opportunity with id {opportunity_id}")
        if interview_id is not None and not (
            Interview.select()
            .where((Interview.id == interview_id) & (Interview.opportunity == opportunity_id))
            .exists()
        ):
            raise NotFound(f"no interview with id {interview_id} in this opportunity")
        # A key the rules never make, unique, and translated like theirs on export.
        parts = [f"o{opportunity_id}", Kind.OWN.value]
        if interview_id is not None:
            parts.append(f"i{interview_id}")
        parts.append(f"n{now:%Y%m%dT%H%M%S%f}")
        key = ":".join(parts)
        while Reminder.select().where(Reminder.key == key).exists():
            key += "x"
        made = Reminder.create(
            kind=Kind.OWN.value,
            key=key,
            due_at=draft.due_at,
            opportunity=opportunity_id,
            interview=interview_id,
            created_at=now,
            message=draft.text,
        )
    return Made(made.id, Changes.of(opportunity_id, reminders=True))


def replan_all(clock: Clock) -> Changes:
    """After a settings change: every opportunity, one transaction. No list row changes
    (they show no reminder); the reminders and the settings did."""
    settings = load_playbook_settings()
    with DB.atomic():
        for (opportunity_id,) in Opportunity.select(Opportunity.id).tuples():
            replan(opportunity_id, clock, settings)
    return Changes(reminders=True, settings=True)


# ----- answering ------------------------------------------------------------------------


def _open_reminder(reminder_id: int) -> Reminder:
    reminder = Reminder.get_or_none(Reminder.id == reminder_id)
    if reminder is None:
        raise NotFound(f"no reminder with id {reminder_id}")
    return reminder


def _answer(
    reminder_id: int, target: ReminderState, clock: Clock, due: datetime | None = None
) -> Changes:
    with DB.atomic():
        reminder = _open_reminder(reminder_id)
        reminder.move_to(target)
        reminder.answered_at = clock.now() if target is not ReminderState.SNOOZED else None
        if due is not None:
            reminder.due_at = due
        reminder.save()
        if reminder.opportunity_id is not None:
            # Answering can change what else is wanted (a done thank-you needs no late one).
            replan(reminder.opportunity_id, clock)
    # The opportunity's row is unchanged, but its detail shows its reminders.
    return Changes.of(reminder.opportunity_id, reminders=True)


def mark_done(reminder_id: int, clock: Clock) -> Changes:
    return _answer(reminder_id, ReminderState.DONE, clock)


def dismiss(reminder_id: int, clock: Clock) -> Changes:
    return _answer(reminder_id, ReminderState.DISMISSED, clock)


@dataclass(frozen=True)
class Snoozed:
    until: datetime  # when it comes back, out of quiet hours
    changes: Changes


def snooze(reminder_id: int, until: datetime, clock: Clock) -> Snoozed:
    """Snooze to `until`, pushed out of quiet hours; says when it will come back."""
    if until <= clock.now():
        raise ValueError("a snooze must end in the future")
    if until > clock.now() + timedelta(days=366):
        raise ValueError("a snooze can last a year at most")
    landed = allowed(until, clock.tz, load_playbook_settings().quiet)
    return Snoozed(landed, _answer(reminder_id, ReminderState.SNOOZED, clock, due=landed))


def snooze_choice(reminder_id: int, choice: str, clock: Clock) -> Snoozed:
    """Snooze by one of the menu choices ("1h", "evening", "tomorrow", "next_week")."""
    quiet = load_playbook_settings().quiet
    return snooze(reminder_id, snooze_until(choice, clock.now(), clock.tz, quiet), clock)


# ----- reading --------------------------------------------------------------------------


@dataclass(frozen=True)
class ReminderView:
    id: int
    kind: Kind | NudgeKind
    title: str
    why: str
    due_at: datetime
    state: ReminderState
    opportunity_id: int | None
    interview_id: int | None
    link: str = ""  # a posting to look at again (the re-apply check-in)
    task: str = ""  # the title without its opportunity, for where that is already shown
    key: str = ""
    company: str = ""  # the opportunity's company, for naming its group's moment
    interview_at: datetime | None = None  # when its interview began, likewise


def views_of(query: ModelSelect[Reminder]) -> list[ReminderView]:
    rows = (
        query.select(
            Reminder,
            Opportunity.role_title,
            Company.name.alias("company_name"),
            Contact.name.alias("contact_name"),
            Interview.starts_at.alias("interview_at"),
        )
        .join(Opportunity, JOIN.LEFT_OUTER, on=(Reminder.opportunity == Opportunity.id))
        .join(Company, JOIN.LEFT_OUTER, on=(Opportunity.company == Company.id))
        .switch(Reminder)
        .join(Contact, JOIN.LEFT_OUTER, on=(Reminder.contact == Contact.id))
        .switch(Reminder)
        .join(Interview, JOIN.LEFT_OUTER, on=(Reminder.interview == Interview.id))
        .order_by(Reminder.due_at, Reminder.id)
        .objects()
    )
    views = []
    now_values: dict[str, object] | None = None
    for row in rows:
        if row.kind in _NUDGE_VALUES:
            kind: Kind | NudgeKind = NudgeKind(row.kind)
            if now_values is None:
                now_values = live_values()
            heading, _, why = fill(row.message, now_values).partition("\n")
            task = heading
        elif row.kind == Kind.OWN.value:
            kind = Kind.OWN
            about = f"{row.company_name}, {row.role_title}" if row.role_title else "Debrief"  # type: ignore[attr-defined]
            heading = OWN_TITLE.format(text=row.message, opportunity=about)
            why = OWN_WHY
            task = row.message
        else:
            kind = Kind(row.kind)
            # .objects() put the joined columns on the Reminder; its type cannot know.
            about = f"{row.company_name}, {row.role_title}" if row.role_title else "Debrief"  # type: ignore[attr-defined]
            heading = title(kind, about, getattr(row, "contact_name", None))
            task = heading.removesuffix(f" — {about}")
            why = why_of(kind, to_person=row.contact_id is not None)
            if kind is Kind.PREP and row.interview_id is not None:
                why = _with_lessons(why, row.interview_id)
            if kind is Kind.PREP and row.opportunity_id is not None:
                why = _with_job_description(why, row.opportunity_id)
        link = ""
        if row.kind == Kind.REAPPLY_CHECK_IN.value and row.opportunity_id is not None:
            why, link = _with_history(why, row.opportunity_id)
        views.append(
            ReminderView(
                id=row.id,
                kind=kind,
                title=heading,
                why=why,
                due_at=row.due_at,
                state=ReminderState(row.state),
                opportunity_id=row.opportunity_id,
                interview_id=row.interview_id,
                link=link,
                task=task,
                key=row.key,
                company=getattr(row, "company_name", None) or "",
                interview_at=getattr(row, "interview_at", None),
            )
        )
    return views


def _with_job_description(why: str, opportunity_id: int) -> str:
    """The posting may be gone by the interview: the prep reminder says it was kept, and
    how it began."""
    found = (
        Opportunity.select(Opportunity.job_description)
        .where(Opportunity.id == opportunity_id)
        .tuples()
        .first()
    )
    text = " ".join(found[0].split()) if found else ""
    if not text:
        return why
    start = text if len(text) <= JOB_DESCRIPTION_START else text[:JOB_DESCRIPTION_START] + "…"
    return f"{why}\n{JOB_DESCRIPTION_KEPT.format(start=start)}"


def _with_lessons(why: str, interview_id: int) -> str:
    """The loop closes here: the prep reminder carries what earlier debriefs taught and
    what companies said."""
    interview = Interview.get_or_none(Interview.id == interview_id)
    found = lessons_before(interview.starts_at) if interview else None
    if not found:
        return why
    lines = [why]
    if found.brief():
        lines.append(f"{LESSONS_PREFIX}{found.brief()}")
    if found.feedback:
        lines.append(f"{FEEDBACK_PREFIX}{found.feedback_lines(1)[0]}")
    return "\n".join(lines)


def _with_history(why: str, opportunity_id: int) -> tuple[str, str]:
    """For the re-apply check-in: who the user met there, what they learned and were
    told, and the posting link the company had (this one's, else the latest known)."""
    found = company_history(opportunity_id)
    lines = [why]
    if found.people:
        lines.append(HISTORY_MET.format(people=", ".join(found.people)))
    if found.lessons:
        lines.append(HISTORY_LESSONS.format(lessons=" · ".join(found.lessons)))
    if found.feedback:
        lines.append(HISTORY_FEEDBACK.format(feedback=found.feedback))
    return "\n".join(lines), found.link


def open_reminders_until(
    horizon: datetime,
    opportunity_ids: frozenset[int] | None = None,
    kinds: frozenset[Kind] = frozenset(),
) -> list[ReminderView]:
    """Unanswered reminders due at or before `horizon`, oldest first; with
    `opportunity_ids`, only theirs and those of `kinds`. A later variant (the late
    thank-you) is left out while its first is still open: one of them at a time."""
    query = Reminder.select().where(
        (Reminder.state.in_(OPEN_STATE_VALUES)) & (Reminder.due_at <= horizon)
    )
    if opportunity_ids is not None:
        query = query.where(
            Reminder.opportunity.in_(sorted(opportunity_ids))
            | Reminder.kind.in_(sorted(k.value for k in kinds))
        )
    views = views_of(query)
    replaced = {successor_key(v.key) for v in views}
    return [v for v in views if v.key not in replaced]


def reminders_of(opportunity_id: int) -> list[ReminderView]:
    return views_of(Reminder.select().where(Reminder.opportunity == opportunity_id))


def reminder_view(reminder_id: int) -> ReminderView:
    found = views_of(Reminder.select().where(Reminder.id == reminder_id))
    if not found:
        raise NotFound(f"no reminder with id {reminder_id}")
    return found[0]


def latest_rejection_reply() -> ReminderView | None:
    """The open "reply to the rejection" reminder, newest first: after a "no", the most
    useful next step."""
    found = views_of(
        Reminder.select().where(
            (Reminder.kind == Kind.REJECTION_REPLY.value) & Reminder.state.in_(OPEN_STATE_VALUES)
        )
    )
    return found[-1] if found else None
