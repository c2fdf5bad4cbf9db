"""Every sentence the window shows, in one place so it can be reviewed and translated."""

APP_TITLE = "Debrief"

EMPTY_TITLE = "Nothing here yet"
EMPTY_BODY = (
    "Had an interview, or have one coming up? Log it and Debrief will keep track of "
    "what happens next. You can add an application without an interview too."
)
EMPTY_NO_MATCH = "No opportunity matches your search or filter."

LOG_INTERVIEW = "Log an interview…"
NEW_OPPORTUNITY = "Add an opportunity…"
EDIT = "Edit…"
ADD_INTERVIEW = "Add an interview…"
CHANGE_OUTCOME = "Change outcome"
ARCHIVE = "Archive"
UNARCHIVE = "Bring back from archive"
DELETE = "Delete…"
FIND = "Find"
QUIT = "Quit"
SEARCH_PLACEHOLDER = "Search company, role, people, notes…"
ALL_STATUSES = "All statuses"
OPEN_ONLY = "Still in play"
SHOW_ARCHIVED = "Show archived"

COLUMNS = ("Company", "Role", "Status", "Next interview", "Last activity")

CONFIRM_DELETE_TITLE = "Delete this opportunity?"
CONFIRM_DELETE_BODY = (
    "{company} — {role} will be deleted with its interviews, notes and history. "
    "This cannot be undone. If you only want it out of sight, archive it instead."
)
CONFIRM_DELETE_INTERVIEW_TITLE = "Delete this interview?"
CONFIRM_DELETE_INTERVIEW_BODY = "The interview on {when} and its notes will be deleted."

INTERVIEW_DIALOG_NEW = "Log an interview"
INTERVIEW_DIALOG_EDIT = "Edit interview"
OPPORTUNITY_DIALOG_NEW = "Add an opportunity"
OPPORTUNITY_DIALOG_EDIT = "Edit opportunity"
STATUS_DIALOG_TITLE = "Change outcome"
STATUS_NOTE_PLACEHOLDER = "Anything worth remembering about this (optional)"
SAVE = "Save"

PEOPLE_PLACEHOLDER = "One per line: Dana Li <dana@example.com>"
PERSON_PLACEHOLDER = "Name <email@example.com>"
ROUND_PRESETS = (
    "Phone screen",
    "Recruiter call",
    "Technical",
    "Take-home review",
    "Panel",
    "Final",
)
HEAR_BY_LABEL = "They said I'd hear by"
APPLIED_ON_LABEL = "Applied on"

DETAIL_NONE = "Select an opportunity to see its interviews, people and history."
DETAIL_INTERVIEWS = "Interviews"
DETAIL_NO_INTERVIEWS = "No interviews logged yet."
DETAIL_PEOPLE = "People"
DETAIL_HISTORY = "Status history"
DETAIL_NOTES = "Notes"
DETAIL_HEAR_BY = "They said you'd hear by {date}"
DETAIL_ARCHIVED = "Archived"

ERROR_TITLE = "Debrief"
DB_TOO_NEW_TITLE = "This data is from a newer Debrief"
DB_UNREADABLE_TITLE = "Debrief cannot read its data file"

TAB_TODAY = "Today"
TAB_OPPORTUNITIES = "Opportunities"
TODAY_OVERDUE = "Waiting for you"
TODAY_TODAY = "Later today"
TODAY_WEEK = "Coming this week"
TODAY_EMPTY = "Nothing needs you right now. A good moment to send one more application."
DONE = "Done"
SNOOZE = "Snooze"
OPEN = "Open"
DISMISS = "Dismiss"
MARK_NO_RESPONSE = "Mark as No response"
DUE_AT = "Due {when}"
DETAIL_REMINDERS = "Reminders"
REMINDER_STATES = {
    "pending": "coming",
    "fired": "waiting",
    "snoozed": "snoozed",
    "done": "done",
    "dismissed": "dismissed",
    "cancelled": "no longer needed",
}
OFFER_DEADLINE_LABEL = "Offer deadline"
