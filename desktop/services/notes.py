"""Notes to send: templates (shipped files, overridable in the database), the values that
fill them (taken from an opportunity, its people, its notes and debrief, and the user's
profile), how each person is addressed, and the record of what was sent to whom."""

from __future__ import annotations

from dataclasses import dataclass
from datetime import date, datetime, timedelta

from db.connection import DB
from db.models import (
    Contact,
    Debrief,
    DebriefQuestion,
    Interview,
    InterviewInterviewer,
    Opportunity,
    Reminder,
    SentNote,
)
from db.vocabulary import RecruiterKind, ReminderState
from desktop.domain.clock import Clock
from desktop.playbook.addressing import Person, greeting_name
from desktop.playbook.date_words import day_words, weekday_date

# Profile is re-exported: the compose window asks this module for it.
from desktop.playbook.notes import (
    ANSWERS,
    PER_PERSON,
    RECRUITER_NOTES,
    TEMPLATE_NAMES,
    note_for,
    people_list,
    sign_off,
)
from desktop.playbook.notes import Profile as Profile
from desktop.playbook.topics import suggest_topic
from desktop.services import NotFound, settings
from desktop.services.changes import NOTHING, Changes
from desktop.services.opportunities import get_opportunity
from desktop.services.reminders import OPEN_STATE_VALUES, mark_done, reminder_view
from desktop.shipped import template_file

_THANK_YOU_KINDS = ("thank_you", "late_thank_you", "thanks_via_recruiter")
_THANK_YOU_NOTES = (
    "thank_you",
    "late_thank_you",
    "late_thank_you_follow_up",
    "thanks_via_recruiter",
    "follow_up_via_recruiter",
)


def _check(name: str) -> None:
    if name not in TEMPLATE_NAMES:
        raise NotFound(f"no note template called {name!r}")


def shipped_template(name: str) -> str:
    _check(name)
    return template_file(name).read_text(encoding="utf-8")


def template_text(name: str) -> str:
    """The user's edited version when there is one, else the shipped one."""
    _check(name)
    custom = settings.get(settings.TEMPLATES[name])
    return custom if custom is not None else shipped_template(name)


def is_customised(name: str) -> bool:
    _check(name)
    return settings.is_set(settings.TEMPLATES[name])


def save_template(name: str, text: str) -> None:
    _check(name)
    settings.put(settings.TEMPLATES[name], text)


def reset_template(name: str) -> None:
    _check(name)
    settings.reset(settings.TEMPLATES[name])


def load_profile() -> Profile:
    return settings.get(settings.PROFILE)


def save_profile(profile: Profile) -> None:
    settings.put(settings.PROFILE, profile)


def profile_asked() -> bool:
    """Whether the first note already asked who the notes are from."""
    return settings.get(settings.PROFILE_ASKED) or not load_profile().is_blank()


def mark_profile_asked() -> None:
    settings.put(settings.PROFILE_ASKED, True)


@dataclass(frozen=True)
class Recipient:
    contact_id: int
    name: str
    email: str
    is_recruiter: bool
    address_as: str = ""
    topic: str = ""  # suggested from the notes and the debrief; "" when they say nothing

    @property
    def person(self) -> Person:
        return Person(self.name, self.address_as)

    @property
    def label(self) -> str:
        return f"{self.name} <{self.email}>" if self.email else self.name


@dataclass(frozen=True)
class NoteContext:
    opportunity_id: int
    template: str
    recipients: tuple[Recipient, ...]
    recipient_id: int | None  # who the note is for, when the reminder names someone
    values: dict[str, str]  # all but the recipient's own (their_name, their_full_name, topic)
    reminder_id: int | None = None


