"""How a refused input is shown: red (a red that reads on light and dark palettes alike),
with a warning icon, and told to a screen reader as well as shown."""

from __future__ import annotations

from PySide6.QtCore import QEvent
from PySide6.QtGui import QColor, QPalette
from PySide6.QtWidgets import QHBoxLayout, QLabel, QWidget

# Both pass WCAG AA (4.5:1) against the usual window backgrounds of their palette.
ERROR_ON_LIGHT = QColor("#b00020")
ERROR_ON_DARK = QColor("#ff8a80")


def is_dark(palette: QPalette) -> bool:
    return palette.color(QPalette.ColorRole.Window).lightnessF() < 0.5


def error_colour(palette: QPalette) -> QColor:
    return ERROR_ON_DARK if is_dark(palette) else ERROR_ON_LIGHT


def announce(widget: QWidget, text: str) -> None:
    """Say `text` through the screen reader now (an AT-SPI announcement), as it would if
    it had been focused, without moving the focus."""
    # Here, not at the top: making PySide's QAccessible type (its enums) is 1.7 ms of the
    # window's start, and nothing is announced before its first paint.
    from PySide6.QtGui import QAccessible, QAccessibleEvent

    try:
        from PySide6.QtGui import QAccessibleAnnouncementEvent
    except ImportError:  # Qt before 6.8: an alert on the widget, whose description says it
        QAccessible.updateAccessibility(QAccessibleEvent(widget, QAccessible.Event.Alert))
        return
    event = QAccessibleAnnouncementEvent(widget, text)
    event.setPoliteness(QAccessible.AnnouncementPoliteness.Assertive)
    QAccessible.updateAccessibility(event)


class ErrorLine(QWidget):
    """A warning icon and a message under a field. `label` holds the text; the field it
    describes carries the message as its accessible description while it is shown."""

    def __init__(self, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        row = QHBoxLayout(self)
        row.setContentsMargins(0, 0, 0, 0)
        row.setSpacing(4)
        size = self.fontMetrics().height()
        self.icon = QLabel()
        # Here, not at the top: PySide's QStyle type is 5 ms of the window's first frame,
        # which has no error line to show.
        from PySide6.QtWidgets import QStyle

        icon = self.style().standardIcon(QStyle.StandardPixmap.SP_MessageBoxWarning)
        self.icon.setPixmap(icon.pixmap(size, size))
        self.icon.setFixedSize(size, size)
        self.icon.setAccessibleName("")
        self.label = QLabel()
        self.label.setWordWrap(True)
        row.addWidget(self.icon, 0)
        row.addWidget(self.label, 1)
        self._restyle()
        self.hide()

    def _restyle(self) -> None:
        colour = error_colour(self.palette()).name()
        self.label.setStyleSheet(f"color: {colour};")

    def changeEvent(self, event: QEvent) -> None:  # the palette follows the desktop's theme
        if event.type() == QEvent.Type.PaletteChange:
            self._restyle()
        super().changeEvent(event)

    def show_message(self, text: str, field: QWidget | None = None) -> None:
        self.label.setText(text)
        self.label.setVisible(bool(text))
        self.setVisible(bool(text))
        if field is not None:
            field.setAccessibleDescription(text)
