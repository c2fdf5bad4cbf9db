"""A dismissable strip at the top of the window: notices that found no other way out,
questions that need not interrupt (start at login?), and the Undo after an action."""

from __future__ import annotations

from collections.abc import Callable, Sequence

from PySide6.QtCore import Qt, QTimer
from PySide6.QtWidgets import QFrame, QHBoxLayout, QLabel, QPushButton, QToolButton, QWidget

from desktop.ui import strings
from desktop.ui.error_line import announce


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
        self.label.setTextFormat(Qt.TextFormat.PlainText)  # reminder titles hold user data
        self.label.setWordWrap(True)
        self.close_button = QToolButton()
        self.close_button.setText("✕")
        self.close_button.setToolTip(strings.BANNER_CLOSE)
        self.close_button.setAccessibleName(strings.BANNER_CLOSE)  # not "✕"
        self.close_button.clicked.connect(self.hide)
        layout.addWidget(self.label, 1)
        layout.addWidget(self.close_button)
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
        self.label.setText(text)
        self.setAccessibleName(text)
        self.expiry.stop()
        if lasts_ms is not None:
            self.expiry.start(lasts_ms)
        self.show()
        announce(self, text)
