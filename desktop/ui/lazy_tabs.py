"""Tabs made when first shown, or first asked for: until then a tab holds an empty page.

The main window's first paint pays only for the tabs a start shows (Today and the list);
people, the question bank and Insights are built, and read, when the user goes to them
(benchmarks/README.md has what it saved).
"""

from __future__ import annotations

from collections.abc import Callable

from PySide6.QtCore import QSignalBlocker
from PySide6.QtWidgets import QTabWidget, QWidget


class LazyTabs:
    def __init__(self, tabs: QTabWidget) -> None:
        self.tabs = tabs
        self._made: dict[str, QWidget] = {}
        self._waiting: dict[str, tuple[QWidget, Callable[[], QWidget]]] = {}
        # Connected before any other handler of the tab widget's: those find the real page.
        tabs.currentChanged.connect(self._make_shown)

    def add(self, key: str, label: str, make: Callable[[], QWidget]) -> None:
        page = QWidget()
        self._waiting[key] = (page, make)
        self.tabs.addTab(page, label)

    def get(self, key: str) -> QWidget:
        """The tab's widget, made now if it was not yet."""
        if key not in self._made:
            page, make = self._waiting.pop(key)
            made = make()
            index, current = self.tabs.indexOf(page), self.tabs.currentIndex()
            with QSignalBlocker(self.tabs):  # the same tab stays current: no change to tell
                label = self.tabs.tabText(index)
                self.tabs.removeTab(index)
                self.tabs.insertTab(index, made, label)
                self.tabs.setCurrentIndex(current)
            page.deleteLater()
            self._made[key] = made
        return self._made[key]

    def made(self, key: str) -> QWidget | None:
        """The tab's widget if it was made, without making it."""
        return self._made.get(key)

    def _make_shown(self, index: int) -> None:
        shown = self.tabs.widget(index)
        for key, (page, _make) in list(self._waiting.items()):
            if page is shown:
                self.get(key)
