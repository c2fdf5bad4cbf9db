"""Which desktop-notification path plyer can use here. No Qt."""

from __future__ import annotations

import importlib.util
import shutil
import sys


def notification_backend() -> str | None:
    """A short description of plyer's working backend, or None when it has none."""
    if importlib.util.find_spec("plyer") is None:
        return None
    if sys.platform.startswith("linux") or sys.platform.startswith("freebsd"):
        if importlib.util.find_spec("dbus") is not None:
            return "plyer via dbus-python"
        path = shutil.which("notify-send")
        return f"plyer via {path}" if path else None
    if sys.platform == "win32":
        return "plyer via Windows balloon tips"
    if sys.platform == "darwin":
        return "plyer via macOS notification center"
    return None
