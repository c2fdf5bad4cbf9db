"""Every sentence about documents, shared by the services, the command line and the window."""

from __future__ import annotations

from desktop.domain.documents import MAX_DOCUMENT_MIB

# Refusals: one sentence each, and nothing was written.
MISSING = "{name} was not found; nothing was attached."
NOT_A_FILE = "{name} is not a file; choose a document (a PDF, a Word or text file)."
UNREADABLE = "{name} cannot be read ({reason}); nothing was attached."
EMPTY = "{name} is empty; nothing was attached."
TOO_LARGE = (
    "{name} is {size}; Debrief keeps documents up to "
    f"{MAX_DOCUMENT_MIB} MB, so nothing was attached."
)
DISK_FULL = "There is no room left on the disk for {name}; nothing was attached."
CANNOT_STORE = "{name} could not be copied into the data folder ({reason}); nothing was attached."
NO_OPPORTUNITY = "no opportunity with id {id}"
NO_DOCUMENT = "no attached document with id {id}"
FILE_GONE = (
    "{name} is no longer in the data folder (it may have been removed by hand); "
    "attach it again to keep it."
)
SENT_IN_FUTURE = "{date} is in the future; give the day you sent it. Nothing was attached."
ALREADY_ATTACHED = "{name} is already attached to this opportunity as {kind}."

# The command line.
ATTACHED = "Attached {name} ({kind}, {size}) to {opportunity}: document {id}."
ATTACHED_SHARED = (
    " The same file is also attached to {count} other opportunit{ies}; it is stored once."
)
NONE_YET = "No documents attached to {opportunity} yet. Attach one with: debrief attach {id} FILE"
SENT_ON = "sent {date}"
NOT_SENT = "date sent not given"
MISSING_MARK = "missing from the data folder"

# Full export (one .zip) and importing it.
ARCHIVE_NOT_ZIP = "{name} is not a Debrief full export (.zip); nothing was imported."
ARCHIVE_DAMAGED = "{name} is damaged ({reason}); nothing was imported."
ARCHIVE_NO_BUNDLE = "{name} has no debrief.json inside; it is not a Debrief full export."
ARCHIVE_FILE_MISSING = "{name} lacks the document {document} its data names; nothing was imported."
ARCHIVE_FILE_WRONG = (
    "The document {document} in {name} is not the file its data names (damaged or changed); "
    "nothing was imported."
)
EXPORTED_ARCHIVE = "Exported everything, with {count} document{s}, to {path}"
EXPORT_MISSING = " {count} document{s} missing from the data folder could not be included."
IMPORT_DOCUMENTS_LEFT = (
    " {count} document{s} named in the file {were} not imported: a JSON export holds no "
    "files (import the full export .zip to bring them)."
)
