"""Shared fixtures: a real SQLite file per test, a fixed clock, offscreen Qt for widgets."""

from __future__ import annotations

import importlib
import os
import subprocess
import sys
from collections.abc import Iterator
from datetime import UTC, datetime
from pathlib import Path
from types import ModuleType

import pytest

# Widget tests run offscreen; the tray tests start their own X server and pass DISPLAY
# explicitly to the processes they launch.
os.environ.setdefault("QT_QPA_PLATFORM", "offscreen")
# Outside the desktop session no test may reach a real notification service (a developer's
# desktop would show them): a session bus that does not exist makes any such call fail fast.
os.environ["DBUS_SESSION_BUS_ADDRESS"] = "unix:path=/nonexistent/debrief-tests-have-no-bus"

from db.connection import close_database
from db.store import open_store
from desktop.domain.clock import FixedClock
from desktop.domain.forms import validate_interview
from tests.cli_runner import run_cli, run_cli_process  # noqa: F401 (for the tests)
from tests.desktop_session import DesktopSession, missing_tools

REPO = Path(__file__).resolve().parent.parent


def packaging_script(name: str) -> ModuleType:
    """A module of packaging/, a folder of scripts that import each other by bare name (it is
    no package: PyPI's `packaging` owns that name). The folder is on sys.path only while the
    script is imported, so no test leaves the path changed."""
    saved = sys.path[:]
    sys.path.insert(0, str(REPO / "packaging"))
    try:
        return importlib.import_module(name)
    finally:
        sys.path[:] = saved


@pytest.fixture(autouse=True)
def _sys_path_is_left_alone() -> Iterator[None]:
    before = sys.path[:]
    yield
    assert sys.path == before, "the test changed sys.path: use monkeypatch.syspath_prepend"


@pytest.fixture
def data_dir(tmp_path: Path) -> Path:
    return tmp_path / "data"


@pytest.fixture
def store(data_dir: Path) -> Iterator[object]:
    database = open_store(data_dir)
    yield database
    close_database()


@pytest.fixture
def clock() -> FixedClock:
    return FixedClock(datetime(2026, 11, 22, 9, 0, tzinfo=UTC), tz="Europe/Berlin")


def interview_draft(clock: FixedClock, **overrides: str):
    raw = {
        "company": "Acme",
        "role": "Data Analyst",
        "starts_at": "2026-11-25 14:00",
        "interviewers": "Dana Li <dana@acme.example>",
    }
    raw.update(overrides)
    return validate_interview(raw, clock.tz)


def open_window(qtbot, clock: FixedClock, tmp_path: Path):
    """The main window on the current database, shown offscreen, answering yes to questions."""
    from PySide6.QtCore import QSettings

    from desktop.ui.main_window import MainWindow

    window = MainWindow(
        clock,
        QSettings(str(tmp_path / "ui.ini"), QSettings.Format.IniFormat),
        tmp_path / "data",
        confirm=lambda *_: True,
    )
    qtbot.addWidget(window)
    window.show()
    return window


class NotifySendTrap:
    """A `notify-send` first on PATH that records each call and fails: plyer's way to the
    desktop's notifications, out of reach of every test outside the desktop session."""

    def __init__(self, folder: Path) -> None:
        self.script = folder / "notify-send"
        self.record = folder / "calls"
        self.script.write_text(f'#!/bin/sh\necho "$*" >> "{self.record}"\nexit 1\n')
        self.script.chmod(0o755)

    def calls(self) -> list[str]:
        return self.record.read_text().splitlines() if self.record.exists() else []

    def forget(self) -> None:
        self.record.unlink(missing_ok=True)


@pytest.fixture(autouse=True)
def notify_send_trap(
    request: pytest.FixtureRequest, tmp_path_factory: pytest.TempPathFactory
) -> Iterator[NotifySendTrap | None]:
    """Fails any test not marked `desktop_session` that ran `notify-send` (a Companion
    given the real notifier, say): such a test would pop up on the developer's desktop.
    `real_notify_send` marks the one that traces the real path on purpose."""
    node = request.node
    if node.get_closest_marker("desktop_session") or node.get_closest_marker("real_notify_send"):
        yield None
        return
    trap = NotifySendTrap(tmp_path_factory.mktemp("trap"))
    path = os.environ.get("PATH", "")
    os.environ["PATH"] = f"{trap.script.parent}{os.pathsep}{path}"
    try:
        yield trap
    finally:
        os.environ["PATH"] = path
    if trap.calls():
        pytest.fail(f"notify-send was run outside the desktop session: {trap.calls()}")


@pytest.fixture(scope="session")
def desktop(tmp_path_factory: pytest.TempPathFactory) -> Iterator[DesktopSession]:
    missing = missing_tools()
    if missing:  # `make test` installs them; a bare `pytest` elsewhere says what is missing
        pytest.fail(f"the desktop session needs {', '.join(missing)} (run `make test`)")
    session = DesktopSession(tmp_path_factory.mktemp("desktop"))
    try:
        session.start()
        yield session
    finally:
        session.stop()


@pytest.fixture
def apps(desktop: DesktopSession) -> Iterator[list[subprocess.Popen]]:
    launched: list[subprocess.Popen] = []
    yield launched
    for process in launched:
        if process.poll() is None:
            process.terminate()
            process.wait(timeout=10)
    desktop.close_all_notifications()
