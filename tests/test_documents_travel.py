"""Documents go wherever the data goes: into backups (and back with a restore), and into
the full export, whose import restores them byte for byte or changes nothing."""

from __future__ import annotations

import hashlib
import zipfile
from datetime import date
from pathlib import Path

import pytest

from db import backups as db_backups
from db.connection import close_database
from db.document_files import documents_dir
from db.models import Document, Opportunity, OpportunityDocument
from db.store import backups_dir, open_store
from desktop.domain.documents import DocumentKind
from desktop.services import archive, backups, documents, exporting
from desktop.services.import_bundle import Duplicates
from desktop.services.interviews import log_interview
from desktop.services.queries import opportunity_id_of_interview
from tests.conftest import interview_draft

CV = bytes(range(256)) * 40  # binary, so a text mode or a newline fix-up would show
LETTER = b"Dear Ms Li,\r\nplease find attached\x00\xff\n"


def _opportunity(clock, company: str = "Acme") -> int:
    return opportunity_id_of_interview(
        log_interview(interview_draft(clock, company=company), clock)
    )


def _attach(data_dir, tmp_path, opportunity_id, name, data, kind, clock, sent_on=None):
    source = tmp_path / "sent" / name
    source.parent.mkdir(exist_ok=True)
    source.write_bytes(data)
    return documents.attach(data_dir, opportunity_id, source, kind, sent_on, clock).document


def _files(data_dir: Path) -> dict[str, bytes]:
    folder = documents_dir(data_dir)
    if not folder.is_dir():
        return {}
    return {p.name: p.read_bytes() for p in sorted(folder.iterdir())}


def _listing(data_dir: Path) -> list[tuple[str, str, str, date | None, bytes]]:
    return sorted(
        (o.company.name, d.name, d.kind.value, d.sent_on, d.path.read_bytes())
        for o in Opportunity.select()
        for d in documents.documents_of(data_dir, o.id)
    )


def test_restoring_a_backup_brings_back_documents_removed_since(
    store, clock, data_dir, tmp_path
) -> None:
    acme = _opportunity(clock)
    cv = _attach(data_dir, tmp_path, acme, "cv.pdf", CV, DocumentKind.CV, clock, date(2026, 11, 2))
    made = backups.back_up_now(data_dir, clock)
    # Reading the copy's document names left nothing beside it.
    assert sorted(p.name for p in backups_dir(data_dir).iterdir()) == ["documents", made.name]
    documents.remove(data_dir, cv.id)
    assert _files(data_dir) == {}
    # The backup's own copy is a whole private file, kept apart from the data folder's.
    [pooled] = list(db_backups.documents_of(backups_dir(data_dir)).iterdir())
    assert pooled.read_bytes() == CV and pooled.stat().st_mode & 0o077 == 0

    clock.advance(minutes=5)
    backups.restore(data_dir, made, clock)
    [back] = documents.documents_of(data_dir, acme)
    assert (back.name, back.sent_on, back.present) == ("cv.pdf", date(2026, 11, 2), True)
    assert back.path.read_bytes() == CV


def test_the_data_a_restore_replaced_keeps_its_documents_too(
    store, clock, data_dir, tmp_path
) -> None:
    acme = _opportunity(clock)
    made = backups.back_up_now(data_dir, clock)  # before the letter was attached
    _attach(data_dir, tmp_path, acme, "letter.txt", LETTER, DocumentKind.COVER_LETTER, clock)
    clock.advance(minutes=5)
    kept = backups.restore(data_dir, made, clock)
    assert kept is not None
    # Restoring the copy of what was replaced brings the letter back.
    clock.advance(minutes=5)
    backups.restore(data_dir, kept, clock)
    [letter] = documents.documents_of(data_dir, acme)
    assert letter.path.read_bytes() == LETTER


def test_pruned_backups_take_their_pooled_documents_with_them(
    store, clock, data_dir, tmp_path
) -> None:
    acme = _opportunity(clock)
    cv = _attach(data_dir, tmp_path, acme, "cv.pdf", CV, DocumentKind.CV, clock)
    first = backups.back_up(data_dir, db_backups.DAILY, clock)
    documents.remove(data_dir, cv.id)
    pool = db_backups.documents_of(backups_dir(data_dir))
    assert len(list(pool.iterdir())) == 1
    for _ in range(db_backups.KEEP_DAILY + db_backups.KEEP_WEEKLY * 7 + 7):
        clock.advance(days=1)
        backups.back_up(data_dir, db_backups.DAILY, clock)
    assert not first.exists()
    assert list(pool.iterdir()) == []


