"""A dismissable strip at the top of the window: notices that found no other way out,
questions that need not interrupt (start at login?), and the Undo after an action.

A brief message (the Undo after an action, which goes away by itself) floats over the
bottom of the window instead of taking a place in its layout: coming and going, it would
move everything below it by its height, under the pointer of someone about to click.
"""

from __future__ import annotations

from collections.abc import Callable, Sequence

from PySide6.QtCore import QEvent, QObject, QRect, QTimer
from PySide6.QtWidgets import (
    QBoxLayout,
    QFrame,
    QHBoxLayout,
    QLabel,
    QPushButton,
    QToolButton,
    QWidget,
)

from desktop.ui import strings
from desktop.ui.error_line import announce
from desktop.ui.lazy_qt import Qt


class Banner(QFrame):
    def __init__(self, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.setObjectName("banner")
        self.setFrameShape(QFrame.Shape.StyledPanel)
        self.setAutoFillBackground(True)
        self.setBackgroundRole(self.backgroundRole().ToolTipBase)
        self.setForegroundRole(self.foregroundRole().ToolTipText)
        layout = QHBoxLayout(self)
        self._layout = layout
        self.buttons: list[QPushButton] = []
        # A brief message (after an action, with its Undo) goes away on its own.
        self.expiry = QTimer(self)
        self.expiry.setSingleShot(True)
        self.expiry.timeout.connect(self.hide)
        self.label = QLabel()
        self.label.setWordWrap(True)
        self.close_button = QToolButton()
        self.close_button.setText("✕")
        self.close_button.setToolTip(strings.BANNER_CLOSE)
        self.close_button.setAccessibleName(strings.BANNER_CLOSE)  # not "✕"
        self.close_button.clicked.connect(self.hide)
        layout.addWidget(self.label, 1)
        layout.addWidget(self.close_button)
        self.floating = False
        self.hide()

    def show_text(
        self,
        text: str,
        actions: Sequence[tuple[str, Callable[[], object]]] = (),
        lasts_ms: int | None = None,
    ) -> None:
        """Show `text` with a button per (label, callback); a button hides the strip and
        calls its callback. `lasts_ms`: hide by itself after that long."""
        for button in self.buttons:
            button.hide()
            button.deleteLater()
        self.buttons = []
        for label, callback in actions:
            button = QPushButton(label)

            def press(_checked: bool = False, call: Callable[[], object] = callback) -> None:
                self.hide()
                call()

            button.clicked.connect(press)
            self._layout.insertWidget(self._layout.count() - 1, button)
            self.buttons.append(button)
        # Reminder titles hold user data. Set here, not when built: the `Qt` namespace is
        # not touched before the window's first paint (item_roles.py).
        self.label.setTextFormat(Qt.TextFormat.PlainText)
        self.label.setText(text)
        self.setAccessibleName(text)
        self.expiry.stop()
        if lasts_ms is not None:
            self.expiry.start(lasts_ms)
        self._float(lasts_ms is not None)
        self.show()
        if self.floating:
            self._place()
        announce(self, text)

    # ----- a brief message floats ---------------------------------------------------------
    MARGIN = 12  # from the window's edges, so that it reads as a message over the content

    def _float(self, floating: bool) -> None:
        """Out of the parent's layout (over its content) or back in it, at the top."""
        parent = self.parentWidget()
        layout = parent.layout() if parent is not None else None
        if parent is None or layout is None or floating == self.floating:
            return
        self.floating = floating
        if floating:
            layout.removeWidget(self)
            parent.installEventFilter(self)
            self.setFrameShape(QFrame.Shape.Box)  # its edge stands out from what is below
        else:
            parent.removeEventFilter(self)
            self.setFrameShape(QFrame.Shape.StyledPanel)
            if isinstance(layout, QBoxLayout):
                layout.insertWidget(0, self)

    def _place(self) -> None:
        parent = self.parentWidget()
        if parent is None:
            return
        room = parent.rect().adjusted(self.MARGIN, self.MARGIN, -self.MARGIN, -self.MARGIN)
        width = min(room.width(), max(self.sizeHint().width(), room.width() * 2 // 3))
        # At this width: the size hint assumes the wrapped label narrower, so taller.
        height = self.heightForWidth(width) if self.hasHeightForWidth() else -1
        height = height if height > 0 else self.sizeHint().height()
        left = room.left() + (room.width() - width) // 2
        self.setGeometry(QRect(left, room.bottom() - height + 1, width, height))
        self.raise_()

    def eventFilter(self, watched: QObject, event: QEvent) -> bool:
        if self.floating and event.type() == QEvent.Type.Resize and watched is self.parentWidget():
            self._place()
        return False
