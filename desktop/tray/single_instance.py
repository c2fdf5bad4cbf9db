"""One Debrief per user and data folder: a lock file decides, a local socket talks.

The lock (QLockFile, which recovers from the lock of a crashed process) guarantees that
only one process ever schedules and notifies. The socket lets a second launch raise the
running window. Messages are one JSON object per line, versioned, answered with one JSON
line (`messages.py`). The socket is a Unix socket served on Qt's event loop
(`unix_socket.py`), which needs no QtNetwork: that library and the Kerberos libraries it
links were 2.4 MiB of a tray's memory (benchmarks/README.md). Windows has named pipes,
through QtNetwork (`named_pipe.py`).
"""

from __future__ import annotations

import os
import stat
import sys
import tempfile
from collections.abc import Callable
from pathlib import Path
from typing import TYPE_CHECKING

from PySide6.QtCore import QLockFile

from desktop.tray.messages import MAX_MESSAGE_BYTES, PROTOCOL, Handler

# The transport is imported when first used (`send`, or the tray's MessageServer after
# the window's first paint): the socket module alone is 3.4 ms of every start's CPU.
if TYPE_CHECKING:
    if sys.platform == "win32":
        from desktop.tray.named_pipe import MessageServer
    else:
        from desktop.tray.unix_socket import MessageServer


def send(
    name: str, command: str, timeout_ms: int = 3000, retry_for_s: float = 0.0
) -> dict[str, object] | None:
    """Send one command to the running instance; None when nobody is listening.

    `retry_for_s`: keep trying to connect that long, for an instance still starting up."""
    if sys.platform == "win32":
        from desktop.tray.named_pipe import send as send_on_this_platform
    else:
        from desktop.tray.unix_socket import send as send_on_this_platform
    return send_on_this_platform(name, command, timeout_ms, retry_for_s)


def __getattr__(name: str) -> type[MessageServer]:
    if name != "MessageServer":
        raise AttributeError(f"module {__name__!r} has no attribute {name!r}")
    if sys.platform == "win32":
        from desktop.tray.named_pipe import MessageServer
    else:
        from desktop.tray.unix_socket import MessageServer
    return MessageServer


__all__ = ["MAX_MESSAGE_BYTES", "PROTOCOL", "Handler", "InstanceLock", "MessageServer"]
__all__ += ["send", "server_name"]

LOCK_FILE = "debrief.lock"


def server_name(data_dir: Path, runtime_dir: str | None = None, temp_dir: str | None = None) -> str:
    """Per user and per data folder, in a folder only this user can write to.

    The system's private runtime folder ($XDG_RUNTIME_DIR) when there is one. Without it
    (cron, ssh, su) a bare name would land in the shared /tmp, where another user could
    take it first and receive our messages: there a folder of our own, created 0700 and
    checked to be ours and no symlink, holds it; failing that, the data folder itself."""
    import getpass  # here: a window start asks only after its first paint
    import hashlib

    try:
        user = getpass.getuser()
    except (KeyError, OSError):
        user = str(os.getuid()) if hasattr(os, "getuid") else "user"
    folder = hashlib.sha256(str(Path(data_dir).resolve()).encode()).hexdigest()[:12]
    name = f"debrief-{user}-{folder}"
    if sys.platform == "win32":  # named pipes: no file, no folder to share
        return name
    runtime = runtime_dir if runtime_dir is not None else os.environ.get("XDG_RUNTIME_DIR", "")
    temp = Path(temp_dir if temp_dir is not None else tempfile.gettempdir())
    candidates: list[Callable[[], Path | None]] = [
        lambda: Path(runtime) if runtime and _ours_and_private(Path(runtime)) else None,
        lambda: _private_folder(temp / f"debrief-{os.getuid()}"),
        lambda: _private_folder(Path(data_dir)),
    ]
    for candidate in candidates:
        place = candidate()
        if place is not None and len(os.fsencode(place / name)) < MAX_SOCKET_PATH:
            return str(place / name)
    return str(Path(data_dir) / name)  # too long everywhere: listening fails, and says so


# sockaddr_un.sun_path holds 108 bytes on Linux, 104 on macOS, with its final NUL.
MAX_SOCKET_PATH = 104


def _ours_and_private(folder: Path) -> bool:
    """A real folder (not a symlink), owned by this user, writable by nobody else."""
    try:
        found = os.lstat(folder)
    except OSError:
        return False
    return (
        stat.S_ISDIR(found.st_mode)
        and found.st_uid == os.getuid()
        and not found.st_mode & (stat.S_IWGRP | stat.S_IWOTH)
    )


def _private_folder(folder: Path) -> Path | None:
    """`folder`, created 0700 if missing; None if it is not safely ours."""
    try:
        os.mkdir(folder, 0o700)
    except FileExistsError:
        pass
    except OSError:
        return None
    return folder if _ours_and_private(folder) else None


class InstanceLock:
    def __init__(self, data_dir: Path) -> None:
        self._lock = QLockFile(str(Path(data_dir) / LOCK_FILE))
        # Held for the whole session, so never "stale" by age; a crashed holder is still
        # detected by its process id.
        self._lock.setStaleLockTime(0)

    def acquire(self) -> bool:
        return self._lock.tryLock(0)

    def held_elsewhere(self) -> bool:
        """After a failed acquire: True when another Debrief holds the lock; False when the
        lock file could not be written at all (a full disk, no permission)."""
        return self._lock.error() == QLockFile.LockError.LockFailedError

    def release(self) -> None:
        self._lock.unlock()
