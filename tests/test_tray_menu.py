"""The tray icon's menu, offscreen: what is waiting, and answering it from there."""

from __future__ import annotations

from datetime import UTC, datetime

import pytest
from PySide6.QtWidgets import QMenu

from db.models import Opportunity, Reminder
from desktop.services.firing import due_to_fire, expire_stale_prep, mark_fired
from desktop.services.interviews import log_interview
from desktop.tray.icons import app_icon
from desktop.tray.tray_icon import TrayIcon
from tests.conftest import interview_draft


@pytest.fixture
def tray(qtbot, store, clock):
    log_interview(interview_draft(clock, recruiter="Sam <sam@agency.example>"), clock)
    clock.set(datetime(2026, 11, 25, 16, 30, tzinfo=UTC))  # 17:30 in Berlin, same day
    expire_stale_prep(clock)  # what the scheduler does before firing
    mark_fired([v.id for v in due_to_fire(clock.now())], clock)  # the call and the debrief
    made = TrayIcon(clock, app_icon(), lambda: False)
    yield made
    made.hide()


def _texts(menu: QMenu) -> list[str]:
    return [a.text() for a in menu.actions() if not a.isSeparator()]


def _submenu(menu: QMenu, starts: str) -> QMenu:
    for action in menu.actions():
        if action.menu() is not None and action.text().strip().startswith(starts):
            return action.menu()
    raise AssertionError(f"no submenu {starts!r} in {_texts(menu)}")


def _trigger(menu: QMenu, text: str) -> None:
    (action,) = [a for a in menu.actions() if a.text() == text]
    action.trigger()


def test_waiting_reminders_show_in_the_tooltip_and_the_badge(tray) -> None:
    assert len(tray.waiting) == 2
    # With progress towards the weekly goal (the fixture's opportunity is from last week).
    assert tray.icon.toolTip() == "Debrief: 2 reminders waiting\nThis week: 0 of 5 applications"
    assert tray.icon.icon().cacheKey() != tray.base_icon.cacheKey()


def test_the_tooltip_says_when_the_weekly_goal_is_reached(tray, clock) -> None:
    from datetime import date

    from desktop.domain.forms import OpportunityDraft
    from desktop.services.opportunities import add_opportunity

    for n in range(6):  # Monday 23 to Wednesday 25 November: this week
        add_opportunity(
            OpportunityDraft(f"Sent {n}", "Analyst", applied_on=date(2026, 11, 23 + n % 3)), clock
        )
    tray.update_state()
    assert tray.icon.toolTip().endswith("\nThis week: 6 applications, goal of 5 reached")


def test_the_menu_lists_each_waiting_reminder_with_its_answers(tray) -> None:
    tray.menu.aboutToShow.emit()
    texts = _texts(tray.menu)
    assert tray.menu.actions()[0].text() == "Waiting for you"
    # The moment, then its steps under it (set in), each with its own answers.
    at = texts.index("After your Acme interview — Wed 25 Nov")
    assert [t.strip() for t in texts[at + 1 : at + 3]] == [
        "Call Sam with your feedback",
        "Write your debrief while it's fresh",
    ]
    assert texts[at + 1] != texts[at + 1].strip()
    assert not next(a for a in tray.menu.actions() if a.text() == texts[at]).isEnabled()
    assert texts[-4:] == ["Open Debrief", "Log an interview…", "Preferences…", "Quit Debrief"]
    debrief = _submenu(tray.menu, "Write your debrief")
    assert _texts(debrief) == ["Done", "Snooze", "Open"]
    assert _texts(_submenu(debrief, "Snooze")) == [
        "1 hour",
        "This evening",
        "Tomorrow morning",
        "Next week",
    ]


def test_done_from_the_menu_is_saved_and_the_menu_follows(qtbot, tray) -> None:
    tray.menu.aboutToShow.emit()
    with qtbot.waitSignal(tray.answered):
        _trigger(_submenu(tray.menu, "Write your debrief"), "Done")
    assert Reminder.get(Reminder.kind == "debrief").state == "done"
    assert tray.icon.toolTip().splitlines()[0] == "Debrief: 1 reminder waiting"
    tray.menu.aboutToShow.emit()
    assert not any(t.startswith("Write your debrief") for t in _texts(tray.menu))


