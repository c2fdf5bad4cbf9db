"""Answering a reminder where it appears, end to end: the real `debrief` process sends its
notifications to the real dunst over D-Bus; a test invokes their actions through dunst
(its context menu, or `dunstctl action`, what a click does) and looks at the database,
the window and the screen."""

from __future__ import annotations

import subprocess
import sys
from datetime import timedelta
from pathlib import Path

import pytest
from PySide6.QtDBus import QDBusConnection

from db.connection import close_database
from db.models import Reminder
from db.store import open_store
from desktop.playbook.notices import Notice
from desktop.services import reminders
from desktop.tray.desktop_notifications import DesktopNotifications
from desktop.tray.notifier import Notifier
from tests.desktop_session import REPO, DesktopSession, wait_until
from tests.tray_helpers import (
    CLOCK,
    new_notifications,
    ready,
    seed,
    seed_one_waiting_for_a_day,
    snooze_seconds,
    status,
)

pytestmark = pytest.mark.desktop_session

THANK_YOU = "Send a thank-you note to Dana Li — Acme, Data Analyst"
DEBRIEF = "Write your debrief while it's fresh — Acme, Data Analyst"
DEBRIEF_FORM = "Debrief — Acme, Data Analyst"


def reminder_state(data_dir: Path, reminder_id: int) -> tuple[str, object]:
    open_store(data_dir)
    try:
        reminder = Reminder.get_by_id(reminder_id)
        return reminder.state, reminder.due_at
    finally:
        close_database()


def reminder_titled(data_dir: Path, due: list[int], title_start: str) -> int:
    open_store(data_dir)
    try:
        kinds = {"Send a thank-you": "thank_you", "Write your debrief": "debrief"}
        kind = next(k for start, k in kinds.items() if title_start.startswith(start))
        return next(i for i in due if Reminder.get_by_id(i).kind == kind)
    finally:
        close_database()


def shown(desktop: DesktopSession, before: int, summary: str) -> dict[str, object]:
    found = wait_until(
        lambda: next(
            (n for n in desktop.notifications()[before:] if n["summary"] == summary), None
        ),
        timeout=30,
    )
    assert found, f"{summary!r} never reached dunst: {desktop.notifications()[before:]}"
    return found


def seed_one_step(data_dir: Path, title_start: str) -> int:
    """The seeded moment with every step answered but one, snoozed until tomorrow: when it
    comes back it is told alone (a moment of several steps offers no Done)."""
    due = seed(data_dir)
    step = reminder_titled(data_dir, due, title_start)
    open_store(data_dir)
    try:
        for other in due:
            if other != step:
                reminders.mark_done(other, CLOCK)
        reminders.snooze(step, CLOCK.now() + timedelta(days=1), CLOCK)
    finally:
        close_database()
    return step


def test_done_on_the_notification_answers_the_step_everywhere(desktop, apps, tmp_path) -> None:
    data_dir = tmp_path / "data"
    thank_you = seed_one_step(data_dir, THANK_YOU)
    desktop.close_all_notifications()
    before = len(desktop.notifications())
    apps.append(desktop.launch(data_dir))  # with its window, to see Today follow
    assert ready(desktop, data_dir)["waiting"] == 0
    snooze_seconds(desktop, data_dir, thank_you, seconds=1)
    note = shown(desktop, before, THANK_YOU)
    assert note["id"]
    assert wait_until(lambda: desktop.top_level_named("Debrief (1)"), timeout=30)

    offered = desktop.invoke_action(note["id"], "done")
    mine = [line for line in offered if line.endswith(f"[{note['id']},done]") or
            f"[{note['id']}," in line]  # fmt: skip
    assert sorted(line.split(" (")[0] for line in mine) == [
        "#Done", "#Open", "#Snooze 1 hour"  # Open once: the default action, what a click sends
    ]  # fmt: skip

    assert wait_until(lambda: reminder_state(data_dir, thank_you)[0] == "done", timeout=30)
    assert wait_until(lambda: status(desktop, data_dir)["waiting"] == 0, timeout=30)
    assert wait_until(lambda: desktop.top_level_named("Debrief"), timeout=30)  # Today too
    # Answered, the notification is gone.
    assert wait_until(lambda: desktop.displayed() == 0, timeout=30)


def test_snooze_on_the_notification_brings_the_moment_back_in_an_hour(
    desktop, apps, tmp_path
) -> None:
    """The seeded interview's call, debrief and thank-you are one notification; its
    Snooze moves all three."""
    data_dir = tmp_path / "data"
    due = seed(data_dir)
    before = len(desktop.notifications())
    apps.append(desktop.launch(data_dir, "--background"))
    (note,) = new_notifications(desktop, before, 1)
    assert note["summary"].startswith("After your Acme interview — ")
    assert ready(desktop, data_dir)["waiting"] == 3

    desktop.invoke_action(note["id"], "snooze")
    assert wait_until(lambda: status(desktop, data_dir)["waiting"] == 0, timeout=30)
    for step in due:
        state, due_at = reminder_state(data_dir, step)
        hours = (due_at - CLOCK.now()).total_seconds() / 3600
        assert state == "snoozed" and 0.9 < hours <= 1.0  # the notification's snooze: an hour


