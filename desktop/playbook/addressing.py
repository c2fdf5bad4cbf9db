"""How a note speaks to a person: the name it greets them by, the ways their name can
appear in a text, and swapping one person's names for another's when the recipient
changes after the user has started editing.

Plain strings in and out: no Qt, no database.
"""

from __future__ import annotations

import re
from dataclasses import dataclass

# Titles that come before a name but are not the name itself ("Dr Priya Raman" is greeted
# "Priya" by default; the user writes "Dr Raman" in "address them as" to keep the title).
_TITLES = frozenset(
    {"dr", "dr.", "mr", "mr.", "mrs", "mrs.", "ms", "ms.", "mx", "mx.", "prof", "prof."}
)


@dataclass(frozen=True)
class Person:
    """Someone a note can go to. `address_as` is what the user chose to call them."""

    name: str
    address_as: str = ""

    @property
    def first_name(self) -> str:
        return first_name(self.name)

    @property
    def greeting_name(self) -> str:
        return greeting_name(self.name, self.address_as)


def first_name(full_name: str) -> str:
    """The first word of a name that is not a title; hyphens and accents stay as they are
    ("Jean-Luc", "Zoë"). A single name is its own first name."""
    words = full_name.split()
    names = [word for word in words if word.lower() not in _TITLES] or words
    return names[0] if names else ""


def greeting_name(full_name: str, address_as: str = "") -> str:
    """What "Dear …," says: the user's choice for this person, else their first name."""
    chosen = " ".join(address_as.split())
    return chosen or first_name(full_name)


def name_forms(person: Person) -> list[str]:
    """Every way this person's name can stand in a note: the full name, how they are
    addressed, the first name and the family name. Longest first, so the full name is
    matched before the first name inside it."""
    full = " ".join(person.name.split())
    words = [w for w in full.split() if w.lower() not in _TITLES]
    forms = {full, person.greeting_name, person.first_name}
    if len(words) > 1:
        forms.add(words[-1])
    return sorted((f for f in forms if f), key=lambda f: (-len(f), f))


def _pattern(forms: list[str]) -> re.Pattern[str]:
    # Whole words only: swapping "Ann" must not touch "Annual"; \w is Unicode-aware, so
    # "Zoë" and "Ólafur" have proper edges.
    alternatives = "|".join(re.escape(form) for form in forms)
    return re.compile(rf"(?<![\w-])(?:{alternatives})(?![\w-])")


def names_in(text: str, person: Person, besides: Person | None = None) -> list[str]:
    """The forms of `person`'s name that appear in `text`, leaving out any the other
    person shares (two Priyas: "Priya" is then no sign of the wrong recipient)."""
    shared = set(name_forms(besides)) if besides is not None else set()
    forms = [form for form in name_forms(person) if form not in shared]
    if not forms:
        return []
    return sorted({match[0] for match in _pattern(forms).finditer(text)})


def swap_names(text: str, old: Person, new: Person) -> str:
    """`text` written to `old`, now written to `new`: each form of the old name becomes
    the same form of the new one (full for full, greeting for greeting, first for first).
    Everything else the user wrote stays exactly as it was."""
    old_full = " ".join(old.name.split())
    new_full = " ".join(new.name.split())
    old_words = [w for w in old_full.split() if w.lower() not in _TITLES]
    new_words = [w for w in new_full.split() if w.lower() not in _TITLES]
    mapping: dict[str, str] = {}
    # Later entries win where two forms are the same word: the greeting last, since "Dear
    # …," is where a name surely stands (a single name is full, first and greeting at once,
    # and becomes the new greeting, which may be "Dr Haddad").
    if len(old_words) > 1:
        mapping[old_words[-1]] = new_words[-1] if len(new_words) > 1 else new.greeting_name
    mapping[old_full] = new_full
    mapping[old.first_name] = new.first_name
    mapping[old.greeting_name] = new.greeting_name
    mapping = {key: value for key, value in mapping.items() if key}
    if not mapping:
        return text
    forms = sorted(mapping, key=lambda f: (-len(f), f))
    return _pattern(forms).sub(lambda match: mapping[match[0]], text)