def context_for(
    opportunity_id: int,
    clock: Clock,
    template: str | None = None,
    recipient_id: int | None = None,
    reminder_id: int | None = None,
    kind: str | None = None,
) -> NoteContext:
    """Everything a note for this opportunity needs. Without a template, the one that fits
    the opportunity's state now (see `note_for`)."""
    opportunity = get_opportunity(opportunity_id)
    agency = via_agency(opportunity)
    latest = (
        Interview.select()
        .where(Interview.opportunity == opportunity_id)
        .order_by(Interview.starts_at.desc())
        .first()
    )
    now = clock.now()
    if template is None:
        late = latest is not None and now > _end(latest) + timedelta(hours=24)
        template = note_for(kind, opportunity.status, thank_you_sent(opportunity_id), late, agency)
        template = template or "thank_you"
    _check(template)
    texts = _what_was_written(latest)
    recipients: list[Recipient] = []
    if latest is not None:
        for link in (
            InterviewInterviewer.select(InterviewInterviewer, Contact)
            .join(Contact)
            .where(InterviewInterviewer.interview == latest.id)
            .order_by(InterviewInterviewer.id)
        ):
            recipients.append(_recipient(link.contact, False, texts))
    recruiter = opportunity.recruiter
    if recruiter is not None and all(r.contact_id != recruiter.id for r in recipients):
        recipients.append(_recipient(recruiter, True, texts))
    if recipient_id is None and recipients:
        # With an agency every note goes to the recruiter, never around them.
        to_recruiter = template in RECRUITER_NOTES or agency
        preferred = [r for r in recipients if r.is_recruiter == to_recruiter] or recipients
        recipient_id = preferred[0].contact_id
    profile = load_profile()
    today = now.astimezone(clock.tz).date()
    met: date | None = latest.starts_at.astimezone(clock.tz).date() if latest else None
    values = {
        "your_name": profile.your_name,
        "sign_off": sign_off(profile.your_name, profile.signature),
        "strengths": profile.strengths,
        "role": opportunity.role_title,
        "company": opportunity.company.name,
        "interview_day": day_words(met, today) if met else "",
        "interview_date": weekday_date(met, today) if met else "",
        "recruiter_name": greeting_name(recruiter.name, recruiter.address_as) if recruiter else "",
        "interviewers": people_list([r.name for r in recipients if not r.is_recruiter]),
    }
    return NoteContext(
        opportunity_id, template, tuple(recipients), recipient_id, values, reminder_id
    )


def via_agency(opportunity: Opportunity) -> bool:
    """An agency arranged it: notes go to its recruiter, not to the company's people."""
    recruiter = opportunity.recruiter
    return recruiter is not None and recruiter.recruiter_kind == RecruiterKind.AGENCY.value


def context_for_reminder(reminder_id: int, clock: Clock) -> NoteContext | None:
    """The note a reminder asks for, fitted to the opportunity as it stands now, or None
    when its kind is not about writing to anyone."""
    reminder = Reminder.get_or_none(Reminder.id == reminder_id)
    if reminder is None:
        raise NotFound(f"no reminder with id {reminder_id}")
    if reminder.opportunity_id is None:
        return None
    opportunity = Opportunity.get_by_id(reminder.opportunity_id)
    if note_for(reminder.kind, opportunity.status, True, False) is None:
        return None
    return context_for(
        reminder.opportunity_id,
        clock,
        recipient_id=reminder.contact_id,
        reminder_id=reminder.id,
        kind=reminder.kind,
    )


def thank_you_sent(opportunity_id: int) -> bool:
    """A thank-you counts as sent when its reminder was done or a thank-you was recorded."""
    done = Reminder.select().where(
        (Reminder.opportunity == opportunity_id)
        & (Reminder.kind.in_(_THANK_YOU_KINDS))
        & (Reminder.state == ReminderState.DONE.value)
    )
    sent = SentNote.select().where(
        (SentNote.opportunity == opportunity_id) & (SentNote.template.in_(_THANK_YOU_NOTES))
    )
    return done.exists() or sent.exists()


def save_address_as(contact_id: int, address_as: str) -> None:
    """How the user addresses this person from now on ("" goes back to the first name)."""
    with DB.atomic():
        updated = (
            Contact.update(address_as=" ".join(address_as.split()))
            .where(Contact.id == contact_id)
            .execute()
        )
    if not updated:
        raise NotFound(f"no person with id {contact_id}")


