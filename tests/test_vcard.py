"""vCard files (issue #21): a person written and read back whole, cards from other
address books, and malformed files refused in one sentence."""

from __future__ import annotations

from pathlib import Path

import pytest

from desktop.domain.person_form import drafts_from_file
from desktop.domain.vcard import Card, VCardError, read_cards, write_card

# ----- vCard, pure --------------------------------------------------------------------

ZOE = Card(
    name="Zoë Ñúñez-Łukasiewicz",
    email="zoe@beispiel.example",
    phone="+49 30 1234 5678",
    company="Beispiel; Straße, GmbH",
    job_title="Leiterin der Datenanalyse und der Abteilung für Kundenbeziehungen (Berlin)",
    notes="Referred me for the analyst role.\nLikes tea; coffee, too \\ 🙂",
    role="referrer",
    address_as="Dr Ñúñez",
)


def test_a_card_written_reads_back_the_same_folded_at_75_octets() -> None:
    text = write_card(ZOE)
    lines = text.split("\r\n")
    assert lines[0] == "BEGIN:VCARD" and lines[1] == "VERSION:3.0" and lines[-1] == ""
    assert max(len(line.encode("utf-8")) for line in lines) <= 75
    assert any(line.startswith(" ") for line in lines), "the long title is folded"
    assert read_cards(text.encode("utf-8")) == [ZOE]


def test_a_card_from_another_address_book_is_read() -> None:
    # vCard 4.0, LF line ends, a line folded inside a word (and with a tab), escapes, a
    # preferred email and phone that are not the first, an ORG with a department.
    text = (
        "BEGIN:VCARD\n"
        "VERSION:4.0\n"
        "FN:Jürgen Gro\n"
        "\tß\n"
        "N:Groß;Jürgen;;;\n"
        "EMAIL;TYPE=home:j@home.example\n"
        'EMAIL;TYPE="work";PREF=1:jg@beispiel.example\n'
        "TEL;VALUE=uri;TYPE=cell:tel:+49-170-555\n"
        "item1.ORG:Beispiel GmbH;Entwicklung\n"
        "TITLE:Teamleiter\\, Daten\n"
        "NOTE:Met at the meetup\\nsays hi\n"
        "PHOTO;MEDIATYPE=image/png:data:image/png;base64,iVBORw0KGgo=\n"
        "END:VCARD\n"
    )
    assert read_cards(text.encode("utf-8")) == [
        Card(
            name="Jürgen Groß",
            email="jg@beispiel.example",
            phone="+49-170-555",
            company="Beispiel GmbH",
            job_title="Teamleiter, Daten",
            notes="Met at the meetup\nsays hi",
        )
    ]


def test_a_card_without_fn_takes_its_name_from_n_and_21_quoted_printable_is_read() -> None:
    text = (
        "BEGIN:VCARD\r\nVERSION:2.1\r\nN:Li;Dana;;Dr;\r\n"
        "NOTE;ENCODING=QUOTED-PRINTABLE;CHARSET=UTF-8:Gr=C3=BC=C3=9Fe an =\r\ndas Team\r\n"
        "END:VCARD\r\n"
    )
    assert read_cards(text.encode()) == [Card(name="Dr Dana Li", notes="Grüße an das Team")]


@pytest.mark.parametrize(
    ("data", "reason"),
    [
        (b"", "it is empty"),
        (b"\xff\xfeB\x00E\x00", r"cannot read it as contact cards, so save the contacts as a"),
        (b"\x89PNG\r\n\x1a\n\x00\x00", r"cannot read it as contact cards, so save the"),
        (b"Name,Email\nDana,d@x.example\n", "line 1 is not a vCard property"),
        (b"BEGIN:VCARD\nFN:Dana\n", "its last card has no END:VCARD"),
        (b"BEGIN:VCARD\nFN:Dana\nBEGIN:VCARD\n", "line 3 begins a card inside another one"),
        (b"END:VCARD\n", "line 1 ends a card that was never begun"),
        (b"FN:Dana\n", "line 1 is outside any BEGIN:VCARD"),
        (b"BEGIN:VCARD\nVERSION:3.0\nEND:VCARD\n", "card 1 has no name"),
        (b"BEGIN:VCARD\nFN Dana\nEND:VCARD\n", "line 2 is not a vCard property"),
    ],
)
def test_a_malformed_file_is_refused_in_one_sentence(
    tmp_path: Path, data: bytes, reason: str
) -> None:
    with pytest.raises(VCardError, match=reason):
        read_cards(data)
    path = tmp_path / "contacts.vcf"
    path.write_bytes(data)
    with pytest.raises(VCardError) as caught:
        drafts_from_file(path)
    message = str(caught.value)
    assert message.startswith("contacts.vcf was not imported: ")
    assert message.endswith("; nothing was changed.")
    assert "\n" not in message and message.count(". ") == 0
    assert "UTF" not in message and "binary" not in message  # the user's words, not ours


def test_a_card_a_form_would_refuse_is_refused_by_number_and_name(tmp_path: Path) -> None:
    path = tmp_path / "two.vcf"
    path.write_text(
        "BEGIN:VCARD\nFN:Ok Person\nEND:VCARD\nBEGIN:VCARD\nFN:Dana Li\nEMAIL:not-an-email\n"
        "END:VCARD\n"
    )
    with pytest.raises(VCardError, match=r"card 2, Dana Li: 'not-an-email' does not look like"):
        drafts_from_file(path)
