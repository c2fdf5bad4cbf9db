"""The full export: one .zip holding the JSON bundle and every attached document.

Inside: `debrief.json` (the same bundle as a JSON export) and `documents/<sha256>` for each
document it names. Reading one checks everything before anything is written: the bundle,
and each document's presence, size and content (its sha256). Importing then copies the
documents in (each whole, or not at all) and adds the data in one transaction; if that
fails, the files it copied go again. A damaged archive changes nothing.
"""

from __future__ import annotations

import errno
import hashlib
import os
import tempfile
import time
import zipfile
import zlib
from dataclasses import dataclass
from pathlib import Path
from typing import Any

from db.document_files import (
    CHUNK,
    TooLarge,
    documents_dir,
    has_file,
    open_stored,
    put_in_place,
    stored_name,
    write_stream,
)
from db.models import Document
from desktop.domain import document_texts as texts
from desktop.domain.clock import Clock
from desktop.domain.documents import MAX_DOCUMENT_BYTES
from desktop.domain.import_source import MAX_IMPORT_BYTES, bundle_from_json
from desktop.domain.letting_go import let_go
from desktop.domain.progress import Progress, no_progress, step
from desktop.services.documents import DocumentError, forget_unlinked
from desktop.services.export_bundle import build_bundle, bundle_json_parts
from desktop.services.import_bundle import Duplicates, ImportSummary, apply_bundle

BUNDLE_MEMBER = "debrief.json"
DOCUMENTS_MEMBER = "documents/"
SUFFIX = ".zip"
_ZIP_MAGIC = b"PK\x03\x04"
# What reading a damaged or hostile zip can raise besides BadZipFile.
_DAMAGE = (zipfile.BadZipFile, zlib.error, EOFError, NotImplementedError, RuntimeError)


@dataclass(frozen=True)
class Written:
    path: Path
    documents: int
    missing: int  # named in the data but gone from the data folder: left out

    def sentence(self) -> str:
        text = texts.EXPORTED_ARCHIVE.format(
            count=self.documents, s="s" * (self.documents != 1), path=self.path
        )
        if self.missing:
            text += texts.EXPORT_MISSING.format(count=self.missing, s="s" * (self.missing != 1))
        return text


def looks_like_archive(path: Path) -> bool:
    path = Path(path)
    if path.suffix.lower() == SUFFIX:
        return True
    try:
        with open(path, "rb") as reading:
            return reading.read(4) == _ZIP_MAGIC
    except OSError:
        return False


def write_archive(
    target: Path, data_dir: Path, clock: Clock, progress: Progress = no_progress
) -> Written:
    """Write the full export to `target`: whole, or not at all (a temporary file beside
    it, renamed when complete, removed if `progress` stops it)."""
    target = Path(target)
    bundle = build_bundle(clock.now(), progress)
    folder = documents_dir(data_dir)
    names = {row.sha256: row.stored_name for row in Document.select()}
    wanted = {d["sha256"] for opp in bundle["opportunities"] for d in opp["documents"]}
    # A file removed or changed by hand would make an archive that cannot be imported:
    # it is left out, and the export says so.
    usable = {sha for sha in wanted if sha in names and _intact(folder / names[sha], sha)}
    for opp in bundle["opportunities"]:
        opp["documents"] = [d for d in opp["documents"] if d["sha256"] in usable]
    handle, temporary = tempfile.mkstemp(prefix=f".{target.name}.", dir=target.parent)
    try:
        with os.fdopen(handle, "wb") as out:
            with zipfile.ZipFile(out, "w", zipfile.ZIP_DEFLATED) as archive:
                _write_bundle(archive, bundle, progress)
                for done, sha in enumerate(sorted(usable), 1):
                    with (
                        open_stored(folder / names[sha]) as reading,
                        archive.open(DOCUMENTS_MEMBER + sha, "w", force_zip64=True) as writing,
                    ):
                        while chunk := reading.read(CHUNK):
                            writing.write(chunk)
                    step(progress, done, len(usable))
            out.flush()
            os.fsync(out.fileno())
        os.replace(temporary, target)
    except BaseException:
        Path(temporary).unlink(missing_ok=True)
        raise
    finally:
        let_go(bundle)  # not all at once (the window's thread would wait meanwhile)
    return Written(target, len(usable), len(wanted - usable))


def _write_bundle(archive: zipfile.ZipFile, bundle: dict[str, Any], progress: Progress) -> None:
    """The bundle's JSON, written as it is made (50 MB of text for a year of history, and
    as much again encoded, were one string each, and encoding it one call that held
    Python's lock), into the member `writestr` made: its name, this moment, and -rw-------."""
    member = zipfile.ZipInfo(BUNDLE_MEMBER, date_time=time.localtime(time.time())[:6])
    member.compress_type = archive.compression
    member.external_attr = 0o600 << 16
    with archive.open(member, "w") as writing:
        for part in bundle_json_parts(bundle):
            step(progress, 0, 0)  # no count to show while writing, only that it works
            writing.write(part.encode("utf-8"))


