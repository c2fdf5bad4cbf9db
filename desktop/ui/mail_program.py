"""Whether a mailto: link can reach a mail program.

QDesktopServices.openUrl answers False when nothing handles mailto:, but on Linux it
hands the link to xdg-open, which reports success before finding out that no program is
set for it. There, xdg-mime says whether one is.
"""

from __future__ import annotations

import shutil
import subprocess
import sys
from collections.abc import Callable

from PySide6.QtCore import QUrl
from PySide6.QtGui import QDesktopServices


def linux_has_mail_program() -> bool:
    """False only when xdg-mime says plainly that no program handles mailto:."""
    if not sys.platform.startswith("linux"):
        return True
    xdg_mime = shutil.which("xdg-mime")
    if xdg_mime is None:
        return True  # cannot tell: trust openUrl's answer
    try:
        found = subprocess.run(
            [xdg_mime, "query", "default", "x-scheme-handler/mailto"],
            capture_output=True,
            text=True,
            timeout=5,
            check=False,
        )
    except (OSError, subprocess.SubprocessError):
        return True
    return bool(found.stdout.strip())


def open_mailto(
    url: QUrl,
    open_url: Callable[[QUrl], bool] = QDesktopServices.openUrl,
    has_mail_program: Callable[[], bool] = linux_has_mail_program,
) -> bool:
    """Open the link in the mail program; False when none is there to take it."""
    return has_mail_program() and bool(open_url(url))
