"""Notices the user can answer where they appear: the desktop's notification service
(freedesktop `org.freedesktop.Notifications`), spoken to over QtDBus.

Used only where the service says it shows actions (`GetCapabilities`); elsewhere `send`
raises and the notifier falls back (the tray's message, then plyer). A notice carries
Done (only for a single step), Snooze and Open, its default action (a click on it),
which opens what the step needs; the answer comes back as `answered(notice, action)` on the
GUI thread. A notice with the key of one still shown replaces it.

`send` runs on the notifier's worker thread, like plyer: a service that hangs must not
freeze the window. The D-Bus signals are delivered to this object's (the GUI) thread.

Why the typed interface below: the Notify method takes a `u` (replaces_id), and Python
values only become `i` in PySide6's messages, which the services refuse. A QDBusInterface
marshals each argument with the type its introspection declares, and QtDBus keeps one
introspection per interface name and connection; so the interface's description is first
read from a small object of our own (the specification's types, hints as QVariantMap)
before the service's interface is made. The result is checked, never assumed.
"""

from __future__ import annotations

import logging
import threading
from collections.abc import Sequence
from pathlib import Path
from typing import cast

from PySide6.QtCore import (
    Q_ARG,
    Q_RETURN_ARG,
    SLOT,
    QMetaObject,
    QObject,
    Qt,
    Signal,
    Slot,
)
from PySide6.QtDBus import (
    QDBusConnection,
    QDBusInterface,
    QDBusMessage,
    QDBusVirtualObject,
)

from desktop import APP_ID, APP_NAME
from desktop.playbook.notices import Notice
from desktop.playbook.snooze import CHOICES, NOTICE_CHOICE
from desktop.services.notice_answers import DONE, OPEN, SNOOZE
from desktop.tray import texts
from desktop.tray.notifier import NotHere

log = logging.getLogger(__name__)

SERVICE = "org.freedesktop.Notifications"
PATH = "/org/freedesktop/Notifications"
INTERFACE = SERVICE
TYPES_PATH = "/org/debrief/NotificationTypes"
CALL_TIMEOUT_MS = 5_000  # a service that answers at all answers within milliseconds
SHOW_MS = 20_000

# The specification's name for a click on the notification itself.
DEFAULT = "default"

_INTROSPECTION = f"""
<interface name="{INTERFACE}">
  <method name="GetCapabilities"><arg type="as" direction="out"/></method>
  <method name="Notify">
    <arg name="app_name" type="s" direction="in"/>
    <arg name="replaces_id" type="u" direction="in"/>
    <arg name="app_icon" type="s" direction="in"/>
    <arg name="summary" type="s" direction="in"/>
    <arg name="body" type="s" direction="in"/>
    <arg name="actions" type="as" direction="in"/>
    <arg name="hints" type="a{{sv}}" direction="in"/>
    <annotation name="org.qtproject.QtDBus.QtTypeName.In6" value="QVariantMap"/>
    <arg name="expire_timeout" type="i" direction="in"/>
    <arg name="id" type="u" direction="out"/>
  </method>
  <method name="CloseNotification"><arg name="id" type="u" direction="in"/></method>
  <signal name="NotificationClosed"><arg type="u"/><arg type="u"/></signal>
  <signal name="ActionInvoked"><arg type="u"/><arg type="s"/></signal>
</interface>
"""
_NOTIFY = "Notify(QString,uint,QString,QString,QString,QStringList,QVariantMap,int)"


class _Types(QDBusVirtualObject):
    """Describes the specification's interface, so QtDBus marshals `u` as `u`."""

    def introspect(self, path: str) -> str:
        return _INTROSPECTION

    def handleMessage(self, message: QDBusMessage, connection: QDBusConnection) -> bool:
        return False  # nothing is ever called here


class Unavailable(NotHere):
    """No service here, or one that shows no actions: the notifier falls back."""


def actions_for(notice: Notice) -> list[str]:
    """Done / Snooze / Open, as key, label pairs flattened (the specification's form).
    Done only for one step: `services/notice_answers.py` says why. Open is the default
    action alone: a click on the notification sends it, and the services that list
    actions (dunst's menu) list it under its label; a second "open" action with the
    same label showed Open twice there."""
    pairs = [(DONE, texts.DONE)] if notice.single else []
    snooze = texts.NOTICE_SNOOZE.format(choice=CHOICES[NOTICE_CHOICE].lower())
    pairs += [(SNOOZE, snooze), (DEFAULT, texts.OPEN)]
    return [part for pair in pairs for part in pair]


