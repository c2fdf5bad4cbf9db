"""The user's own reminders: added from the window and the command line, answered like any
other (Today, tray menu, `debrief due`, firing), left alone by re-planning, exported."""

from __future__ import annotations

import json
from datetime import UTC, datetime, timedelta

import pytest
from PySide6.QtGui import QIcon

from db.connection import close_database
from db.models import Reminder
from db.store import open_store
from db.vocabulary import ReminderState, Status
from desktop.domain.bundle import check_bundle
from desktop.domain.forms import FormError, validate_own_reminder
from desktop.playbook.rules import Kind
from desktop.services import reminders
from desktop.services.changes import Changes, Made
from desktop.services.export_bundle import build_bundle, bundle_json
from desktop.services.firing import due_to_fire
from desktop.services.import_bundle import Duplicates, apply_bundle
from desktop.services.interviews import log_interview
from desktop.services.opportunities import change_status
from desktop.services.queries import opportunity_id_of_interview
from desktop.tray import texts
from desktop.tray.tray_icon import TrayIcon
from tests.conftest import interview_draft, open_window, run_cli

WHEN = "2026-11-27 09:30"  # Friday, Berlin
DUE = datetime(2026, 11, 27, 8, 30, tzinfo=UTC)


def _opportunity(clock) -> tuple[int, int]:
    interview = log_interview(interview_draft(clock), clock)
    return opportunity_id_of_interview(interview), interview


def _add(clock, opportunity: int, text: str = "Send the portfolio link", **kw) -> int:
    draft = validate_own_reminder({"text": text, "at": WHEN}, clock.tz, clock.now())
    return reminders.add_own_reminder(opportunity, draft, clock, **kw).id


def test_adding_one_says_what_it_made_and_what_changed(store, clock) -> None:
    """Like record_interview and add_opportunity: the new row's id, and the opportunity
    and the reminders as what changed (the window redraws only those)."""
    opportunity, interview = _opportunity(clock)
    draft = validate_own_reminder({"text": "Call Dana", "at": WHEN}, clock.tz, clock.now())
    made = reminders.add_own_reminder(opportunity, draft, clock, interview_id=interview)
    assert isinstance(made, Made)
    assert made.changes == Changes.of(opportunity, reminders=True)
    assert reminders.reminder_view(made.id).title.startswith("Call Dana")


def test_validation_says_what_is_wrong() -> None:
    now = datetime(2026, 11, 22, 9, 0, tzinfo=UTC)
    with pytest.raises(FormError) as caught:
        validate_own_reminder({"text": "  ", "at": "2026-11-20 10:00"}, UTC, now)
    assert set(caught.value.errors) == {"text", "at"}
    assert "passed" in caught.value.errors["at"]
    with pytest.raises(FormError) as caught:
        validate_own_reminder({"text": "Call back", "at": "Friday"}, UTC, now)
    assert "like 2026-03-14 14:30" in caught.value.errors["at"]


def test_an_own_reminder_fires_waits_and_is_answered_like_any_other(store, clock) -> None:
    opportunity, interview = _opportunity(clock)
    made = _add(clock, opportunity, interview_id=interview)
    view = reminders.reminder_view(made)
    assert view.kind is Kind.OWN and view.interview_id == interview
    assert view.title == "Send the portfolio link — Acme, Data Analyst"
    # Re-planning (a status change) leaves it be.
    change_status(opportunity, Status.AWAITING, clock)
    assert Reminder.get_by_id(made).state == ReminderState.PENDING.value
    clock.set(DUE)
    assert made in {v.id for v in due_to_fire(clock.now())}
    assert made in {v.id for v in reminders.open_reminders_until(clock.now())}
    landed = reminders.snooze_choice(made, "1h", clock).until
    assert landed > clock.now()
    clock.set(landed)
    reminders.mark_done(made, clock)
    assert Reminder.get_by_id(made).state == ReminderState.DONE.value


def test_the_tray_menu_offers_done_snooze_and_open(qtbot, store, clock) -> None:
    opportunity, _ = _opportunity(clock)
    made = _add(clock, opportunity)
    clock.set(DUE)
    tray = TrayIcon(clock, QIcon(), lambda: True)
    tray.rebuild_menu()
    [menu] = [a.menu() for a in tray.menu.actions() if a.menu() and "portfolio" in a.menu().title()]
    labels = {a.text(): a for a in menu.actions()}
    assert {texts.DONE, texts.SNOOZE, texts.OPEN} <= set(labels)
    assert labels[texts.OPEN].isEnabled()
    with qtbot.waitSignal(tray.act_requested) as opened:
        labels[texts.OPEN].trigger()
    assert opened.args[0].id == made


