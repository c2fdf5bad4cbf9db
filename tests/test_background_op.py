"""Long work off the GUI thread (desktop/ui/background_op.py): where it runs, the progress
it shows, what Cancel leaves behind, and how a failure is told."""

from __future__ import annotations

import sqlite3
import threading
import time
from datetime import UTC, date, datetime, timedelta
from pathlib import Path

import pypdf
import pytest
from PySide6.QtCore import Qt
from PySide6.QtWidgets import QMessageBox, QProgressDialog, QPushButton, QWidget

from db.models import Company, Opportunity
from db.store import database_path
from desktop.domain.activity_report import INTERVIEW, ActivityReport, Entry
from desktop.domain.progress import Cancelled, Progress, step
from desktop.services import exporting
from desktop.services.export_bundle import build_bundle, bundle_json
from desktop.services.import_bundle import Duplicates, apply_bundle
from desktop.ui.background_op import run_in_background
from desktop.ui.report_pdf import write_report_pdf
from tests.conftest import open_window
from tests.histories import rich_history
from tests.ops import finished


def _many_opportunities(count: int) -> None:
    now = datetime(2026, 11, 1, tzinfo=UTC)
    company = Company.create(name="Initech", created_at=now)
    rows = [
        {
            "company": company.id,
            "role_title": f"Analyst {n}",
            "applied_on": date(2026, 10, 1) + timedelta(days=n % 30),
            "created_at": now,
            "updated_at": now,
        }
        for n in range(count)
    ]
    for start in range(0, count, 500):
        Opportunity.insert_many(rows[start : start + 500]).execute()


def _dump(data_dir: Path) -> list[str]:
    """Every row of every table, read beside the app's own connection."""
    connection = sqlite3.connect(database_path(data_dir))
    try:
        return list(connection.iterdump())
    finally:
        connection.close()


def test_the_service_runs_off_the_gui_thread_and_its_result_comes_back(
    qtbot, store, clock, tmp_path
) -> None:
    rich_history(clock)
    gui = threading.get_ident()
    seen: set[int] = set()

    def work(progress: Progress) -> str:
        def watched(done: int, total: int) -> bool:
            seen.add(threading.get_ident())
            return progress(done, total)

        return exporting.export_text("csv", clock, progress=watched)

    parent = QWidget()
    qtbot.addWidget(parent)
    results: list[str] = []
    op = run_in_background(parent, "Saving…", work, tmp_path, done=results.append)
    assert finished(qtbot, op) == "done"
    assert seen and gui not in seen
    assert results == [op.result] and "Acme" in results[0]


def test_progress_reaches_the_dialog_and_cancel_stops_the_work(qtbot, tmp_path) -> None:
    release = threading.Event()

    def work(progress: Progress) -> None:
        step(progress, 3, 8)
        release.wait(10)
        deadline = time.monotonic() + 10
        while time.monotonic() < deadline:  # as a long loop would, checking each item
            step(progress, 4, 8)
        raise AssertionError("never cancelled")

    parent = QWidget()
    qtbot.addWidget(parent)
    op = run_in_background(parent, "Working…", work, tmp_path)
    qtbot.waitUntil(lambda: op.dialog.maximum() == 8 and op.dialog.value() == 3)
    qtbot.waitUntil(op.dialog.isVisible)
    cancel = op.dialog.findChild(QPushButton)
    assert cancel.text() == "Cancel"
    qtbot.mouseClick(cancel, Qt.MouseButton.LeftButton)
    release.set()
    assert finished(qtbot, op) == "cancelled"
    assert not [d for d in parent.findChildren(QProgressDialog) if d.isVisible()]


def test_a_cancelled_import_leaves_the_database_unchanged(qtbot, store, clock, tmp_path) -> None:
    rich_history(clock)
    bundle = build_bundle(clock.now())
    bundle["opportunities"] += [
        dict(opp, role_title=f"Role {n}", interviews=[], reminders=[], sent_notes=[])
        for n in range(2000)
        for opp in bundle["opportunities"][:1]
    ]
    source = tmp_path / "big.json"
    source.write_text(bundle_json(bundle), encoding="utf-8")
    window = open_window(qtbot, clock, tmp_path)
    reading = window.open_import(source)
    assert finished(qtbot, reading) == "done"
    dialog = reading.followed_by
    before = _dump(tmp_path / "data")
    op = dialog.run_import()
    op.cancel()  # the first check comes after 50 opportunities: long before the last
    assert finished(qtbot, op) == "cancelled"
    assert _dump(tmp_path / "data") == before
    assert dialog.summary.text() == "Stopped. Nothing was changed."
    assert dialog.import_button.isEnabled()


def test_the_import_service_rolls_everything_back_when_stopped(store, clock) -> None:
    rich_history(clock)
    bundle = build_bundle(clock.now())
    bundle["opportunities"] = [
        dict(opp, role_title=f"Role {n}") for n in range(120) for opp in bundle["opportunities"]
    ]
    count = Opportunity.select().count()
    try:
        apply_bundle(bundle, Duplicates.SKIP, clock, progress=lambda done, total: done < 100)
    except Cancelled:
        pass
    else:
        raise AssertionError("the import was not stopped")
    assert Opportunity.select().count() == count


@pytest.mark.parametrize(
    ("kind", "name"),
    [
        ("json", "all.json"),  # the first check comes after 200 opportunities
        ("full", "everything.zip"),  # heard at the first word from the read
    ],
)
def test_a_cancelled_export_leaves_no_file(qtbot, store, clock, tmp_path, kind, name) -> None:
    _many_opportunities(3000)
    window = open_window(qtbot, clock, tmp_path)
    folder = tmp_path / "out"
    folder.mkdir()
    op = window.export_to(kind, folder / name)
    op.cancel()
    assert finished(qtbot, op) == "cancelled"
    assert list(folder.iterdir()) == []
    assert window.banner.label.text() == "Stopped. No file was saved."


