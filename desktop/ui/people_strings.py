"""Every user-visible string of the People tab, its edit dialog and its vCard actions."""

from __future__ import annotations

TAB = "&People"
FILTER_PLACEHOLDER = "Filter by name, company, email or role"
A11Y_FILTER = "Filter people"
A11Y_TABLE = "People"
A11Y_DETAIL = "The selected person"
COLUMNS = ("Name", "Company", "Role", "Email", "Interviews", "Notes sent", "Last spoke")
EDIT = "Edit…"
IMPORT = "Import vCard…"
EXPORT = "Export vCard…"
EMPTY = (
    "Everyone you meet comes here: the recruiters, interviewers and referrers of the "
    "interviews you log. You can also import someone from a vCard (.vcf) file."
)
NO_MATCH = "Nobody matches that filter."
PICK_SOMEONE = "Select someone to see the interviews they were in and the notes you sent them."

# The detail beside the list.
DETAIL_ROLE_AT = "{role} at {company}"
DETAIL_TITLE = "{title}"
DETAIL_EMAIL = "Email"
DETAIL_PHONE = "Phone"
DETAIL_ADDRESS_AS = "Addressed as"
DETAIL_FIRST_NAME = "their first name"
DETAIL_LAST_SPOKE = "Last spoke"
DETAIL_NEVER = "not yet"
DETAIL_LAST_SPOKE_HINT = (
    "The latest interview they were in, note you sent them, or recruiter call you made."
)
DETAIL_INTERVIEWS = "Interviews they were in"
DETAIL_INTERVIEW = "{when} — {company}, {role}{round}"
DETAIL_COMING = ", to come"
DETAIL_NOTES_SENT = "Notes sent to them"
DETAIL_NOTE = "{when} — {note}: {company}, {role}"
DETAIL_CALLS = "Calls with them"
DETAIL_RECRUITING = "Recruiter for"
DETAIL_OPPORTUNITY = "{company}, {role}"
DETAIL_NOTES = "Your notes"
DETAIL_NONE = "none yet"

# The edit dialog.
DIALOG_TITLE = "Edit {name}"
FIELD_NAME = "Name"
FIELD_COMPANY = "Company"
FIELD_ROLE = "Role"
FIELD_JOB_TITLE = "Job title"
FIELD_EMAIL = "Email"
FIELD_PHONE = "Phone"
FIELD_ADDRESS_AS = "Address them as"
FIELD_NOTES = "Notes"
ADDRESS_AS_PLACEHOLDER = "their first name (or e.g. Dr Raman)"
JOB_TITLE_PLACEHOLDER = "e.g. Engineering Manager"
COMPANY_PLACEHOLDER = "none"
EMAIL_TAKEN = "{name} already has this email address."
SAVED = "Saved {name}."
# What Undo takes back ("Undone: edit of Dana Li.").
UNDO_EDIT = "edit of {name}"
UNDO_IMPORT = "import from {file}"

# vCards.
IMPORT_TITLE = "Import people from a vCard"
EXPORT_TITLE = "Export {name} as a vCard"
VCARD_FILTER = "vCard files (*.vcf *.vcard);;All files (*)"
IMPORT_KNOWN_TITLE = "Already here"
IMPORT_KNOWN_ONE = "{name} is already here (the same email). Update them from the file?"
IMPORT_KNOWN_MANY = (
    "{count} people in the file are already here (the same email): {names}. "
    "Update them from the file?"
)
IMPORT_UPDATE = "Update"
IMPORT_KEEP = "Keep as they are"
IMPORTED = "Imported from {file}: {added} added, {updated} updated, {skipped} left as they were."
IMPORT_FAILED_TITLE = "Not imported"
ERROR_TITLE = "Not saved"
EXPORTED = "Saved {name}'s card to {file}."
EXPORT_FAILED = "{file} could not be written: {reason}. Nothing was saved."
