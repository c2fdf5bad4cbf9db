"""The window's "Your data" menu: export, the import preview, and the backups list."""

from __future__ import annotations

import json
from datetime import date

import icalendar
import pypdf
import pytest
from PySide6.QtCore import Qt

from db.models import Opportunity
from desktop.services import notes
from desktop.ui.import_dialog import ImportDialog
from tests.conftest import open_window
from tests.histories import rich_history
from tests.ops import finished


def test_each_export_is_written_from_the_window(qtbot, store, clock, tmp_path) -> None:
    rich_history(clock)
    window = open_window(qtbot, clock, tmp_path)
    assert finished(qtbot, window.export_to("ics", tmp_path / "a.ics")) == "done"
    assert icalendar.Calendar.from_ical((tmp_path / "a.ics").read_text()).walk("VEVENT")
    assert finished(qtbot, window.export_to("csv", tmp_path / "a.csv", bom=True)) == "done"
    assert (tmp_path / "a.csv").read_bytes().startswith("\ufeff".encode())
    report = window.export_to(
        "report", tmp_path / "a.pdf", start=date(2026, 10, 1), end=date(2026, 11, 30)
    )
    assert finished(qtbot, report) == "done"
    text = " ".join(pypdf.PdfReader(tmp_path / "a.pdf").pages[0].extract_text().split())
    assert "Acme" in text and "Globex" in text and "Not this time" in text
    assert "Saved to" in window.banner.label.text()
    titles = [a.text() for a in window.menuBar().actions()]
    assert "&Your data" in titles


def test_each_export_entry_of_the_menu_asks_for_its_own_format(
    qtbot, store, clock, tmp_path
) -> None:
    window = open_window(qtbot, clock, tmp_path)
    asked: list[str] = []
    window.export_with_dialog = asked.append  # the file dialog itself would wait for a person
    data_menu = next(a.menu() for a in window.menuBar().actions() if a.text() == "&Your data")
    export_menu = data_menu.actions()[0].menu()
    for action in export_menu.actions():
        action.trigger()
    assert asked == ["full", "json", "csv", "ics", "report"]


def test_an_unwritable_place_gives_a_message_not_a_crash(qtbot, store, clock, tmp_path) -> None:
    window = open_window(qtbot, clock, tmp_path)
    op = window.export_to("json", tmp_path / "missing" / "a.json")
    assert finished(qtbot, op) == "failed"
    assert op.message == "Could not save the file: No such file or directory"


def test_import_preview_maps_columns_and_blocks_a_bad_file(qtbot, store, clock, tmp_path) -> None:
    window = open_window(qtbot, clock, tmp_path)
    sheet = tmp_path / "sheet.csv"
    sheet.write_text("Firma,Stelle,Status\nGlobex,Lead,applied\nInitech,Analyst,maybe\n")
    op = window.open_import(sheet)
    assert finished(qtbot, op) == "done"
    dialog = op.followed_by
    qtbot.addWidget(dialog)
    assert not dialog.import_button.isEnabled()
    assert "no column chosen for Company and Role" in dialog.details.item(0).text()
    dialog.columns["company"].setCurrentIndex(1)
    dialog.columns["role"].setCurrentIndex(2)
    assert dialog.details.item(0).text().startswith("line 3: unknown status 'maybe'")
    assert not dialog.import_button.isEnabled()
    dialog.columns["status"].setCurrentIndex(0)  # "(not in the file)"
    assert dialog.import_button.isEnabled()
    assert dialog.summary.text() == "2 opportunities to add, 0 already there (skipped)."
    qtbot.mouseClick(dialog.import_button, Qt.MouseButton.LeftButton)
    assert finished(qtbot, dialog.op) == "done"
    assert Opportunity.select().count() == 2
    assert window.filter.rowCount() == 2
    assert "2 opportunities added" in window.banner.label.text()


def test_import_of_an_unusable_file_is_a_message(qtbot, store, clock, tmp_path) -> None:
    window = open_window(qtbot, clock, tmp_path)
    empty = tmp_path / "empty.csv"
    empty.write_bytes(b"")
    op = window.open_import(empty)
    assert finished(qtbot, op) == "failed"
    assert op.message == "empty.csv is empty" and op.followed_by is None


def test_reimporting_an_export_shows_the_duplicates(qtbot, store, clock, tmp_path) -> None:
    rich_history(clock)
    window = open_window(qtbot, clock, tmp_path)
    finished(qtbot, window.export_to("json", tmp_path / "all.json"))
    dialog = ImportDialog(tmp_path / "all.json", clock, tmp_path / "data")
    qtbot.addWidget(dialog)
    assert dialog.summary.text() == "0 opportunities to add, 3 already there (skipped)."
    assert not dialog.import_button.isEnabled()
    dialog.merge.setChecked(True)
    assert dialog.import_button.isEnabled()
    assert dialog.details.item(0).text().startswith("= Acme")


