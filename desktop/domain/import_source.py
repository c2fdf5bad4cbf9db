"""Reading a file offered for import, refusing what is not a text table or export.

Every refusal is a ValueError whose message can be shown to the user as it is.
"""

from __future__ import annotations

import codecs
import json
import re
from collections.abc import Callable, Sequence
from pathlib import Path
from typing import Any

from desktop import gc_pause
from desktop.domain.bundle import (
    TICK_EVERY,
    ProblemFound,
    check_bundle,
    check_rows_checked,
    quiet_row_check,
)
from desktop.domain.letting_go import SLICE

# Called every so often by long reads: in a worker it is a progress call, where the worker
# lets the window's thread go first (`ui/gui_first.py`) and hears Cancel.
Tick = Callable[[], None]


def no_tick() -> None:
    """For callers with no window to let in (the command line, tests)."""


MAX_IMPORT_BYTES = 200 * 1024 * 1024


def read_import_text(path: Path, tick: Tick = no_tick) -> str:
    return "".join(read_import_pieces(path, tick))


def read_import_pieces(path: Path, tick: Tick = no_tick) -> list[str]:
    """The file's text in pieces of about `DECODE_PIECE` characters, as read: joining 60
    MiB into one string is one call that held Python's lock for 60 ms, and a JSON export
    is parsed from its pieces (`bundle_from_json`)."""
    path = Path(path)
    try:
        size = path.stat().st_size
    except OSError as error:
        raise ValueError(f"cannot read {path.name}: {error.strerror or error}") from None
    if not path.is_file():
        raise ValueError(f"{path.name} is not a file")
    if size == 0:
        raise ValueError(f"{path.name} is empty")
    if size > MAX_IMPORT_BYTES:
        raise ValueError(
            f"{path.name} is {size / 2**20:.0f} MiB; Debrief imports files up to "
            f"{MAX_IMPORT_BYTES // 2**20} MiB"
        )
    data = path.read_bytes()
    if data.startswith((codecs.BOM_UTF16_LE, codecs.BOM_UTF16_BE)):
        return [data.decode("utf-16")]
    if b"\x00" in data[:65536]:
        raise ValueError(
            f"{path.name} is not a text file (is it a spreadsheet's own format?"
            " Save it as CSV first)"
        )
    try:
        return _decoded(data, "utf-8-sig", tick)
    except UnicodeDecodeError:
        # Older spreadsheet programs on Windows write CSV in this code page.
        return [data.decode("cp1252", errors="replace")]


# Decoded a piece at a time: 50 MB in one call holds Python's lock for 70 ms and more, and
# the window's thread waits as long (the file is read in a worker).
DECODE_PIECE = 1 << 20


def _decoded(data: bytes, encoding: str, tick: Tick) -> list[str]:
    decoder = codecs.getincrementaldecoder(encoding)()
    view = memoryview(data)
    parts = []
    for at in range(0, len(data), DECODE_PIECE):
        parts.append(decoder.decode(view[at : at + DECODE_PIECE]))
        tick()
    parts.append(decoder.decode(b"", final=True))
    return [part for part in parts if part]


def looks_like_json(path: Path, text: str | Sequence[str]) -> bool:
    if Path(path).suffix.lower() == ".json":
        return True
    for piece in [text] if isinstance(text, str) else text:
        if piece.strip():
            return piece.lstrip().startswith("{")
    return False


def _object(made: dict[str, Any]) -> dict[str, Any]:
    # Nothing, as Python code, for a file parsed whole (see `_parsed`): the parse of a 50 MB
    # file is one call into C that would hold Python's lock for its whole second, and the
    # window's thread could not run meanwhile.
    # A Python function per object lets it in between (the longest pause went from 780 to
    # 130 ms). Handed the object json made (object_hook), not its pairs to make it from
    # (object_pairs_hook), it costs a tenth of the parse rather than a third.
    return made


