"""Documents sent for an opportunity: attaching, listing, removing and finding them.

A file is copied into `<data folder>/documents/` once per content (sha256): the same CV
attached to five opportunities is one file and one `document` row with five links. The
copy is made whole (temporary file, fsync, rename) before the transaction that links it,
so a refusal, a crash or a full disk leaves the database and the folder as they were.

Removing an opportunity's last link to a document removes the document and its file at
once. Deleting a whole opportunity only removes its links (undo puts them back): the
documents nobody links to any more are removed by `sweep`, when Debrief next starts.
"""

from __future__ import annotations

import contextlib
import errno
import time
from dataclasses import dataclass, replace
from datetime import date
from pathlib import Path

from peewee import fn

from db.connection import DB
from db.document_files import (
    TooLarge,
    documents_dir,
    has_file,
    put_in_place,
    stored_name,
    write_stream,
)
from db.document_files import (
    sweep as sweep_files,
)
from db.models import Company, Document, Opportunity, OpportunityDocument
from desktop.domain import document_texts as texts
from desktop.domain.clock import Clock
from desktop.domain.documents import MAX_DOCUMENT_BYTES, DocumentKind, size_text
from desktop.services import NotFound
from desktop.services.changes import Changes


class DocumentError(ValueError):
    """A file that cannot be attached or opened; the message is one sentence to show."""


@dataclass(frozen=True)
class DocumentView:
    id: int  # the link's id: what the user removes or opens
    opportunity_id: int
    name: str
    kind: DocumentKind
    sent_on: date | None
    size: int
    path: Path
    present: bool  # the stored file is there (it may have been removed by hand)
    shared: int = 0  # other opportunities the same file was sent for

    @property
    def size_text(self) -> str:
        return size_text(self.size)


@dataclass(frozen=True)
class Attached:
    document: DocumentView
    others: int  # other opportunities the same file is attached to
    changes: Changes


def attach(
    data_dir: Path,
    opportunity_id: int,
    source: Path,
    kind: DocumentKind,
    sent_on: date | None,
    clock: Clock,
) -> Attached:
    """Copy `source` into the data folder (once per content) and link it."""
    source = Path(source)
    name = source.name
    if sent_on is not None and sent_on > clock.now().astimezone(clock.tz).date():
        raise DocumentError(texts.SENT_IN_FUTURE.format(date=sent_on.isoformat()))
    folder = documents_dir(data_dir)
    temporary, sha256, size = _copy_in(source, folder)
    created: Path | None = None
    try:
        with DB.atomic():
            opportunity = Opportunity.get_or_none(Opportunity.id == opportunity_id)
            if opportunity is None:
                raise NotFound(texts.NO_OPPORTUNITY.format(id=opportunity_id))
            document = Document.get_or_none(Document.sha256 == sha256)
            if document is None:
                document = Document.create(
                    sha256=sha256,
                    stored_name=stored_name(sha256, name),
                    original_name=name,
                    size=size,
                    added_at=clock.now(),
                )
            elif _already_linked(opportunity_id, document.id, kind):
                raise DocumentError(texts.ALREADY_ATTACHED.format(name=name, kind=kind.label))
            target = folder / document.stored_name
            # The file may be there already (the same content, attached before), or gone
            # by hand while its row stayed: this copy puts it back.
            if put_in_place(temporary, target):
                created = target
            link = OpportunityDocument.create(
                opportunity=opportunity_id,
                document=document.id,
                name=name,
                kind=kind.value,
                sent_on=sent_on,
                added_at=clock.now(),
            )
            others = (
                OpportunityDocument.select(fn.COUNT(OpportunityDocument.opportunity.distinct()))
                .where(
                    (OpportunityDocument.document == document.id)
                    & (OpportunityDocument.opportunity != opportunity_id)
                )
                .scalar()
            )
    except BaseException:
        temporary.unlink(missing_ok=True)
        if created is not None:
            forget_unlinked(created)
        raise
    view = _view(link, document, folder)
    return Attached(view, int(others or 0), Changes.of(opportunity_id))


def forget_unlinked(path: Path) -> None:
    """The transaction was undone: so is the file it would have named. If the database
    cannot even say (a failing disk), the file stays for the sweep."""
    with contextlib.suppress(Exception):
        if not Document.select().where(Document.stored_name == path.name).exists():
            path.unlink(missing_ok=True)


def _already_linked(opportunity_id: int, document_id: int, kind: DocumentKind) -> bool:
    return bool(
        OpportunityDocument.select()
        .where(
            (OpportunityDocument.opportunity == opportunity_id)
            & (OpportunityDocument.document == document_id)
            & (OpportunityDocument.kind == kind.value)
        )
        .exists()
    )


def _copy_in(source: Path, folder: Path) -> tuple[Path, str, int]:
    name = source.name
    try:
        if not source.exists():
            raise DocumentError(texts.MISSING.format(name=source))
        if not source.is_file():
            raise DocumentError(texts.NOT_A_FILE.format(name=name))
        size = source.stat().st_size
    except OSError as error:
        raise DocumentError(texts.UNREADABLE.format(name=name, reason=_reason(error))) from None
    if size > MAX_DOCUMENT_BYTES:
        raise DocumentError(texts.TOO_LARGE.format(name=name, size=size_text(size)))
    if size == 0:
        raise DocumentError(texts.EMPTY.format(name=name))
    try:
        reading = open(source, "rb")  # noqa: SIM115 - closed below, refusals first
    except OSError as error:
        raise DocumentError(texts.UNREADABLE.format(name=name, reason=_reason(error))) from None
    try:
        with reading:
            return write_stream(reading, folder, MAX_DOCUMENT_BYTES)
    except TooLarge as grown:
        raise DocumentError(
            texts.TOO_LARGE.format(name=name, size=size_text(int(grown.args[0])))
        ) from None
    except OSError as error:
        if error.errno in (errno.ENOSPC, errno.EDQUOT):
            raise DocumentError(texts.DISK_FULL.format(name=name)) from None
        if error.filename is None or Path(error.filename) == source:
            raise DocumentError(texts.UNREADABLE.format(name=name, reason=_reason(error))) from None
        raise DocumentError(texts.CANNOT_STORE.format(name=name, reason=_reason(error))) from None


