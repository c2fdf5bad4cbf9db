"""Note templates: a subject line, a body, and {{placeholders}} filled from the data.

Rendering is plain substitution (never `str.format`, never evaluation), so a template or
a value can hold any text at all. A value that is missing stays visible as a marked gap
for the user to fill in, never "None".
"""

from __future__ import annotations

import re
from collections.abc import Mapping
from dataclasses import dataclass
from urllib.parse import quote

PLACEHOLDER = re.compile(r"\{\{\s*([a-z_]+)\s*\}\}")
GAP = "[{label}?]"

# What each placeholder means, as shown in a gap and in the template editor.
PLACEHOLDERS: dict[str, str] = {
    "their_name": "their name",  # how they are addressed: "Priya", or "Dr Raman"
    "their_full_name": "their full name",
    "your_name": "your name",
    "sign_off": "your name",  # the email signature when there is one, else your name
    "role": "role",
    "company": "company",
    "interview_day": "when you met",  # "today", "yesterday", "on Monday", "on 16 November"
    "interview_date": "interview date",
    "topic": "a topic you discussed",
    "strengths": "one or two of your strengths",
    "recruiter_name": "the recruiter's name",
    "interviewers": "the interviewers' names",
}


@dataclass(frozen=True)
class Profile:
    """What the user says about themselves, for their notes: the name they sign with,
    a few strengths to mention, and an optional email signature (used instead of the bare
    name under "Kind regards," when there is one)."""

    your_name: str = ""
    strengths: str = ""
    signature: str = ""

    def is_blank(self) -> bool:
        return not (self.your_name.strip() or self.signature.strip() or self.strengths.strip())


TEMPLATE_NAMES: dict[str, str] = {
    "thank_you": "Thank-you note",
    "late_thank_you": "Late thank-you note",
    "follow_up": "Follow-up",
    "late_thank_you_follow_up": "Late thanks and follow-up in one",
    "rejection_reply": "Gracious reply to a rejection, asking for feedback",
    "keep_in_touch": "Keep in touch after a cancelled position",
    "thanks_via_recruiter": "Thanks passed on through the agency's recruiter",
    "follow_up_via_recruiter": "Follow-up through the agency's recruiter",
}

# Notes written to the recruiter rather than an interviewer (so the recruiter is the
# default recipient). A note asking an agency recruiter to pass on thanks belongs here,
# with {{interviewers}} naming the people to thank.
RECRUITER_NOTES: frozenset[str] = frozenset({"thanks_via_recruiter", "follow_up_via_recruiter"})

# With an agency, the note that would go to the company's people goes to the recruiter.
_THROUGH_AGENCY: dict[str, str] = {
    "thank_you": "thanks_via_recruiter",
    "late_thank_you": "thanks_via_recruiter",
    "follow_up": "follow_up_via_recruiter",
    "late_thank_you_follow_up": "follow_up_via_recruiter",
}

# Opportunity states that decide the note whatever the reminder was for.
_STATE_NOTES = {"not_this_time": "rejection_reply", "position_cancelled": "keep_in_touch"}


@dataclass(frozen=True)
class Note:
    subject: str
    body: str


def parse_template(text: str) -> Note:
    """'Subject: …' on the first line, a blank line, then the body. No subject line is fine."""
    first, _, rest = text.partition("\n")
    if first.lower().startswith("subject:"):
        return Note(first.split(":", 1)[1].strip(), rest.lstrip("\n"))
    return Note("", text)


def render(text: str, values: Mapping[str, str | None]) -> str:
    def fill(match: re.Match[str]) -> str:
        name = match[1]
        value = values.get(name)
        if value is None or not str(value).strip():
            return GAP.format(label=PLACEHOLDERS.get(name, name.replace("_", " ")))
        return str(value)

    return PLACEHOLDER.sub(fill, text)


def render_note(template: str, values: Mapping[str, str | None]) -> Note:
    note = parse_template(template)
    return Note(render(note.subject, values), render(note.body, values))


