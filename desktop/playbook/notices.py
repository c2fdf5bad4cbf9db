"""What to pop up for a batch of due reminders: one each when few, a summary when many.

Plain data in, plain data out (no Qt, no database), so the wording and the threshold are
tested alone.
"""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import dataclass
from typing import Protocol

from desktop.playbook import texts
from desktop.playbook.nudges import NudgeKind
from desktop.playbook.rules import Kind

# Up to this many reminders arrive one by one; more become one summary, so a user back
# from a week away is not buried under a stack of popups.
INDIVIDUAL_LIMIT = 3
SUMMARY_LINES = 3


class Due(Protocol):
    """A reminder that came due, as much of it as a notice shows."""

    @property
    def id(self) -> int: ...
    @property
    def kind(self) -> Kind | NudgeKind: ...
    @property
    def title(self) -> str: ...
    @property
    def why(self) -> str: ...


@dataclass(frozen=True)
class Notice:
    """`reminder_ids`: the steps it stands for, the first one first. `key`: the same for a
    notice shown again for the same steps, so the desktop replaces the earlier one instead
    of stacking a second beside it (derived from the first step unless given)."""

    summary: str
    body: str
    reminder_ids: tuple[int, ...]
    key: str = ""

    def __post_init__(self) -> None:
        if not self.key and self.reminder_ids:
            object.__setattr__(self, "key", f"reminder-{self.reminder_ids[0]}")

    @property
    def single(self) -> bool:
        """One step: the only kind a single click may mark done."""
        return len(self.reminder_ids) == 1


def notices_for(due: Sequence[Due], silenced_kinds: frozenset[str], away: bool) -> list[Notice]:
    """`away`: these came due while Debrief was not running (the first batch at start)."""
    loud = [r for r in due if r.kind.value not in silenced_kinds]
    if len(loud) <= INDIVIDUAL_LIMIT:
        return [Notice(r.title, r.why, (r.id,)) for r in loud]
    template = texts.NOTICE_AWAY_SUMMARY if away else texts.NOTICE_MANY_SUMMARY
    lines = [f"• {r.title}" for r in loud[:SUMMARY_LINES]]
    rest = len(loud) - SUMMARY_LINES
    lines.append(
        texts.NOTICE_SUMMARY_BODY_MORE.format(count=rest) if rest else texts.NOTICE_SUMMARY_BODY
    )
    return [
        Notice(
            template.format(count=len(loud)),
            "\n".join(lines),
            tuple(r.id for r in loud),
        )
    ]