def bundle_from_json(text: str | list[str], tick: Tick = no_tick) -> dict[str, Any]:
    """The checked bundle; a ValueError (often a BundleError) with a sentence otherwise.
    `text` whole or in pieces (`read_import_pieces`): a list of pieces is emptied once
    parsed, so the file's text is not held beside the parsed rows and the checked ones
    (60 MiB less at the read's peak). `tick` is called every so many rows.

    Memory stays a small multiple of the file: Python spends some 70 bytes on each
    object or list, so a file packed with `{}` is refused before it is parsed, and the
    check stops at its hundredth problem rather than describing a million."""
    pieces = [text] if isinstance(text, str) else text
    _refuse_packed_containers(pieces, tick)
    # Full collections held off: the parse and the check make millions of objects and no
    # cycles, and each full collection walked all that lived, the bundle so far included
    # (a fifth of the time, in pauses of 100-300 ms that held the lock the window's thread
    # needs). Young ones still run, a millisecond at most each. Switching the collector
    # off instead left them all in the youngest generation, and its first collection
    # afterwards walked them in one go (40-50 ms, then as much for the next).
    with gc_pause.held():
        return _parsed_and_checked(pieces, tick)


def _parsed_and_checked(pieces: list[str], tick: Tick) -> dict[str, Any]:
    size = sum(len(piece) for piece in pieces)
    try:
        checked = _checked_as_parsed(pieces, tick)
    except MemoryError:
        raise ValueError(_too_big_for_memory(size)) from None
    except RecursionError:
        raise ValueError("not a Debrief export (nested too deeply)") from None
    if checked is not None:
        pieces.clear()
        return checked
    # Not laid out as an export, not valid, or with a problem: parsed whole, then checked
    # whole, so that every problem is named where it is.
    try:
        data = _parsed(pieces, tick)
    except json.JSONDecodeError as error:
        raise ValueError(
            f"not valid JSON (line {error.lineno}, column {error.colno}: {error.msg})"
        ) from None
    except RecursionError:
        raise ValueError("not a Debrief export (nested too deeply)") from None
    except MemoryError:
        raise ValueError(_too_big_for_memory(size)) from None
    pieces.clear()
    try:
        bundle = check_bundle(data, tick)
    except MemoryError:
        del data
        raise ValueError(_too_big_for_memory(size)) from None
    _let_go_of_parsed(data, tick)
    return bundle


def _let_go_of_parsed(data: Any, tick: Tick) -> None:
    """The file as parsed, freed a slice of rows at a time once checked (freed whole, its
    million objects held Python's lock for 50 ms). Only its top-level lists: the checked
    bundle made lists of its own for each, and shares nothing with them but texts."""
    if isinstance(data, dict):
        for value in data.values():
            if isinstance(value, list):
                while value:
                    del value[-SLICE:]
                    tick()


# ----- parsing in pieces -------------------------------------------------------------------


def _checked_as_parsed(pieces: list[str], tick: Tick) -> dict[str, Any] | None:
    """The checked bundle of a well-formed export, each row of its lists checked as it is
    parsed and its parsed form dropped then: the file's rows as parsed are never all held
    (150 MiB for the history), only the checked ones. None for anything else."""
    try:
        return check_rows_checked(_Reader(pieces, tick, check_rows=True).document(), tick)
    except (_Unusual, ProblemFound):
        return None


_DECODER = json.JSONDecoder()
_SPACE = re.compile(r"[ \t\n\r]*")  # what json skips between values


class _Unusual(Exception):
    """Not laid out as an export is, or not valid: parsed whole instead."""


def _parsed(pieces: list[str], tick: Tick) -> Any:
    """What `json.loads` of the joined pieces gives. A Debrief export is one object whose
    lists are read a row at a time, each row in one short call: one call over 60 MiB held
    Python's lock throughout, unless a Python hook per object let other threads in (which
    cost a tenth of the parse). Anything else, or a file with a mistake, is parsed whole,
    as before, so its error says the line and column json.loads says."""
    try:
        return _Reader(pieces, tick).document()
    except _Unusual:
        pass
    return json.loads("".join(pieces), object_hook=_object)


