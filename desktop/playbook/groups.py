"""Steps that belong to one moment form one group.

After an interview the playbook asks for several things at once: the debrief, a call to
the recruiter, a thank-you to each interviewer. They are one moment for the user ("After
your Northwind interview — Sun 22 Nov"), so they come due together, pop up as one
notification and show as one checklist in Today and the tray menu, each step still
answered on its own. Every other step is a group of its own.

Plain data in, plain data out (no Qt, no database).
"""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import dataclass
from datetime import datetime, tzinfo
from functools import lru_cache
from typing import Generic, Protocol, TypeVar

from desktop.playbook.nudges import NudgeKind
from desktop.playbook.rules import SUPERSEDED_BY, Kind
from desktop.playbook.texts import GROUP_AFTER_INTERVIEW

# The after-interview moment: what the playbook asks for in the hours after it ends.
AFTER_INTERVIEW = frozenset(
    {
        Kind.DEBRIEF,
        Kind.RECRUITER_CALL,
        Kind.THANK_YOU,
        Kind.LATE_THANK_YOU,
        Kind.THANKS_VIA_RECRUITER,
    }
)
# Steps a group brings forward when it comes due: not a later variant (the late
# thank-you), which has its own moment a day on and replaces the first one then.
BROUGHT_FORWARD = AFTER_INTERVIEW - frozenset(SUPERSEDED_BY.values())


class Step(Protocol):
    """A reminder, as much of it as grouping needs."""

    @property
    def id(self) -> int: ...
    @property
    def key(self) -> str: ...
    @property
    def kind(self) -> Kind | NudgeKind: ...
    @property
    def title(self) -> str: ...
    @property
    def due_at(self) -> datetime: ...
    @property
    def opportunity_id(self) -> int | None: ...
    @property
    def interview_id(self) -> int | None: ...
    @property
    def company(self) -> str: ...
    @property
    def interview_at(self) -> datetime | None: ...


S = TypeVar("S", bound=Step)


def group_key(
    key: str, kind: Kind | NudgeKind, opportunity_id: int | None, interview_id: int | None
) -> str:
    """The stable key of a step's group: the same moment always gives the same key, so a
    notification for it can replace the one before."""
    if kind in AFTER_INTERVIEW and opportunity_id is not None and interview_id is not None:
        return f"o{opportunity_id}:after:i{interview_id}"
    return key


def key_of(step: Step) -> str:
    return group_key(step.key, step.kind, step.opportunity_id, step.interview_id)


@dataclass(frozen=True)
class Group(Generic[S]):
    key: str
    title: str  # the moment ("After your Acme interview — Sun 22 Nov"), or the one step's
    steps: tuple[S, ...]  # in the order they come due

    @property
    def due_at(self) -> datetime:
        return min(s.due_at for s in self.steps)

    @property
    def single(self) -> bool:
        return len(self.steps) == 1

    @property
    def alone(self) -> bool:
        """A step of its own, not of a moment (a moment down to one step is still one)."""
        return self.single and self.steps[0].key == self.key


def group_title(step: Step, tz: tzinfo) -> str:
    """The moment a step belongs to, in words; a step of its own is its own title."""
    if step.kind in AFTER_INTERVIEW and step.interview_at is not None:
        return _after_interview(step.company, step.interview_at, tz)
    return step.title


@lru_cache(maxsize=1024)
def _after_interview(company: str, began: datetime, tz: tzinfo) -> str:
    # Cached: Today words every group again on each refresh, and the words rarely change.
    day = began.astimezone(tz)
    # "Sun 22 Nov": the weekday and the day, as people say it (no locale padding).
    return GROUP_AFTER_INTERVIEW.format(company=company, day=f"{day:%a} {day.day} {day:%b}")


def grouped(steps: Sequence[S], tz: tzinfo) -> list[Group[S]]:
    """Steps gathered into their groups, in the order each group first comes due (the
    steps' own order), each group's steps in their order."""
    members: dict[str, list[S]] = {}
    for step in steps:
        members.setdefault(key_of(step), []).append(step)
    out = []
    for key, found in members.items():
        # A step of its own needs no words for a moment.
        title = found[0].title if key == found[0].key else group_title(found[0], tz)
        out.append(Group(key, title, tuple(found)))
    return out
