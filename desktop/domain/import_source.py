"""Reading a file offered for import, refusing what is not a text table or export.

Every refusal is a ValueError whose message can be shown to the user as it is.
"""

from __future__ import annotations

import codecs
import gc
import json
import re
from collections.abc import Iterator
from contextlib import contextmanager
from pathlib import Path
from typing import Any

from desktop.domain.bundle import check_bundle

MAX_IMPORT_BYTES = 200 * 1024 * 1024


def read_import_text(path: Path) -> str:
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
        return data.decode("utf-16")
    if b"\x00" in data[:65536]:
        raise ValueError(
            f"{path.name} is not a text file (is it a spreadsheet's own format?"
            " Save it as CSV first)"
        )
    try:
        return _decoded(data, "utf-8-sig")
    except UnicodeDecodeError:
        # Older spreadsheet programs on Windows write CSV in this code page.
        return data.decode("cp1252", errors="replace")


# Decoded a piece at a time: 50 MB in one call holds Python's lock for 70 ms and more, and
# the window's thread waits as long (the file is read in a worker).
DECODE_PIECE = 1 << 20


def _decoded(data: bytes, encoding: str) -> str:
    decoder = codecs.getincrementaldecoder(encoding)()
    view = memoryview(data)
    parts = [
        decoder.decode(view[at : at + DECODE_PIECE]) for at in range(0, len(data), DECODE_PIECE)
    ]
    parts.append(decoder.decode(b"", final=True))
    return "".join(parts)


def looks_like_json(path: Path, text: str) -> bool:
    return Path(path).suffix.lower() == ".json" or text.lstrip().startswith("{")


def _object(made: dict[str, Any]) -> dict[str, Any]:
    # Nothing, as Python code: the parse of a 50 MB file is one call into C that would hold
    # Python's lock for its whole second, and the window's thread could not run meanwhile.
    # A Python function per object lets it in between (the longest pause went from 780 to
    # 130 ms). Handed the object json made (object_hook), not its pairs to make it from
    # (object_pairs_hook), it costs a tenth of the parse rather than a third.
    return made


def bundle_from_json(text: str) -> dict[str, Any]:
    """The checked bundle; a ValueError (often a BundleError) with a sentence otherwise.

    Memory stays a small multiple of the file: Python spends some 70 bytes on each
    object or list, so a file packed with `{}` is refused before it is parsed, and the
    check stops at its hundredth problem rather than describing a million."""
    _refuse_packed_containers(text)
    with _collection_paused():
        return _parsed_and_checked(text)


@contextmanager
def _collection_paused() -> Iterator[None]:
    """Python's cycle collector kept out of the parse and the check. They make millions of
    objects and no cycles, and every so many the collector walked all that lived, the
    bundle so far included: a fifth of the time, in pauses of 100-300 ms that held the
    lock the window's thread needs. Reference counting still frees what is dropped."""
    was_on = gc.isenabled()
    gc.disable()
    try:
        yield
    finally:
        if was_on:  # as it was: another thread's pause may have begun before this one
            gc.enable()


def _parsed_and_checked(text: str) -> dict[str, Any]:
    try:
        data = json.loads(text, object_hook=_object)
    except json.JSONDecodeError as error:
        raise ValueError(
            f"not valid JSON (line {error.lineno}, column {error.colno}: {error.msg})"
        ) from None
    except RecursionError:
        raise ValueError("not a Debrief export (nested too deeply)") from None
    except MemoryError:
        raise ValueError(_too_big_for_memory(text)) from None
    try:
        return check_bundle(data)
    except MemoryError:
        del data
        raise ValueError(_too_big_for_memory(text)) from None


# Strings are skipped whole (with their escapes), so brackets inside them do not count.
_STRING = re.compile(r'"[^"\\]*(?:\\.[^"\\]*)*"')
# The densest thing a Debrief export holds is a one-letter question, `{"question":"a"}`:
# one object in 16 characters. A file with an object or list every 8 characters is not one.
MIN_CHARACTERS_PER_CONTAINER = 8


def _refuse_packed_containers(text: str) -> None:
    def packed(containers: int) -> bool:
        return containers > 64 and containers * MIN_CHARACTERS_PER_CONTAINER > len(text)

    containers = text.count("{") + text.count("[")
    if not packed(containers):  # the usual case, decided without a copy of the text
        return
    outside = _STRING.sub("", text)  # brackets in notes and questions do not count
    containers = outside.count("{") + outside.count("[")
    del outside
    if packed(containers):
        raise ValueError(
            f"not a Debrief export: it holds {containers:,} objects and lists in "
            f"{len(text):,} characters, far more than an export of that size has"
        )


def _too_big_for_memory(text: str) -> str:
    return (
        f"there is not enough memory to read this {len(text) / 2**20:.0f} MiB file; "
        "close other programs and try again"
    )
