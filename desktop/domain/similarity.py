"""Whether two opportunities look like the same one: the same company and a similar role.

"Sr. Data Analyst" at "Acme Ltd" looks like "Data Analyst" at "ACME": small differences in
how a title or a company is written are the usual way a duplicate is added by accident.
"""

from __future__ import annotations

import re
from difflib import SequenceMatcher

# Words that say nothing about which company it is.
_COMPANY_SUFFIXES = frozenset(
    [
        "inc",
        "incorporated",
        "ltd",
        "limited",
        "llc",
        "plc",
        "gmbh",
        "ag",
        "sa",
        "sas",
        "bv",
        "nv",
        "co",
        "corp",
        "corporation",
        "company",
        "group",
        "oy",
        "ab",
        "as",
        "srl",
        "spa",
        "kg",
    ]
)
# Words that say nothing about which role it is; abbreviations spelled out.
_ROLE_FILLER = frozenset(
    ["the", "a", "an", "of", "and", "for", "in", "at", "m", "f", "d", "w", "x", "mwd", "mfd", "fmd"]
)
_ABBREVIATIONS = {
    "sr": "senior",
    "snr": "senior",
    "jr": "junior",
    "jnr": "junior",
    "eng": "engineer",
    "engr": "engineer",
    "dev": "developer",
    "mgr": "manager",
    "mgmt": "management",
    "assoc": "associate",
    "asst": "assistant",
}
# Titles this alike are the same title typed twice ("Analyst" / "Analist").
SIMILAR_RATIO = 0.85


def _words(text: str) -> list[str]:
    return re.findall(r"\w+", text.casefold())


def company_key(name: str) -> str:
    words = [w for w in _words(name) if w not in _COMPANY_SUFFIXES]
    return " ".join(words or _words(name))


def role_words(title: str) -> frozenset[str]:
    words = (_ABBREVIATIONS.get(w, w) for w in _words(title))
    return frozenset(w for w in words if w not in _ROLE_FILLER)


def similar_roles(first: str, second: str) -> bool:
    """The same words (in any order), one title's words within the other's ("Data
    Analyst" / "Senior Data Analyst"), or nearly the same letters."""
    a, b = role_words(first), role_words(second)
    if not a or not b:
        return False
    if a <= b or b <= a:
        return True
    joined_a, joined_b = " ".join(sorted(a)), " ".join(sorted(b))
    return SequenceMatcher(None, joined_a, joined_b).ratio() >= SIMILAR_RATIO
