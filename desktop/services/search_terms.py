"""What a search matches and how it says where: plain text work, with no database, so the
window's list model (and its first frame) can use it before Peewee is imported. The texts
themselves are gathered by `services.search`."""

from __future__ import annotations

from collections.abc import Iterable
from dataclasses import dataclass
from enum import StrEnum

from desktop.domain.name_match import folded


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
