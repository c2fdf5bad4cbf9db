"""A small file in the data folder that every command-line change rewrites, so a running
Debrief learns of it whoever made it and from whatever session (cron, ssh, another login),
where the message socket may not be found. No Qt: the command line stays light.

The running app watches this one file (inotify through QFileSystemWatcher): no polling,
and its own writes never touch it, so they cause no reload.
"""

from __future__ import annotations

import os
import time
from pathlib import Path

CHANGED_FILE = "debrief.changed"


def marker_path(data_dir: Path) -> Path:
    return Path(data_dir) / CHANGED_FILE


def announce_change(data_dir: Path) -> None:
    """Rewrite the marker in place (a replaced file would drop the app's watch on it)."""
    flags = os.O_WRONLY | os.O_CREAT | os.O_TRUNC | getattr(os, "O_NOFOLLOW", 0)
    fd = os.open(marker_path(data_dir), flags, 0o600)
    try:
        os.write(fd, f"{os.getpid()} {time.time_ns()}\n".encode())
    finally:
        os.close(fd)


def ensure_marker(data_dir: Path) -> Path:
    """The marker, created empty for the owner only if missing, so it can be watched."""
    path = marker_path(data_dir)
    flags = os.O_WRONLY | os.O_CREAT | getattr(os, "O_NOFOLLOW", 0)
    os.close(os.open(path, flags, 0o600))
    return path
