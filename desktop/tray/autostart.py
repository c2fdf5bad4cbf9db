"""Start at login: the platform's own autostart entry, written and removed. No Qt.

Linux: an XDG autostart `.desktop` file; Windows: the per-user Run key; macOS: a
LaunchAgent. Each starts Debrief with `--background`, so it goes straight to the tray.
"""

from __future__ import annotations

import os
import sys
from pathlib import Path

from desktop import APP_ID, APP_NAME

RUN_KEY = r"Software\Microsoft\Windows\CurrentVersion\Run"


def launch_command(data_dir: Path | None = None) -> list[str]:
    """How to start this very installation in the background."""
    if getattr(sys, "frozen", False):
        command = [sys.executable]
    else:
        command = [sys.executable, "-m", "desktop"]
    command.append("--background")
    if data_dir is not None:
        command += ["--data-dir", str(data_dir)]
    return command


class Autostart:
    """The platform and folders are injected so every platform's entry is testable anywhere."""

    def __init__(
        self,
        platform: str = sys.platform,
        home: Path | None = None,
        config_home: Path | None = None,
    ) -> None:
        self.platform = platform
        self.home = home or Path.home()
        self.config_home = config_home or Path(
            os.environ.get("XDG_CONFIG_HOME") or self.home / ".config"
        )

    @property
    def entry_path(self) -> Path | None:
        if self.platform == "darwin":
            return self.home / "Library" / "LaunchAgents" / f"{APP_ID}.plist"
        if self.platform == "win32":
            return None  # lives in the registry
        return self.config_home / "autostart" / f"{APP_ID}.desktop"

    def is_enabled(self) -> bool:
        if self.platform == "win32":
            return _read_run_key() is not None
        path = self.entry_path
        return path is not None and path.exists()

    def enable(self, command: list[str]) -> None:
        if self.platform == "win32":
            _write_run_key(_command_line(command))
            return
        path = self.entry_path
        assert path is not None
        path.parent.mkdir(parents=True, exist_ok=True)
        content = _launch_agent(command) if self.platform == "darwin" else _desktop_entry(command)
        temporary = path.with_suffix(path.suffix + ".tmp")
        temporary.unlink(missing_ok=True)
        # The entry names the data folder: the user's alone, whatever the umask.
        fd = os.open(temporary, os.O_WRONLY | os.O_CREAT | os.O_EXCL, 0o600)
        with os.fdopen(fd, "wb") as out:
            out.write(content)
        os.replace(temporary, path)

    def disable(self) -> None:
        if self.platform == "win32":
            _delete_run_key()
            return
        path = self.entry_path
        if path is not None:
            path.unlink(missing_ok=True)


def _desktop_entry(command: list[str]) -> bytes:
    exec_line = " ".join(_desktop_quote(part) for part in command)
    return (
        "[Desktop Entry]\n"
        "Type=Application\n"
        f"Name={APP_NAME}\n"
        "Comment=After-interview reminders in the tray\n"
        f"Exec={exec_line}\n"
        f"Icon={APP_ID}\n"
        "Terminal=false\n"
        "X-GNOME-Autostart-enabled=true\n"
    ).encode()


def _desktop_quote(part: str) -> str:
    """The Desktop Entry spec's Exec quoting (double quotes, with \\ " ` $ escaped, % doubled),
    then its string escaping, which doubles every backslash once more."""
    if part and not any(c in part for c in " \t\n\"'\\><~|&;$*?#()`%"):
        return part
    quoted = "".join("\\" + c if c in '"`$\\' else c for c in part).replace("%", "%%")
    return f'"{quoted}"'.replace("\\", "\\\\")


def _launch_agent(command: list[str]) -> bytes:
    import plistlib  # macOS only: elsewhere its XML parser (pyexpat) is memory for nothing

    return plistlib.dumps(
        {
            "Label": APP_ID,
            "ProgramArguments": command,
            "RunAtLoad": True,
            "ProcessType": "Interactive",
        }
    )


def _command_line(command: list[str]) -> str:
    import subprocess

    return subprocess.list2cmdline(command)


def _read_run_key() -> str | None:
    if sys.platform != "win32":  # only reached there; and mypy, on Linux, skips the rest
        raise OSError("the Run key exists on Windows only")
    import winreg

    try:
        with winreg.OpenKey(winreg.HKEY_CURRENT_USER, RUN_KEY) as key:
            value, _ = winreg.QueryValueEx(key, APP_NAME)
    except OSError:
        return None
    return str(value)


def _write_run_key(line: str) -> None:
    if sys.platform != "win32":  # only reached there; and mypy, on Linux, skips the rest
        raise OSError("the Run key exists on Windows only")
    import winreg

    with winreg.CreateKey(winreg.HKEY_CURRENT_USER, RUN_KEY) as key:
        winreg.SetValueEx(key, APP_NAME, 0, winreg.REG_SZ, line)


def _delete_run_key() -> None:
    if sys.platform != "win32":  # only reached there; and mypy, on Linux, skips the rest
        raise OSError("the Run key exists on Windows only")
    import winreg

    try:
        with winreg.OpenKey(winreg.HKEY_CURRENT_USER, RUN_KEY, 0, winreg.KEY_SET_VALUE) as key:
            winreg.DeleteValue(key, APP_NAME)
    except FileNotFoundError:
        pass
