"""Notes to send: templates (shipped files, overridable in the database) and the values
that fill them, taken from an opportunity, its people, and the user's profile."""

from __future__ import annotations

from dataclasses import dataclass
from datetime import tzinfo

from db.models import Contact, Interview, InterviewInterviewer, Reminder
from db.vocabulary import ReminderState
from desktop.paths import resources_dir

# Profile is re-exported: the compose window asks this module for it.
from desktop.playbook.notes import TEMPLATE_NAMES, template_for
from desktop.playbook.notes import Profile as Profile
from desktop.playbook.rules import Kind
from desktop.services import NotFound, settings
from desktop.services.opportunities import get_opportunity


def _check(name: str) -> None:
    if name not in TEMPLATE_NAMES:
        raise NotFound(f"no note template called {name!r}")


def shipped_template(name: str) -> str:
    _check(name)
    return (resources_dir() / "templates" / f"{name}.txt").read_text(encoding="utf-8")


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


@dataclass(frozen=True)
class Recipient:
    contact_id: int
    name: str
    email: str
    is_recruiter: bool


@dataclass(frozen=True)
class NoteContext:
    opportunity_id: int
    template: str
    recipients: tuple[Recipient, ...]
    recipient_id: int | None  # who the note is for, when the reminder names someone
    values: dict[str, str]  # everything but their_name, which follows the recipient
    reminder_id: int | None = None


def context_for(
    opportunity_id: int,
    tz: tzinfo,
    template: str = "thank_you",
    recipient_id: int | None = None,
    reminder_id: int | None = None,
) -> NoteContext:
    _check(template)
    opportunity = get_opportunity(opportunity_id)
    latest = (
        Interview.select()
        .where(Interview.opportunity == opportunity_id)
        .order_by(Interview.starts_at.desc())
        .first()
    )
    recipients: list[Recipient] = []
    if latest is not None:
        for link in (
            InterviewInterviewer.select(InterviewInterviewer, Contact)
            .join(Contact)
            .where(InterviewInterviewer.interview == latest.id)
        ):
            recipients.append(
                Recipient(link.contact.id, link.contact.name, link.contact.email, False)
            )
    recruiter = opportunity.recruiter
    if recruiter is not None and all(r.contact_id != recruiter.id for r in recipients):
        recipients.append(Recipient(recruiter.id, recruiter.name, recruiter.email, True))
    if recipient_id is None and recipients:
        wants_recruiter = template == "recruiter_call"
        preferred = [r for r in recipients if r.is_recruiter == wants_recruiter] or recipients
        recipient_id = preferred[0].contact_id
    profile = load_profile()
    values = {
        "your_name": profile.your_name,
        "strengths": profile.strengths,
        "role": opportunity.role_title,
        "company": opportunity.company.name,
        "interview_date": _day(latest.starts_at, tz) if latest else "",
        "recruiter_name": recruiter.name if recruiter else "",
        "topic": "",
    }
    return NoteContext(
        opportunity_id, template, tuple(recipients), recipient_id, values, reminder_id
    )


def context_for_reminder(reminder_id: int, tz: tzinfo) -> NoteContext | None:
    """The note a reminder asks for, or None when its kind is not about writing to anyone."""
    reminder = Reminder.get_or_none(Reminder.id == reminder_id)
    if reminder is None:
        raise NotFound(f"no reminder with id {reminder_id}")
    if reminder.opportunity_id is None:
        return None
    thank_you_sent = (
        Reminder.select()
        .where(
            (Reminder.opportunity == reminder.opportunity_id)
            & (Reminder.kind.in_([Kind.THANK_YOU.value, Kind.LATE_THANK_YOU.value]))
            & (Reminder.state == ReminderState.DONE.value)
        )
        .exists()
    )
    template = template_for(reminder.kind, thank_you_sent)
    if template is None:
        return None
    return context_for(reminder.opportunity_id, tz, template, reminder.contact_id, reminder.id)


def _day(moment, tz: tzinfo) -> str:
    local = moment.astimezone(tz)
    return f"{local:%A} {local.day} {local:%B}"
