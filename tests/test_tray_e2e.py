"""End to end, on a real desktop: the real `debrief` process, Xvfb, D-Bus, dunst, trayer.

Each test seeds a real database, launches the app, and asserts on what the notification
daemon received and on the tray state the running app reports over its socket.
"""

from __future__ import annotations

import subprocess
from pathlib import Path

import pytest

from tests.desktop_session import wait_until
from tests.tray_helpers import (
    new_notifications,
    quiet,
    ready,
    received_up_to_a_marker,
    seed,
    seed_one_waiting_for_a_day,
    snooze_seconds,
    status,
)

pytestmark = pytest.mark.desktop_session


def test_overdue_reminders_are_notified_at_start(desktop, apps, tmp_path) -> None:
    data_dir = tmp_path / "data"
    due = seed(data_dir)
    before = len(desktop.notifications())
    apps.append(desktop.launch(data_dir, "--background"))
    assert len(due) == 3
    # The call, the debrief and the thank-you are one moment: one notification names them.
    (notice,) = new_notifications(desktop, before, 1)
    assert notice["summary"].startswith("After your Acme interview — ")
    assert notice["body"].splitlines() == [
        "• Call Sam Roe with your feedback",
        "• Write your debrief while it's fresh",
        "• Send a thank-you note to Dana Li",
    ]
    assert notice["app"] == "Debrief"
    assert Path(notice["icon"]).is_file()
    assert notice["desktop_entry"] == "org.debrief.Debrief"
    state = ready(desktop, data_dir)
    assert state["waiting"] == 3
    assert state["tooltip"].splitlines()[0] == "Debrief: 3 reminders waiting"
    quiet(desktop, data_dir)
    assert len(received_up_to_a_marker(desktop, before)) == 1  # and nothing else


def test_many_missed_reminders_arrive_as_one_summary(desktop, apps, tmp_path) -> None:
    data_dir = tmp_path / "data"
    due = seed(data_dir, interviews=4)  # four moments: more than a few
    assert len(due) == 12
    before = len(desktop.notifications())
    apps.append(desktop.launch(data_dir, "--background"))
    got = new_notifications(desktop, before, 1)
    assert [n["summary"] for n in got] == ["12 reminders while you were away"]
    assert quiet(desktop, data_dir)["waiting"] == 12
    summaries = [n["summary"] for n in received_up_to_a_marker(desktop, before)]
    assert summaries == ["12 reminders while you were away"]  # and nothing else


def test_a_reminder_due_seconds_from_now_fires_when_due(desktop, apps, tmp_path) -> None:
    data_dir = tmp_path / "data"
    reminder = seed_one_waiting_for_a_day(data_dir)
    before = len(desktop.notifications())
    apps.append(desktop.launch(data_dir, "--background"))
    state = ready(desktop, data_dir)
    assert state["waiting"] == 0 and state["next_wake_up"] is not None  # tomorrow
    assert len(desktop.notifications()) == before
    due_at = snooze_seconds(desktop, data_dir, reminder, seconds=2)  # the app has re-armed
    got = new_notifications(desktop, before, 1, timeout=30)
    assert len(got) == 1
    lateness = got[0]["t"] - due_at.timestamp()
    print(f"notified {lateness:+.2f} s from the due time")  # punctuality is for `make bench`
    assert lateness >= 0, f"fired {-lateness:.1f} s before its due time"
    assert quiet(desktop, data_dir)["waiting"] == 1


def test_a_second_launch_raises_the_first_and_never_notifies_twice(desktop, apps, tmp_path) -> None:
    data_dir = tmp_path / "data"
    due = seed(data_dir)
    before = len(desktop.notifications())
    apps.append(desktop.launch(data_dir, "--background"))
    assert len(due) == 3
    assert len(new_notifications(desktop, before, 1)) == 1  # one moment, one notification
    assert ready(desktop, data_dir)["window_visible"] is False

    second = desktop.launch(data_dir)
    apps.append(second)
    assert second.wait(timeout=30) == 0
    assert wait_until(lambda: status(desktop, data_dir)["window_visible"], timeout=10)
    assert desktop.top_level_named("Debrief (3)")
    quiet(desktop, data_dir)
    assert len(received_up_to_a_marker(desktop, before)) == 1  # none from either again


