"""One truth for counts: every place that shows "waiting now" or "applications this week"
shows the same number (services.counts)."""

from __future__ import annotations

import json
from datetime import UTC, date, datetime

from PySide6.QtGui import QIcon

from db.store import open_store
from desktop.domain.forms import validate_opportunity
from desktop.services import counts
from desktop.services.exporting import report_for
from desktop.services.insights import gather_insights
from desktop.services.interviews import log_interview
from desktop.services.nudges import this_week
from desktop.services.opportunities import create_opportunity
from desktop.tray import texts
from desktop.tray.tray_icon import TrayIcon
from tests.conftest import interview_draft, open_window, run_cli


def _tray(clock) -> TrayIcon:
    tray = TrayIcon(clock, QIcon(), lambda: True)
    tray.update_state()
    return tray


def test_waiting_now_is_one_number_in_the_title_today_tab_tray_and_cli(
    qtbot, store, clock, tmp_path
) -> None:
    # Interview Wednesday 25 Nov 15:00 Berlin; now Thursday noon: the thank-you, the
    # recruiter call, the debrief and the prep are waiting; the late thank-you (15:00) is
    # later today and not waiting yet. Main counted it in the title (5) but not the tray.
    log_interview(interview_draft(clock, recruiter="Sam <sam@agency.example>"), clock)
    clock.set(datetime(2026, 11, 26, 11, 0, tzinfo=UTC))
    expected = counts.waiting_count(clock.now())
    assert expected == 4
    window = open_window(qtbot, clock, tmp_path)
    assert window.windowTitle().endswith(f"({expected})")
    assert window.tabs.tabText(0).endswith(f"({expected})")
    tray = _tray(clock)
    assert len(tray.waiting) == expected
    assert texts.TOOLTIP_WAITING.format(count=expected) in tray.tooltip()


def test_debrief_due_lists_what_waits_now(store, clock, data_dir) -> None:
    log_interview(interview_draft(clock), clock)
    clock.set(datetime(2026, 11, 26, 11, 0, tzinfo=UTC))
    due = run_cli(data_dir, "due", "--json", clock=clock)
    assert due.returncode == 0, due.stderr
    listed = {d["id"] for d in json.loads(due.stdout)}
    open_store(data_dir)  # the command closed the database it used
    assert len(listed) == 3  # prep, debrief, thank-you; the late thank-you is later today
    assert listed == {v.id for v in counts.waiting_now(clock.now())}


def test_an_application_this_week_is_one_number_in_the_tray_insights_and_report(
    store, clock
) -> None:
    # Sunday 22 Nov, 10:00 Berlin. Two applications this week (one dated today, which main
    # missed before noon), one last week, and an interview logged this week (which main
    # counted as an application in the tray and Insights, not in the report).
    clock.set(datetime(2026, 11, 22, 9, 0, tzinfo=UTC))
    for company, applied in (("Acme", "2026-11-22"), ("Globex", ""), ("Umbrella", "2026-11-13")):
        raw = {"company": company, "role": "Analyst", "applied_on": applied}
        create_opportunity(validate_opportunity(raw), clock)
    log_interview(interview_draft(clock, company="Initech"), clock)
    tray_count, _goal = this_week(clock)
    insights_count = gather_insights(clock).weeks[-1].applications
    report = report_for(date(2026, 11, 16), date(2026, 11, 22), clock)
    report_count = report.count("Application")
    assert (tray_count, insights_count, report_count) == (2, 2, 2)
    assert counts.applications_this_week(clock) == 2
