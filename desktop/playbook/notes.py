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
    "their_name": "their name",
    "your_name": "your name",
    "role": "role",
    "company": "company",
    "interview_date": "interview date",
    "topic": "a topic you discussed",
    "strengths": "one or two of your strengths",
    "recruiter_name": "the recruiter's name",
}


@dataclass(frozen=True)
class Profile:
    """What the user says about themselves, for their notes."""

    your_name: str = ""
    strengths: str = ""


TEMPLATE_NAMES: dict[str, str] = {
    "thank_you": "Thank-you note",
    "late_thank_you": "Late thank-you note",
    "follow_up": "Follow-up",
    "late_thank_you_follow_up": "Late thanks and follow-up in one",
    "rejection_reply": "Gracious reply to a rejection, asking for feedback",
    "keep_in_touch": "Keep in touch after a cancelled position",
    "recruiter_call": "Talking points for the recruiter call",
}


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


def template_for(kind: str, thank_you_sent: bool) -> str | None:
    """Which template a reminder of this kind opens; a follow-up without a thank-you yet
    gets the combined note, so one message does both jobs."""
    if kind in ("follow_up", "second_follow_up"):
        return "follow_up" if thank_you_sent else "late_thank_you_follow_up"
    return kind if kind in TEMPLATE_NAMES else None