def test_answering_from_the_command_line_updates_the_running_tray(desktop, apps, tmp_path) -> None:
    data_dir = tmp_path / "data"
    due = seed(data_dir)
    apps.append(desktop.launch(data_dir, "--background"))
    assert wait_until(lambda: (s := status(desktop, data_dir)) and s["waiting"] == 3, timeout=30)

    answered = desktop.cli(data_dir, "done", str(due[0]))
    assert answered.returncode == 0, answered.stderr
    # Nothing else wakes the app before the next reminder, hours away: only the command
    # line's message can make it re-read.
    assert wait_until(lambda: status(desktop, data_dir)["waiting"] == 2, timeout=30)
    assert status(desktop, data_dir)["tooltip"].splitlines()[0] == "Debrief: 2 reminders waiting"


def test_background_start_shows_the_tray_icon_and_no_window(desktop, apps, tmp_path) -> None:
    data_dir = tmp_path / "data"
    seed(data_dir, hours_ago=-48)  # an interview in two days: nothing due yet
    apps.append(desktop.launch(data_dir, "--background"))
    state = ready(desktop, data_dir)
    assert state["tray_visible"] is True
    assert state["window_visible"] is False
    assert state["next_wake_up"] is not None
    assert wait_until(lambda: "Debrief" in desktop.tray_children(), timeout=10)
    assert not desktop.top_level_named("Debrief")
    # The icon shown before the database was opened is the one the companion keeps.
    assert desktop.tray_children().count('("debrief" "Debrief")') == 1


def test_a_reminder_is_answered_from_the_real_tray_menu(desktop, apps, tmp_path) -> None:
    data_dir = tmp_path / "data"
    seed(data_dir)
    apps.append(desktop.launch(data_dir, "--background"))
    assert wait_until(lambda: (s := status(desktop, data_dir)) and s["waiting"] == 3, timeout=30)
    icon = wait_until(desktop.tray_icon_window, timeout=10)
    assert icon, desktop.tray_children()

    desktop.xdotool("mousemove", "--window", icon, "10", "10", "click", "3")
    assert wait_until(lambda: len(desktop.top_level_named("Debrief")) == 1, timeout=30), "no menu"
    # The menu takes the keyboard as it handles its mapping: one answer over the socket
    # later, it has. Keys then arrive in order.
    assert status(desktop, data_dir)
    desktop.xdotool("key", "Down", "Right")  # the first waiting reminder ▸ its submenu
    assert wait_until(lambda: len(desktop.top_level_named("Debrief")) == 2, timeout=30)
    assert status(desktop, data_dir)
    desktop.xdotool("key", "Return")  # Done, the submenu's first item

    assert wait_until(lambda: status(desktop, data_dir)["waiting"] == 2, timeout=10)
    due = desktop.cli(data_dir, "due", "--json")
    assert "Call Sam Roe" not in due.stdout and "Write your debrief" in due.stdout


def test_a_window_start_paints_before_the_tray_starts(desktop, apps, tmp_path) -> None:
    from desktop.startup_probe import ENV as PROBE_ENV

    data_dir, marks = tmp_path / "data", tmp_path / "marks"
    seed(data_dir, hours_ago=-48)
    apps.append(desktop.launch(data_dir, env={PROBE_ENV: str(marks)}))
    state = ready(desktop, data_dir)  # the companion answers on its socket
    assert state["window_visible"] is True and state["tray_visible"] is True
    assert wait_until(lambda: "ready" in marks.read_text(), timeout=10)
    order = [line.split()[0] for line in marks.read_text().splitlines()]
    # The window paints before the database is opened, reads its list, then the tray starts.
    assert order == ["painted", "filled", "tray", "ready"]
    assert desktop.tray_children().count('("debrief" "Debrief")') == 1


def test_quit_from_the_window_ends_the_program_first_time_and_every_time(
    desktop, apps, tmp_path
) -> None:
    # Qt's quit asks every window to close first. The window, which hides to the tray when
    # closed, refused, so File > Quit (Ctrl+Q) hid it, showed the "still running" hint and
    # left Debrief running, often with its tray icon gone. A new folder: the hint not yet
    # shown, as on a first quit.
    data_dir = tmp_path / "data"
    seed(data_dir, hours_ago=-48)
    for _time in range(2):
        app = desktop.launch(data_dir)
        apps.append(app)
        state = ready(desktop, data_dir)
        assert state["window_visible"] is True and state["tray_visible"] is True
        # The window itself (the tray icon's is named Debrief too, inside trayer).
        window = wait_until(lambda: desktop.top_level_named("Debrief"), timeout=10)
        assert window, "no window"
        # Not checked: the window may be gone before xdotool puts the modifiers back.
        subprocess.run(
            ["xdotool", "windowfocus", "--sync", window[0], "key", "--clearmodifiers", "ctrl+q"],
            env=desktop.env, timeout=10, capture_output=True,
        )  # fmt: skip
        assert app.wait(timeout=20) == 0
