"""Names are matched and sorted as people read them: case and accents ignored."""

from __future__ import annotations

from desktop.domain.name_match import folded, name_key


def test_folding_drops_case_and_accents() -> None:
    assert folded("Zoë") == "zoe"
    assert folded("ÉMILE Müller") == "emile muller"
    assert folded("Straße") == "strasse"
    assert folded("Ångström") == "angstrom"
    assert folded("ﬁn") == "fin"  # a ligature decomposes too
    assert folded("Zoe") == "zoe"


def test_accented_names_sort_beside_their_plain_letters() -> None:
    names = ["Zoë", "Emma", "Émile", "adam", "Ólafur", "Oliver", "emile"]
    assert sorted(names, key=name_key) == [
        "adam",
        "emile",
        "Émile",
        "Emma",
        "Ólafur",
        "Oliver",
        "Zoë",
    ]
