"""Search: every text kept about an opportunity, and which field a search found.

Each opportunity's texts are gathered once per list load as (field, text) pairs, in the
order they are worth naming: its own fields first, then what hangs off it (interviews,
people, debriefs) and whatever another feature registers as a source. The list filters
on one joined string per row without case or accents (`name_match.folded`: "societe"
finds "Société", "zoe" finds "Zoë") (a substring test per keystroke, fast at ten
thousand rows); which field matched is worked out only for the rows on screen.

A source is a function of the opportunities to read (None: all) yielding
(opportunity id, field key, text). Another feature's texts (document names, say) plug
in with `register_source`; the window names each field key in its strings module.
"""

from __future__ import annotations

from collections import defaultdict
from collections.abc import Callable, Collection, Iterable
from dataclasses import dataclass
from enum import StrEnum

from db.models import (
    Contact,
    Debrief,
    DebriefMistake,
    DebriefQuestion,
    Interview,
    InterviewInterviewer,
    OpportunityDocument,
)
from desktop.domain.name_match import folded
from desktop.playbook.reflection import COMMON_MISTAKES


class SearchField(StrEnum):
    """Where a search found its text; the window gives each a name."""

    COMPANY = "company"
    ROLE = "role"
    SOURCE = "source"
    RECRUITER = "recruiter"
    NOTES = "notes"
    LOCATION = "location"
    WORK_MODE = "work_mode"
    SALARY = "salary"
    JOB_DESCRIPTION = "job_description"
    INTERVIEW_NOTES = "interview_notes"
    PEOPLE = "people"
    DEBRIEF = "debrief"
    DOCUMENT = "document"


# (opportunity id, field key, text); the key is a SearchField value or another feature's.
Entry = tuple[int, str, str]
Source = Callable[[Collection[int] | None], Iterable[Entry]]

SNIPPET_CHARACTERS = 70  # as much as a list column shows
# Of it, this much before the match: a narrow column cuts the end, so the match comes
# first (after the word it is in begins) to stay in view.
SNIPPET_BEFORE = 0
SHORT_TEXT = 24


@dataclass(frozen=True)
class Found:
    field: str  # a SearchField value, or a registered source's key
    snippet: str  # the matching text with a little around it, on one line


def haystack(fields: Iterable[tuple[str, str]]) -> str:
    """The one string the search box filters on, without case or accents. A line break
    between fields keeps a term from matching across two of them."""
    # Folded field by field: most fields are ASCII and pass at once, where one en dash in a
    # salary made the whole joined text (a long job description) slow to fold.
    return "\n".join(folded(text) for _, text in fields)


def matches(haystack_text: str, terms: Iterable[str]) -> bool:
    """Every term (folded as the haystack) is somewhere in the opportunity's texts."""
    return all(term in haystack_text for term in terms)


def terms_of(text: str) -> list[str]:
    return folded(text).split()


def found_in(fields: Iterable[tuple[str, str]], terms: Iterable[str]) -> Found | None:
    """The field to name for a match, with its snippet. A word the company or the role
    holds is explained by the list's own columns; the first word they do not hold is
    named where it was found ("acme quixotic": in the job description)."""
    wanted = list(terms)
    pairs = list(fields)
    if not wanted:
        return None
    shown = folded(" ".join(t for k, t in pairs if k in _IN_THE_LIST))
    unexplained = [term for term in wanted if term not in shown]
    for term in unexplained or wanted:
        for key, text in pairs:
            plain = folded(text)
            at = plain.find(term)
            if at >= 0:
                return Found(key, _snippet(text, plain, at, len(term)))
    return None


_IN_THE_LIST = frozenset({SearchField.COMPANY.value, SearchField.ROLE.value})


