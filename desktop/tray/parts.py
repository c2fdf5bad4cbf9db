"""What the companion works with, made outside it: the notifier, the reminder scheduler,
the clock and change watches, the message server and start-at-login.

`desktop/app.py` makes the real ones with `desktop_parts`; a test makes them with a
recording notification backend, so no test outside the desktop session can reach the
desktop's notification service. The companion only wires them to its tray and window.
"""

from __future__ import annotations

import logging
import sys
from dataclasses import dataclass
from pathlib import Path

from desktop.domain.clock import Clock, local_zone
from desktop.tray.autostart import Autostart
from desktop.tray.change_watch import ChangeWatch
from desktop.tray.clock_watch import ClockWatch
from desktop.tray.icons import notification_icon_file
from desktop.tray.notifier import Backend, Notifier, PlyerBackend
from desktop.tray.scheduler import ReminderScheduler
from desktop.tray.single_instance import MessageServer

log = logging.getLogger(__name__)


@dataclass
class TrayParts:
    notifier: Notifier  # the tray's message and the banner are added by the companion
    scheduler: ReminderScheduler
    clock_watch: ClockWatch
    change_watch: ChangeWatch
    server: MessageServer | None  # None: no socket (the instance lock still holds)
    autostart: Autostart


def desktop_parts(
    clock: Clock,
    data_dir: Path,
    server_name: str,
    notification_backend: Backend | None = None,
    autostart: Autostart | None = None,
) -> TrayParts:
    """The parts for `data_dir`. `notification_backend` replaces the desktop's
    notifications (plyer); the message server answers once the companion takes it."""
    if notification_backend is not None:
        notifier = Notifier(notification_backend, [])
    else:
        notifier = _desktop_notifier(notification_icon_file(data_dir))
    try:
        server: MessageServer | None = MessageServer(server_name, _not_ready)
    except OSError as error:
        log.warning("no message socket: %s", error)
        server = None
    return TrayParts(
        notifier=notifier,
        scheduler=ReminderScheduler(clock, notifier),
        clock_watch=ClockWatch(lambda: str(local_zone())),
        # Command lines in any session rewrite a marker file; this sees it without polling.
        change_watch=ChangeWatch(data_dir),
        server=server,
        autostart=autostart or Autostart(),
    )


def _desktop_notifier(icon: Path | None) -> Notifier:
    """Notifications answerable where they appear where the desktop has a freedesktop
    notification service (it says whether it shows actions when first used); plyer after
    the tray's message, which the companion puts first among the fallbacks."""
    if sys.platform.startswith(("linux", "freebsd", "openbsd", "netbsd")):
        from desktop.tray.desktop_notifications import DesktopNotifications

        return Notifier(DesktopNotifications(icon), [PlyerBackend(icon)])
    return Notifier(None, [PlyerBackend(icon)])


def _not_ready(message: dict[str, object]) -> dict[str, object]:
    # Replaced by the companion's handler before the event loop can deliver a message.
    raise ValueError("not ready yet")
