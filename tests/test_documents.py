"""Documents: copied privately into the data folder once per content, listed, removed,
found by name, and refused with one sentence when they cannot be kept."""

from __future__ import annotations

import os
import stat
from datetime import date
from pathlib import Path

import pytest

from db.document_files import documents_dir
from db.models import Document, OpportunityDocument
from desktop.domain.documents import MAX_DOCUMENT_BYTES, DocumentKind
from desktop.services import documents
from desktop.services.documents import DocumentError
from desktop.services.interviews import log_interview
from desktop.services.opportunities import delete_opportunity
from desktop.services.queries import opportunity_id_of_interview
from desktop.services.undo import restore, snapshot_opportunity
from tests.conftest import interview_draft

CV = b"%PDF-1.4 Jane Doe, CV\n" * 100


def _opportunity(clock, company: str = "Acme") -> int:
    return opportunity_id_of_interview(
        log_interview(interview_draft(clock, company=company), clock)
    )


def _file(tmp_path: Path, name: str, data: bytes) -> Path:
    path = tmp_path / "sent" / name
    path.parent.mkdir(exist_ok=True)
    path.write_bytes(data)
    return path


def _stored(data_dir: Path) -> list[Path]:
    folder = documents_dir(data_dir)
    return (
        sorted(p for p in folder.iterdir() if not p.name.startswith(".")) if folder.is_dir() else []
    )


def test_attaching_copies_privately_and_the_same_cv_is_stored_once(
    store, clock, data_dir, tmp_path
) -> None:
    acme, globex = _opportunity(clock), _opportunity(clock, "Globex")
    cv = _file(tmp_path, "Jane Doe CV.pdf", CV)
    first = documents.attach(data_dir, acme, cv, DocumentKind.CV, date(2026, 11, 1), clock)
    assert first.others == 0
    second = documents.attach(
        data_dir, globex, _file(tmp_path, "cv-copy.pdf", CV), DocumentKind.CV, None, clock
    )
    assert second.others == 1
    [stored] = _stored(data_dir)
    assert stored.read_bytes() == CV and stored.suffix == ".pdf"
    assert stat.S_IMODE(stored.stat().st_mode) == 0o600
    assert stat.S_IMODE(documents_dir(data_dir).stat().st_mode) == 0o700
    assert Document.select().count() == 1 and OpportunityDocument.select().count() == 2
    # Each opportunity lists the file under the name it was sent with.
    assert [d.name for d in documents.documents_of(data_dir, globex)] == ["cv-copy.pdf"]
    [listed] = documents.documents_of(data_dir, acme)
    assert (listed.name, listed.kind, listed.sent_on) == (
        "Jane Doe CV.pdf",
        DocumentKind.CV,
        date(2026, 11, 1),
    )
    assert listed.present and listed.path == stored
    cv.unlink()  # the copy is Debrief's own: the original may go
    assert documents.document_path(data_dir, listed.id).read_bytes() == CV


def test_removing_the_last_link_removes_the_file(store, clock, data_dir, tmp_path) -> None:
    acme, globex = _opportunity(clock), _opportunity(clock, "Globex")
    cv = _file(tmp_path, "cv.pdf", CV)
    one = documents.attach(data_dir, acme, cv, DocumentKind.CV, None, clock).document
    two = documents.attach(data_dir, globex, cv, DocumentKind.CV, None, clock).document
    documents.remove(data_dir, one.id)
    assert len(_stored(data_dir)) == 1
    documents.remove(data_dir, two.id)
    assert _stored(data_dir) == [] and Document.select().count() == 0


def test_a_deleted_opportunity_keeps_its_documents_for_undo_until_the_sweep(
    store, clock, data_dir, tmp_path
) -> None:
    acme = _opportunity(clock)
    documents.attach(data_dir, acme, _file(tmp_path, "cv.pdf", CV), DocumentKind.CV, None, clock)
    snapshot = snapshot_opportunity(acme)
    delete_opportunity(acme)
    restore(snapshot)
    assert [d.name for d in documents.documents_of(data_dir, acme)] == ["cv.pdf"]
    assert documents.sweep(data_dir) == 0
    delete_opportunity(acme)
    assert documents.sweep(data_dir) == 1
    assert _stored(data_dir) == [] and Document.select().count() == 0


def test_a_file_over_the_limit_is_refused_with_one_sentence(
    store, clock, data_dir, tmp_path
) -> None:
    acme = _opportunity(clock)
    big = tmp_path / "portfolio.pdf"
    with open(big, "wb") as out:
        out.truncate(MAX_DOCUMENT_BYTES + 1)
    with pytest.raises(DocumentError) as refused:
        documents.attach(data_dir, acme, big, DocumentKind.PORTFOLIO, None, clock)
    assert str(refused.value) == (
        "portfolio.pdf is 25.0 MB; Debrief keeps documents up to 25 MB, so nothing was attached."
    )
    assert _stored(data_dir) == [] and OpportunityDocument.select().count() == 0


@pytest.mark.parametrize("problem", ["missing", "folder", "empty", "unreadable"])
def test_bad_sources_are_refused_and_nothing_is_written(
    store, clock, data_dir, tmp_path, problem
) -> None:
    acme = _opportunity(clock)
    source = tmp_path / "letter.pdf"
    if problem == "folder":
        source.mkdir()
    elif problem == "empty":
        source.write_bytes(b"")
    elif problem == "unreadable":
        if os.geteuid() == 0:
            pytest.skip("root reads every file")
        source.write_bytes(CV)
        source.chmod(0)
    with pytest.raises(DocumentError) as refused:
        documents.attach(data_dir, acme, source, DocumentKind.COVER_LETTER, None, clock)
    message = str(refused.value)
    assert "letter.pdf" in message and "\n" not in message
    assert _stored(data_dir) == [] and OpportunityDocument.select().count() == 0
    folder = documents_dir(data_dir)
    assert not folder.exists() or list(folder.iterdir()) == []


def test_attaching_to_an_unknown_opportunity_leaves_no_file(
    store, clock, data_dir, tmp_path
) -> None:
    from desktop.services import NotFound

    with pytest.raises(NotFound):
        documents.attach(data_dir, 999, _file(tmp_path, "cv.pdf", CV), DocumentKind.CV, None, clock)
    assert list(documents_dir(data_dir).iterdir()) == []


def test_names_are_found_for_search(store, clock, data_dir, tmp_path) -> None:
    acme, globex = _opportunity(clock), _opportunity(clock, "Globex")
    documents.attach(
        data_dir,
        acme,
        _file(tmp_path, "Portfolio Ünïcode.pdf", b"a"),
        DocumentKind.PORTFOLIO,
        None,
        clock,
    )
    documents.attach(
        data_dir,
        globex,
        _file(tmp_path, "offer.pdf", b"b"),
        DocumentKind.OFFER_LETTER,
        None,
        clock,
    )
    assert documents.names_matching("ünï") == [(acme, "Portfolio Ünïcode.pdf")]
    assert documents.names_matching("PDF") == [
        (acme, "Portfolio Ünïcode.pdf"),
        (globex, "offer.pdf"),
    ]
    assert documents.names_matching("  ") == []


def test_kinds_parse_from_what_people_type() -> None:
    assert DocumentKind.parse("CV") is DocumentKind.CV
    assert DocumentKind.parse("resume") is DocumentKind.CV
    assert DocumentKind.parse("cover-letter") is DocumentKind.COVER_LETTER
    assert DocumentKind.parse("Offer letter") is DocumentKind.OFFER_LETTER
    with pytest.raises(ValueError, match="use cv, cover-letter"):
        DocumentKind.parse("selfie")
