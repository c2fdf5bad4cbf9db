"""The window's tabs, without repainting all they hold when nothing moved."""

from __future__ import annotations

from PySide6.QtCore import QEvent
from PySide6.QtGui import QPaintEvent
from PySide6.QtWidgets import QStackedWidget, QTabWidget, QWidget

from desktop.ui.lazy_qt import Qt


class SteadyTabs(QTabWidget):
    """A QTabWidget places its bar and its pages again whenever anything inside asks for
    a new layout (the detail pane's heading with a new status, its text browser with a new
    document, Today's count in a tab's name), and then repaints itself whole: the list, the filter bar,
    every button and both scroll bars, after every edit. Here a request that would place
    the bar and the pages where they already are only passes the size hints on (which is
    all it does besides); any other is laid out as before."""

    def __init__(self, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self._pages = self.findChild(QStackedWidget, "qt_tabwidget_stackedwidget")
        # Laid out as Qt does until first painted: the check below asks the style (its
        # Python class, 5 ms) and the `Qt` namespace (13 ms), which the window's first
        # frame does without (item_roles.py), and nothing is on screen to keep yet.
        self._painted = False

    def setTabText(self, index: int, text: str) -> None:
        """Set on the bar, which asks for a layout if its size changed: QTabWidget's own
        lays out and repaints everything at once (Today's count, after most changes)."""
        self.tabBar().setTabText(index, text)

    def paintEvent(self, event: QPaintEvent) -> None:
        self._painted = True
        super().paintEvent(event)

    def event(self, event: QEvent) -> bool:
        if (
            self._painted
            and event.type() == QEvent.Type.LayoutRequest
            and self.isVisible()
            and self._in_place()
        ):
            self.updateGeometry()
            return True
        return super().event(event)

    def _in_place(self) -> bool:
        """Whether the bar and the pages are where laying out would put them."""
        corners = (Qt.Corner.TopLeftCorner, Qt.Corner.TopRightCorner)
        if self._pages is None or any(self.cornerWidget(corner) for corner in corners):
            return False  # nothing of the kind is used; laid out as Qt does
        from PySide6.QtWidgets import QStyle, QStyleOptionTabWidgetFrame  # after the first paint

        option = QStyleOptionTabWidgetFrame()
        self.initStyleOption(option)
        style = self.style()
        bar = style.subElementRect(QStyle.SubElement.SE_TabWidgetTabBar, option, self)
        pages = style.subElementRect(QStyle.SubElement.SE_TabWidgetTabContents, option, self)
        return bar == self.tabBar().geometry() and pages == self._pages.geometry()