class DesktopNotifications(QObject):
    """`answered(notice, action)`: DONE, SNOOZE or OPEN (a click is OPEN)."""

    name = "desktop notifications"
    answered = Signal(object, str)

    def __init__(
        self,
        icon: Path | None,
        connection: QDBusConnection | None = None,
        parent: QObject | None = None,
    ) -> None:
        super().__init__(parent)
        self.icon = str(icon) if icon else ""
        self.connection = connection or QDBusConnection.sessionBus()
        self._lock = threading.Lock()
        self._shown: dict[int, Notice] = {}  # notification id → the notice it shows
        self._by_key: dict[str, int] = {}  # notice key → its notification's id
        self._capabilities: list[str] | None = None
        self._types = _Types()
        self._interface: QDBusInterface | None = None
        self._problem = "no D-Bus session"
        if self.connection.isConnected():
            # Made here, on the GUI thread: the types are read from our own object, which
            # answers on this thread (the worker would wait for it forever).
            try:
                self._interface = self._typed_interface()
            except Unavailable as error:
                self._problem = str(error)
            self._listen()

    # ----- sending (worker thread) ------------------------------------------------------
    def send(self, notice: Notice) -> None:
        interface = self._ready()
        with self._lock:
            replaces = self._by_key.get(notice.key, 0)
        hints = {"desktop-entry": APP_ID}
        returned = QMetaObject.invokeMethod(
            interface,
            "Notify",
            Qt.ConnectionType.DirectConnection,
            Q_RETURN_ARG("uint"),
            Q_ARG(str, APP_NAME),
            Q_ARG("uint", replaces),
            Q_ARG(str, self.icon),
            Q_ARG(str, notice.summary),
            Q_ARG(str, notice.body),
            Q_ARG("QStringList", actions_for(notice)),
            Q_ARG("QVariantMap", hints),
            Q_ARG(int, SHOW_MS),
        )
        # The stubs say object: it is Notify's `u` out argument, an int, or None when the
        # call failed (no reply, an error reply).
        ident = returned if isinstance(returned, int) else 0
        if not ident:
            self._capabilities = None  # the service may have gone: ask again next time
            raise RuntimeError(f"Notify failed: {interface.lastError().message()}")
        with self._lock:
            if replaces and replaces != ident:
                self._shown.pop(replaces, None)
            self._shown[ident] = notice
            self._by_key[notice.key] = ident

    def _ready(self) -> QDBusInterface:
        if self._interface is None:
            raise Unavailable(self._problem)
        if self._capabilities is None:
            reply = self._interface.call("GetCapabilities")
            if reply.type() != QDBusMessage.MessageType.ReplyMessage:
                raise Unavailable(f"no notification service: {reply.errorMessage()}")
            (capabilities,) = reply.arguments()
            self._capabilities = [str(c) for c in capabilities]
        if "actions" not in self._capabilities:
            raise Unavailable("the notification service shows no actions")
        return self._interface

    def _typed_interface(self) -> QDBusInterface:
        if self.connection.registerVirtualObject(TYPES_PATH, self._types):
            # Read (and kept by QtDBus) before the service's interface is made.
            QDBusInterface(self.connection.baseService(), TYPES_PATH, INTERFACE, self.connection)
        interface = QDBusInterface(SERVICE, PATH, INTERFACE, self.connection)
        interface.setTimeout(CALL_TIMEOUT_MS)
        meta = interface.metaObject()
        if meta.indexOfMethod(_NOTIFY) < 0:
            raise Unavailable("this QtDBus cannot call Notify with the specification's types")
        return interface

    # ----- answers (GUI thread) ---------------------------------------------------------
    def _listen(self) -> None:
        for name, slot in (("ActionInvoked", "_invoked"), ("NotificationClosed", "_closed")):
            # The stubs want the C++ `const char *` as bytes, but PySide6 (6.11) refuses
            # bytes here at run time and takes the str SLOT() makes: the cast is for mypy
            # only (test_notification_actions sees the answers arrive through it).
            method = cast(bytes, SLOT(f"{slot}(QDBusMessage)"))
            self.connection.connect(SERVICE, PATH, INTERFACE, name, self, method)

    @Slot(QDBusMessage)
    def _invoked(self, message: QDBusMessage) -> None:
        answer = _two(message.arguments())
        if answer is None:
            return  # not the specification's (u, s): nothing of ours
        ident, action = answer
        with self._lock:
            notice = self._shown.pop(ident, None)
            if notice is not None and self._by_key.get(notice.key) == ident:
                del self._by_key[notice.key]
        if notice is None:
            return  # another program's notification, or one already answered
        self.close(ident)  # answered: a service that keeps it shown would mislead
        self.answered.emit(notice, OPEN if action == DEFAULT else str(action))

    @Slot(QDBusMessage)
    def _closed(self, message: QDBusMessage) -> None:
        answer = _two(message.arguments())
        if answer is None:
            return
        ident = answer[0]
        with self._lock:
            notice = self._shown.pop(ident, None)
            if notice is not None and self._by_key.get(notice.key) == ident:
                del self._by_key[notice.key]

    def close(self, ident: int) -> None:
        """Only ever for a notification this object showed."""
        if self._interface is None:
            return
        QMetaObject.invokeMethod(
            self._interface,
            "CloseNotification",
            Qt.ConnectionType.DirectConnection,
            Q_ARG("uint", ident),
        )

    def withdraw(self, still_waiting: set[int]) -> None:
        """Close the notifications whose steps were all answered elsewhere (the window,
        the tray menu, the command line): nothing on screen asks for what is done."""
        with self._lock:
            gone = [
                ident
                for ident, notice in self._shown.items()
                if not still_waiting.intersection(notice.reminder_ids)
            ]
        for ident in gone:
            self.close(ident)

    def shown(self) -> dict[int, Notice]:
        with self._lock:
            return dict(self._shown)


def _two(arguments: Sequence[object]) -> tuple[int, object] | None:
    """A signal's notification id and what follows it; None when it does not start with
    an id (the bus carries any program's signals: a malformed one is not ours to answer,
    and must not raise in a slot)."""
    if len(arguments) < 2 or not isinstance(arguments[0], int):
        return None
    return arguments[0], arguments[1]
