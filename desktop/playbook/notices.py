"""What to pop up for a batch of due reminders: one per group when few, a summary when many.

The steps of one moment (`playbook/groups.py`) make one notice naming them. Each notice
carries the group's stable key, so a group notified again (a step snoozed back, the late
thank-you) can replace the notice before instead of adding one.

Plain data in, plain data out (no Qt, no database), so the wording and the threshold are
tested alone.
"""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import dataclass
from datetime import tzinfo
from typing import Protocol

from desktop.playbook import texts
from desktop.playbook.groups import Group, Step, grouped, key_of

# Up to this many groups arrive one by one; more become one summary, so a user back from
# a week away is not buried under a stack of popups.
INDIVIDUAL_LIMIT = 3
SUMMARY_LINES = 3
# The key of the summary notice: a later summary replaces an earlier one.
SUMMARY_KEY = "summary"


class Due(Step, Protocol):
    """A reminder that came due, as much of it as a notice shows."""

    @property
    def why(self) -> str: ...
    @property
    def task(self) -> str: ...


@dataclass(frozen=True)
class Notice:
    """`reminder_ids`: the steps it stands for, the first one first. `key`: the same for a
    notice shown again for the same steps, so the desktop replaces the earlier one instead
    of stacking a second beside it: `notices_for` gives its group's stable key
    (`playbook/groups.py`); derived from the first step unless given."""

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


def notices_for(
    due: Sequence[Due],
    silenced_kinds: frozenset[str],
    away: bool,
    tz: tzinfo,
    waiting: Sequence[Due] = (),
) -> list[Notice]:
    """`away`: these came due while Debrief was not running (the first batch at start).
    `waiting`: steps that fired earlier and still wait; a group notified now names those
    of its steps too, so the notice that replaces the last one is whole."""
    loud = [r for r in due if r.kind.value not in silenced_kinds]
    if not loud:
        return []
    keys = {key_of(r) for r in loud}
    fired = {r.id for r in loud}
    earlier = [
        r
        for r in waiting
        if r.id not in fired and r.kind.value not in silenced_kinds and key_of(r) in keys
    ]
    steps = sorted([*loud, *earlier], key=lambda r: (r.due_at, r.id))
    groups = grouped(steps, tz)
    if len(groups) <= INDIVIDUAL_LIMIT:
        return [_notice(g) for g in groups]
    template = texts.NOTICE_AWAY_SUMMARY if away else texts.NOTICE_MANY_SUMMARY
    lines = [f"• {g.title}" for g in groups[:SUMMARY_LINES]]
    rest = len(groups) - SUMMARY_LINES
    lines.append(
        texts.NOTICE_SUMMARY_BODY_MORE.format(count=rest) if rest else texts.NOTICE_SUMMARY_BODY
    )
    return [
        Notice(
            template.format(count=len(loud)),
            "\n".join(lines),
            tuple(r.id for r in steps),
            SUMMARY_KEY,
        )
    ]


def _notice(group: Group[Due]) -> Notice:
    if group.single:
        (step,) = group.steps
        return Notice(step.title, step.why, (step.id,), group.key)
    body = "\n".join(f"• {step.task}" for step in group.steps)
    return Notice(group.title, body, tuple(s.id for s in group.steps), group.key)
