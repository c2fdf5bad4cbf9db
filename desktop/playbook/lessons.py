"""Closing the loop: which lessons and mistakes from earlier debriefs to bring back.

Plain data in, plain data out. Repeated mistakes come first (a pattern matters more than
a one-off), then the most recent lessons.
"""

from __future__ import annotations

from collections import Counter
from collections.abc import Sequence
from dataclasses import dataclass
from datetime import datetime

from desktop.playbook.reflection import mistake_label

FEEDBACK_SHOWN_CHARS = 160


@dataclass(frozen=True)
class PastDebrief:
    interview_at: datetime
    mistakes: tuple[str, ...]  # common keys or free text
    lessons: str


@dataclass(frozen=True)
class PastFeedback:
    """What a company (or its recruiter) said: from a debrief or a reflection."""

    at: datetime
    company: str
    text: str


@dataclass(frozen=True)
class Lessons:
    mistakes: tuple[tuple[str, int], ...]  # (label, how many debriefs mention it)
    lessons: tuple[str, ...]  # most recent first
    feedback: tuple[tuple[str, str], ...] = ()  # (company, what they said), most recent first

    def __bool__(self) -> bool:
        return bool(self.mistakes or self.lessons or self.feedback)

    def feedback_lines(self, limit: int = 2) -> list[str]:
        return [f"{company} said: “{text}”" for company, text in self.feedback[:limit]]

    def brief(self, limit: int = 2) -> str:
        """One line for a notification or reminder: the top repeated mistake and lesson."""
        parts = [
            f"{label} (×{count})" if count > 1 else label for label, count in self.mistakes[:1]
        ]
        parts += list(self.lessons[: limit - len(parts)])
        return " · ".join(parts)


def shortened(text: str) -> str:
    """One line, cut at a word before FEEDBACK_SHOWN_CHARS, for a reminder or a list."""
    flat = " ".join(text.split())
    if len(flat) <= FEEDBACK_SHOWN_CHARS:
        return flat
    return flat[: FEEDBACK_SHOWN_CHARS - 1].rsplit(" ", 1)[0] + "…"


def gather(
    past: Sequence[PastDebrief], limit: int = 5, said: Sequence[PastFeedback] = ()
) -> Lessons:
    ordered = sorted(past, key=lambda d: d.interview_at, reverse=True)
    counts: Counter[str] = Counter()
    latest: dict[str, int] = {}
    for rank, debrief in enumerate(ordered):
        for mistake in dict.fromkeys(m.strip() for m in debrief.mistakes if m.strip()):
            counts[mistake] += 1
            latest.setdefault(mistake, rank)
    mistakes = sorted(counts, key=lambda m: (-counts[m], latest[m]))
    lessons = [
        line.strip(" -•\t")
        for debrief in ordered
        for line in debrief.lessons.splitlines()
        if line.strip(" -•\t")
    ]
    heard = [
        (item.company, shortened(item.text))
        for item in sorted(said, key=lambda f: f.at, reverse=True)
        if item.text.strip()
    ]
    return Lessons(
        mistakes=tuple((mistake_label(m), counts[m]) for m in mistakes[:limit]),
        lessons=tuple(dict.fromkeys(lessons))[:limit],
        feedback=tuple(dict.fromkeys(heard))[:limit],
    )