def _intact(path: Path, sha256: str) -> bool:
    if not has_file(path):
        return False
    digest = hashlib.sha256()
    try:
        with open_stored(path) as reading:
            while chunk := reading.read(CHUNK):
                digest.update(chunk)
    except OSError:
        return False
    return digest.hexdigest() == sha256


@dataclass(frozen=True)
class Archive:
    path: Path
    bundle: dict[str, Any]

    def needed(self) -> dict[str, str]:
        """sha256 → the document's name, for each document the bundle names."""
        return {
            d["sha256"]: d["name"] for opp in self.bundle["opportunities"] for d in opp["documents"]
        }


def read_archive(path: Path) -> Archive:
    """The checked archive, or a ValueError with one sentence (a BundleError listing the
    problems when its data is wrong). Reads every document once to check its content."""
    path = Path(path)
    name = path.name
    try:
        archive = zipfile.ZipFile(path)
    except _DAMAGE:
        raise ValueError(texts.ARCHIVE_NOT_ZIP.format(name=name)) from None
    except OSError as error:
        raise ValueError(
            f"cannot read {name}: {error.strerror or error}; nothing was imported"
        ) from None
    try:
        with archive:
            bundle = bundle_from_json(_bundle_text(archive, name))
            found = Archive(path, bundle)
            for sha in found.needed():
                _check_member(archive, sha, name)
    except _DAMAGE as error:
        raise ValueError(texts.ARCHIVE_DAMAGED.format(name=name, reason=error)) from None
    except OSError as error:
        raise ValueError(
            f"cannot read {name}: {error.strerror or error}; nothing was imported"
        ) from None
    return found


def _bundle_text(archive: zipfile.ZipFile, name: str) -> str:
    try:
        info = archive.getinfo(BUNDLE_MEMBER)
    except KeyError:
        raise ValueError(texts.ARCHIVE_NO_BUNDLE.format(name=name)) from None
    with archive.open(info) as reading:
        data = reading.read(MAX_IMPORT_BYTES + 1)  # the header's size is not trusted
    if len(data) > MAX_IMPORT_BYTES:
        raise ValueError(
            f"the data in {name} is over {MAX_IMPORT_BYTES // 2**20} MiB; "
            "Debrief imports up to that"
        )
    try:
        return data.decode("utf-8-sig")
    except UnicodeDecodeError as error:
        raise ValueError(texts.ARCHIVE_DAMAGED.format(name=name, reason=error)) from None


def _check_member(archive: zipfile.ZipFile, sha256: str, name: str) -> None:
    try:
        info = archive.getinfo(DOCUMENTS_MEMBER + sha256)
    except KeyError:
        raise ValueError(
            texts.ARCHIVE_FILE_MISSING.format(name=name, document=sha256[:12])
        ) from None
    digest = hashlib.sha256()
    size = 0
    with archive.open(info) as reading:
        while chunk := reading.read(CHUNK):
            size += len(chunk)
            if size > MAX_DOCUMENT_BYTES:
                break
            digest.update(chunk)
    if size > MAX_DOCUMENT_BYTES or digest.hexdigest() != sha256:
        raise ValueError(texts.ARCHIVE_FILE_WRONG.format(name=name, document=sha256[:12]))


def import_archive(
    archive: Archive,
    policy: Duplicates,
    clock: Clock,
    data_dir: Path,
    progress: Progress = no_progress,
) -> ImportSummary:
    """Copy the documents in, then add the data in one transaction; all or nothing (a
    cancel through `progress` too)."""
    folder = documents_dir(data_dir)
    created: list[Path] = []
    files: dict[str, str] = {}
    try:
        with zipfile.ZipFile(archive.path) as opened:
            for sha, original in archive.needed().items():
                known = Document.get_or_none(Document.sha256 == sha)
                name = known.stored_name if known is not None else stored_name(sha, original)
                files[sha] = name
                if has_file(folder / name):
                    continue
                with opened.open(DOCUMENTS_MEMBER + sha) as reading:
                    temporary, got, _ = write_stream(reading, folder, MAX_DOCUMENT_BYTES)
                if got != sha:  # the archive changed since it was checked
                    temporary.unlink(missing_ok=True)
                    raise ValueError(
                        texts.ARCHIVE_FILE_WRONG.format(name=archive.path.name, document=sha[:12])
                    )
                if put_in_place(temporary, folder / name):
                    created.append(folder / name)
        return apply_bundle(archive.bundle, policy, clock, files, progress)
    except BaseException as error:
        for path in created:
            forget_unlinked(path)
        if isinstance(error, TooLarge | _DAMAGE):
            raise ValueError(
                texts.ARCHIVE_DAMAGED.format(name=archive.path.name, reason=error)
            ) from None
        if isinstance(error, OSError) and error.errno in (errno.ENOSPC, errno.EDQUOT):
            raise DocumentError(
                f"There is no room left on the disk for the documents of {archive.path.name}; "
                "nothing was imported."
            ) from None
        raise
