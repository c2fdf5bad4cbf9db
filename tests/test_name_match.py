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


def test_folding_looks_only_into_what_is_not_ascii_and_drops_every_mark() -> None:
    import unicodedata

    from desktop.domain.name_match import folded

    def reference(text: str) -> str:
        decomposed = unicodedata.normalize("NFKD", text.casefold())
        return "".join(ch for ch in decomposed if not unicodedata.combining(ch))

    samples = [
        "Société Générale, Zürich",
        "Ǆemal ﬁnds Straße in Αθήνα",  # a ligature, ß and Greek tonos
        "Nguyễn Thị Minh Khai; 𝔉𝔯𝔞𝔨𝔱𝔲𝔯",  # stacked marks, astral letters
        "x\u0301\U0001d167 plain ascii after",  # a combining mark outside the BMP
        "देवनागरी हिन्दी",  # marks that are letters' vowels
    ]
    for text in samples:
        assert folded(text) == reference(text), text