def test_its_notification_offers_the_same_done_snooze_and_open(qtbot, store, clock) -> None:
    """Where it appears on the desktop too: Done, Snooze and Open, and Open (or a click)
    leads to its opportunity, as the tray menu's does."""
    from desktop.playbook.notices import notices_for
    from desktop.services import notice_answers
    from desktop.tray.desktop_notifications import actions_for

    opportunity, _ = _opportunity(clock)
    made = _add(clock, opportunity)
    clock.set(DUE)
    (notice,) = notices_for([reminders.reminder_view(made)], frozenset(), False, clock.tz)
    assert actions_for(notice)[::2] == ["done", "snooze", "default"]  # Open is the default action
    opened = notice_answers.step_to_open(notice.reminder_ids, clock)
    assert opened.id == made and opened.opportunity_id == opportunity
    notice_answers.answer(notice.reminder_ids, notice_answers.DONE, clock)
    assert Reminder.get_by_id(made).state == ReminderState.DONE.value


def test_own_reminders_travel_in_the_json_export(store, clock, tmp_path) -> None:
    opportunity, interview = _opportunity(clock)
    _add(clock, opportunity, interview_id=interview)
    text = bundle_json(build_bundle(clock.now()))
    close_database()
    open_store(tmp_path / "elsewhere")
    apply_bundle(check_bundle(json.loads(text)), Duplicates.SKIP, clock)
    [row] = Reminder.select().where(Reminder.kind == Kind.OWN.value)
    assert row.message == "Send the portfolio link" and row.due_at == DUE
    assert row.interview_id is not None and row.state == ReminderState.PENDING.value


def test_the_detail_pane_adds_one_checked_inline(qtbot, store, clock, tmp_path) -> None:
    opportunity, _ = _opportunity(clock)
    window = open_window(qtbot, clock, tmp_path)
    window.select_opportunity(opportunity)
    assert window.detail.own_reminder_button.isEnabled()
    window.detail.own_reminder_button.click()
    dialog = window.active_dialog
    assert dialog is not None and dialog.isVisible()
    dialog.accept()  # empty text: stays open, says why under the field
    assert dialog.isVisible() and dialog.error_labels["text"].isVisible()
    dialog.fields["text"].setText("Send the portfolio link")
    assert not dialog.error_labels["text"].isVisible()  # follows the edit
    dialog.accept()
    assert not dialog.isVisible()
    [row] = Reminder.select().where(Reminder.kind == Kind.OWN.value)
    assert row.opportunity_id == opportunity and row.message == "Send the portfolio link"
    assert row.id in window.today.rows  # due tomorrow 10:00: in Today's week


def test_debrief_remind_from_the_command_line(tmp_path) -> None:
    folder = tmp_path / "data"
    at = datetime.now(UTC) + timedelta(days=2)
    logged = run_cli(
        folder, "log-interview", "--company", "Acme", "--role", "Analyst",
        "--at", f"{at:%Y-%m-%d %H:%M}",
    )  # fmt: skip
    assert logged.returncode == 0, logged.stderr
    made = run_cli(folder, "remind", "1", "Send the portfolio link", "--at", f"{at:%Y-%m-%d 09:00}")
    assert made.returncode == 0, made.stderr
    assert made.stdout.strip().endswith("Send the portfolio link")
    for args, fragment in (
        (["remind", "x", "Hi", "--at", "2030-01-01 10:00"], "must be a number"),
        (["remind", "999", "Hi", "--at", "2030-01-01 10:00"], "no opportunity with id 999"),
        (["remind", "1", "Hi", "--at", "2020-01-01 10:00"], "passed"),
        (["remind", "1", "Hi", "--at", "Friday"], "2026-03-14 14:30"),
        (["remind", "1", " ", "--at", "2030-01-01 10:00"], "required"),
        (["remind", "1", "Hi", "--at", "2030-01-01 10:00", "--interview", "7"], "no interview"),
    ):
        bad = run_cli(folder, *args)
        assert bad.returncode == 2, (args, bad.stderr)
        assert fragment in bad.stderr and len(bad.stderr.strip().splitlines()) == 1
        assert "Traceback" not in bad.stderr
