"""The running app's wiring, offscreen (where no system tray exists): the window stays the
place to answer, questions are asked once, and messages from other processes are served."""

from __future__ import annotations

from datetime import timedelta
from pathlib import Path

import pytest
from PySide6.QtCore import QSettings
from PySide6.QtWidgets import QApplication, QMessageBox

from db.models import Reminder
from desktop.services.interviews import log_interview
from desktop.tray.companion import Companion
from desktop.tray.single_instance import InstanceLock, server_name
from desktop.ui.main_window import MainWindow
from desktop.ui.preferences_dialog import PreferencesDialog
from tests.conftest import interview_draft
from tests.tray_doubles import Recording, parts_for_tests


@pytest.fixture
def notices() -> Recording:
    """Where every Companion here notifies: never the desktop's notification service."""
    return Recording()


@pytest.fixture
def make(qtbot, store, clock, tmp_path, notices):
    made: list[Companion] = []
    runtime = tmp_path / "run"
    runtime.mkdir(mode=0o700)

    def build(window_later: bool = False) -> Companion:
        ui_state = QSettings(str(tmp_path / "ui.ini"), QSettings.Format.IniFormat)

        def make_window() -> MainWindow:
            window = MainWindow(clock, ui_state, tmp_path / "data", confirm=lambda *_: True)
            qtbot.addWidget(window)
            return window

        data_dir = Path(tmp_path / "data")
        lock = InstanceLock(data_dir)
        assert lock.acquire()
        companion = Companion(
            QApplication.instance(),
            make_window if window_later else make_window(),
            clock,
            data_dir,
            ui_state,
            lock,
            parts_for_tests(
                clock, data_dir, server_name(data_dir, str(runtime)), tmp_path, notices
            ),
            make_preferences=PreferencesDialog,
        )
        made.append(companion)
        return companion

    yield build
    for companion in made:
        companion.shut_down()


def test_without_a_tray_the_window_shows_and_says_so_once(make) -> None:
    first = make()
    assert first.has_tray is False
    first.start(background=True)  # a login start still needs somewhere to answer
    assert first.window.isVisible()
    assert first.window.keep_running_on_close is False
    assert first.window.banner.isVisible()
    assert "No system tray here" in first.window.banner.label.text()
    first.shut_down()

    second = make()
    second.start(background=True)
    assert not second.window.banner.isVisible()


def test_start_at_login_is_asked_after_the_first_save_in_the_message_strip(
    make, tmp_path, qtbot
) -> None:
    from PySide6.QtWidgets import QDialogButtonBox, QLineEdit

    first = make()
    first.start(background=False)
    # Nothing is asked before the user has done anything, and nothing covers the toolbar.
    assert "log in" not in first.window.banner.label.text()
    assert not isinstance(first.window.active_dialog, QMessageBox)
    dialog = first.window.new_opportunity()
    for name, text in (("company", "Acme"), ("role", "Analyst")):
        field = dialog.fields[name]
        assert isinstance(field, QLineEdit)
        field.setText(text)
    dialog.buttons.button(QDialogButtonBox.StandardButton.Save).click()
    banner = first.window.banner
    assert banner.isVisible() and "when you log in" in banner.label.text()
    assert first.window.active_dialog is dialog  # a strip, not a dialog in the way
    [yes, _not_now] = banner.buttons
    assert yes.text() == "Start at login"
    yes.click()
    entry = tmp_path / "config" / "autostart" / "org.debrief.Debrief.desktop"
    assert "--background" in entry.read_text()
    assert not banner.isVisible()
    first.shut_down()

    second = make()
    second.start(background=False)
    second.window.opportunity_saved.emit()
    assert "log in" not in second.window.banner.label.text()


def test_messages_show_the_window_re_read_data_and_report_status(make, clock) -> None:
    companion = make()
    companion.start(background=True)
    companion.window.hide()
    assert companion.handle_message({"command": "show"}) == {}
    assert companion.window.isVisible()
    log_interview(interview_draft(clock), clock)  # as if from the command line
    assert companion.handle_message({"command": "changed"}) == {}
    assert companion.window.model.rowCount() == 1
    status = companion.handle_message({"command": "status"})
    prep = Reminder.get(Reminder.kind == "prep")
    assert status["next_wake_up"] == prep.due_at.isoformat()
    assert status["waiting"] == 0 and status["window_visible"] is True
    with pytest.raises(ValueError, match="unknown command"):
        companion.handle_message({"command": "dance"})


