"""Notification backends for tests: they record or fail on purpose, and are injected."""

from __future__ import annotations

from desktop.playbook.notices import Notice


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
