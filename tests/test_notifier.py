"""Notices and their delivery: wording, the summary threshold, and the fallback chain."""

from __future__ import annotations

from datetime import UTC, datetime
from zoneinfo import ZoneInfo

from db.vocabulary import ReminderState
from desktop.playbook.notices import INDIVIDUAL_LIMIT, Notice, notices_for
from desktop.playbook.rules import Kind
from desktop.playbook.texts import WHY, title
from desktop.services.reminders import ReminderView
from desktop.tray.notifier import BannerBackend, Notifier
from tests.tray_doubles import Broken, Recording

BERLIN = ZoneInfo("Europe/Berlin")


def _view(
    ident: int, kind: Kind = Kind.THANK_YOU, interview: int = 1, person: str = "Dana Li"
) -> ReminderView:
    made = title(kind, "Acme, Data Analyst", person)
    return ReminderView(
        id=ident,
        kind=kind,
        title=made,
        why=WHY[kind],
        due_at=datetime(2026, 11, 22, 12, tzinfo=UTC),
        state=ReminderState.PENDING,
        opportunity_id=interview,
        interview_id=interview,
        key=f"o{interview}:{kind.value}:i{interview}:p{ident}",
        task=made.removesuffix(" — Acme, Data Analyst"),
        company="Acme",
        interview_at=datetime(2026, 11, 22, 9, tzinfo=UTC),
    )


def test_a_few_moments_arrive_one_by_one_saying_what_to_do_and_for_whom() -> None:
    notices = notices_for(
        [_view(1), _view(2, Kind.REJECTION_REPLY, interview=2)], frozenset(), True, BERLIN
    )
    assert notices[0] == Notice(
        "Send a thank-you note to Dana Li — Acme, Data Analyst",
        WHY[Kind.THANK_YOU],
        (1,),
        "o1:after:i1",
    )
    assert [n.reminder_ids for n in notices] == [(1,), (2,)]
    assert notices[1].key == "o2:rejection_reply:i2:p2"  # a step of its own: its own key


def test_one_interview_with_two_interviewers_and_a_recruiter_is_one_notice() -> None:
    """Issue #18: the debrief, the call and both thank-yous are one moment, one popup."""
    steps = [
        _view(1, Kind.RECRUITER_CALL, person="Sam Ortiz"),
        _view(2, Kind.DEBRIEF),
        _view(3, Kind.THANK_YOU, person="Dana Li"),
        _view(4, Kind.THANK_YOU, person="Lee Park"),
    ]
    (notice,) = notices_for(steps, frozenset(), False, BERLIN)
    assert notice.summary == "After your Acme interview — Sun 22 Nov"
    assert notice.body.splitlines() == [
        "• Call Sam Ortiz with your feedback",
        "• Write your debrief while it's fresh",
        "• Send a thank-you note to Dana Li",
        "• Send a thank-you note to Lee Park",
    ]
    assert notice.reminder_ids == (1, 2, 3, 4)
    assert notice.key == "o1:after:i1"


def test_a_moment_notified_again_names_its_waiting_steps_under_the_same_key() -> None:
    """The late thank-you comes due a day on: the notice that replaces the first one
    still names the debrief that waits."""
    debrief = _view(2, Kind.DEBRIEF)
    late = _view(5, Kind.LATE_THANK_YOU)
    (notice,) = notices_for([late], frozenset(), False, BERLIN, waiting=[debrief])
    assert notice.key == "o1:after:i1"
    assert set(notice.reminder_ids) == {2, 5}
    assert "• It's not too late to thank Dana Li" in notice.body.splitlines()
    # Waiting steps of other moments are not named.
    other = _view(7, Kind.DEBRIEF, interview=2)
    (alone,) = notices_for([late], frozenset(), False, BERLIN, waiting=[other])
    assert alone.reminder_ids == (5,)


def test_more_than_a_few_moments_become_one_summary_naming_the_first_ones() -> None:
    views = [_view(i, interview=i) for i in range(1, INDIVIDUAL_LIMIT + 3)]
    (away,) = notices_for(views, frozenset(), True, BERLIN)
    assert away.summary == f"{len(views)} reminders while you were away"
    assert away.reminder_ids == tuple(range(1, INDIVIDUAL_LIMIT + 3))
    assert away.body.count("• ") == 3 and "…and 2 more" in away.body
    (now,) = notices_for(views, frozenset(), False, BERLIN)
    assert now.summary == f"{len(views)} reminders are due"
    # Four steps of one moment are still one notice, not a summary.
    same = [_view(i) for i in range(1, INDIVIDUAL_LIMIT + 3)]
    assert len(notices_for(same, frozenset(), False, BERLIN)) == 1


def test_silenced_kinds_are_left_out() -> None:
    views = [_view(1), _view(2, Kind.DEBRIEF)]
    (notice,) = notices_for(views, frozenset({"debrief"}), True, BERLIN)
    assert notice.reminder_ids == (1,)
    assert notices_for(views, frozenset({"debrief", "thank_you"}), True, BERLIN) == []


NOTICE = Notice("Send a thank-you note", "Today.", (1,), "o1:after:i1")


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
    PlyerBackend(None).send(Notice("Hello", "from a test", (1,), "o1:after:i1"))
    assert len(notify_send_trap.calls()) == 1 and "Hello" in notify_send_trap.calls()[0]
    notify_send_trap.forget()  # seen on purpose: the teardown must not fail this test


def test_a_malformed_notification_signal_is_ignored(qtbot) -> None:
    """The session bus carries any program's signals: an ActionInvoked or
    NotificationClosed that does not start with a notification id is not ours, and is
    dropped in the slot instead of raising there (a raise in a Qt slot is a crash report)."""
    from PySide6.QtDBus import QDBusConnection, QDBusMessage

    from desktop.tray.desktop_notifications import INTERFACE, PATH, DesktopNotifications

    nowhere = QDBusConnection("never connected")  # no bus: nothing is sent anywhere
    backend = DesktopNotifications(None, nowhere)
    shown = Notice("Send a thank-you note", "why", (1,), key="k")
    backend._shown[7] = shown
    answered: list[object] = []
    backend.answered.connect(lambda notice, action: answered.append((notice, action)))
    for name, arguments in (
        ("ActionInvoked", ["seven", "done"]),
        ("ActionInvoked", [7]),
        ("NotificationClosed", ["seven", 2]),
    ):
        message = QDBusMessage.createSignal(PATH, INTERFACE, name)
        message.setArguments(arguments)
        (backend._invoked if name == "ActionInvoked" else backend._closed)(message)
    assert answered == [] and backend.shown() == {7: shown}
    well_formed = QDBusMessage.createSignal(PATH, INTERFACE, "ActionInvoked")
    well_formed.setArguments([7, "done"])
    backend._invoked(well_formed)
    assert answered == [(shown, "done")] and backend.shown() == {}
