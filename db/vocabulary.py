"""The closed sets of values stored in the database.

Plain enums with no Peewee or Qt import, so the pure domain can share them without
pulling in the storage layer.
"""

from __future__ import annotations

from enum import StrEnum
from typing import TypeVar


class Status(StrEnum):
    APPLIED = "applied"
    INTERVIEWING = "interviewing"
    AWAITING = "awaiting_decision"
    OFFER = "offer"
    ACCEPTED = "accepted"
    NOT_THIS_TIME = "not_this_time"
    WITHDRAWN = "withdrawn"
    NO_RESPONSE = "no_response"
    CANCELLED = "position_cancelled"

    @property
    def label(self) -> str:
        return STATUS_LABELS[self]

    @property
    def is_live(self) -> bool:
        """Still in play: the user may yet hear back or act."""
        return self in LIVE_STATUSES

    @classmethod
    def parse(cls, text: str) -> Status:
        """Accept a key, a label or a common alias, case and punctuation ignored."""
        names = ", ".join(s.label for s in cls)
        return _parse(cls, text, _ALIASES, f"unknown status {text!r}; use one of: {names}")


STATUS_LABELS: dict[Status, str] = {
    Status.APPLIED: "Applied",
    Status.INTERVIEWING: "Interviewing",
    Status.AWAITING: "Awaiting decision",
    Status.OFFER: "Offer",
    Status.ACCEPTED: "Accepted",
    Status.NOT_THIS_TIME: "Not this time",
    Status.WITHDRAWN: "Withdrawn",
    Status.NO_RESPONSE: "No response",
    Status.CANCELLED: "Position cancelled",
}

LIVE_STATUSES = frozenset({Status.APPLIED, Status.INTERVIEWING, Status.AWAITING, Status.OFFER})


def _normalise(text: str) -> str:
    return "".join(ch for ch in text.casefold() if ch.isalnum())


# The enums that have a label to parse: a value of one parses to a member of the same one.
_Labelled = TypeVar(
    "_Labelled",
    "Status",
    "InterviewFormat",
    "RecruiterKind",
    "ContactRole",
    "WorkMode",
    "SalaryBasis",
)


def _parse(
    enum: type[_Labelled], text: str, aliases: dict[str, _Labelled], message: str
) -> _Labelled:
    """Match a value or label ignoring case and punctuation, then an alias."""
    wanted = _normalise(text)
    for member in enum:
        if wanted in (_normalise(member.value), _normalise(member.label)):
            return member
    if wanted in aliases:
        return aliases[wanted]
    raise ValueError(message)


_ALIASES = {
    "rejected": Status.NOT_THIS_TIME,
    "rejection": Status.NOT_THIS_TIME,
    "awaiting": Status.AWAITING,
    "cancelled": Status.CANCELLED,
    "canceled": Status.CANCELLED,
    "onhold": Status.CANCELLED,
    "ghosted": Status.NO_RESPONSE,
}


class ContactRole(StrEnum):
    INTERVIEWER = "interviewer"
    RECRUITER = "recruiter"
    # Someone who referred the user for a role (issue #21): kept in touch with, never
    # thanked as an interviewer. The column is text, so no schema step was needed for it.
    REFERRER = "referrer"
    OTHER = "other"

    @property
    def label(self) -> str:
        return {
            "interviewer": "Interviewer",
            "recruiter": "Recruiter",
            "referrer": "Referrer",
            "other": "Other",
        }[self.value]

    @classmethod
    def parse(cls, text: str) -> ContactRole:
        aliases = {"referral": cls.REFERRER, "referee": cls.REFERRER, "hr": cls.RECRUITER}
        names = ", ".join(r.label.lower() for r in cls)
        return _parse(cls, text, aliases, f"unknown role {text!r}; use one of: {names}")


class RecruiterKind(StrEnum):
    """Who a recruiter works for. An agency carries the relationship with the company, so
    thanks and follow-ups go through it; the company's own recruiter is the company."""

    UNKNOWN = ""
    AGENCY = "agency"
    IN_HOUSE = "in_house"

    @classmethod
    def parse(cls, text: str) -> RecruiterKind:
        aliases = {"inhouse": cls.IN_HOUSE, "company": cls.IN_HOUSE, "internal": cls.IN_HOUSE}
        return _parse(
            cls, text, aliases, f"unknown recruiter kind {text!r}; use agency or in-house"
        )

    @property
    def label(self) -> str:
        return {"": "not said", "agency": "agency", "in_house": "in-house"}[self.value]


