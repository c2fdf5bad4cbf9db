"""A dialog body that scrolls: long forms (debrief, reflection) with buttons kept below."""

from __future__ import annotations

from PySide6.QtWidgets import QDialog, QScrollArea, QVBoxLayout, QWidget


def scrolling_form(dialog: QDialog) -> tuple[QVBoxLayout, QVBoxLayout]:
    """(outer, form): put fields in `form`, which scrolls; buttons in `outer`, which doesn't."""
    outer = QVBoxLayout(dialog)
    scroll = QScrollArea()
    scroll.setWidgetResizable(True)
    content = QWidget()
    form = QVBoxLayout(content)
    scroll.setWidget(content)
    outer.addWidget(scroll, 1)
    return outer, form