@pytest.mark.parametrize(
    ("summary", "dialog"),
    [(THANK_YOU, "Write a note — Acme, Data Analyst"), (DEBRIEF, DEBRIEF_FORM)],
)
def test_a_click_on_the_notification_opens_what_the_step_needs(
    desktop, apps, tmp_path, summary, dialog
) -> None:
    data_dir = tmp_path / "data"
    step = seed_one_step(data_dir, summary)
    desktop.close_all_notifications()
    before = len(desktop.notifications())
    apps.append(desktop.launch(data_dir, "--background"))
    assert ready(desktop, data_dir)["window_visible"] is False
    snooze_seconds(desktop, data_dir, step, seconds=1)
    note = shown(desktop, before, summary)

    desktop.invoke_action(note["id"], "default")  # what a click on it sends
    assert wait_until(lambda: desktop.top_level_named(dialog), timeout=30), dialog
    assert status(desktop, data_dir)["window_visible"] is True
    assert status(desktop, data_dir)["waiting"] == 1  # opened, not answered


def test_a_click_through_dunst_opens_the_step(desktop, apps, tmp_path) -> None:
    """`dunstctl action 0` is dunst's own "do the action" on the notification on top, what
    a click does where the desktop binds it: the default action."""
    data_dir = tmp_path / "data"
    reminder = seed_one_waiting_for_a_day(data_dir)
    desktop.close_all_notifications()
    before = len(desktop.notifications())
    apps.append(desktop.launch(data_dir, "--background"))
    assert ready(desktop, data_dir)["window_visible"] is False
    snooze_seconds(desktop, data_dir, reminder, seconds=1)
    assert len(new_notifications(desktop, before, 1, timeout=30)) == 1
    assert wait_until(lambda: desktop.displayed() == 1, timeout=30)

    subprocess.run(["dunstctl", "action", "0"], env=desktop.env, check=True, timeout=30)
    assert wait_until(lambda: status(desktop, data_dir)["window_visible"], timeout=30)
    assert wait_until(lambda: desktop.displayed() == 0, timeout=30)  # answered: closed


def test_a_renotified_group_replaces_its_notification(desktop, qtbot) -> None:
    """A notice shown again under the same key (a group of steps, told again) takes the
    place of the one on screen; a group offers no Done, and its Snooze comes back."""
    desktop.close_all_notifications()
    connection = QDBusConnection.connectToBus(desktop.env["DBUS_SESSION_BUS_ADDRESS"], "groups")
    assert connection.isConnected()
    backend = DesktopNotifications(None, connection)
    notifier = Notifier(backend, [])
    before = len(desktop.notifications())
    first = Notice("2 steps after your interview", "• one\n• two", (11, 12), key="moment-7")
    with qtbot.waitSignal(notifier.delivered, timeout=30_000):
        notifier.deliver(first)
    (shown_first,) = new_notifications(desktop, before, 1, timeout=30)
    again = Notice("3 steps after your interview", "• one\n• two\n• three", (11, 12, 13),
                   key="moment-7")  # fmt: skip
    with qtbot.waitSignal(notifier.delivered, timeout=30_000):
        notifier.deliver(again)
    both = new_notifications(desktop, before, 2, timeout=30)
    assert [n["summary"] for n in both] == [first.summary, again.summary]
    assert both[1]["id"] == shown_first["id"]  # replaced, not stacked
    assert desktop.displayed() == 1

    with qtbot.waitSignal(notifier.answered, timeout=30_000) as caught:
        offered = desktop.invoke_action(shown_first["id"], "snooze")
    labels = sorted(line.split(" (")[0] for line in offered if f"[{shown_first['id']}," in line)
    assert labels == ["#Open", "#Snooze 1 hour"]  # no Done for several steps
    assert caught.args == [again, "snooze"]
    assert wait_until(lambda: desktop.displayed() == 0, timeout=30)
    notifier.shutdown()
    QDBusConnection.disconnectFromBus("groups")


def test_without_actions_a_click_on_the_tray_message_opens_the_step(
    desktop, apps, tmp_path
) -> None:
    """A notification service that shows no actions (a stand-in on a bus of this test's
    own): the notice goes to the tray's message instead, and a click on it opens the step."""
    bus = subprocess.Popen(["dbus-daemon", "--session", "--nofork", "--print-address=1"],
                           stdout=subprocess.PIPE, stderr=subprocess.DEVNULL, text=True)  # fmt: skip
    fake = None
    try:
        address = bus.stdout.readline().strip() if bus.stdout else ""
        assert address, "dbus-daemon did not start"
        own_bus = {"DBUS_SESSION_BUS_ADDRESS": address}
        started = tmp_path / "fake-ready"
        fake = subprocess.Popen([sys.executable, "-m", "tests.fake_notifications", address,
                                 str(started)], cwd=REPO, env={**desktop.env, **own_bus})  # fmt: skip
        assert wait_until(started.exists, timeout=30), "the stand-in service never started"
        data_dir = tmp_path / "data"
        reminder = seed_one_waiting_for_a_day(data_dir)
        apps.append(desktop.launch(data_dir, "--background", env=own_bus))
        assert ready(desktop, data_dir)["window_visible"] is False
        before = set(desktop.top_level_named("Debrief"))
        snooze_seconds(desktop, data_dir, reminder, seconds=1)

        message = wait_until(lambda: set(desktop.top_level_named("Debrief")) - before, timeout=30)
        assert message, "no tray message appeared"
        desktop.xdotool("mousemove", "--window", message.pop(), "20", "20", "click", "1")
        assert wait_until(lambda: desktop.top_level_named(DEBRIEF_FORM), timeout=30)
        assert status(desktop, data_dir)["waiting"] == 1  # opened, not answered
        assert not (tmp_path / "notify-calls").exists()  # the service was asked nothing more
    finally:
        for process in (fake, bus):
            if process is not None:
                process.terminate()
                process.wait(timeout=10)