class _Reader:
    """A window on the text, a piece or two long, moved along as the values are read.
    With `check_rows`, each row of a top-level list is checked as it is parsed."""

    def __init__(self, pieces: list[str], tick: Tick, check_rows: bool = False) -> None:
        self.pieces, self.tick, self.check_rows = pieces, tick, check_rows
        self.next = 0  # the first piece not yet in the window
        self.text = ""
        self.at = 0

    def more(self) -> bool:
        """Bring the next pieces into the window, as much text as it holds unread at least:
        a value longer than a piece is then read again a few times, not once a piece."""
        if self.next >= len(self.pieces):
            return False
        unread = len(self.text) - self.at
        added: list[str] = []
        size = 0
        while self.next < len(self.pieces) and (not added or size < unread):
            added.append(self.pieces[self.next])
            size += len(added[-1])
            self.next += 1
        self.text = self.text[self.at :] + "".join(added)
        self.at = 0
        return True

    def peek(self) -> str:
        """The next character that is not white space, "" at the end of the text."""
        while True:
            match = _SPACE.match(self.text, self.at)
            self.at = match.end() if match else self.at
            if self.at < len(self.text):
                return self.text[self.at]
            if not self.more():
                return ""

    def value(self) -> Any:
        if not self.peek():
            raise _Unusual
        while True:
            try:
                value, end = _DECODER.raw_decode(self.text, self.at)
            except json.JSONDecodeError:
                if self.more():  # cut off by the window's end, or a mistake: more text
                    continue
                raise _Unusual from None
            # A number that ends the window may go on in the next piece.
            if end < len(self.text) or not self.more():
                self.at = end
                return value

    def array(self, check: Callable[[Any], Any] | None = None) -> list[Any]:
        self.at += 1  # the "["
        rows: list[Any] = []
        if self.peek() == "]":
            self.at += 1
            return rows
        while True:
            rows.append(self.value() if check is None else check(self.value()))
            if len(rows) % TICK_EVERY == 0:  # as often as the check ticks (bundle.py)
                self.tick()
            after = self.peek()
            self.at += 1
            if after == "]":
                return rows
            if after != ",":
                raise _Unusual

    def document(self) -> Any:
        if self.peek() != "{":
            raise _Unusual
        self.at += 1
        out: dict[str, Any] = {}
        if self.peek() == "}":
            self.at += 1
        else:
            while True:
                if self.peek() != '"':
                    raise _Unusual
                key = self.value()
                if self.peek() != ":":
                    raise _Unusual
                self.at += 1
                # A repeated name keeps its first place and its last value, as in json.
                if self.peek() != "[":
                    out[key] = self.value()
                else:
                    out[key] = self.array(quiet_row_check(key) if self.check_rows else None)
                after = self.peek()
                self.at += 1
                if after == "}":
                    break
                if after != ",":
                    raise _Unusual
        if self.peek():  # more after the object: json.loads says "Extra data"
            raise _Unusual
        return _object(out)


# Strings are skipped whole (with their escapes), so brackets inside them do not count.
_STRING = re.compile(r'"[^"\\]*(?:\\.[^"\\]*)*"')
# The densest thing a Debrief export holds is a one-letter question, `{"question":"a"}`:
# one object in 16 characters. A file with an object or list every 8 characters is not one.
MIN_CHARACTERS_PER_CONTAINER = 8


def _refuse_packed_containers(pieces: list[str], tick: Tick) -> None:
    size = sum(len(piece) for piece in pieces)

    def packed(containers: int) -> bool:
        return containers > 64 and containers * MIN_CHARACTERS_PER_CONTAINER > size

    # Counted a piece at a time (each count over 60 MiB held Python's lock for 60 ms).
    containers = 0
    for piece in pieces:
        containers += piece.count("{") + piece.count("[")
        tick()
    if not packed(containers):  # the usual case, decided without a copy of the text
        return
    text = "".join(pieces)
    outside = _STRING.sub("", text)  # brackets in notes and questions do not count
    containers = outside.count("{") + outside.count("[")
    del outside
    if packed(containers):
        raise ValueError(
            f"not a Debrief export: it holds {containers:,} objects and lists in "
            f"{size:,} characters, far more than an export of that size has"
        )


def _too_big_for_memory(size: int) -> str:
    return (
        f"there is not enough memory to read this {size / 2**20:.0f} MiB file; "
        "close other programs and try again"
    )