def _snippet(text: str, plain: str, at: int, length: int) -> str:
    # Folding keeps the length of almost every text ("é" is one letter, as "e" is); where
    # it did not ("ß" → "ss"), the snippet is taken from the folded text rather than at a
    # shifted place.
    source = text if len(plain) == len(text) else plain
    if len(source) <= SHORT_TEXT:  # a name, a place, a salary: shown whole
        return " ".join(source.split())
    start = max(0, at - SNIPPET_BEFORE)
    end = min(len(source), max(at + length, start + SNIPPET_CHARACTERS))
    if start > 0:  # begin at the word the match is in
        start = max(source.rfind(" ", 0, start), source.rfind("\n", 0, start)) + 1
    piece = " ".join(source[start:end].split())
    return ("…" if start > 0 else "") + piece + ("…" if end < len(source) else "")


# ----- sources ----------------------------------------------------------------------------


def _interview_notes(only: Collection[int] | None) -> Iterable[Entry]:
    rows = Interview.select(Interview.opportunity, Interview.notes).where(Interview.notes != "")
    if only is not None:
        rows = rows.where(Interview.opportunity.in_(list(only)))
    for opportunity_id, notes in rows.tuples():
        yield opportunity_id, SearchField.INTERVIEW_NOTES, notes


def _interviewers(only: Collection[int] | None) -> Iterable[Entry]:
    rows = (
        InterviewInterviewer.select(Interview.opportunity, Contact.name, Contact.email)
        .join(Interview)
        .switch(InterviewInterviewer)
        .join(Contact)
    )
    if only is not None:
        rows = rows.where(Interview.opportunity.in_(list(only)))
    for opportunity_id, name, email in rows.tuples():
        yield opportunity_id, SearchField.PEOPLE, f"{name} {email}".strip()


def _debriefs(only: Collection[int] | None) -> Iterable[Entry]:
    """What the user wrote after each interview: "the SQL exercise" finds the opportunity
    whose debrief mentions it."""
    debriefs = Debrief.select(
        Interview.opportunity,
        Debrief.account,
        Debrief.went_well,
        Debrief.made_harder,
        Debrief.lessons,
        Debrief.feedback,
    ).join(Interview)
    if only is not None:
        debriefs = debriefs.where(Interview.opportunity.in_(list(only)))
    for opportunity_id, *texts in debriefs.tuples():
        yield from ((opportunity_id, SearchField.DEBRIEF, t) for t in texts if t)
    for model, columns in (
        (DebriefQuestion, (DebriefQuestion.question, DebriefQuestion.answer_note)),
        (DebriefMistake, (DebriefMistake.mistake, DebriefMistake.why)),
    ):
        rows = model.select(Interview.opportunity, *columns).join(Debrief).join(Interview)
        if only is not None:
            rows = rows.where(Interview.opportunity.in_(list(only)))
        for opportunity_id, *texts in rows.tuples():
            # A common mistake is stored by its key: search its words, as shown.
            yield from (
                (opportunity_id, SearchField.DEBRIEF, COMMON_MISTAKES.get(t, t)) for t in texts if t
            )


def _document_names(only: Collection[int] | None) -> Iterable[Entry]:
    """The names of the files sent for it ("CV-data-2026.pdf")."""
    rows = OpportunityDocument.select(OpportunityDocument.opportunity, OpportunityDocument.name)
    if only is not None:
        rows = rows.where(OpportunityDocument.opportunity.in_(list(only)))
    for opportunity_id, name in rows.tuples():
        yield opportunity_id, SearchField.DOCUMENT, name


_SOURCES: list[Source] = [_interview_notes, _interviewers, _debriefs, _document_names]


def register_source(source: Source) -> Callable[[], None]:
    """Add a feature's texts to what the search finds (read at each list load); returns
    the function that takes them out again."""
    if source not in _SOURCES:
        _SOURCES.append(source)

    def unregister() -> None:
        if source in _SOURCES:
            _SOURCES.remove(source)

    return unregister


def related_texts(only: Collection[int] | None = None) -> dict[int, list[tuple[str, str]]]:
    """Each opportunity's texts from every source, as (field key, text)."""
    texts: dict[int, list[tuple[str, str]]] = defaultdict(list)
    for source in _SOURCES:
        for opportunity_id, key, text in source(only):
            texts[opportunity_id].append((str(key), text))
    return texts