def test_snooze_from_the_menu_brings_it_back_later(tray, clock) -> None:
    tray.menu.aboutToShow.emit()
    call = _submenu(tray.menu, "Call Sam")
    _trigger(_submenu(call, "Snooze"), "1 hour")
    row = Reminder.get(Reminder.kind == "recruiter_call")
    assert (row.state, row.due_at) == ("snoozed", datetime(2026, 11, 25, 17, 30, tzinfo=UTC))
    assert len(tray.waiting) == 1


def test_open_asks_for_what_the_reminder_needs_and_quit_asks_to_quit(qtbot, tray) -> None:
    tray.menu.aboutToShow.emit()
    with qtbot.waitSignal(tray.act_requested) as opened:
        _trigger(_submenu(tray.menu, "Call Sam"), "Open")
    assert opened.args[0].opportunity_id == Opportunity.get().id
    assert opened.args[0].kind == "recruiter_call"
    with qtbot.waitSignal(tray.quit_requested):
        _trigger(tray.menu, "Quit Debrief")


def test_answered_elsewhere_meanwhile_is_not_an_error(tray, clock) -> None:
    from desktop.services.reminders import mark_done

    tray.menu.aboutToShow.emit()
    debrief = _submenu(tray.menu, "Write your debrief")
    mark_done(Reminder.get(Reminder.kind == "debrief").id, clock)  # from the command line
    _trigger(debrief, "Done")
    assert len(tray.waiting) == 1


def test_nothing_waiting_says_so(tray, clock) -> None:
    from desktop.services.reminders import dismiss

    for view in list(tray.waiting):
        dismiss(view.id, clock)
    tray.menu.aboutToShow.emit()
    assert _texts(tray.menu)[0] == "Nothing waiting: well done"
    assert Reminder.get(Reminder.kind == "prep").state == "cancelled"
    assert tray.icon.toolTip().splitlines()[0] == "Debrief: nothing waiting"
    assert tray.icon.icon().cacheKey() == tray.base_icon.cacheKey()


def test_one_interview_with_two_interviewers_and_a_recruiter_is_one_group(
    qtbot, store, clock
) -> None:
    """Issue #18: the menu lists the moment once, its four steps under it; answering one
    leaves the others."""
    from desktop.services.firing import fire_due

    log_interview(
        interview_draft(
            clock,
            company="Northwind",
            starts_at="2026-11-22 10:00",
            interviewers="Priya Rao <priya@nw.example>; Tom Berg <tom@nw.example>",
            recruiter="Alex Kim <alex@nw.example>",
        ),
        clock,
    )
    clock.set(datetime(2026, 11, 22, 10, 45, tzinfo=UTC))  # 11:45 Berlin: the call is due
    (notice,) = fire_due(clock).notices
    made = TrayIcon(clock, app_icon(), lambda: False)
    try:
        made.menu.aboutToShow.emit()
        texts = _texts(made.menu)
        assert texts.count("After your Northwind interview — Sun 22 Nov") == 1
        at = texts.index("After your Northwind interview — Sun 22 Nov")
        steps = [t.strip() for t in texts[at + 1 : at + 5]]
        assert steps == [
            "Call Alex Kim with your feedback",
            "Write your debrief while it's fresh",
            "Send a thank-you note to Priya Rao",
            "Send a thank-you note to Tom Berg",
        ]
        assert len(made.waiting) == 4 == len(notice.reminder_ids)
        with qtbot.waitSignal(made.answered):
            _trigger(_submenu(made.menu, "Send a thank-you note to Tom"), "Done")
        made.menu.aboutToShow.emit()
        left = [t.strip() for t in _texts(made.menu)]
        assert "Send a thank-you note to Tom Berg" not in left
        assert "Send a thank-you note to Priya Rao" in left
        assert "After your Northwind interview — Sun 22 Nov" in left
    finally:
        made.hide()
