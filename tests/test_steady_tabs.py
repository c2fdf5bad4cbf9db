"""The window's tabs repaint what changed, not all they hold, when something inside asks
for a layout that moves nothing; and lay out as before when something does move."""

from __future__ import annotations

from PySide6.QtCore import QEvent, QObject
from PySide6.QtWidgets import QApplication, QLabel, QPushButton, QVBoxLayout, QWidget

from desktop.ui.steady_tabs import SteadyTabs


class _Paints(QObject):
    def __init__(self) -> None:
        super().__init__()
        self.seen: list[QObject] = []

    def eventFilter(self, watched: QObject, event: QEvent) -> bool:
        if event.type() == QEvent.Type.Paint:
            self.seen.append(watched)
        return False


def _tabs(qtbot) -> tuple[SteadyTabs, QLabel, QPushButton]:
    tabs = SteadyTabs()
    tabs.setDocumentMode(True)  # as the window has them
    qtbot.addWidget(tabs)
    page = QWidget()
    layout = QVBoxLayout(page)
    heading = QLabel("<h2>Acme — Analyst</h2><p><b>Applied</b></p>")
    heading.setWordWrap(True)
    button = QPushButton("Edit")
    layout.addWidget(heading)
    layout.addWidget(button)
    layout.addStretch(1)
    tabs.addTab(page, "Opportunities")
    tabs.addTab(QWidget(), "Today")
    tabs.resize(600, 400)
    with qtbot.waitExposed(tabs):
        tabs.show()
    return tabs, heading, button


def _settled(qtbot, tabs: SteadyTabs) -> None:
    """Every posted layout request and paint run (two turns: a layout posts paints)."""
    QApplication.processEvents()
    QApplication.processEvents()


def test_new_text_inside_a_page_repaints_it_not_the_bar_nor_the_rest(qtbot) -> None:
    tabs, heading, button = _tabs(qtbot)
    _settled(qtbot, tabs)
    paints = _Paints()
    for widget in (heading, button, tabs.tabBar()):
        widget.installEventFilter(paints)
    heading.setText("<h2>Acme — Analyst</h2><p><b>Interviewing</b></p>")
    _settled(qtbot, tabs)
    assert heading in paints.seen
    assert button not in paints.seen
    assert tabs.tabBar() not in paints.seen


def test_a_longer_tab_name_is_shown_and_the_pages_stay_in_place(qtbot) -> None:
    tabs, _heading, button = _tabs(qtbot)
    _settled(qtbot, tabs)
    pages = tabs.currentWidget().geometry()
    before = tabs.tabBar().tabRect(1).width()
    paints = _Paints()
    button.installEventFilter(paints)
    tabs.setTabText(1, "Today (12 due, 3 overdue)")
    _settled(qtbot, tabs)
    assert tabs.tabText(1) == "Today (12 due, 3 overdue)"
    assert tabs.tabBar().tabRect(1).width() > before
    assert tabs.currentWidget().geometry() == pages
    assert button not in paints.seen


def test_a_taller_bar_moves_the_pages_down_as_qt_would(qtbot) -> None:
    tabs, _heading, _button = _tabs(qtbot)
    _settled(qtbot, tabs)
    top = tabs.currentWidget().mapTo(tabs, tabs.currentWidget().rect().topLeft()).y()
    font = tabs.tabBar().font()
    font.setPointSize(font.pointSize() * 3)
    tabs.tabBar().setFont(font)  # the bar asks for a layout that does move things
    _settled(qtbot, tabs)
    moved = tabs.currentWidget().mapTo(tabs, tabs.currentWidget().rect().topLeft()).y()
    assert moved > top
    assert tabs.tabBar().geometry().height() == tabs.tabBar().sizeHint().height()


def test_a_resized_window_lays_its_pages_out_anew(qtbot) -> None:
    tabs, _heading, _button = _tabs(qtbot)
    _settled(qtbot, tabs)
    tabs.resize(800, 500)
    _settled(qtbot, tabs)
    assert tabs.currentWidget().width() == 800
    assert tabs.tabBar().width() == 800
