"""An empty widget holding the place of one made in the turn after the first paint, at the
size hints that one had last time, so that a layout shares the room as it will then."""

from __future__ import annotations

from PySide6.QtCore import QSize
from PySide6.QtWidgets import QWidget


class StandIn(QWidget):
    def __init__(self, width: int, least_width: int) -> None:
        """`width`, `least_width`: the size hint's and the minimum size hint's widths (0:
        not known, as an empty widget has none)."""
        super().__init__()
        self._hint = QSize(width, 0) if width > 0 else QSize()
        self._least = QSize(least_width, 0) if least_width > 0 else QSize()

    def sizeHint(self) -> QSize:
        return self._hint

    def minimumSizeHint(self) -> QSize:
        return self._least
