"""Answering a notice where it appears: what Done, Snooze and Open mean for one step and
for several, on a real database; the actions a notification offers; and the notifier
passing the answers on (the desktop end to end is in test_notification_actions.py)."""

from __future__ import annotations

from datetime import timedelta

import pytest
from PySide6.QtWidgets import QSystemTrayIcon

from db.models import Reminder
from desktop.playbook.notices import Notice
from desktop.services import counts, notice_answers
from desktop.services.firing import due_to_fire, expire_stale_prep, mark_fired
from desktop.services.interviews import log_interview
from desktop.services.notice_answers import DONE, OPEN, SNOOZE
from desktop.tray.desktop_notifications import actions_for
from desktop.tray.icons import app_icon
from desktop.tray.notifier import BalloonBackend, Notifier
from tests.conftest import interview_draft
from tests.tray_doubles import Broken, Recording


@pytest.fixture
def waiting(store, clock) -> list[int]:
    """The debrief and the thank-you of an interview that ended an hour and a half ago,
    fired: waiting, debrief first."""
    log_interview(interview_draft(clock, starts_at="2026-11-22 08:00"), clock)
    clock.advance(hours=2)
    expire_stale_prep(clock)
    mark_fired([v.id for v in due_to_fire(clock.now())], clock)
    return [v.id for v in counts.waiting_now(clock.now())]


def _state(ident: int) -> str:
    return Reminder.get_by_id(ident).state


def test_a_notice_is_keyed_by_its_first_step_unless_given_a_key() -> None:
    assert Notice("a", "b", (7, 8)).key == "reminder-7"
    assert Notice("a", "b", (7, 8), key="moment-3").key == "moment-3"
    assert Notice("a", "b", (7,)).single and not Notice("a", "b", (7, 8)).single


def test_done_answers_a_one_step_notice(waiting, clock) -> None:
    changes = notice_answers.answer((waiting[0],), DONE, clock)
    assert changes.reminders and _state(waiting[0]) == "done"
    assert _state(waiting[1]) == "fired"


def test_done_never_answers_several_steps_at_once(waiting, clock) -> None:
    with pytest.raises(ValueError, match="one step"):
        notice_answers.answer(tuple(waiting), DONE, clock)
    assert {_state(i) for i in waiting} == {"fired"}


def test_snooze_brings_every_waiting_step_back_in_an_hour(waiting, clock) -> None:
    notice_answers.answer(tuple(waiting), SNOOZE, clock)
    for ident in waiting:
        reminder = Reminder.get_by_id(ident)
        assert reminder.state == "snoozed"
        assert reminder.due_at == clock.now() + timedelta(hours=1)


def test_a_step_answered_elsewhere_is_left_as_it_is(waiting, clock) -> None:
    notice_answers.answer((waiting[0],), DONE, clock)  # done in the window, say
    notice_answers.answer(tuple(waiting), SNOOZE, clock)
    assert _state(waiting[0]) == "done" and _state(waiting[1]) == "snoozed"
    assert notice_answers.answer((waiting[0],), DONE, clock).reminders  # twice: no error


def test_open_goes_to_the_first_step_still_waiting(waiting, clock) -> None:
    assert notice_answers.step_to_open(tuple(waiting), clock).id == waiting[0]
    notice_answers.answer((waiting[0],), DONE, clock)
    assert notice_answers.step_to_open(tuple(waiting), clock).id == waiting[1]
    notice_answers.answer((waiting[1],), DONE, clock)
    # All answered meanwhile: the first step's place is still where a click lands.
    assert notice_answers.step_to_open(tuple(waiting), clock).id == waiting[0]
    assert notice_answers.step_to_open((999,), clock) is None


def test_a_one_step_notification_offers_done_snooze_and_open() -> None:
    one = actions_for(Notice("Send a thank-you note", "Today.", (1,)))
    assert one == ["done", "Done", "snooze", "Snooze 1 hour", "default", "Open"]
    several = actions_for(Notice("3 reminders are due", "…", (1, 2, 3)))
    assert several == ["snooze", "Snooze 1 hour", "default", "Open"]
    labels = one[1::2]
    assert len(labels) == len(set(labels))  # no label twice (dunst listed Open twice)


NOTICE = Notice("Send a thank-you note", "Today.", (1,))


def test_a_click_on_the_tray_message_opens_the_notice_it_shows(qtbot) -> None:
    """Where the tray's message carries the notice (no actions on this desktop), a click
    on it answers Open, which plyer's notification cannot."""
    icon = QSystemTrayIcon(app_icon())
    balloon = BalloonBackend(icon)
    notifier = Notifier(Broken("desktop notifications"), [balloon])
    balloon.showing = NOTICE  # what `send` leaves once the message is up
    with qtbot.waitSignal(notifier.answered, timeout=5000) as answered:
        icon.messageClicked.emit()
    assert answered.args == [NOTICE, OPEN]
    with qtbot.assertNotEmitted(notifier.answered):
        icon.messageClicked.emit()  # clicked once, or replaced by a hint: opens nothing
    notifier.shutdown()


