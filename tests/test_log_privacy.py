"""Personal text stays out of debrief.log unless the debug switch is on."""

from __future__ import annotations

import logging

import pytest

from desktop.playbook.notices import Notice
from desktop.tray.notifier import Notifier
from tests.test_companion import make, notices  # noqa: F401 - the fixtures

PRIVATE = Notice(
    "Send a thank-you note to Dana Li — Acme, Data Analyst", "Today.", (1,), "o1:after:i1"
)


class QuotingBroken:
    """Like a failed notify-send, whose error quotes the command line with the text."""

    name = "plyer"

    def send(self, notice: Notice) -> None:
        raise RuntimeError(f"notify-send {notice.summary!r} returned 1")


@pytest.mark.parametrize("debug", [False, True])
def test_a_notification_is_logged_without_its_text_unless_debugging(
    make,  # noqa: F811
    caplog,
    monkeypatch,
    debug: bool,
) -> None:
    if debug:
        monkeypatch.setenv("DEBRIEF_DEBUG", "1")
    else:
        monkeypatch.delenv("DEBRIEF_DEBUG", raising=False)
    companion = make()
    with caplog.at_level(logging.INFO):
        companion.notifier.delivered.emit(PRIVATE, "plyer")
    assert "notified via plyer" in caplog.text
    assert ("Dana Li" in caplog.text) is debug


def test_a_failed_notification_is_logged_without_its_text(qtbot, caplog, monkeypatch) -> None:
    monkeypatch.delenv("DEBRIEF_DEBUG", raising=False)
    notifier = Notifier(QuotingBroken(), [])
    with caplog.at_level(logging.INFO), qtbot.waitSignal(notifier.failed, timeout=5000):
        notifier.deliver(PRIVATE)
    notifier.shutdown()
    assert "could not notify (RuntimeError" in caplog.text
    assert "no way to show" in caplog.text
    assert "Dana Li" not in caplog.text and "Acme" not in caplog.text


def test_the_debug_switch_on_the_command_line(tmp_path) -> None:
    from tests.conftest import run_cli

    data = tmp_path / "data"
    done = run_cli(data, "--debug", "list")
    assert done.returncode == 0, done.stderr
    # Peewee logs each query at DEBUG: with the switch on, the log is detailed.
    assert "SELECT" in (data / "debrief.log").read_text()
    plain = tmp_path / "plain"
    assert run_cli(plain, "list").returncode == 0
    assert "SELECT" not in (plain / "debrief.log").read_text()
