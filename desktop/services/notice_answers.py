"""Answering a notice where it appeared (the desktop's notification, the tray's message),
through the same use cases as the tray menu and Today.

A notice may stand for several steps: all that follow one interview, or what piled up
while Debrief was closed. What each answer means then:

- **Done** is offered only on a notice of one step. Three notes and a debrief are not one
  thing done, and Debrief's record is what the follow-ups and Insights are built from: one
  click must not write down what did not happen.
- **Snooze** moves every step of the notice that is still waiting, by the playbook's one
  notification snooze (`playbook.snooze.NOTICE_CHOICE`): they come back together.
- **Open** opens the first step still waiting (the notice lists its steps first one
  first), where the work starts; the rest wait in Today and the tray menu.

A step answered meanwhile elsewhere (the window, the command line) is left as it is.
"""

from __future__ import annotations

import contextlib
from collections.abc import Sequence

from desktop.domain.clock import Clock
from desktop.playbook.snooze import NOTICE_CHOICE
from desktop.services import NotFound, counts, reminders
from desktop.services.changes import Changes
from desktop.services.reminders import ReminderView
from desktop.services.vocabulary import InvalidTransition

DONE = "done"
SNOOZE = "snooze"
OPEN = "open"


def waiting_steps(reminder_ids: Sequence[int], clock: Clock) -> list[ReminderView]:
    """The notice's steps still waiting now, in the notice's order."""
    waiting = {view.id: view for view in counts.waiting_now(clock.now())}
    return [waiting[ident] for ident in reminder_ids if ident in waiting]


def answer(reminder_ids: Sequence[int], action: str, clock: Clock) -> Changes:
    """DONE (one step only) or SNOOZE; what changed (nothing, if all were answered)."""
    if action == DONE:
        if len(reminder_ids) != 1:
            raise ValueError("Done answers a notice of one step only")
        with contextlib.suppress(NotFound, InvalidTransition):
            return reminders.mark_done(reminder_ids[0], clock)
        return Changes(reminders=True)
    if action == SNOOZE:
        changes = Changes(reminders=True)
        for view in waiting_steps(reminder_ids, clock):
            with contextlib.suppress(NotFound, InvalidTransition):
                changes |= reminders.snooze_choice(view.id, NOTICE_CHOICE, clock).changes
        return changes
    raise ValueError(f"unknown answer {action!r}")


def step_to_open(reminder_ids: Sequence[int], clock: Clock) -> ReminderView | None:
    """The first step still waiting; else the first step as it is now (answered
    meanwhile, its place is still where the user expects to land); None if it is gone."""
    waiting = waiting_steps(reminder_ids, clock)
    if waiting:
        return waiting[0]
    for ident in reminder_ids:
        with contextlib.suppress(NotFound):
            return reminders.reminder_view(ident)
    return None