def _reason(error: OSError) -> str:
    return (error.strerror or str(error)).lower()


def _view(link: OpportunityDocument, document: Document, folder: Path) -> DocumentView:
    path = folder / document.stored_name
    return DocumentView(
        id=link.id,
        opportunity_id=link.opportunity_id,
        name=link.name,
        kind=DocumentKind(link.kind),
        sent_on=link.sent_on,
        size=document.size,
        path=path,
        present=has_file(path),
    )


def documents_of(data_dir: Path, opportunity_id: int) -> list[DocumentView]:
    """What was sent for this opportunity, the latest sent first (undated last)."""
    folder = documents_dir(data_dir)
    rows = list(
        OpportunityDocument.select(OpportunityDocument, Document)
        .join(Document)
        .where(OpportunityDocument.opportunity == opportunity_id)
    )
    ids = {row.document_id for row in rows}
    elsewhere = dict(
        OpportunityDocument.select(
            OpportunityDocument.document, fn.COUNT(OpportunityDocument.opportunity.distinct())
        )
        .where(
            OpportunityDocument.document.in_(ids)
            & (OpportunityDocument.opportunity != opportunity_id)
        )
        .group_by(OpportunityDocument.document)
        .tuples()
    )
    views = [
        replace(_view(row, row.document, folder), shared=elsewhere.get(row.document_id, 0))
        for row in rows
    ]
    # The latest sent first; those sent the same day (a CV and its letter) in the order
    # they were attached; undated last.
    views.sort(key=lambda v: v.id)
    views.sort(key=lambda v: (v.sent_on is not None, v.sent_on or date.min), reverse=True)
    return views


def document_path(data_dir: Path, link_id: int) -> Path:
    """The stored file to open; DocumentError if it is gone."""
    row = _link(link_id)
    path = documents_dir(data_dir) / row.document.stored_name
    if not has_file(path):
        raise DocumentError(texts.FILE_GONE.format(name=row.name))
    return path


def _link(link_id: int) -> OpportunityDocument:
    row = (
        OpportunityDocument.select(OpportunityDocument, Document)
        .join(Document)
        .where(OpportunityDocument.id == link_id)
        .first()
    )
    if row is None:
        raise NotFound(texts.NO_DOCUMENT.format(id=link_id))
    return row


def remove(data_dir: Path, link_id: int) -> Changes:
    """Unlink the document from its opportunity; the last link takes the file with it."""
    with DB.atomic():
        row = _link(link_id)
        document = row.document
        row.delete_instance()
        last = (
            not OpportunityDocument.select()
            .where(OpportunityDocument.document == document.id)
            .exists()
        )
        if last:
            document.delete_instance()
    if last:  # after the commit: a rollback must never find its file gone
        (documents_dir(data_dir) / document.stored_name).unlink(missing_ok=True)
    return Changes.of(row.opportunity_id)


def sweep(data_dir: Path) -> int:
    """Remove the documents no opportunity links to any more, and files no row names
    (a copy whose transaction never committed). Returns how many files went."""
    folder = documents_dir(data_dir)
    with DB.atomic():
        linked = OpportunityDocument.select(OpportunityDocument.document)
        Document.delete().where(Document.id.not_in(linked)).execute()
        keep = {name for (name,) in Document.select(Document.stored_name).tuples()}
        # Inside the transaction: no other Debrief can link a new file meanwhile.
        removed = sweep_files(folder, keep)
    _remove_old_temporaries(folder)
    return len(removed)


def _remove_old_temporaries(folder: Path) -> None:
    # Another Debrief may be copying a file in right now: only a day-old temporary file
    # is surely one a killed Debrief left.
    if not folder.is_dir() or folder.is_symlink():
        return
    for path in folder.glob(".incoming-*"):
        try:
            if time.time() - path.stat().st_mtime > 86_400:
                path.unlink()
        except OSError:
            continue


def names_matching(text: str) -> list[tuple[int, str]]:
    """(opportunity id, document name) for each attached document whose name holds
    `text`, case-insensitively: for search."""
    needle = text.strip().casefold()
    if not needle:
        return []
    rows = (
        OpportunityDocument.select(OpportunityDocument.opportunity, OpportunityDocument.name)
        .order_by(OpportunityDocument.opportunity, OpportunityDocument.name)
        .tuples()
    )
    found: dict[tuple[int, str], None] = {}
    for opportunity_id, name in rows:
        if needle in name.casefold():
            found[(opportunity_id, name)] = None
    return list(found)


def opportunity_label(opportunity_id: int) -> str:
    row = (
        Opportunity.select(Opportunity.role_title, Company.name)
        .join(Company)
        .where(Opportunity.id == opportunity_id)
        .tuples()
        .first()
    )
    if row is None:
        raise NotFound(texts.NO_OPPORTUNITY.format(id=opportunity_id))
    return f"{row[1]} — {row[0]}"
