"""A notification service that shows no actions, for the one test of that fallback.

`python -m tests.fake_notifications BUS_ADDRESS READY_FILE`: owns
org.freedesktop.Notifications on that bus, answers GetCapabilities with ["body"] (no
"actions", like the simplest services), takes Notify calls (counted into READY_FILE's
folder as notify-calls) and writes READY_FILE once it owns the name.
"""

from __future__ import annotations

import sys
from pathlib import Path

from PySide6.QtCore import QCoreApplication
from PySide6.QtDBus import QDBusArgument, QDBusConnection, QDBusMessage, QDBusVirtualObject

SERVICE = "org.freedesktop.Notifications"
PATH = "/org/freedesktop/Notifications"


class Service(QDBusVirtualObject):
    def __init__(self, calls: Path) -> None:
        super().__init__()
        self.calls = calls

    def introspect(self, path: str) -> str:
        return ""

    def handleMessage(self, message: QDBusMessage, connection: QDBusConnection) -> bool:
        member = message.member()
        if member == "GetCapabilities":
            capabilities = QDBusArgument()
            capabilities << ["body"]  # an `as`, as the specification says
            connection.send(message.createReply(capabilities))
            return True
        if member == "Notify":
            with self.calls.open("a", encoding="utf-8") as out:
                out.write(f"{message.arguments()[3]}\n")
            connection.send(message.createReply([1]))
            return True
        return False


def main() -> None:
    address, ready = sys.argv[1], Path(sys.argv[2])
    app = QCoreApplication([])
    connection = QDBusConnection.connectToBus(address, "fake-notifications")
    service = Service(ready.parent / "notify-calls")
    if not (
        connection.registerVirtualObject(PATH, service) and connection.registerService(SERVICE)
    ):
        sys.exit("could not own org.freedesktop.Notifications")
    ready.write_text("ready")
    app.exec()


if __name__ == "__main__":
    main()
