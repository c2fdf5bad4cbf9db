"""A dialog body that scrolls: long forms (debrief, reflection) with buttons kept below."""

from __future__ import annotations

from PySide6.QtCore import QSize
from PySide6.QtWidgets import QDialog, QScrollArea, QVBoxLayout, QWidget

from desktop.ui.screen_fit import fit_to_screen


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


def fit_scrolling(dialog: QDialog, width: int, height: int | None = None) -> None:
    """Open `width` wide and as tall as the form wants (or `height`), within the screen:
    on a small screen the form scrolls and the buttons stay in view."""
    scroll = dialog.findChild(QScrollArea)
    assert scroll is not None, "fit_scrolling needs a scrolling_form"
    form, layout = scroll.widget(), dialog.layout()
    assert form is not None and layout is not None, "fit_scrolling needs a scrolling_form"
    content = form.sizeHint()
    margins = layout.contentsMargins()
    # Wide enough for the form and its vertical scroll bar: nothing cut on the right.
    needed = (
        content.width()
        + scroll.verticalScrollBar().sizeHint().width()
        + 2 * scroll.frameWidth()
        + margins.left()
        + margins.right()
    )
    if height is None:
        around = dialog.sizeHint().height() - scroll.sizeHint().height()
        height = around + content.height() + 2 * scroll.frameWidth()
    fit_to_screen(dialog, QSize(max(width, needed), height))