def test_work_that_counts_nothing_does_not_flood_the_window_with_progress(qtbot, tmp_path) -> None:
    go = threading.Event()

    def work(progress: Progress) -> None:
        go.wait(10)
        for _ in range(2000):  # as an export writing its text: 0 of 0, over and over
            step(progress, 0, 0)

    parent = QWidget()
    qtbot.addWidget(parent)
    op = run_in_background(parent, "Saving…", work, tmp_path)
    sent: list[tuple[int, int]] = []
    op.worker.progressed.connect(lambda done, total: sent.append((done, total)))
    go.set()
    assert finished(qtbot, op) == "done"
    assert 0 < len(sent) < 100  # every 50 ms at most: not one signal per call


def test_a_cancelled_backup_leaves_no_partial_copy(qtbot, store, clock, tmp_path) -> None:
    _many_opportunities(3000)
    window = open_window(qtbot, clock, tmp_path)
    dialog = window.show_backups()
    qtbot.addWidget(dialog)
    op = dialog.back_up_now()
    op.cancel()
    outcome = finished(qtbot, op)
    folder = tmp_path / "data" / "backups"
    left = sorted(p.name for p in folder.iterdir()) if folder.exists() else []
    # SQLite asks after every step, the last one too: a cancel always comes in time.
    assert outcome == "cancelled"
    assert left == []


def test_a_failure_is_one_sentence_in_a_message(qtbot, store, clock, tmp_path) -> None:
    window = open_window(qtbot, clock, tmp_path)
    op = window.export_to("csv", tmp_path / "no such folder" / "a.csv")
    assert finished(qtbot, op) == "failed"
    boxes = [box for box in window.findChildren(QMessageBox) if box.isVisible()]
    assert [box.text() for box in boxes] == ["Could not save the file: No such file or directory"]


def test_a_report_of_many_entries_has_every_entry_once_and_a_header_on_each_page(
    qapp, tmp_path
) -> None:
    entries = [
        Entry(date(2026, 1, 1) + timedelta(days=n // 10), INTERVIEW, f"Firm{n:04d}", "Analyst", "")
        for n in range(1500)
    ]
    path = write_report_pdf(
        ActivityReport(date(2026, 1, 1), date(2026, 12, 31), entries), tmp_path / "r.pdf"
    )
    pages = [" ".join(page.extract_text().split()) for page in pypdf.PdfReader(path).pages]
    assert len(pages) > 20
    assert all("Date Activity Company Role Details" in page for page in pages)
    found = [word for page in pages for word in page.split() if word.startswith("Firm")]
    assert found == [f"Firm{n:04d}" for n in range(1500)]
    assert pages[0].startswith("Job-search activity")
    assert "Interviews: 1500" in pages[0]


def test_a_stopped_report_leaves_no_file(qapp, tmp_path) -> None:
    entries = [Entry(date(2026, 1, 1), INTERVIEW, "Firm", "Analyst", "")] * 2000
    report = ActivityReport(date(2026, 1, 1), date(2026, 12, 31), entries)
    try:
        write_report_pdf(report, tmp_path / "r.pdf", progress=lambda done, total: done < 1000)
    except Cancelled:
        pass
    else:
        raise AssertionError("the report was not stopped")
    assert list(tmp_path.iterdir()) == []


def test_insights_of_a_big_history_is_read_off_the_gui_thread(
    qtbot, store, clock, tmp_path
) -> None:
    rich_history(clock)
    window = open_window(qtbot, clock, tmp_path)
    window.insights.background_from = 1  # what 2,000 opportunities do
    window.show_insights()
    loading = window.insights.loading
    assert loading is not None and window.insights.data is None
    assert window.insights.intro.text() == "Reading your history…"
    assert finished(qtbot, loading) == "done"
    assert window.insights.data.opportunities == 3
    assert window.insights.intro.text() == "Only your own history, and only on this computer."


def test_after_an_import_a_big_list_is_read_off_the_gui_thread(
    qtbot, store, clock, tmp_path
) -> None:
    window = open_window(qtbot, clock, tmp_path)
    window.refresh()
    rich_history(clock)  # as an import would add them
    assert window.filter.rowCount() == 0
    op = window.refresh_everything(background_from=1)  # what 2,000 opportunities do
    assert op is not None
    assert finished(qtbot, op) == "done"
    assert window.filter.rowCount() == 3


def test_after_an_import_todays_steps_are_read_with_the_list_off_the_gui_thread(
    qtbot, store, clock, tmp_path, monkeypatch
) -> None:
    import desktop.services.today as today
    from desktop.services.today import open_steps

    window = open_window(qtbot, clock, tmp_path)
    window.refresh()
    rich_history(clock)
    assert not window.today.rows
    readers: list[int] = []

    def watched(*args: object) -> object:
        readers.append(threading.get_ident())
        return open_steps(*args)  # type: ignore[arg-type]

    monkeypatch.setattr(today, "open_steps", watched)  # the window imports it when it reads
    assert finished(qtbot, window.refresh_everything(background_from=1)) == "done"
    assert window.today.rows  # shown, as read by the worker
    assert readers and threading.get_ident() not in readers


def test_the_json_written_in_pieces_is_the_json_of_the_command_line(
    qtbot, store, clock, tmp_path
) -> None:
    rich_history(clock)
    window = open_window(qtbot, clock, tmp_path)
    assert finished(qtbot, window.export_to("json", tmp_path / "all.json")) == "done"
    written = (tmp_path / "all.json").read_text(encoding="utf-8")
    assert written == exporting.export_text("json", clock)
