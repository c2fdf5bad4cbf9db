"""Writing to a terminal whatever its encoding: a Latin-1 or ASCII terminal gets plain
stand-ins for Debrief's typography rather than a crash on its first em dash."""

from __future__ import annotations

import codecs
import sys

ERRORS = "debrief-plain"
# What each character stands for where it cannot be shown; anything else becomes "?".
_PLAIN = {
    "\u2014": "-",  # em dash
    "\u2013": "-",  # en dash
    "\u2018": "'",
    "\u2019": "'",
    "\u201c": '"',
    "\u201d": '"',
    "\u2026": "...",
    "\u25b8": ">",  # the menu arrow in "Your data ▸ Backups"
    "\u00b7": "-",  # middle dot (Latin-1 has it; ASCII does not)
    "\u2022": "*",
    "\u2192": "->",
    "\u00a0": " ",
}


def _plain(error: UnicodeError) -> tuple[str, int]:
    if not isinstance(error, UnicodeEncodeError):
        raise error
    unshown = error.object[error.start : error.end]
    return "".join(_PLAIN.get(ch, "?") for ch in unshown), error.end


codecs.register_error(ERRORS, _plain)


def make_output_safe() -> None:
    """stdout and stderr keep their encoding and stop raising on what it cannot hold."""
    for stream in (sys.stdout, sys.stderr):
        reconfigure = getattr(stream, "reconfigure", None)
        if reconfigure is not None:
            reconfigure(errors=ERRORS)


def write_utf8(text: str) -> None:
    """A file's content (JSON, CSV, iCalendar) to stdout in UTF-8, which its format
    prescribes, whatever the terminal's own encoding: piped to a file, it is that file."""
    sys.stdout.flush()
    buffer = getattr(sys.stdout, "buffer", None)
    if buffer is None:  # a stream without bytes underneath (a test's StringIO)
        sys.stdout.write(text)
        return
    buffer.write(text.encode("utf-8"))
    buffer.flush()
