"""One Debrief per user and data folder: a lock file decides, a local socket talks.

The lock (QLockFile, which recovers from the lock of a crashed process) guarantees that
only one process ever schedules and notifies. The socket lets a second launch raise the
running window, and lets command-line changes reach the running app at once. Messages
are one JSON object per line, versioned, answered with one JSON line.
"""

from __future__ import annotations

import getpass
import hashlib
import json
import logging
import os
import stat
import sys
import tempfile
import time
from collections.abc import Callable
from pathlib import Path

from PySide6.QtCore import QByteArray, QLockFile, QObject
from PySide6.QtNetwork import QLocalServer, QLocalSocket

log = logging.getLogger(__name__)

PROTOCOL = 1
LOCK_FILE = "debrief.lock"
MAX_MESSAGE_BYTES = 64 * 1024

Handler = Callable[[dict[str, object]], dict[str, object]]


def server_name(data_dir: Path, runtime_dir: str | None = None, temp_dir: str | None = None) -> str:
    """Per user and per data folder, in a folder only this user can write to.

    The system's private runtime folder ($XDG_RUNTIME_DIR) when there is one. Without it
    (cron, ssh, su) a bare name would land in the shared /tmp, where another user could
    take it first and receive our messages: there a folder of our own, created 0700 and
    checked to be ours and no symlink, holds it; failing that, the data folder itself."""
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


class MessageServer(QObject):
    """Answers each message with `handler(message)`; a bad message gets an error reply."""

    def __init__(self, name: str, handler: Handler, parent: QObject | None = None) -> None:
        super().__init__(parent)
        self.handler = handler
        self.server = QLocalServer(self)
        self.server.setSocketOptions(QLocalServer.SocketOption.UserAccessOption)
        self.server.newConnection.connect(self._accept)
        # We hold the instance lock, so a socket left behind is from a crashed run.
        QLocalServer.removeServer(name)
        if not self.server.listen(name):
            raise OSError(f"cannot listen on {name}: {self.server.errorString()}")

    def close(self) -> None:
        self.server.close()

    def _accept(self) -> None:
        while self.server.hasPendingConnections():
            socket = self.server.nextPendingConnection()
            socket.readyRead.connect(lambda s=socket: self._read(s))
            socket.disconnected.connect(socket.deleteLater)
            if socket.bytesAvailable():  # arrived before readyRead was connected
                self._read(socket)

    def _read(self, socket: QLocalSocket) -> None:
        if socket.bytesAvailable() > MAX_MESSAGE_BYTES:
            socket.abort()
            return
        while socket.canReadLine():
            line = bytes(socket.readLine().data())
            reply = self._answer(line)
            socket.write(QByteArray(json.dumps(reply).encode() + b"\n"))
            socket.flush()

    def _answer(self, line: bytes) -> dict[str, object]:
        try:
            message = json.loads(line)
        except (ValueError, RecursionError):  # 50,000 "[" nest deeper than json can follow
            return {"ok": False, "error": "not JSON"}
        if not isinstance(message, dict) or message.get("protocol") != PROTOCOL:
            return {"ok": False, "error": "unsupported message"}
        try:
            return {"ok": True, **self.handler(message)}
        except ValueError as error:  # a command it does not know
            return {"ok": False, "error": str(error)}
        except Exception as error:  # a bug in a handler must not take the app down
            log.exception("message handler failed")
            return {"ok": False, "error": str(error)}


def send(
    name: str, command: str, timeout_ms: int = 3000, retry_for_s: float = 0.0
) -> dict[str, object] | None:
    """Send one command to the running instance; None when nobody is listening.

    `retry_for_s`: keep trying to connect that long, for an instance still starting up."""
    deadline = time.monotonic() + retry_for_s
    socket = QLocalSocket()
    while True:
        socket.connectToServer(name)
        if socket.waitForConnected(timeout_ms):
            break
        if time.monotonic() >= deadline:
            return None
        time.sleep(0.2)
    payload = json.dumps({"protocol": PROTOCOL, "command": command}).encode() + b"\n"
    socket.write(QByteArray(payload))
    if not socket.waitForBytesWritten(timeout_ms):
        return None
    reply = b""
    while not reply.endswith(b"\n"):
        # The answer may already be buffered (read while waiting for the write).
        if not socket.bytesAvailable() and not socket.waitForReadyRead(timeout_ms):
            break
        reply += bytes(socket.readAll().data())
    socket.disconnectFromServer()
    try:
        answer = json.loads(reply)
    except (ValueError, RecursionError):
        return None
    return answer if isinstance(answer, dict) else None
