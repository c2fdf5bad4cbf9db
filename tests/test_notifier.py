"""Notices and their delivery: wording, the summary threshold, and the fallback chain."""

from __future__ import annotations

from datetime import UTC, datetime

from db.vocabulary import ReminderState
from desktop.playbook.notices import INDIVIDUAL_LIMIT, Notice, notices_for
from desktop.playbook.rules import Kind
from desktop.playbook.texts import WHY, title
from desktop.services.reminders import ReminderView
from desktop.tray.notifier import BannerBackend, Notifier
from tests.tray_doubles import Broken, Recording


def _view(ident: int, kind: Kind = Kind.THANK_YOU) -> ReminderView:
    return ReminderView(
        id=ident,
        kind=kind,
        title=title(kind, "Acme, Data Analyst", "Dana Li"),
        why=WHY[kind],
        due_at=datetime(2026, 11, 22, tzinfo=UTC),
        state=ReminderState.PENDING,
        opportunity_id=1,
        interview_id=1,
    )


def test_a_few_arrive_one_by_one_saying_what_to_do_and_for_whom() -> None:
    notices = notices_for([_view(1), _view(2, Kind.DEBRIEF)], frozenset(), away=True)
    assert notices[0] == Notice(
        "Send a thank-you note to Dana Li — Acme, Data Analyst", WHY[Kind.THANK_YOU], (1,)
    )
    assert [n.reminder_ids for n in notices] == [(1,), (2,)]


def test_more_than_a_few_become_one_summary_naming_the_first_ones() -> None:
    views = [_view(i) for i in range(1, INDIVIDUAL_LIMIT + 3)]
    (away,) = notices_for(views, frozenset(), away=True)
    assert away.summary == f"{len(views)} reminders while you were away"
    assert away.reminder_ids == tuple(range(1, INDIVIDUAL_LIMIT + 3))
    assert away.body.count("• ") == 3 and "…and 2 more" in away.body
    (now,) = notices_for(views, frozenset(), away=False)
    assert now.summary == f"{len(views)} reminders are due"


def test_silenced_kinds_are_left_out() -> None:
    views = [_view(1), _view(2, Kind.DEBRIEF)]
    assert [n.reminder_ids for n in notices_for(views, frozenset({"debrief"}), True)] == [(1,)]
    assert notices_for(views, frozenset({"debrief", "thank_you"}), True) == []


NOTICE = Notice("Send a thank-you note", "Today.", (1,))


def test_the_primary_backend_delivers_off_the_gui_thread(qtbot) -> None:
    primary = Recording("plyer")
    notifier = Notifier(primary, [Recording("balloon")])
    with qtbot.waitSignal(notifier.delivered, timeout=5000) as caught:
        notifier.deliver(NOTICE)
    assert caught.args == [NOTICE, "plyer"]
    assert primary.sent == [NOTICE]
    notifier.shutdown()


def test_when_plyer_fails_the_next_backend_shows_it(qtbot) -> None:
    broken, balloon = Broken("plyer"), Recording("balloon")
    notifier = Notifier(broken, [Broken("tray"), balloon])
    with qtbot.waitSignal(notifier.delivered, timeout=5000) as caught:
        notifier.deliver(NOTICE)
    assert caught.args == [NOTICE, "balloon"]
    assert balloon.sent == [NOTICE] and broken.tried == 1
    notifier.shutdown()


def test_when_everything_fails_it_is_logged_and_nothing_crashes(qtbot, caplog) -> None:
    notifier = Notifier(Broken("plyer"), [Broken("banner")])
    with qtbot.waitSignal(notifier.failed, timeout=5000):
        notifier.deliver(NOTICE)
    assert "no way to show" in caplog.text
    notifier.shutdown()


def test_the_banner_backend_puts_the_notice_in_the_window() -> None:
    shown: list[str] = []
    BannerBackend(shown.append).send(NOTICE)
    assert shown == ["Send a thank-you note\nToday."]


def test_it_counts_what_is_still_on_its_way(qtbot) -> None:
    """The running app reports the count, so a test knows when nothing more is coming."""
    import threading

    release = threading.Event()

    class Slow(Recording):
        def send(self, notice: Notice) -> None:
            release.wait(timeout=30)
            super().send(notice)

    notifier = Notifier(Slow("plyer"), [])
    notifier.deliver(NOTICE)
    notifier.deliver(NOTICE)
    assert notifier.in_flight == 2
    with qtbot.waitSignals([notifier.delivered] * 2, timeout=5000):
        release.set()
    assert notifier.in_flight == 0
    notifier.shutdown()

    broken = Notifier(Broken("plyer"), [])
    with qtbot.waitSignal(broken.failed, timeout=5000):
        broken.deliver(NOTICE)
    assert broken.in_flight == 0  # a failure is not on its way any more either
    broken.shutdown()


def test_outside_the_desktop_session_notify_send_is_a_trap(notify_send_trap) -> None:
    """Guards the guard: plyer's notify-send is the trap here, and it tells on a call."""
    import shutil

    from desktop.tray.notifier import PlyerBackend

    assert shutil.which("notify-send") == str(notify_send_trap.script)
    PlyerBackend(None).send(Notice("Hello", "from a test", (1,)))
    assert len(notify_send_trap.calls()) == 1 and "Hello" in notify_send_trap.calls()[0]
    notify_send_trap.forget()  # seen on purpose: the teardown must not fail this test
