"""Writing a file so that it is either the old one or the whole new one, never half."""

from __future__ import annotations

import os
import tempfile
from pathlib import Path


def write_atomically(path: Path, data: bytes) -> Path:
    path = Path(path)
    handle, temporary = tempfile.mkstemp(prefix=f".{path.name}.", dir=path.parent)
    try:
        with os.fdopen(handle, "wb") as out:
            out.write(data)
            out.flush()
            os.fsync(out.fileno())
        os.replace(temporary, path)
    except BaseException:
        Path(temporary).unlink(missing_ok=True)
        raise
    return path


def make_private(path: Path) -> None:
    """0600 for a file written through a library that obeys the umask (Qt's image writer)."""
    if os.name == "posix" and path.exists() and not path.is_symlink():
        os.chmod(path, 0o600)