def gaps(text: str) -> list[str]:
    """The marked gaps left in a rendered text, so the user can be told before sending."""
    labels = {GAP.format(label=label) for label in PLACEHOLDERS.values()}
    return [label for label in labels if label in text]


def mailto(to: str, subject: str, body: str) -> str:
    """An RFC 6068 mailto: link. Every reserved character is percent-encoded, and line
    breaks become CRLF as the RFC asks, so no text can break or extend the link."""
    body = body.replace("\r\n", "\n").replace("\r", "\n").replace("\n", "\r\n")
    address = quote(to.strip(), safe="@")
    return f"mailto:{address}?subject={quote(subject, safe='')}&body={quote(body, safe='')}"


def template_for(kind: str, thank_you_sent: bool, via_agency: bool = False) -> str | None:
    """Which template a reminder of this kind opens; a follow-up without a thank-you yet
    gets the combined note, so one message does both jobs. With an agency, notes meant
    for the company's people go to the recruiter instead."""
    if kind in ("follow_up", "second_follow_up"):
        name: str | None = "follow_up" if thank_you_sent else "late_thank_you_follow_up"
    else:
        name = kind if kind in TEMPLATE_NAMES else None
    return through_agency(name) if via_agency and name else name


def through_agency(name: str) -> str:
    return _THROUGH_AGENCY.get(name, name)


def note_for(
    kind: str | None,
    status: str,
    thank_you_sent: bool,
    thank_you_late: bool,
    via_agency: bool = False,
) -> str | None:
    """The note that fits the opportunity as it stands now. `kind` is the reminder's kind,
    or None for "Write a note…" with no reminder. A rejection or a cancelled position
    decides the note whatever the reminder was planned for; a thank-you opened more than
    a day after the interview becomes the late one. With an agency, thanks and follow-ups
    go through the recruiter (a reply to a "no" or a keep-in-touch note stays as it is,
    addressed to the recruiter)."""
    name = _note_for(kind, status, thank_you_sent, thank_you_late)
    return through_agency(name) if via_agency and name else name


def _note_for(
    kind: str | None, status: str, thank_you_sent: bool, thank_you_late: bool
) -> str | None:
    if kind is not None and kind not in TEMPLATE_NAMES and kind not in _FOLLOW_UPS:
        return None  # not a note at all (debrief, the recruiter call, a nudge…)
    if status in _STATE_NOTES:
        return _STATE_NOTES[status]
    if kind is None:
        if not thank_you_sent:
            return "late_thank_you" if thank_you_late else "thank_you"
        return "follow_up"
    if kind == "thank_you" and thank_you_late:
        return "late_thank_you"
    return template_for(kind, thank_you_sent)


_FOLLOW_UPS = ("follow_up", "second_follow_up")

# Which open reminders a sent note answers, so a note sent from anywhere closes its task.
ANSWERS: dict[str, tuple[str, ...]] = {
    "thank_you": ("thank_you", "late_thank_you"),
    "late_thank_you": ("thank_you", "late_thank_you"),
    "late_thank_you_follow_up": ("follow_up", "second_follow_up", "thank_you", "late_thank_you"),
    "follow_up": ("follow_up", "second_follow_up"),
    "rejection_reply": ("rejection_reply",),
    "keep_in_touch": ("keep_in_touch",),
    "thanks_via_recruiter": ("thanks_via_recruiter",),
    "follow_up_via_recruiter": ("follow_up", "second_follow_up"),
}
# Of those, the kinds that are one per person: only the recipient's own reminder is answered.
PER_PERSON = frozenset({"thank_you", "late_thank_you"})


def people_list(names: list[str]) -> str:
    """ "Dana Li", "Dana Li and Lee Park", "Dana Li, Lee Park and Ana Ruiz"."""
    if len(names) <= 1:
        return "".join(names)
    return ", ".join(names[:-1]) + " and " + names[-1]


def sign_off(your_name: str, signature: str) -> str:
    """The lines under "Kind regards,": the user's email signature when they wrote one,
    else their name."""
    signature = signature.strip("\n").rstrip()
    return signature if signature.strip() else your_name.strip()
