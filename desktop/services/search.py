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

from db.models import (
    Contact,
    Debrief,
    DebriefMistake,
    DebriefQuestion,
    Interview,
    InterviewInterviewer,
    OpportunityDocument,
)
from desktop.playbook.reflection import COMMON_MISTAKES
from desktop.services.search_terms import (  # re-exported: the search's words, one place
    Found,
    SearchField,
    found_in,
    haystack,
    matches,
    terms_of,
)

__all__ = [
    "Entry",
    "Found",
    "SearchField",
    "Source",
    "found_in",
    "haystack",
    "matches",
    "register_source",
    "related_texts",
    "terms_of",
]


# (opportunity id, field key, text); the key is a SearchField value or another feature's.
Entry = tuple[int, str, str]
Source = Callable[[Collection[int] | None], Iterable[Entry]]


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