def test_the_real_notifier_asks_the_desktop_first_and_plyer_after_the_tray(tmp_path) -> None:
    from desktop.tray.desktop_notifications import DesktopNotifications
    from desktop.tray.notifier import PlyerBackend
    from desktop.tray.parts import desktop_parts

    parts = desktop_parts(clock=None, data_dir=tmp_path, server_name="unused-for-this-test")
    try:
        assert isinstance(parts.notifier.primary, DesktopNotifications)
        assert [type(b) for b in parts.notifier.fallbacks] == [PlyerBackend]
        # No session bus in the tests: the desktop's notifications say so and step aside.
        with pytest.raises(RuntimeError, match="no D-Bus session"):
            parts.notifier.primary.send(NOTICE)
    finally:
        parts.notifier.shutdown()
        if parts.server is not None:
            parts.server.close()


def test_a_blocking_fallback_runs_off_the_gui_thread(qtbot) -> None:
    import threading

    threads: list[str] = []

    class Plyer(Recording):
        blocking = True

        def send(self, notice: Notice) -> None:
            threads.append(threading.current_thread().name)
            super().send(notice)

    notifier = Notifier(None, [Broken("tray balloon"), Plyer("plyer")])
    with qtbot.waitSignal(notifier.delivered, timeout=5000) as caught:
        notifier.deliver(NOTICE)
    assert caught.args == [NOTICE, "plyer"]
    assert threads and threads[0] != threading.main_thread().name
    assert notifier.in_flight == 0
    notifier.shutdown()


def test_answers_from_the_desktop_reach_the_database_through_the_companion(
    qtbot, store, clock, tmp_path
) -> None:
    from PySide6.QtCore import QSettings
    from PySide6.QtWidgets import QApplication

    from desktop.tray.companion import Companion
    from desktop.tray.single_instance import InstanceLock, server_name
    from desktop.ui.main_window import MainWindow
    from desktop.ui.preferences_dialog import PreferencesDialog
    from tests.tray_doubles import parts_for_tests

    log_interview(interview_draft(clock, starts_at="2026-11-22 08:00"), clock)
    clock.advance(hours=2)
    notices = Recording()
    ui_state = QSettings(str(tmp_path / "ui.ini"), QSettings.Format.IniFormat)
    window = MainWindow(clock, ui_state, tmp_path / "data", confirm=lambda *_: True)
    qtbot.addWidget(window)
    lock = InstanceLock(tmp_path / "data")
    assert lock.acquire()
    runtime = tmp_path / "run"
    runtime.mkdir(mode=0o700)
    parts = parts_for_tests(
        clock, tmp_path / "data", server_name(tmp_path / "data", str(runtime)), tmp_path, notices
    )
    companion = Companion(QApplication.instance(), window, clock, tmp_path / "data", ui_state,
                          lock, parts, make_preferences=PreferencesDialog)  # fmt: skip
    try:
        with qtbot.waitSignal(companion.notifier.delivered):
            companion.start(background=False)
        # The debrief and the thank-you are one moment: one notice for both.
        (moment,) = notices.sent
        debrief_id, thank_you_id = moment.reminder_ids
        assert companion.tray.waiting and len(companion.tray.waiting) == 2

        # A step told alone (as when it comes back from a snooze) can be marked done.
        alone = Notice("Send a thank-you note", "…", (thank_you_id,), moment.key)
        companion.notifier.answered.emit(alone, DONE)
        assert _state(thank_you_id) == "done"
        assert len(companion.tray.waiting) == 1  # the badge and Today follow
        assert window.windowTitle().endswith("(1)")
        assert companion.scheduler.scheduled_for is not None

        companion.notifier.answered.emit(moment, OPEN)  # the moment opens its first step
        qtbot.waitUntil(lambda: window.active_dialog is not None)
        assert window.active_dialog.windowTitle() == "Debrief — Acme, Data Analyst"
        window.active_dialog.reject()

        companion.notifier.answered.emit(moment, SNOOZE)
        assert _state(debrief_id) == "snoozed"
        assert companion.tray.waiting == []
    finally:
        companion.shut_down()


def test_a_desktop_without_actions_is_said_once_not_as_a_failure(qtbot, caplog) -> None:
    import logging

    from desktop.tray.notifier import NotHere

    class NoActions(Recording):
        def send(self, notice: Notice) -> None:
            raise NotHere("the notification service shows no actions")

    caplog.set_level(logging.INFO, logger="desktop.tray.notifier")
    message = Recording("tray balloon")
    notifier = Notifier(NoActions("desktop notifications"), [message])
    for _ in range(2):
        with qtbot.waitSignal(notifier.delivered, timeout=5000):
            notifier.deliver(NOTICE)
    assert message.sent == [NOTICE, NOTICE]
    told = [r for r in caplog.records if "not here" in r.getMessage()]
    assert len(told) == 1 and told[0].levelno == logging.INFO
    assert "shows no actions" in told[0].getMessage()
    assert not [r for r in caplog.records if r.levelno >= logging.WARNING]
    notifier.shutdown()
