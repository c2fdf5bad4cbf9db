"""The detail pane's Documents: attach (kind and date sent), open with the system's
program, remove; the window does it all through the services."""

from __future__ import annotations

from datetime import date

import pytest
from PySide6.QtCore import QDate, QUrl

from db.document_files import documents_dir
from desktop.domain.documents import DocumentKind
from desktop.services import documents
from desktop.services.interviews import log_interview
from desktop.services.queries import opportunity_id_of_interview
from desktop.ui.attach_dialog import guess_kind
from tests.conftest import interview_draft, open_window
from tests.ops import finished

CV = b"%PDF-1.4 curriculum vitae\n" * 50


@pytest.fixture
def window(qtbot, store, clock, tmp_path):
    opportunity_id_of_interview(log_interview(interview_draft(clock), clock))
    shown = open_window(qtbot, clock, tmp_path)
    shown.refresh()
    shown.select_opportunity(1)
    return shown


def _link(window, action: str, ident: int = 0) -> None:
    window.detail._on_link(QUrl(f"document:{action}:{ident}"))


def test_attach_open_and_remove_from_the_detail_pane(qtbot, window, tmp_path) -> None:
    assert "No documents attached yet." in window.detail.body.toPlainText()
    source = tmp_path / "Cover letter Acme.pdf"
    source.write_bytes(CV)
    dialog = window.attach_document_from(source)
    assert dialog.chosen_kind() is DocumentKind.COVER_LETTER  # guessed from the name
    dialog.kind.setCurrentIndex(list(DocumentKind).index(DocumentKind.CV))
    dialog.sent_on.setDate(QDate(2026, 11, 20))
    dialog.attach_button.click()
    qtbot.waitUntil(lambda: bool(window.detail.documents))

    [shown] = window.detail.documents
    assert (shown.name, shown.kind, shown.sent_on) == (
        "Cover letter Acme.pdf",
        DocumentKind.CV,
        date(2026, 11, 20),
    )
    text = window.detail.body.toPlainText()
    assert "Documents sent" in text and "Cover letter Acme.pdf" in text
    assert "sent 20 Nov 2026" in text

    opened: list[str] = []
    window.open_file = lambda url: opened.append(url.toLocalFile()) or True
    _link(window, "open", shown.id)
    assert opened == [str(shown.path)]
    assert shown.path.read_bytes() == CV

    _link(window, "remove", shown.id)  # the window's confirm answers yes
    qtbot.waitUntil(lambda: not window.detail.documents)
    assert list(documents_dir(window.data_dir).iterdir()) == []


def test_the_date_sent_cannot_be_after_today(qtbot, window, clock, tmp_path) -> None:
    source = tmp_path / "CV.pdf"
    source.write_bytes(CV)
    dialog = window.attach_document_from(source)
    today = clock.now().astimezone(clock.tz).date()
    dialog.sent_on.setDate(QDate(today.year + 1, 1, 1))
    assert dialog.chosen_date() == today
    dialog.reject()


def test_a_refused_file_is_one_sentence_and_attaches_nothing(qtbot, window, tmp_path) -> None:
    errors: list[str] = []
    window.show_error = errors.append
    source = tmp_path / "portfolio.pdf"
    with open(source, "wb") as out:
        out.truncate(26 * 2**20)
    dialog = window.attach_document_from(source)
    dialog.attach_button.click()
    qtbot.waitUntil(lambda: bool(errors))
    assert errors == [  # the file's name as it is spelled
        "portfolio.pdf is 26.0 MB; Debrief keeps documents up to 25 MB, so nothing was attached."
    ]
    assert window.detail.documents == []


def test_a_document_whose_file_went_missing_says_so(qtbot, window, clock, tmp_path) -> None:
    source = tmp_path / "cv.pdf"
    source.write_bytes(CV)
    made = documents.attach(window.data_dir, 1, source, DocumentKind.CV, None, clock)
    made.document.path.unlink()
    window.refresh()
    assert "missing from the data folder" in window.detail.body.toPlainText()
    errors: list[str] = []
    window.show_error = errors.append
    window.open_file = lambda url: pytest.fail("a missing file must not be opened")
    _link(window, "open", made.document.id)
    assert errors and "no longer in the data folder" in errors[0]


def test_kinds_are_guessed_from_the_file_name() -> None:
    assert guess_kind("Jane_Doe_CV_2026.pdf") is DocumentKind.CV
    assert guess_kind("resume.docx") is DocumentKind.CV
    assert guess_kind("cover-letter acme.pdf") is DocumentKind.COVER_LETTER
    assert guess_kind("Offer Acme signed.pdf") is DocumentKind.OFFER_LETTER
    assert guess_kind("portfolio.pdf") is DocumentKind.PORTFOLIO
    assert guess_kind("notes.txt") is DocumentKind.OTHER


def test_full_export_and_import_from_the_your_data_menu(qtbot, window, clock, tmp_path) -> None:
    from db.connection import close_database
    from db.store import open_store
    from desktop.ui.import_dialog import ImportDialog

    source = tmp_path / "offer.pdf"
    source.write_bytes(CV)
    documents.attach(window.data_dir, 1, source, DocumentKind.OFFER_LETTER, None, clock)
    target = tmp_path / "everything.zip"
    assert finished(qtbot, window.export_to("full", target)) == "done"
    assert "with 1 document" in window.banner.label.text()
    close_database()

    elsewhere = tmp_path / "elsewhere"
    open_store(elsewhere)
    dialog = ImportDialog(target, clock, elsewhere)
    qtbot.addWidget(dialog)
    assert dialog.summary.text() == "1 opportunity to add, 0 already there (skipped)."
    assert finished(qtbot, dialog.run_import()) == "done"
    [back] = documents.documents_of(elsewhere, 1)
    assert back.kind is DocumentKind.OFFER_LETTER and back.path.read_bytes() == CV


def test_a_broken_archive_is_refused_before_the_import_dialog(qtbot, window, tmp_path) -> None:
    broken = tmp_path / "broken.zip"
    broken.write_bytes(b"not a zip at all")
    errors: list[str] = []
    window.show_error = errors.append
    assert finished(qtbot, window.open_import(broken)) == "failed"
    assert errors == ["broken.zip is not a Debrief full export (.zip); nothing was imported."]
