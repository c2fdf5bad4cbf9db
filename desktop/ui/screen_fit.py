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

# A first start (no size kept yet): most of the screen, as a window one works in all day
# asks; at least the size the window was laid out for, where the screen has it; and no
# more than a list and a detail pane can use, so a large monitor is not a sea of space.
FIRST_SHARE = 0.85
FIRST_LEAST = QSize(1100, 680)
FIRST_MOST = QSize(1680, 1050)


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


def first_start_size(room: QRect) -> QSize:
    """The window's size before it has one kept: `FIRST_SHARE` of the room, between
    `FIRST_LEAST` and `FIRST_MOST`, and always whole on the screen."""
    width = round(room.width() * FIRST_SHARE)
    height = round(room.height() * FIRST_SHARE)
    wanted = QSize(
        min(FIRST_MOST.width(), max(FIRST_LEAST.width(), width)),
        min(FIRST_MOST.height(), max(FIRST_LEAST.height(), height)),
    )
    return fitted(wanted, room)


def place_first(widget: QWidget) -> None:
    """Size a window for a first start and centre it, frame included, in the room."""
    room = available(widget)
    size = first_start_size(room)
    widget.resize(size)
    left = room.left() + (room.width() - size.width() - DECORATION.width()) // 2
    top = room.top() + (room.height() - size.height() - DECORATION.height()) // 2
    widget.move(max(room.left(), left), max(room.top(), top))