def test_full_export_into_an_empty_folder_restores_documents_byte_for_byte(
    store, clock, data_dir, tmp_path
) -> None:
    acme, globex = _opportunity(clock), _opportunity(clock, "Globex")
    _attach(data_dir, tmp_path, acme, "cv.pdf", CV, DocumentKind.CV, clock, date(2026, 11, 1))
    _attach(data_dir, tmp_path, globex, "cv (1).pdf", CV, DocumentKind.CV, clock)
    _attach(
        data_dir,
        tmp_path,
        globex,
        "letter.txt",
        LETTER,
        DocumentKind.COVER_LETTER,
        clock,
        date(2026, 11, 3),
    )
    before = _listing(data_dir)
    written = archive.write_archive(tmp_path / "everything.zip", data_dir, clock)
    assert (written.documents, written.missing) == (2, 0)
    with zipfile.ZipFile(written.path) as opened:
        assert sorted(opened.namelist()) == sorted(
            ["debrief.json"] + [f"documents/{hashlib.sha256(d).hexdigest()}" for d in (CV, LETTER)]
        )
        # Written as it is made: the JSON export's text, as `writestr` stored it before.
        member = opened.getinfo("debrief.json")
        assert opened.read(member) == exporting.export_text("json", clock).encode("utf-8")
        assert (member.external_attr, member.compress_type) == (0o600 << 16, zipfile.ZIP_DEFLATED)
    close_database()

    elsewhere = tmp_path / "elsewhere"
    open_store(elsewhere)
    summary = archive.import_archive(
        archive.read_archive(written.path), Duplicates.SKIP, clock, elsewhere
    )
    assert len(summary.added) == 2 and summary.documents_left == 0
    assert _listing(elsewhere) == before
    assert sorted(_files(elsewhere).values()) == sorted(_files(data_dir).values())
    assert all(p.stat().st_mode & 0o077 == 0 for p in documents_dir(elsewhere).iterdir())
    assert Document.select().count() == 2  # the CV is still stored once

    # Importing it again adds nothing twice.
    again = archive.import_archive(
        archive.read_archive(written.path), Duplicates.MERGE, clock, elsewhere
    )
    assert len(again.duplicates) == 2 and OpportunityDocument.select().count() == 3
    close_database()


def _broken(source: Path, target: Path, how: str) -> Path:
    with zipfile.ZipFile(source) as original:
        members = {info.filename: original.read(info) for info in original.infolist()}
    if how == "truncated":
        data = source.read_bytes()
        target.write_bytes(data[: len(data) // 2])
        return target
    if how == "garbage":
        target.write_bytes(b"PK\x03\x04 not really a zip")
        return target
    document = next(name for name in members if name.startswith("documents/"))
    if how == "changed document":
        members[document] = members[document][:-1] + b"!"
    elif how == "missing document":
        del members[document]
    elif how == "bad data":
        members["debrief.json"] = b'{"format": "debrief-export", "version": 1, "companies": 3}'
    elif how == "no data":
        del members["debrief.json"]
    with zipfile.ZipFile(target, "w") as out:
        for name, data in members.items():
            out.writestr(name, data)
    return target


@pytest.mark.parametrize(
    "how",
    ["truncated", "garbage", "changed document", "missing document", "bad data", "no data"],
)
def test_a_broken_archive_changes_nothing(store, clock, data_dir, tmp_path, how) -> None:
    acme = _opportunity(clock)
    _attach(data_dir, tmp_path, acme, "cv.pdf", CV, DocumentKind.CV, clock)
    _attach(data_dir, tmp_path, acme, "letter.txt", LETTER, DocumentKind.COVER_LETTER, clock)
    written = archive.write_archive(tmp_path / "everything.zip", data_dir, clock)
    broken = _broken(written.path, tmp_path / "broken.zip", how)
    close_database()

    elsewhere = tmp_path / "elsewhere"
    open_store(elsewhere)
    with pytest.raises(ValueError) as refused:
        archive.import_archive(archive.read_archive(broken), Duplicates.SKIP, clock, elsewhere)
    assert "\n" not in str(refused.value)
    assert Opportunity.select().count() == 0 and Document.select().count() == 0
    assert _files(elsewhere) == {}
    close_database()
