"""End to end, on a real desktop: the real `debrief` process, Xvfb, D-Bus, dunst, trayer.

Each test seeds a real database, launches the app, and asserts on what the notification
daemon received and on the tray state the running app reports over its socket.
"""

from __future__ import annotations

import time
from pathlib import Path

import pytest

from tests.desktop_session import wait_until
from tests.tray_helpers import new_notifications, ready, seed, seed_one_due_soon, status

pytestmark = pytest.mark.desktop_session


def test_overdue_reminders_are_notified_at_start(desktop, apps, tmp_path) -> None:
    data_dir = tmp_path / "data"
    due = seed(data_dir)
    before = len(desktop.notifications())
    apps.append(desktop.launch(data_dir, "--background"))
    got = new_notifications(desktop, before, len(due))
    summaries = sorted(n["summary"] for n in got)
    assert summaries == [
        "Call Sam Roe with your feedback — Acme, Data Analyst",
        "Send a thank-you note to Dana Li — Acme, Data Analyst",
        "Write your debrief while it's fresh — Acme, Data Analyst",
    ]
    assert {n["app"] for n in got} == {"Debrief"}
    thank_you = next(n for n in got if n["summary"].startswith("Send a thank-you"))
    assert "thanks" in thank_you["body"]
    assert Path(thank_you["icon"]).is_file()
    assert thank_you["desktop_entry"] == "org.debrief.Debrief"
    state = ready(desktop, data_dir)
    assert state["waiting"] == 3
    assert state["tooltip"].splitlines()[0] == "Debrief: 3 reminders waiting"


def test_many_missed_reminders_arrive_as_one_summary(desktop, apps, tmp_path) -> None:
    data_dir = tmp_path / "data"
    due = seed(data_dir, interviews=2)
    assert len(due) == 6
    before = len(desktop.notifications())
    apps.append(desktop.launch(data_dir, "--background"))
    got = new_notifications(desktop, before, 1)
    assert [n["summary"] for n in got] == ["6 reminders while you were away"]
    time.sleep(1)  # nothing else follows the summary
    assert len(desktop.notifications()) == before + 1
    assert ready(desktop, data_dir)["waiting"] == 6


def test_a_reminder_due_seconds_after_launch_fires_on_time(desktop, apps, tmp_path) -> None:
    data_dir = tmp_path / "data"
    due_at = seed_one_due_soon(data_dir, seconds=10)
    before = len(desktop.notifications())
    apps.append(desktop.launch(data_dir, "--background"))
    state = ready(desktop, data_dir)
    assert state["waiting"] == 0
    assert len(desktop.notifications()) == before, "fired before it was due"
    got = new_notifications(desktop, before, 1, timeout=30)
    assert len(got) == 1
    lateness = got[0]["t"] - due_at.timestamp()
    print(f"notified {lateness:+.2f} s from the due time")
    assert -0.5 < lateness < 3, f"fired {lateness:+.1f} s from its due time"
    assert ready(desktop, data_dir)["waiting"] == 1


def test_a_second_launch_raises_the_first_and_never_notifies_twice(desktop, apps, tmp_path) -> None:
    data_dir = tmp_path / "data"
    due = seed(data_dir)
    before = len(desktop.notifications())
    apps.append(desktop.launch(data_dir, "--background"))
    assert len(new_notifications(desktop, before, len(due))) == len(due)
    assert ready(desktop, data_dir)["window_visible"] is False

    second = desktop.launch(data_dir)
    apps.append(second)
    assert second.wait(timeout=30) == 0
    assert wait_until(lambda: status(desktop, data_dir)["window_visible"], timeout=10)
    assert desktop.top_level_named("Debrief (3)")
    time.sleep(2)
    assert len(desktop.notifications()) == before + len(due)


def test_answering_from_the_command_line_updates_the_running_tray(desktop, apps, tmp_path) -> None:
    data_dir = tmp_path / "data"
    due = seed(data_dir)
    apps.append(desktop.launch(data_dir, "--background"))
    assert wait_until(lambda: (s := status(desktop, data_dir)) and s["waiting"] == 3, timeout=30)

    answered = desktop.cli(data_dir, "done", str(due[0]))
    assert answered.returncode == 0, answered.stderr
    started = time.monotonic()
    assert wait_until(lambda: status(desktop, data_dir)["waiting"] == 2, timeout=5)
    took = time.monotonic() - started
    print(f"the running tray followed the command line in {took:.2f} s")
    assert took < 1.0
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


def test_a_reminder_is_answered_from_the_real_tray_menu(desktop, apps, tmp_path) -> None:
    data_dir = tmp_path / "data"
    seed(data_dir)
    apps.append(desktop.launch(data_dir, "--background"))
    assert wait_until(lambda: (s := status(desktop, data_dir)) and s["waiting"] == 3, timeout=30)
    icon = wait_until(desktop.tray_icon_window, timeout=10)
    assert icon, desktop.tray_children()

    desktop.xdotool("mousemove", "--window", icon, "10", "10", "click", "3")
    assert wait_until(lambda: desktop.top_level_named("Debrief"), timeout=10), "no menu"
    for key in ("Down", "Right", "Return"):  # first waiting reminder ▸ Done
        time.sleep(0.4)
        desktop.xdotool("key", key)

    assert wait_until(lambda: status(desktop, data_dir)["waiting"] == 2, timeout=10)
    due = desktop.cli(data_dir, "due", "--json")
    assert "Call Sam Roe" not in due.stdout and "Write your debrief" in due.stdout
