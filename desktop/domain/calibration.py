"""Evidence at the moment of doubt: right after a debrief that felt bad, what the user's
own history says about that feeling. Plain data in, sentences out; no invented numbers,
and with too little history an honest general sentence instead.
"""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import dataclass

from desktop.domain.insights import FORWARD, NOT

# Fewer decided interviews than this with the same feeling: too few to say anything.
ENOUGH = 3


@dataclass(frozen=True)
class PastFeeling:
    interview_id: int
    felt: int | None
    prediction: str
    outcome: str | None  # insights.FORWARD / NOT / OPEN, or None (not the employer's call)


FELT_BAD = (
    "Of the {known} interviews you felt went badly, {forward} moved forward. "
    "This feeling has been wrong before."
)
FELT_BAD_NONE = (
    "Of the {known} interviews you felt went badly, none moved forward yet. That makes "
    "your lessons worth a look; it doesn't decide this one."
)
EXPECTED_NO = "Of the {known} times you expected a no, {forward} moved forward."
EXPECTED_NO_NONE = (
    "The {known} times you expected a no, it came. Still, each decision was theirs, made "
    "on things you couldn't see."
)
TOO_EARLY = (
    "How an interview feels right afterwards is often wrong, in both directions. "
    "You don't have enough outcomes yet for Debrief to show how your own feelings turn "
    "out; as they arrive, it will."
)


def is_doubt(felt: int | None, prediction: str) -> bool:
    """The moments worth answering with evidence: felt 1–2, or expecting a no."""
    return (felt is not None and felt <= 2) or prediction == "not"


def _tally(past: Sequence[PastFeeling]) -> tuple[int, int]:
    forward = sum(1 for p in past if p.outcome == FORWARD)
    return forward + sum(1 for p in past if p.outcome == NOT), forward


def calibration(
    past: Sequence[PastFeeling], felt: int | None, prediction: str, this_interview: int
) -> str:
    """What to show under a debrief that felt bad, or "" when it didn't."""
    if not is_doubt(felt, prediction):
        return ""
    others = [p for p in past if p.interview_id != this_interview]
    parts = []
    if felt is not None and felt <= 2:
        known, forward = _tally([p for p in others if p.felt is not None and p.felt <= 2])
        if known >= ENOUGH:
            parts.append(
                (FELT_BAD if forward else FELT_BAD_NONE).format(known=known, forward=forward)
            )
    if prediction == "not":
        known, forward = _tally([p for p in others if p.prediction == "not"])
        if known >= ENOUGH:
            parts.append(
                (EXPECTED_NO if forward else EXPECTED_NO_NONE).format(known=known, forward=forward)
            )
    return " ".join(parts) or TOO_EARLY
