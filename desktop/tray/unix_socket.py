"""The single-instance messages over a Unix socket, served on Qt's event loop by a
QSocketNotifier: Python's `socket` (already loaded, by logging) instead of QtNetwork's
QLocalServer, whose libraries were 2.4 MiB of a tray's memory (benchmarks/README.md).

The socket file is made private before it appears: bound in a fresh 0700 folder beside
it, set to 0600, then renamed into place, replacing one a crashed run left behind (as
QLocalServer's `UserAccessOption` and `removeServer` did). Its folder is already this
user's own (`single_instance.server_name`).
"""

from __future__ import annotations

import contextlib
import os
import socket
import tempfile
import time
from pathlib import Path

from PySide6.QtCore import QObject, QSocketNotifier, QTimer

from desktop.tray.messages import MAX_MESSAGE_BYTES, Handler, answer, reply, request

# A reply is one short line; a client that does not read it within this is dropped.
REPLY_TIMEOUT_S = 2.0
ACCEPT_AGAIN_MS = 1000


class _Connection:
    def __init__(self, connection: socket.socket, notifier: QSocketNotifier) -> None:
        self.socket = connection
        self.notifier = notifier
        self.received = b""

    def close(self) -> None:
        self.notifier.setEnabled(False)
        self.notifier.deleteLater()
        self.socket.close()


class MessageServer(QObject):
    """Answers each message with `handler(message)`; a bad message gets an error reply."""

    def __init__(self, name: str, handler: Handler, parent: QObject | None = None) -> None:
        super().__init__(parent)
        self.handler = handler
        self.name = name
        self._connections: dict[int, _Connection] = {}
        self._listener = socket.socket(socket.AF_UNIX, socket.SOCK_STREAM)
        try:
            _listen_privately(self._listener, Path(name))
        except OSError as error:
            self._listener.close()
            raise OSError(f"cannot listen on {name}: {error.strerror or error}") from error
        self._listener.setblocking(False)
        self._notifier = QSocketNotifier(self._listener.fileno(), QSocketNotifier.Type.Read, self)
        self._notifier.activated.connect(self._accept)

    def close(self) -> None:
        for connection in list(self._connections.values()):
            connection.close()
        self._connections.clear()
        if self._listener.fileno() != -1:
            self._notifier.setEnabled(False)
            self._listener.close()
            with contextlib.suppress(OSError):  # as QLocalServer.close(): no file left
                os.unlink(self.name)

    def _accept(self) -> None:
        while True:
            try:
                connection, _address = self._listener.accept()
            except (BlockingIOError, InterruptedError):
                return
            except OSError:
                # Out of file descriptors, say: the connection waits in the backlog, and a
                # notifier left on would call again at once, for ever. Look again shortly.
                self._notifier.setEnabled(False)
                QTimer.singleShot(ACCEPT_AGAIN_MS, self._accept_again)
                return
            connection.setblocking(False)
            fd = connection.fileno()
            notifier = QSocketNotifier(fd, QSocketNotifier.Type.Read, self)
            self._connections[fd] = _Connection(connection, notifier)
            notifier.activated.connect(lambda *_args, fd=fd: self._read(fd))
            self._read(fd)  # what arrived with the connection

    def _accept_again(self) -> None:
        if self._listener.fileno() != -1:
            self._notifier.setEnabled(True)

    def _read(self, fd: int) -> None:
        connection = self._connections.get(fd)
        if connection is None:
            return
        try:
            data = connection.socket.recv(MAX_MESSAGE_BYTES + 1)
        except (BlockingIOError, InterruptedError):
            return
        except OSError:
            data = b""
        if not data:  # the client hung up (or broke off)
            self._drop(fd)
            return
        connection.received += data
        while b"\n" in connection.received:
            line, _, connection.received = connection.received.partition(b"\n")
            if not self._send(connection, answer(self.handler, line)):
                self._drop(fd)
                return
        if len(connection.received) > MAX_MESSAGE_BYTES:
            self._drop(fd)

    def _send(self, connection: _Connection, data: bytes) -> bool:
        try:
            connection.socket.settimeout(REPLY_TIMEOUT_S)
            connection.socket.sendall(data)
            connection.socket.setblocking(False)
        except OSError:
            return False
        return True

    def _drop(self, fd: int) -> None:
        connection = self._connections.pop(fd, None)
        if connection is not None:
            connection.close()


def _listen_privately(listener: socket.socket, name: Path) -> None:
    # A short name: the staged path must fit sun_path wherever `name` does.
    staging = Path(tempfile.mkdtemp(prefix=".d", dir=name.parent))  # 0700
    staged = staging / "s"
    try:
        listener.bind(str(staged))
        os.chmod(staged, 0o600)
        listener.listen(8)
        # We hold the instance lock, so a socket already there is from a crashed run.
        os.replace(staged, name)
    finally:
        with contextlib.suppress(OSError):
            os.unlink(staged)  # still there only when something above failed
        with contextlib.suppress(OSError):
            os.rmdir(staging)


def send(
    name: str, command: str, timeout_ms: int = 3000, retry_for_s: float = 0.0
) -> dict[str, object] | None:
    """Send one command to the running instance; None when nobody is listening.

    `retry_for_s`: keep trying to connect that long, for an instance still starting up."""
    deadline = time.monotonic() + retry_for_s
    timeout = timeout_ms / 1000
    while True:
        client = socket.socket(socket.AF_UNIX, socket.SOCK_STREAM)
        client.settimeout(timeout)
        try:
            client.connect(name)
            break
        except OSError:
            client.close()
            if time.monotonic() >= deadline:
                return None
            time.sleep(0.2)
    data = b""
    with client:
        try:
            client.sendall(request(command))
            while not data.endswith(b"\n") and len(data) <= MAX_MESSAGE_BYTES:
                chunk = client.recv(MAX_MESSAGE_BYTES)
                if not chunk:
                    break
                data += chunk
        except OSError:  # includes the timeout
            pass
    return reply(data)
