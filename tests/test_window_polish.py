"""The window, right the first time: focus, fitting the screen, refusals that say why."""

from __future__ import annotations

import pytest
from PySide6.QtCore import Qt
from PySide6.QtWidgets import QApplication, QCheckBox, QDialogButtonBox, QLineEdit

from tests.conftest import open_window


@pytest.fixture
def window(qtbot, store, clock, tmp_path):
    return open_window(qtbot, clock, tmp_path)


@pytest.mark.parametrize("opener", ["new_interview", "new_opportunity"])
def test_typing_right_after_opening_goes_into_the_company(qtbot, window, opener) -> None:
    dialog = getattr(window, opener)()
    qtbot.waitExposed(dialog)
    qtbot.waitUntil(lambda: QApplication.activeWindow() is dialog)
    focused = QApplication.focusWidget()
    assert focused is dialog.fields["company"]
    qtbot.keyClicks(focused, "Quartz Mining Group")
    assert dialog.isVisible()  # the Space did not press Save
    assert isinstance(dialog.fields["company"], QLineEdit)
    assert dialog.fields["company"].text() == "Quartz Mining Group"


def test_tab_goes_through_the_fields_then_the_buttons(qtbot, window) -> None:
    dialog = window.new_opportunity()
    qtbot.waitUntil(lambda: QApplication.activeWindow() is dialog)
    seen = []
    for _ in range(12):
        seen.append(QApplication.focusWidget())
        qtbot.keyClick(QApplication.focusWidget(), Qt.Key.Key_Tab)
    names = [w.objectName() or type(w).__name__ for w in seen]
    fields = ["company", "role", "status", "source", "posting_url"]
    assert names[: len(fields)] == fields
    assert isinstance(seen[5], QCheckBox)  # the "applied on" box
    save = dialog.buttons.button(QDialogButtonBox.StandardButton.Save)
    assert seen.index(save) > names.index("notes")
