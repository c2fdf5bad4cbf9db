"""vCard files (RFC 2426 for 3.0, RFC 6350 for 4.0): reading people from them and writing
one person to a card. Pure: text in, plain data out.

Read: FN (else N), EMAIL, TEL, ORG, TITLE, NOTE, and Debrief's own X-DEBRIEF-ROLE and
X-DEBRIEF-ADDRESS-AS, with folded lines, escaped characters and UTF-8; a 2.1 card's
quoted-printable values too. Everything else (photos, addresses, birthdays) is skipped.
Written: vCard 3.0, which every address book reads, folded at 75 octets with CRLF.
"""

from __future__ import annotations

import quopri
import re
from dataclasses import dataclass

MAX_BYTES = 20 * 1024 * 1024  # an address book with photos; more is no contact file
MAX_CARDS = 10_000
_FOLD_AT = 75  # octets per line, the line break not counted (RFC 6350 §3.2)
_NAME = re.compile(r"^(?:[A-Za-z0-9-]+\.)?(?P<name>[A-Za-z0-9-]+)$")


class VCardError(ValueError):
    """A file that is not a vCard one can use; the message is one sentence, without the
    file's name (the caller adds it)."""


@dataclass(frozen=True)
class Card:
    name: str
    email: str = ""
    phone: str = ""
    company: str = ""
    job_title: str = ""
    notes: str = ""
    role: str = ""  # a ContactRole value, from Debrief's own cards; "" when not said
    address_as: str = ""


@dataclass(frozen=True)
class _Property:
    name: str  # upper case, group removed
    params: dict[str, list[str]]  # names upper case
    value: str  # raw: still escaped


# ----- reading ------------------------------------------------------------------------

# Not text in the encoding vCards use (a picture, a spreadsheet, another encoding): said
# in the user's words, with what to do, not "not UTF-8".
NOT_CONTACTS = (
    "Debrief cannot read it as contact cards, so save the contacts as a vCard (.vcf) and try again"
)


def read_cards(data: bytes) -> list[Card]:
    """Every card in the file, in order. Raises VCardError for a file that is empty,
    not UTF-8, too big, or not made of BEGIN:VCARD … END:VCARD cards."""
    if len(data) > MAX_BYTES:
        raise VCardError(f"it is larger than {MAX_BYTES // (1024 * 1024)} MiB")
    try:
        text = data.decode("utf-8-sig")
    except UnicodeDecodeError:
        raise VCardError(NOT_CONTACTS) from None
    if "\x00" in text:
        raise VCardError(NOT_CONTACTS)
    lines = _unfold(text)
    if not any(line.strip() for _, line in lines):
        raise VCardError("it is empty")
    cards: list[Card] = []
    current: list[_Property] | None = None
    for number, line in lines:
        if not line.strip():
            continue
        prop = _parse_line(line, number)
        if prop.name == "BEGIN":
            if prop.value.strip().upper() != "VCARD" or current is not None:
                raise VCardError(f"line {number} begins a card inside another one")
            current = []
        elif prop.name == "END":
            if current is None or prop.value.strip().upper() != "VCARD":
                raise VCardError(f"line {number} ends a card that was never begun")
            cards.append(_card(current, len(cards) + 1))
            if len(cards) > MAX_CARDS:
                raise VCardError(f"it holds more than {MAX_CARDS:,} cards")
            current = None
        elif current is None:
            raise VCardError(f"line {number} is outside any BEGIN:VCARD … END:VCARD card")
        else:
            current.append(prop)
    if current is not None:
        raise VCardError("its last card has no END:VCARD (is the file cut short?)")
    if not cards:
        raise VCardError("it holds no card")
    return cards


def _unfold(text: str) -> list[tuple[int, str]]:
    """Logical lines with the number of the physical line each starts on. A line that
    begins with a space or a tab continues the one before, minus that one character."""
    logical: list[tuple[int, str]] = []
    for number, physical in enumerate(re.split(r"\r\n|\r|\n", text), start=1):
        if physical[:1] in (" ", "\t") and logical:
            start, before = logical[-1]
            logical[-1] = (start, before + physical[1:])
        elif logical and _soft_break(logical[-1][1]):
            # vCard 2.1's quoted-printable goes on after a trailing "=", unindented.
            start, before = logical[-1]
            logical[-1] = (start, before[:-1] + physical)
        else:
            logical.append((number, physical))
    return logical


def _soft_break(line: str) -> bool:
    head = line.partition(":")[0].upper()
    return line.endswith("=") and "QUOTED-PRINTABLE" in head


def _parse_line(line: str, number: int) -> _Property:
    head, value = _split_head(line, number)
    parts = _split_unquoted(head, ";")
    match = _NAME.match(parts[0].strip())
    if match is None:
        raise VCardError(f"line {number} is not a vCard property")
    params: dict[str, list[str]] = {}
    for part in parts[1:]:
        key, equals, raw = part.partition("=")
        if not equals:  # vCard 2.1: a bare type, as in TEL;WORK;PREF:…
            key, raw = "TYPE", key
        values = [v.strip().strip('"') for v in _split_unquoted(raw, ",")]
        params.setdefault(key.strip().upper(), []).extend(v for v in values if v)
    return _Property(match["name"].upper(), params, value)


def _split_head(line: str, number: int) -> tuple[str, str]:
    """Name and parameters before the first ':' outside a quoted parameter value."""
    quoted = False
    for at, ch in enumerate(line):
        if ch == '"':
            quoted = not quoted
        elif ch == ":" and not quoted:
            return line[:at], line[at + 1 :]
    raise VCardError(f"line {number} is not a vCard property (it has no ':')")