class InterviewFormat(StrEnum):
    PHONE = "phone"
    VIDEO = "video"
    ON_SITE = "on_site"

    @property
    def label(self) -> str:
        return {"phone": "Phone", "video": "Video", "on_site": "On site"}[self.value]

    @classmethod
    def parse(cls, text: str) -> InterviewFormat:
        aliases = {"inperson": cls.ON_SITE, "office": cls.ON_SITE}
        return _parse(
            cls, text, aliases, f"unknown interview format {text!r}; use phone, video or on site"
        )


class WorkMode(StrEnum):
    """Where the job is done (schema: opportunity details); empty until the user says."""

    UNKNOWN = ""
    ON_SITE = "on_site"
    HYBRID = "hybrid"
    REMOTE = "remote"

    @property
    def label(self) -> str:
        return {"": "", "on_site": "On site", "hybrid": "Hybrid", "remote": "Remote"}[self.value]

    @classmethod
    def parse(cls, text: str) -> WorkMode:
        aliases = {
            "onsite": cls.ON_SITE,
            "office": cls.ON_SITE,
            "inoffice": cls.ON_SITE,
            "inperson": cls.ON_SITE,
            "wfh": cls.REMOTE,
            "fullyremote": cls.REMOTE,
            "homeoffice": cls.REMOTE,
        }
        return _parse(
            cls, text, aliases, f"unknown work mode {text!r}; use on site, hybrid or remote"
        )


class SalaryBasis(StrEnum):
    """Whether a salary is what the posting or recruiter gave, or what was offered."""

    GIVEN = "given"
    OFFERED = "offered"

    @property
    def label(self) -> str:
        return {"given": "as given", "offered": "as offered"}[self.value]

    @classmethod
    def parse(cls, text: str) -> SalaryBasis:
        aliases = {"posted": cls.GIVEN, "advertised": cls.GIVEN, "offer": cls.OFFERED}
        return _parse(cls, text, aliases, f"unknown salary basis {text!r}; use given or offered")


class ReminderState(StrEnum):
    PENDING = "pending"
    FIRED = "fired"
    SNOOZED = "snoozed"
    DONE = "done"
    DISMISSED = "dismissed"
    CANCELLED = "cancelled"
    # Planned too late to be of use (an interview logged after the fact, imported history,
    # a step a later variant replaced): recorded, never fired, not shown as waiting.
    PAST = "past"


# Which answers each state accepts. A reminder the app never got to fire (it was closed)
# can still be answered from the Today view, hence the direct pending → done / dismissed.
REMINDER_TRANSITIONS: dict[ReminderState, frozenset[ReminderState]] = {
    ReminderState.PENDING: frozenset(
        {
            ReminderState.FIRED,
            ReminderState.DONE,
            ReminderState.SNOOZED,
            ReminderState.DISMISSED,
            ReminderState.CANCELLED,
            ReminderState.PAST,
        }
    ),
    ReminderState.FIRED: frozenset(
        {
            ReminderState.DONE,
            ReminderState.SNOOZED,
            ReminderState.DISMISSED,
            ReminderState.CANCELLED,
            ReminderState.PAST,
        }
    ),
    ReminderState.SNOOZED: frozenset(
        {
            ReminderState.FIRED,
            ReminderState.DONE,
            ReminderState.SNOOZED,
            ReminderState.DISMISSED,
            ReminderState.CANCELLED,
            ReminderState.PAST,
        }
    ),
    ReminderState.DONE: frozenset(),
    ReminderState.DISMISSED: frozenset(),
    ReminderState.CANCELLED: frozenset(),
    ReminderState.PAST: frozenset(),
}

OPEN_REMINDER_STATES = frozenset(
    {ReminderState.PENDING, ReminderState.FIRED, ReminderState.SNOOZED}
)


class InvalidTransition(ValueError):
    """A reminder was asked to move to a state its current state does not allow."""


def check_transition(current: ReminderState, target: ReminderState) -> None:
    if target not in REMINDER_TRANSITIONS[current]:
        raise InvalidTransition(f"a {current.value} reminder cannot become {target.value}")
