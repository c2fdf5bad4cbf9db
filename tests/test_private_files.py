"""Every file Debrief writes is the user's alone (0600, folders 0700), even under umask 000."""

from __future__ import annotations

import logging
import os
import signal
import stat
import subprocess
import sys
import time
from pathlib import Path

import pytest

from tests.conftest import REPO, run_cli

pytestmark = pytest.mark.skipif(os.name != "posix", reason="file modes are POSIX")


def _no_umask() -> None:
    os.umask(0)


def run_with_umask_000(data: Path, *args: str) -> subprocess.CompletedProcess[str]:
    return subprocess.run(
        [sys.executable, "-m", "desktop", "--data-dir", str(data), *args],
        capture_output=True, text=True, timeout=120, cwd=REPO, check=False,
        env={**os.environ, "TZ": "Europe/Berlin"}, preexec_fn=_no_umask,
    )  # fmt: skip


def modes(folder: Path) -> dict[str, int]:
    found = {folder.name: stat.S_IMODE(folder.stat().st_mode)}
    for path in folder.rglob("*"):
        found[str(path.relative_to(folder))] = stat.S_IMODE(path.lstat().st_mode)
    return found


def wait_for(condition, what: str, deadline_s: float = 60.0) -> None:
    """Polls an observable condition; the deadline only stops a hang."""
    deadline = time.monotonic() + deadline_s
    while not condition():
        assert time.monotonic() < deadline, f"never happened: {what}"
        time.sleep(0.05)


def test_a_session_under_umask_000_leaves_only_private_files(tmp_path: Path) -> None:
    data = tmp_path / "data"
    elsewhere = tmp_path / "shared"
    elsewhere.mkdir()
    # An older Debrief left a big, world-readable log: it is tightened, then rotated.
    data.mkdir(mode=0o700)
    (data / "debrief.log").write_text("old line\n" * 70_000)
    os.chmod(data / "debrief.log", 0o644)

    for args in (
        ("log-interview", "--company", "Acme", "--role", "Analyst", "--at", "2026-11-25 14:00"),
        ("backup",),
        ("export", "--format", "report", "-o", str(data / "report.pdf")),
        ("export", "--format", "json", "-o", str(data / "everything.json")),
        ("export", "--format", "csv", "-o", str(elsewhere / "list.csv")),
        ("set-status", "1", "Not this time"),
    ):
        done = run_with_umask_000(data, *args)
        assert done.returncode == 0, done.stderr

    # The app itself: the window (offscreen: no tray) writes ui-state.ini and the icon.
    app = subprocess.Popen(
        [sys.executable, "-m", "desktop", "--data-dir", str(data)],
        cwd=REPO, preexec_fn=_no_umask, stdout=subprocess.DEVNULL, stderr=subprocess.PIPE,
        env={**os.environ, "QT_QPA_PLATFORM": "offscreen", "TZ": "Europe/Berlin",
             "XDG_CONFIG_HOME": str(tmp_path / "config"), "DEBRIEF_DEBUG": "1"},
    )  # fmt: skip
    try:
        wait_for(lambda: (data / "debrief-64.png").exists(), "the notification icon")
        wait_for(lambda: (data / "ui-state.ini").exists(), "ui-state.ini")
        wait_for(lambda: (data / "debrief.log.1").exists(), "the log's rotation")
    finally:
        app.send_signal(signal.SIGTERM)
        app.wait(timeout=60)

    found = modes(data)
    loose = {
        name: oct(mode)
        for name, mode in found.items()
        if mode != (0o700 if (data / name).is_dir() or name == "data" else 0o600)
    }
    assert loose == {}, found
    assert {"debrief.sqlite3", "debrief.log", "debrief.log.1", "ui-state.ini", "report.pdf",
            "everything.json", "debrief-64.png"} <= set(found)  # fmt: skip
    assert any(name.startswith("backups/manual-") for name in found)
    # An export written elsewhere is private too; the user may share it with chmod.
    assert stat.S_IMODE((elsewhere / "list.csv").stat().st_mode) == 0o600


def test_the_rotated_log_is_private_whatever_the_umask(tmp_path: Path) -> None:
    from desktop.logs import PrivateLogHandler

    previous = os.umask(0)
    try:
        handler = PrivateLogHandler(tmp_path / "debrief.log", maxBytes=1000, backupCount=2)
        record = logging.LogRecord("t", logging.INFO, __file__, 1, "x" * 600, None, None)
        for _ in range(4):
            handler.emit(record)
        handler.close()
    finally:
        os.umask(previous)
    names = sorted(p.name for p in tmp_path.iterdir())
    assert names == ["debrief.log", "debrief.log.1", "debrief.log.2"]
    assert {stat.S_IMODE(p.stat().st_mode) for p in tmp_path.iterdir()} == {0o600}


def test_the_log_rotates_as_the_standard_library_rotates(tmp_path: Path) -> None:
    """Newest in debrief.log, the one before in .1, then .2; the oldest is dropped."""
    from desktop.logs import PrivateLogHandler

    handler = PrivateLogHandler(tmp_path / "debrief.log", maxBytes=1000, backupCount=2)
    for letter in "abcde":
        handler.emit(logging.LogRecord("t", logging.INFO, __file__, 1, letter * 600, None, None))
    handler.close()
    kept = {
        n: (tmp_path / n).read_text() for n in ("debrief.log", "debrief.log.1", "debrief.log.2")
    }
    assert kept == {"debrief.log": "e" * 600 + "\n", "debrief.log.1": "d" * 600 + "\n",
                    "debrief.log.2": "c" * 600 + "\n"}  # fmt: skip
    assert sorted(p.name for p in tmp_path.iterdir()) == sorted(kept)


def test_the_autostart_entry_is_private_whatever_the_umask(tmp_path: Path) -> None:
    from desktop.tray.autostart import Autostart

    previous = os.umask(0)
    try:
        autostart = Autostart(platform="linux", home=tmp_path, config_home=tmp_path / "config")
        autostart.enable(["debrief", "--background"])
    finally:
        os.umask(previous)
    entry = autostart.entry_path
    assert entry is not None
    assert stat.S_IMODE(entry.stat().st_mode) == 0o600


def test_an_export_replacing_a_shared_file_is_private(tmp_path: Path) -> None:
    data = tmp_path / "data"
    target = tmp_path / "list.json"
    target.write_text("{}")
    os.chmod(target, 0o666)
    assert run_cli(data, "export", "--format", "json", "-o", str(target)).returncode == 0
    assert stat.S_IMODE(target.stat().st_mode) == 0o600


def test_the_log_rotates_as_the_standard_library_s_handler_does(tmp_path: Path) -> None:
    from logging.handlers import RotatingFileHandler

    from desktop.logs import PrivateLogHandler

    for folder, kind in (("ours", PrivateLogHandler), ("stdlib", RotatingFileHandler)):
        (tmp_path / folder).mkdir()
        handler = kind(tmp_path / folder / "debrief.log", maxBytes=1000, backupCount=2)
        for number in range(9):
            text = f"{number} " + "x" * 300
            handler.emit(logging.LogRecord("t", logging.INFO, __file__, 1, text, None, None))
        handler.close()

    def contents(folder: str) -> dict[str, str]:
        return {p.name: p.read_text() for p in sorted((tmp_path / folder).iterdir())}

    assert contents("ours") == contents("stdlib")
    assert contents("ours")["debrief.log"].startswith("6 ")  # the oldest are gone
