"""The recruiter call as a private checklist, built from the debrief just written.

It is never a message: the user reads it while they talk, ticks what they covered, and
answers the reminder with "Call done".
"""

from __future__ import annotations

from dataclasses import dataclass

from desktop.playbook import texts
from desktop.playbook.reflection import mistake_label

ROUGH = 2  # a felt score at or below this is an interview worth asking a second chance for


@dataclass(frozen=True)
class DebriefFacts:
    """What the checklist needs from a debrief, as plain text. `written` is False when the
    user has not started the debrief."""

    written: bool = False
    felt: int | None = None
    prediction: str = ""
    went_well: str = ""
    mistakes: tuple[str, ...] = ()  # common-mistake keys or the user's own words
    made_harder: str = ""
    lessons: str = ""


@dataclass(frozen=True)
class Section:
    title: str
    items: tuple[str, ...]


def _lines(text: str) -> list[str]:
    return [line.strip(" -•*\t") for line in text.splitlines() if line.strip(" -•*\t")]


def checklist(
    facts: DebriefFacts, company: str, via_agency: bool = False, interviewers: str = ""
) -> tuple[Section, ...]:
    """With an agency, the recruiter carries the relationship: the thanks to the
    interviewers go through them and nobody at the company is contacted directly. With the
    company's own recruiter the user thanks the interviewers themselves, so the list says
    nothing against it."""
    well = _lines(facts.went_well) or [texts.CALL_WENT_WELL_EMPTY]
    learned = [texts.CALL_LEARNED_ROLE, *_lines(facts.lessons)]
    learned += [texts.CALL_DIFFERENTLY.format(mistake=mistake_label(m)) for m in facts.mistakes]
    if facts.made_harder.strip():
        learned.append(texts.CALL_HARDER.format(made_harder=" ".join(facts.made_harder.split())))
    interest = [texts.CALL_INTEREST_SAY.format(company=company)]
    if facts.prediction == "unsure":
        interest.append(texts.CALL_INTEREST_UNSURE)
    rough = (facts.felt is not None and facts.felt <= ROUGH) or bool(facts.mistakes)
    chance = texts.CALL_CHANCE_ASK if rough else texts.CALL_CHANCE_NOT_NEEDED
    return (
        Section(texts.CALL_WENT_WELL, tuple(well)),
        Section(texts.CALL_LEARNED, tuple(learned)),
        Section(texts.CALL_INTEREST, tuple(interest)),
        Section(texts.CALL_CHANCE, (chance,)),
        Section(texts.CALL_CLOSE, _closing(via_agency, interviewers)),
    )


def _closing(via_agency: bool, interviewers: str) -> tuple[str, ...]:
    if not via_agency:
        return (texts.CALL_ASK_FEEDBACK, texts.CALL_NOTE_FEEDBACK)
    thanks = (
        texts.CALL_PASS_ON_THANKS.format(interviewers=interviewers)
        if interviewers
        else texts.CALL_PASS_ON_THANKS_UNNAMED
    )
    return (texts.CALL_ASK_FEEDBACK, thanks, texts.CALL_LET_THEM_CARRY, texts.CALL_NOTE_FEEDBACK)