def test_an_import_closed_without_importing_lets_its_bundle_go(
    qtbot, store, clock, tmp_path
) -> None:
    rich_history(clock)
    window = open_window(qtbot, clock, tmp_path)
    finished(qtbot, window.export_to("json", tmp_path / "all.json"))
    reading = window.open_import(tmp_path / "all.json")
    assert finished(qtbot, reading) == "done"
    dialog = reading.followed_by
    qtbot.addWidget(dialog)
    bundle = dialog.json_bundle
    assert bundle["opportunities"] and reading.result.json_bundle is bundle
    dialog.reject()
    assert dialog.json_bundle is None and dialog.bundle is None
    # Emptied where the read's result still names it too (the op is the window's child).
    qtbot.waitUntil(lambda: bundle == {})
    assert Opportunity.select().count() == 3  # nothing imported


def test_the_preview_is_worked_out_where_the_file_is_read(qtbot, store, clock, tmp_path) -> None:
    rich_history(clock)
    window = open_window(qtbot, clock, tmp_path)
    finished(qtbot, window.export_to("json", tmp_path / "all.json"))
    reading = window.open_import(tmp_path / "all.json")
    assert finished(qtbot, reading) == "done"
    assert reading.result.preview is not None and len(reading.result.preview.duplicates) == 3
    dialog = reading.followed_by
    qtbot.addWidget(dialog)
    assert dialog.summary.text() == "0 opportunities to add, 3 already there (skipped)."
    dialog.merge.setChecked(True)
    assert dialog.summary.text() == "0 opportunities to add, 3 already there (merged)."
    assert dialog.import_button.isEnabled()
    # Full collections wait while it holds the file's objects, and come back when it closes.
    from desktop import gc_pause

    assert gc_pause.holding()
    dialog.reject()
    assert not gc_pause.holding()


def test_an_imported_bundle_is_let_go_of(qtbot, store, clock, tmp_path) -> None:
    rich_history(clock)
    window = open_window(qtbot, clock, tmp_path)
    finished(qtbot, window.export_to("json", tmp_path / "all.json"))
    from desktop.services.opportunities import delete_opportunity

    delete_opportunity(1)
    reading = window.open_import(tmp_path / "all.json")
    assert finished(qtbot, reading) == "done"
    dialog = reading.followed_by
    qtbot.addWidget(dialog)
    bundle = dialog.bundle
    assert bundle and dialog.summary.text().startswith("1 opportunity to add")
    assert finished(qtbot, dialog.run_import()) == "done"
    assert Opportunity.select().count() == 3
    assert bundle == {}  # emptied in the worker, not freed whole on the window's thread


def test_backups_list_back_up_now_and_restore(qtbot, store, clock, tmp_path) -> None:
    rich_history(clock)
    window = open_window(qtbot, clock, tmp_path)
    dialog = window.show_backups()
    qtbot.addWidget(dialog)
    assert dialog.table.rowCount() == 0 and not dialog.restore_button.isEnabled()
    assert finished(qtbot, dialog.back_up_now()) == "done"
    assert dialog.table.rowCount() == 1 and dialog.table.item(0, 1).text() == "Made by you"
    window.open_opportunity(1)
    from desktop.services.opportunities import delete_opportunity

    delete_opportunity(1)
    window.refresh()
    assert window.filter.rowCount() == 2
    with qtbot.waitSignal(window.data_restored):
        assert dialog.restore_selected() is not None
    assert window.filter.rowCount() == 3
    kinds = {dialog.table.item(n, 1).text() for n in range(dialog.table.rowCount())}
    assert kinds == {"Made by you", "Before a restore"}


# Quotes, a newline, a backslash and non-ASCII: text that is not JSON on its own.
CUSTOM_TEMPLATE = 'Dear {{their_name}},\n\n"Thank you" — merci, danke schön\\ 🙂\n'


@pytest.mark.parametrize("fmt", ["json", "csv", "ics", "report"])
def test_every_export_works_with_a_customised_note_template(
    qtbot, store, clock, tmp_path, fmt
) -> None:
    rich_history(clock)
    notes.save_template("thank_you", CUSTOM_TEMPLATE)
    window = open_window(qtbot, clock, tmp_path)
    target = tmp_path / f"out.{fmt}"
    options = {"start": date(2026, 10, 1), "end": date(2026, 11, 30)} if fmt == "report" else {}
    assert finished(qtbot, window.export_to(fmt, target, **options)) == "done"
    assert target.stat().st_size > 0
    if fmt == "json":
        exported = json.loads(target.read_text(encoding="utf-8"))
        assert exported["settings"]["template:thank_you"] == CUSTOM_TEMPLATE