def _split_unquoted(text: str, separator: str) -> list[str]:
    parts: list[str] = []
    current: list[str] = []
    quoted = False
    for ch in text:
        if ch == '"':
            quoted = not quoted
        if ch == separator and not quoted:
            parts.append("".join(current))
            current = []
        else:
            current.append(ch)
    parts.append("".join(current))
    return parts


def _components(value: str) -> list[str]:
    """A structured value (N, ORG) split at its unescaped ';', each part unescaped."""
    parts: list[str] = []
    current: list[str] = []
    escaped = False
    for ch in value:
        if escaped:
            current.append("\\" + ch)
            escaped = False
        elif ch == "\\":
            escaped = True
        elif ch == ";":
            parts.append(_unescape("".join(current)))
            current = []
        else:
            current.append(ch)
    parts.append(_unescape("".join(current) + ("\\" if escaped else "")))
    return parts


_ESCAPES = {"n": "\n", "N": "\n", ",": ",", ";": ";", "\\": "\\", ":": ":"}


def _unescape(value: str) -> str:
    return re.sub(r"\\(.)", lambda m: _ESCAPES.get(m[1], m[1]), value, flags=re.DOTALL)


def _text(prop: _Property) -> str:
    value = prop.value
    if any(e.upper() == "QUOTED-PRINTABLE" for e in prop.params.get("ENCODING", [])):
        charset = (prop.params.get("CHARSET") or ["utf-8"])[0]
        try:
            value = quopri.decodestring(value.encode("utf-8")).decode(charset)
        except (LookupError, UnicodeDecodeError):
            value = quopri.decodestring(value.encode("utf-8")).decode("utf-8", "replace")
    return value


def _preferred(props: list[_Property], name: str) -> _Property | None:
    """The one marked preferred (TYPE=pref in 3.0, PREF=1 in 4.0), else the first."""
    found = [p for p in props if p.name == name and _text(p).strip()]

    def rank(prop: _Property) -> int:
        types = [t.lower() for t in prop.params.get("TYPE", [])]
        pref = prop.params.get("PREF", [])
        if "pref" in types:
            return 0
        return int(pref[0]) if pref and pref[0].isdigit() else 101

    return min(found, key=rank) if found else None


def _one_line(text: str) -> str:
    return " ".join(text.split())


def _card(props: list[_Property], position: int) -> Card:
    def first(name: str) -> _Property | None:
        return next((p for p in props if p.name == name), None)

    def value(name: str) -> str:
        prop = first(name)
        return _one_line(_unescape(_text(prop))) if prop else ""

    name = value("FN")
    n = first("N")
    if not name and n is not None:
        family, given, additional, prefix, suffix = (_components(_text(n)) + [""] * 5)[:5]
        name = _one_line(" ".join((prefix, given, additional, family, suffix)))
    email = _preferred(props, "EMAIL")
    phone = _preferred(props, "TEL")
    org = first("ORG")
    note = first("NOTE")
    if not name:
        name = _one_line(_unescape(_text(email))) if email else ""
    if not name:
        raise VCardError(f"card {position} has no name (FN or N)")
    return Card(
        name=name,
        email=_one_line(_unescape(_text(email))).removeprefix("mailto:") if email else "",
        phone=_one_line(_unescape(_text(phone))).removeprefix("tel:") if phone else "",
        company=_one_line(_components(_text(org))[0]) if org else "",
        job_title=value("TITLE"),
        notes=_unescape(_text(note)).strip() if note else "",
        role=value("X-DEBRIEF-ROLE").lower(),
        address_as=value("X-DEBRIEF-ADDRESS-AS"),
    )


# ----- writing ------------------------------------------------------------------------


def write_card(card: Card) -> str:
    """One person as a vCard 3.0, lines folded at 75 octets, CRLF line ends."""
    given, _, family = card.name.rpartition(" ")
    if not given:  # one word: it is the given name
        given, family = family, ""
    lines = [
        "BEGIN:VCARD",
        "VERSION:3.0",
        f"FN:{_escape(card.name)}",
        f"N:{_escape(family)};{_escape(given)};;;",
    ]
    if card.email:
        lines.append(f"EMAIL;TYPE=INTERNET:{_escape(card.email)}")
    if card.phone:
        lines.append(f"TEL:{_escape(card.phone)}")
    if card.company:
        lines.append(f"ORG:{_escape(card.company)}")
    if card.job_title:
        lines.append(f"TITLE:{_escape(card.job_title)}")
    if card.notes:
        lines.append(f"NOTE:{_escape(card.notes)}")
    if card.role:
        lines.append(f"X-DEBRIEF-ROLE:{_escape(card.role)}")
    if card.address_as:
        lines.append(f"X-DEBRIEF-ADDRESS-AS:{_escape(card.address_as)}")
    lines.append("END:VCARD")
    return "".join(_fold(line) + "\r\n" for line in lines)


def _escape(text: str) -> str:
    text = text.replace("\\", "\\\\").replace(";", "\\;").replace(",", "\\,")
    return text.replace("\r\n", "\n").replace("\r", "\n").replace("\n", "\\n")


def _fold(line: str) -> str:
    """Split after at most 75 octets, never inside a UTF-8 character; each continuation
    starts with a space, which counts towards its 75."""
    pieces: list[str] = []
    current: list[str] = []
    size, limit = 0, _FOLD_AT
    for ch in line:
        width = len(ch.encode("utf-8"))
        if size + width > limit:
            pieces.append("".join(current))
            current, size, limit = [], 0, _FOLD_AT - 1
        current.append(ch)
        size += width
    pieces.append("".join(current))
    return "\r\n ".join(pieces)
