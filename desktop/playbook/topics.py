"""A topic to thank someone for, suggested from what the user already wrote.

The interview's notes and the debrief often say it already ("Priya mentioned their churn
dashboard rebuild"). The sentence that names the person gives the topic, turned to speak
to them ("your churn dashboard rebuild"). Only a suggestion: the user accepts or changes it.
"""

from __future__ import annotations

import re
from collections.abc import Iterable

from desktop.playbook.addressing import Person, name_forms

_SENTENCES = re.compile(r"[^.!?\n]+")
# What comes after the name when a note records what someone talked about.
_VERBS = (
    r"mentioned|talked about|talked through|spoke about|asked about|asked me about|"
    r"described|explained|walked me through|showed me|showed|told me about|brought up|"
    r"shared|went through|discussed|presented|was excited about|is excited about|"
    r"focused on|dug into|wanted to know about"
)
_ABOUT = re.compile(r"\babout\s+(?P<topic>.+)", re.IGNORECASE)
_POSSESSIVE = re.compile(r"^(?:their|her|his)\b", re.IGNORECASE)
_OBJECT = re.compile(r"^(?:them|her|him)\b", re.IGNORECASE)
_TRAILING = re.compile(r"\s+(?:with|and|to|from|by|for)\s*$", re.IGNORECASE)
_MAX_WORDS = 12


def _clean(topic: str) -> str:
    topic = topic.strip(" \t,;:—–-\"'“”")
    # Drop a trailing clause that is about the user, not the topic ("…, which I liked").
    topic = re.split(r",\s*(?:which|and I|but I|so I)\b", topic, maxsplit=1)[0].strip(" ,")
    topic = _POSSESSIVE.sub("your", topic)
    topic = _OBJECT.sub("you", topic)
    words = topic.split()
    return " ".join(words[:_MAX_WORDS])


def suggest_topic(person: Person, texts: Iterable[str]) -> str:
    """The first thing the notes say this person talked about, or "" when they say none."""
    forms = name_forms(person)
    if not forms:
        return ""
    names = "|".join(re.escape(form) for form in forms)
    after_name = re.compile(
        rf"(?<![\w-])(?:{names})(?![\w-])(?:'s)?\s+(?:{_VERBS})\s+(?P<topic>.+)",
        re.IGNORECASE,
    )
    mentions = re.compile(rf"(?<![\w-])(?:{names})(?![\w-])")
    fallback = ""
    for text in texts:
        for sentence in _SENTENCES.findall(text or ""):
            if not mentions.search(sentence):
                continue
            found = after_name.search(sentence)
            if found and _clean(found["topic"]):
                return _clean(found["topic"])
            about = _ABOUT.search(sentence)
            if about and not fallback:
                # "We talked about the warehouse with Priya": the topic ends at the name.
                topic = mentions.split(about["topic"])[0]
                fallback = _clean(_TRAILING.sub("", topic))
    return fallback
