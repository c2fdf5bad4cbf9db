"""Opening a file, folder or link with the desktop's own program."""

from __future__ import annotations

from PySide6.QtCore import QUrl
from PySide6.QtGui import QDesktopServices


def open_with_system(url: QUrl) -> bool:
    """`QDesktopServices.openUrl`, for a class attribute a test can replace. Not that method
    itself in a `staticmethod`: wrapping it reads its `__doc__`, and PySide then builds
    the signature texts of the whole module, 10 ms of a start."""
    return QDesktopServices.openUrl(url)
