"""Start at login: each platform's entry is written, read back and removed."""

from __future__ import annotations

import configparser
import plistlib
import shlex
import sys

import pytest

from desktop.tray.autostart import Autostart, launch_command


def test_the_command_starts_this_installation_in_the_background(tmp_path) -> None:
    command = launch_command(tmp_path / "my data")
    assert command[:3] == [sys.executable, "-m", "desktop"]
    assert command[3:] == ["--background", "--data-dir", str(tmp_path / "my data")]
    assert launch_command()[-1] == "--background"


def test_linux_writes_and_removes_an_xdg_autostart_entry(tmp_path) -> None:
    autostart = Autostart("linux", home=tmp_path, config_home=tmp_path / "config")
    assert not autostart.is_enabled()
    command = ["/opt/De brief/debrief", "--background", "--data-dir", '/data/"quoted" $dir']
    autostart.enable(command)
    assert autostart.is_enabled()
    path = tmp_path / "config" / "autostart" / "org.debrief.Debrief.desktop"
    entry = configparser.ConfigParser(interpolation=None)
    entry.read(path)
    section = entry["Desktop Entry"]
    assert section["Type"] == "Application"
    # The spec's quoting (\" and \$ inside double quotes), then its string escaping (\\).
    assert section["Exec"] == (
        r'"/opt/De brief/debrief" --background --data-dir "/data/\\"quoted\\" \\$dir"'
    )
    assert shlex.split(section["Exec"])[:2] == ["/opt/De brief/debrief", "--background"]
    autostart.disable()
    assert not path.exists() and not autostart.is_enabled()
    autostart.disable()  # switching off twice is fine


def test_macos_writes_a_launch_agent(tmp_path) -> None:
    autostart = Autostart("darwin", home=tmp_path)
    autostart.enable(["/Applications/Debrief.app/Contents/MacOS/Debrief", "--background"])
    path = tmp_path / "Library" / "LaunchAgents" / "org.debrief.Debrief.plist"
    agent = plistlib.loads(path.read_bytes())
    assert agent["ProgramArguments"][-1] == "--background" and agent["RunAtLoad"] is True
    autostart.disable()
    assert not autostart.is_enabled()


@pytest.mark.skipif(sys.platform != "win32", reason="the Run key exists on Windows only")
def test_windows_uses_the_run_key() -> None:  # pragma: no cover - runs on Windows CI only
    autostart = Autostart("win32")
    autostart.enable(["C:\\Program Files\\Debrief\\debrief.exe", "--background"])
    assert autostart.is_enabled()
    autostart.disable()
    assert not autostart.is_enabled()
