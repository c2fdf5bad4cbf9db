"""Notification backends for tests: they record or fail on purpose, and are injected."""

from __future__ import annotations

from pathlib import Path

from desktop.playbook.notices import Notice
from desktop.tray.autostart import Autostart
from desktop.tray.parts import TrayParts, desktop_parts


class Recording:
    def __init__(self, name: str = "recording") -> None:
        self.name = name
        self.sent: list[Notice] = []

    def send(self, notice: Notice) -> None:
        self.sent.append(notice)


class Broken:
    def __init__(self, name: str = "broken") -> None:
        self.name = name
        self.tried = 0

    def send(self, notice: Notice) -> None:
        self.tried += 1
        raise RuntimeError(f"{self.name} is out of order")


def parts_for_tests(
    clock, data_dir: Path, server: str, home: Path, notices: Recording
) -> TrayParts:
    """The companion's parts as the app makes them, but notifying into `notices` and
    starting at login under `home`: nothing here reaches the desktop."""
    autostart = Autostart("linux", home=home, config_home=home / "config")
    return desktop_parts(clock, data_dir, server, notices, autostart)