def test_a_change_in_the_window_re_arms_the_scheduler(make, clock) -> None:
    companion = make()
    companion.start(background=True)
    assert companion.scheduler.scheduled_for is None
    dialog = companion.window.new_interview()
    dialog.set_values({"company": "Acme", "role": "Analyst", "starts_at": "2026-11-25 14:00"})
    dialog.accept()
    assert companion.scheduler.scheduled_for == Reminder.get(Reminder.kind == "prep").due_at


def test_housekeeping_makes_the_daily_copy_and_arms_a_due_nudge(make, clock, tmp_path) -> None:
    from db.models import Reminder
    from desktop.services import backups
    from desktop.services.interviews import log_interview
    from tests.conftest import interview_draft

    now = clock.now()
    clock.set(now - timedelta(days=1))  # nudges begin a day after the first thing logged
    log_interview(interview_draft(clock), clock)
    clock.set(now)
    companion = make()
    companion.start(background=True)
    companion.housekeeping()
    assert [b.kind for b in backups.list_all(tmp_path / "data")] == ["daily"]
    nudge = Reminder.get(Reminder.kind == "nudge_few_live")
    assert companion.scheduler.scheduled_for == nudge.due_at  # due now: fires next
    companion.housekeeping()  # an hour later: no second copy, no second nudge
    assert len(backups.list_all(tmp_path / "data")) == 1
    assert Reminder.select().where(Reminder.kind.startswith("nudge_")).count() == 1


def test_the_tray_icon_style_is_chosen_in_preferences_and_remembered(make, qtbot) -> None:
    from PySide6.QtGui import QImage

    def centre_lightness(companion: Companion) -> float:
        image: QImage = companion.tray.icon.icon().pixmap(32, 32).toImage()
        return image.pixelColor(16, 12).lightnessF()  # the bubble, beside the check

    companion = make()
    companion.start(background=True)
    colour = centre_lightness(companion)
    companion._preferences()
    dialog = companion.window.active_dialog
    assert dialog.tray_styles.currentData() == "colour"
    dialog.tray_styles.setCurrentIndex(dialog.tray_styles.findData("light"))
    dialog.accept()
    assert centre_lightness(companion) > 0.9 > colour  # the light one, for dark panels
    companion.shut_down()

    again = make()  # the next start remembers
    again.start(background=True)
    assert again.tray_style() == "light"
    assert centre_lightness(again) > 0.9


def test_a_tray_start_makes_the_window_only_when_it_is_opened(make, clock) -> None:
    log_interview(interview_draft(clock), clock)
    companion = make(window_later=True)  # not started: offscreen has no tray to start in
    companion.reload()  # a change from the command line: nothing to redraw yet
    assert companion._window is None
    assert companion.status()["window_visible"] is False
    companion.handle_message({"command": "show"})
    assert companion._window is not None and companion.window_visible()
    assert companion.window.keep_running_on_close is companion.has_tray


def test_a_reminder_due_at_start_is_notified_through_the_given_backend(
    make, clock, qtbot, notices
) -> None:
    log_interview(interview_draft(clock, starts_at="2026-11-22 08:00"), clock)  # ended at 9
    clock.advance(hours=2)  # its debrief is due
    companion = make()
    with qtbot.waitSignal(companion.notifier.delivered):
        companion.start(background=True)
    # One moment, one notice naming its steps.
    (notice,) = notices.sent
    assert notice.summary == "After your Acme interview — Sun 22 Nov"
    assert notice.body.splitlines() == [
        "• Write your debrief while it's fresh",
        "• Send a thank-you note to Dana Li",
    ]


def test_the_timers_start_one_turn_after_the_icon_with_their_types(make, qtbot) -> None:
    from PySide6.QtCore import Qt

    companion = make(window_later=True)
    companion.start(background=True)
    # The icon (or window) first; the clock and housekeeping timers a turn later.
    qtbot.waitUntil(lambda: companion.housekeeping_timer.isActive())
    assert companion.first_housekeeping.isActive()
    assert companion.clock_watch.timer.isActive()
    assert companion.housekeeping_timer.timerType() == Qt.TimerType.VeryCoarseTimer
    assert companion.clock_watch.timer.timerType() == Qt.TimerType.VeryCoarseTimer


def test_a_companion_shut_down_before_its_timers_started_leaves_them_stopped(make) -> None:
    companion = make(window_later=True)
    companion.start(background=True)
    companion.shut_down()
    QApplication.processEvents()  # the deferred start's turn comes and goes
    assert not companion.housekeeping_timer.isActive()
    assert not companion.clock_watch.timer.isActive()
