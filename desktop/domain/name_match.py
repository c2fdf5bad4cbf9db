"""Matching and sorting names as people read them: case and accents ignored.

"zoe" finds "Zoë", and "Émile" sorts beside "Emma", not after "Zoë" as it would by code
point. Compatibility decomposition (NFKD) splits an accented letter into its base letter
and combining marks, which are then dropped; casefold first so that "ß" matches "ss".
"""

from __future__ import annotations

import re
import unicodedata

# Combining marks are never ASCII: only the runs of other characters are looked into, so a
# long text with a few accents (a job description, searched) costs little more than ASCII.
_NOT_ASCII = re.compile(r"[^\x00-\x7f]+")


def _without_marks(run: re.Match[str]) -> str:
    return "".join(ch for ch in run.group() if not unicodedata.combining(ch))


def folded(text: str) -> str:
    """`text` without case or accents, for comparing: "Zoë Müller" -> "zoe muller"."""
    lowered = text.casefold()
    if lowered.isascii():  # most names: no decomposition to do
        return lowered
    decomposed = unicodedata.normalize("NFKD", lowered)
    return _NOT_ASCII.sub(_without_marks, decomposed)


def name_key(text: str) -> str:
    """A sort key: by the folded name, then case- and accent-sensitive among names that
    fold alike ("Emile" before "Émile"), so the order is the same on every run."""
    return f"{folded(text)}\x00{text.casefold()}"
