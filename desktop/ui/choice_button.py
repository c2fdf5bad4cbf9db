"""A tool button of a group where one is chosen (List | Board): the chosen one in the
palette's highlight, which every theme makes stand out.

The style's own "checked" look is a slightly darker panel: in a dark palette it can hardly
be told from the other. Painting the chosen one with the button colour set to the
highlight keeps the style's shape and size (nothing moves when the choice changes), and
reads the palette at each paint, so a change of theme is followed.
"""

from __future__ import annotations

from PySide6.QtGui import QPaintEvent, QPalette
from PySide6.QtWidgets import QToolButton


class ChoiceButton(QToolButton):
    def __init__(self, text: str) -> None:
        super().__init__()
        self.setText(text)
        self.setCheckable(True)

    def paintEvent(self, event: QPaintEvent) -> None:
        # Here, not at the top: PySide's style types are 5 ms, which the window's first
        # frame (imported before it, painted after it) need not pay.
        from PySide6.QtWidgets import QStyle, QStyleOptionToolButton, QStylePainter

        if not self.isChecked():
            super().paintEvent(event)
            return
        option = QStyleOptionToolButton()
        self.initStyleOption(option)
        palette = QPalette(option.palette)
        for group in (QPalette.ColorGroup.Active, QPalette.ColorGroup.Inactive):
            palette.setColor(
                group, QPalette.ColorRole.Button, palette.color(group, QPalette.ColorRole.Highlight)
            )
            palette.setColor(
                group,
                QPalette.ColorRole.ButtonText,
                palette.color(group, QPalette.ColorRole.HighlightedText),
            )
        option.palette = palette
        QStylePainter(self).drawComplexControl(QStyle.ComplexControl.CC_ToolButton, option)
