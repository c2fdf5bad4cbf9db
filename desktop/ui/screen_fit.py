"""Windows sized to the screen they open on: a dialog asks for what it would like and gets
at most what the screen has, so Save is never below the bottom edge of a 768-pixel screen
or one scaled to 125 %."""

from __future__ import annotations

from PySide6.QtCore import QRect, QSize
from PySide6.QtGui import QGuiApplication
from PySide6.QtWidgets import QWidget

# Room the window manager takes around a window (title bar, borders): Qt does not know it
# until the window has been shown once, and the size is chosen before that.
DECORATION = QSize(16, 40)


def available(widget: QWidget) -> QRect:
    """The part of the widget's screen that windows may use (without panels and docks)."""
    parent = widget.parentWidget()
    screen = (parent.screen() if parent is not None else None) or widget.screen()
    screen = screen or QGuiApplication.primaryScreen()
    return screen.availableGeometry()


def fitted(wanted: QSize, room: QRect) -> QSize:
    """`wanted`, shrunk where it would not fit in `room` with the window's decorations."""
    return QSize(
        max(1, min(wanted.width(), room.width() - DECORATION.width())),
        max(1, min(wanted.height(), room.height() - DECORATION.height())),
    )


def fit_to_screen(widget: QWidget, wanted: QSize) -> None:
    """Resize to `wanted`, or to as much of it as the screen holds."""
    widget.resize(fitted(wanted, available(widget)))


def clamped(geometry: QRect, room: QRect) -> QRect:
    """A window's geometry (without its frame) moved and shrunk so that all of it,
    decorations too, is on the screen: a window saved on a larger screen or at another
    scale comes back whole."""
    side = DECORATION.width() // 2
    inner = room.adjusted(side, DECORATION.height() - side, -side, -side)
    size = fitted(geometry.size(), room)
    left = max(inner.left(), min(geometry.left(), inner.right() + 1 - size.width()))
    top = max(inner.top(), min(geometry.top(), inner.bottom() + 1 - size.height()))
    return QRect(left, top, size.width(), size.height())