# ----- what was sent --------------------------------------------------------------------


@dataclass(frozen=True)
class SentNoteView:
    sent_at: datetime
    recipient: str
    template: str
    subject: str
    how: str  # "email" or "copied"


@dataclass(frozen=True)
class Sent:
    note_id: int
    answered: tuple[int, ...]  # the reminders this note answered
    changes: Changes = NOTHING  # its opportunity (the sent notes), and reminders if answered


def reminders_answered_by(
    opportunity_id: int, template: str, contact_id: int | None, reminder_id: int | None
) -> list[int]:
    """The open reminders a note answers: the one it was opened from, and any other open
    reminder of the kinds it does the job of (the recipient's own, for thank-yous)."""
    kinds = ANSWERS.get(template, ())
    found = []
    for reminder in Reminder.select().where(
        (Reminder.opportunity == opportunity_id) & (Reminder.state.in_(OPEN_STATE_VALUES))
    ):
        if reminder.id == reminder_id or (
            reminder.kind in kinds
            and (reminder.kind not in PER_PERSON or reminder.contact_id == contact_id)
        ):
            found.append(reminder.id)
    return sorted(found)


def record_sent(
    context: NoteContext,
    contact_id: int | None,
    template: str,
    subject: str,
    body: str,
    how: str,
    clock: Clock,
) -> Sent:
    """Keep the note in the opportunity's history and answer the reminders it does the job
    of, in one transaction."""
    _check(template)
    recipient = next((r for r in context.recipients if r.contact_id == contact_id), None)
    with DB.atomic():
        get_opportunity(context.opportunity_id)  # raises NotFound when deleted meanwhile
        row = SentNote.create(
            opportunity=context.opportunity_id,
            contact=contact_id if recipient is not None else None,
            recipient=recipient.label if recipient is not None else "",
            template=template,
            subject=subject,
            body=body,
            how=how,
            sent_at=clock.now(),
        )
        answered = reminders_answered_by(
            context.opportunity_id, template, contact_id, context.reminder_id
        )
        done = []
        for reminder_id in answered:
            # Answering one can retire another (a done thank-you needs no late one).
            if Reminder.get_by_id(reminder_id).state in OPEN_STATE_VALUES:
                mark_done(reminder_id, clock)
                done.append(reminder_id)
    changed = Changes.of(context.opportunity_id, reminders=bool(done))
    return Sent(row.id, tuple(done), changed)


def sent_notes(opportunity_id: int) -> list[SentNoteView]:
    """What was sent for this opportunity, newest first."""
    return [
        SentNoteView(row.sent_at, row.recipient, row.template, row.subject, row.how)
        for row in SentNote.select()
        .where(SentNote.opportunity == opportunity_id)
        .order_by(SentNote.sent_at.desc(), SentNote.id.desc())
    ]


def open_reminder_titles(reminder_ids: list[int]) -> list[str]:
    titles = []
    for reminder_id in reminder_ids:
        try:
            titles.append(reminder_view(reminder_id).title)
        except NotFound:
            continue
    return titles


# ----- helpers --------------------------------------------------------------------------


def _recipient(contact: Contact, is_recruiter: bool, texts: list[str]) -> Recipient:
    topic = suggest_topic(Person(contact.name, contact.address_as), texts)
    return Recipient(
        contact.id, contact.name, contact.email, is_recruiter, contact.address_as, topic
    )


def _what_was_written(interview: Interview | None) -> list[str]:
    """The interview's notes and its debrief, where the user already said who talked
    about what."""
    if interview is None:
        return []
    texts = [interview.notes]
    debrief = Debrief.get_or_none(Debrief.interview == interview.id)
    if debrief is not None:
        texts += [debrief.account, debrief.went_well]
        for question in debrief.questions.order_by(DebriefQuestion.position):
            texts += [question.question, question.answer_note]
    return [text for text in texts if text]


def _end(interview: Interview) -> datetime:
    return interview.starts_at + timedelta(minutes=interview.duration_minutes or 0)
