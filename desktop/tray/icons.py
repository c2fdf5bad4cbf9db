"""The app icon, its tray variants, the "something is waiting" badge, and a file copy
for notifications."""

from __future__ import annotations

import sys
from pathlib import Path

from PySide6.QtGui import QColor, QIcon, QPixmap

from desktop.files import make_private
from desktop.shipped import APP_ICON, TRAY_ICONS, icon_file

SIZES = (16, 22, 24, 32, 48, 64)
BADGE_COLOR = QColor("#d9480f")
TRAY_STYLES = TRAY_ICONS
DEFAULT_TRAY_STYLE = "colour"


def app_icon() -> QIcon:
    return QIcon(str(icon_file(APP_ICON)))


def tray_icon(style: str) -> QIcon:
    name = TRAY_STYLES.get(style, TRAY_STYLES[DEFAULT_TRAY_STYLE])
    return QIcon(str(icon_file(name)))


def badged(icon: QIcon, count: int) -> QIcon:
    """The icon with a count in a dot at its corner, drawn at every tray size."""
    # Imported when first drawn: `Qt`'s hundreds of enums are made on its first import,
    # 15-25 ms a start in the tray with nothing waiting need not spend.
    from PySide6.QtCore import QRectF, Qt
    from PySide6.QtGui import QFont, QPainter

    result = QIcon()
    for size in SIZES:
        pixmap = icon.pixmap(size, size).copy()
        if pixmap.isNull():
            pixmap = QPixmap(size, size)
            pixmap.fill(Qt.GlobalColor.transparent)
        painter = QPainter(pixmap)
        painter.setRenderHint(QPainter.RenderHint.Antialiasing)
        dot = size * 0.6
        rect = QRectF(size - dot, 0, dot, dot)
        painter.setPen(Qt.PenStyle.NoPen)
        painter.setBrush(BADGE_COLOR)
        painter.drawEllipse(rect)
        if size >= 22:
            font = QFont()
            font.setBold(True)
            font.setPixelSize(int(dot * 0.7))
            painter.setFont(font)
            painter.setPen(Qt.GlobalColor.white)
            painter.drawText(rect, Qt.AlignmentFlag.AlignCenter, str(count) if count < 10 else "9+")
        painter.end()
        result.addPixmap(pixmap)
    return result


def notification_icon_file(folder: Path) -> Path | None:
    """A raster copy of the icon: notification services want a file path, Windows an .ico."""
    target = folder / ("debrief.ico" if sys.platform == "win32" else "debrief-64.png")
    if target.exists():
        return target
    pixmap = app_icon().pixmap(64, 64)
    if pixmap.isNull() or not pixmap.save(str(target)):
        return None
    make_private(target)  # like every file in the data folder, whatever the umask
    return target
