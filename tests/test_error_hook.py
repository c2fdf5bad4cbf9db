"""The window's unhandled-exception hook: logged in full, told in one non-blocking dialog,
not a flood when the same error repeats; surroundings get their own sentence."""

from __future__ import annotations

import errno
import logging
import sys

import pytest
from PySide6.QtCore import QTimer
from PySide6.QtWidgets import QApplication, QMessageBox

from desktop.logs import setup_logging
from desktop.ui.error_report import ErrorReporter


@pytest.fixture
def reporter(tmp_path):
    data = tmp_path / "data"
    data.mkdir(mode=0o700)
    log_path = setup_logging(data)
    made = ErrorReporter(data, log_path).install()
    yield made
    made.uninstall()
    if made.box is not None:
        made.box.close()
    root = logging.getLogger()
    for handler in [h for h in root.handlers if getattr(h, "baseFilename", "") == str(log_path)]:
        root.removeHandler(handler)
        handler.close()


def boxes() -> list[QMessageBox]:
    return [
        w for w in QApplication.topLevelWidgets() if isinstance(w, QMessageBox) and w.isVisible()
    ]


def raise_in_a_slot(error: BaseException) -> None:
    def slot() -> None:
        raise error

    QTimer.singleShot(0, slot)


@pytest.mark.qt_no_exception_capture
def test_an_error_in_a_slot_is_logged_and_told_without_blocking(qtbot, reporter) -> None:
    assert sys.excepthook == reporter.hook
    raise_in_a_slot(KeyError("bug in the window"))
    qtbot.waitUntil(lambda: len(boxes()) == 1)
    (box,) = boxes()
    assert "Something unexpected went wrong" in box.text()
    assert str(reporter.log_path) in box.text()
    text = reporter.log_path.read_text()
    assert "Traceback" in text and "bug in the window" in text
    # The event loop kept running with the dialog open: another timer fires.
    fired: list[bool] = []
    QTimer.singleShot(0, lambda: fired.append(True))
    qtbot.waitUntil(lambda: fired == [True])


@pytest.mark.qt_no_exception_capture
def test_the_same_error_again_is_logged_but_not_shown_twice(qtbot, reporter) -> None:
    raise_in_a_slot(KeyError("again"))
    qtbot.waitUntil(lambda: len(boxes()) == 1)
    boxes()[0].close()
    qtbot.waitUntil(lambda: boxes() == [])
    raise_in_a_slot(KeyError("again"))
    qtbot.waitUntil(lambda: reporter.log_path.read_text().count("KeyError: 'again'") == 2)
    assert boxes() == []


@pytest.mark.qt_no_exception_capture
def test_a_full_disk_gets_its_own_calm_sentence(qtbot, reporter) -> None:
    raise_in_a_slot(OSError(errno.ENOSPC, "No space left on device"))
    qtbot.waitUntil(lambda: len(boxes()) == 1)
    assert boxes()[0].text().startswith("Your disk is full")
    assert "Traceback" not in reporter.log_path.read_text()
