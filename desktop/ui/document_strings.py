"""The window's words for documents (the sentences shared with the command line are in
desktop/domain/document_texts.py)."""

from __future__ import annotations

DETAIL_DOCUMENTS = "Documents sent"
DETAIL_NO_DOCUMENTS = "No documents attached yet."
ATTACH_LINK = "Attach a document…"
OPEN_LINK = "Open"
REMOVE_LINK = "Remove"
SENT_ON = "sent {date}"
NOT_SENT = "date sent not given"
MISSING = "missing from the data folder"
SHARED = "also sent for {count} other opportunit{ies}"

PICK_TITLE = "Attach a document"
PICK_FILTER = (
    "Documents (*.pdf *.doc *.docx *.odt *.rtf *.txt *.md *.pages *.png *.jpg *.jpeg);;"
    "All files (*)"
)
KIND = "What it is"
SENT = "I sent it on"
ATTACH_BUTTON = "Attach"
SIZE_NOTE = "{size}, for {opportunity}. Debrief keeps its own copy in your data folder."

CONFIRM_REMOVE_TITLE = "Remove this document?"
CONFIRM_REMOVE_LAST = (
    "{name} will be removed from {opportunity}, and its copy from your data folder (the "
    "file you attached from stays where it is)."
)
CONFIRM_REMOVE_SHARED = (
    "{name} will be removed from {opportunity}. It stays attached to the other "
    "opportunities it was sent for."
)
ATTACHED = "Attached {name} to {opportunity}."
REMOVED = "Removed {name} from {opportunity}."
NO_PROGRAM = "No program on this computer opens {name}. The file is {path}"

# Your data ▸ Export.
EXPORT_FULL = "Everything, with your documents (.zip, to import elsewhere)…"
EXPORT_FULL_FILTER = "Debrief full export (*.zip)"
