"""The single-instance messages over a Windows named pipe, through QtNetwork's
QLocalServer (Python's socket module has no named pipes). Elsewhere `unix_socket.py`."""

from __future__ import annotations

import time

from PySide6.QtCore import QByteArray, QObject
from PySide6.QtNetwork import QLocalServer, QLocalSocket

from desktop.tray.messages import MAX_MESSAGE_BYTES, Handler, answer, reply, request


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
            socket.write(QByteArray(answer(self.handler, line)))
            socket.flush()


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
    socket.write(QByteArray(request(command)))
    if not socket.waitForBytesWritten(timeout_ms):
        return None
    data = b""
    while not data.endswith(b"\n"):
        # The answer may already be buffered (read while waiting for the write).
        if not socket.bytesAvailable() and not socket.waitForReadyRead(timeout_ms):
            break
        data += bytes(socket.readAll().data())
    socket.disconnectFromServer()
    return reply(data)
