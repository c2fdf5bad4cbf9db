"""A small rotating log in the data folder: where tracebacks go instead of the user's face.

Setting it up never fails a command: when `debrief.log` cannot be opened (a folder of that
name, no permission, a full disk) Debrief logs nowhere and carries on, and a write that
fails later is dropped quietly instead of printing logging's own traceback.

Personal text (notification texts, names, companies, note bodies) stays out of the log
unless the debug switch is on: `--debug` or DEBRIEF_DEBUG=1.
"""

from __future__ import annotations

import contextlib
import logging
import os
from io import TextIOWrapper
from pathlib import Path

from db.file_safety import check_own_file, open_private

LOG_NAME = "debrief.log"
DEBUG_ENV = "DEBRIEF_DEBUG"
HIDDEN = "[hidden; see DEBRIEF_DEBUG in the README]"


def debug_enabled() -> bool:
    return os.environ.get(DEBUG_ENV, "") not in ("", "0")


def enable_debug() -> None:
    os.environ[DEBUG_ENV] = "1"
    logging.getLogger().setLevel(logging.DEBUG)


def personal(text: object) -> object:
    """What to log in place of text the user wrote or that names people and companies."""
    return text if debug_enabled() else HIDDEN


class PrivateLogHandler(logging.FileHandler):
    """The log and its rotated copies are created 0600 whatever the umask, never through a
    symbolic link; a failing write (full disk) is dropped without a word.

    Rotated as `logging.handlers.RotatingFileHandler` rotates (the log to `.1`, `.1` to
    `.2`, ...), written here on `FileHandler`: importing `logging.handlers` brings socket,
    pickle and queue, 6 ms of every start before the window's first paint."""

    def __init__(
        self, filename: Path, maxBytes: int, backupCount: int, encoding: str = "utf-8"
    ) -> None:
        super().__init__(filename, mode="a", encoding=encoding)
        self.maxBytes, self.backupCount = maxBytes, backupCount

    def emit(self, record: logging.LogRecord) -> None:
        try:
            if self._would_overflow(record):
                self._roll_over()
            super().emit(record)
        except Exception:
            self.handleError(record)

    def _would_overflow(self, record: logging.LogRecord) -> bool:
        if self.stream is None:
            self.stream = self._open()
        at = self.stream.tell()
        return (
            self.maxBytes > 0 and at > 0 and at + len(f"{self.format(record)}\n") >= self.maxBytes
        )

    def _roll_over(self) -> None:
        if self.stream is not None:
            self.stream.close()
            self.stream = None
        for number in range(self.backupCount - 1, 0, -1):
            older = f"{self.baseFilename}.{number}"
            if os.path.exists(older):
                os.replace(older, f"{self.baseFilename}.{number + 1}")
        if self.backupCount > 0 and os.path.exists(self.baseFilename):
            os.replace(self.baseFilename, f"{self.baseFilename}.1")
        self.stream = self._open()

    def _open(self) -> TextIOWrapper:
        flags = os.O_WRONLY | os.O_CREAT | (os.O_APPEND if "a" in self.mode else os.O_TRUNC)
        return os.fdopen(open_private(Path(self.baseFilename), flags), "a", encoding="utf-8")

    def handleError(self, record: logging.LogRecord) -> None:
        pass

    def flush(self) -> None:
        # Closing the log on a full disk writes out what is buffered: dropped, like a write.
        with contextlib.suppress(OSError):
            super().flush()

    def close(self) -> None:
        with contextlib.suppress(OSError):
            super().close()


def setup_logging(data_dir: Path) -> Path | None:
    """The log's path, or None when there is no usable log (and nothing is logged)."""
    path = Path(data_dir) / LOG_NAME
    root = logging.getLogger()
    root.setLevel(logging.DEBUG if debug_enabled() else logging.INFO)
    if any(getattr(h, "baseFilename", None) == str(path) for h in root.handlers):
        return path
    try:
        check_own_file(path)
        handler = PrivateLogHandler(path, maxBytes=512_000, backupCount=2, encoding="utf-8")
    except (OSError, RuntimeError):
        # Without any handler, logging would print warnings and tracebacks on stderr.
        if not root.handlers:
            root.addHandler(logging.NullHandler())
        return None
    handler.setFormatter(logging.Formatter("%(asctime)s %(levelname)s %(name)s: %(message)s"))
    root.addHandler(handler)
    return path
