"""Debrief's name, id and version as every installer states them: read from the app itself
(desktop/__init__.py), so Qt, the installers and the autostart entry can never disagree."""

from __future__ import annotations

import sys
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT))

from desktop import APP_ID, APP_NAME, ORGANIZATION, __version__  # noqa: E402

PACKAGE = "debrief"  # the Debian package, the executable and the install folder
MAINTAINER = "The Debrief developers <maintainers@debrief.invalid>"
SUMMARY = "offline companion for the weeks after a job interview"

__all__ = ["APP_ID", "APP_NAME", "ORGANIZATION", "PACKAGE", "__version__", "mac_info_plist"]


def mac_info_plist() -> dict[str, object]:
    """Info.plist keys beyond PyInstaller's own. LSUIElement stays false: Debrief has a
    window and belongs in the Dock while it is open; the menu-bar icon is its tray."""
    return {
        "CFBundleName": APP_NAME,
        "CFBundleDisplayName": APP_NAME,
        "CFBundleIdentifier": APP_ID,
        "CFBundleShortVersionString": __version__,
        "CFBundleVersion": __version__,
        "LSMinimumSystemVersion": "12.0",
        "LSApplicationCategoryType": "public.app-category.productivity",
        "LSUIElement": False,
        "NSHighResolutionCapable": True,
        "NSHumanReadableCopyright": f"© {ORGANIZATION} developers, GPL-3.0-or-later",
        "NSUserNotificationAlertStyle": "alert",
    }
