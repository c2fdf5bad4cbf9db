"""Writing a file so that it is either the old one or the whole new one, never half."""

from __future__ import annotations

import os
import tempfile
from collections.abc import Iterator
from contextlib import contextmanager
from pathlib import Path
from typing import BinaryIO


def write_atomically(path: Path, data: bytes) -> Path:
    with atomic_file(path) as out:
        out.write(data)
    return Path(path)


@contextmanager
def atomic_file(path: Path) -> Iterator[BinaryIO]:
    """A private temporary file beside `path` to write in pieces; flushed, fsynced and
    renamed to `path` when the block ends, removed if it raises (a cancel included)."""
    path = Path(path)
    handle, temporary = tempfile.mkstemp(prefix=f".{path.name}.", dir=path.parent)
    try:
        with os.fdopen(handle, "wb") as out:
            yield out
            out.flush()
            os.fsync(out.fileno())
        os.replace(temporary, path)
    except BaseException:
        Path(temporary).unlink(missing_ok=True)
        raise


def make_private(path: Path) -> None:
    """0600 for a file written through a library that obeys the umask (Qt's image writer)."""
    if os.name == "posix" and path.exists() and not path.is_symlink():
        os.chmod(path, 0o600)
