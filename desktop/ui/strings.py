"""Every sentence the window shows, in one place so it can be reviewed and translated."""

APP_TITLE = "Debrief"

EMPTY_TITLE = "Nothing here yet"
EMPTY_BODY = (
    "Had an interview, or have one coming up? Log it and Debrief will keep track of "
    "what happens next. You can add an application without an interview too."
)
EMPTY_NO_MATCH = "No opportunity matches your search or filter."
SHOW_EVERYTHING = "Show everything"

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
PREFERENCES = "Preferences…"
BANNER_CLOSE = "Hide this message"
SEARCH_PLACEHOLDER = "Search company, role, people, notes, job description…"
ALL_STATUSES = "All statuses"
OPEN_ONLY = "Still in play"
SHOW_ARCHIVED = "Show archived"

COLUMNS = ("Company", "Role", "Status", "Next interview", "Last activity", "Found in")

CONFIRM_DELETE_TITLE = "Delete this opportunity?"
CONFIRM_DELETE_BODY = (
    "{company} — {role} will be deleted with its interviews, notes and history. "
    "Until you quit Debrief, Edit ▸ Undo brings it back. If you only want it out of sight, "
    "archive it instead."
)
CONFIRM_DELETE_INTERVIEW_TITLE = "Delete this interview?"
CONFIRM_DELETE_INTERVIEW_BODY = "The interview on {when} and its notes will be deleted."

INTERVIEW_DIALOG_NEW = "Log an interview"
INTERVIEW_DIALOG_EDIT = "Edit interview"
OPPORTUNITY_DIALOG_NEW = "Add an opportunity"
OPPORTUNITY_DIALOG_EDIT = "Edit opportunity"
STATUS_DIALOG_TITLE = "Change outcome"
STATUS_NEW_LABEL = "New status"
STATUS_HAPPENED_LABEL = "Happened on"
STATUS_NOTE_PLACEHOLDER = "Anything worth remembering about this (optional)"
SAVE = "Save"

PEOPLE_PLACEHOLDER = "One per line: Dana Li <dana@example.com>"
PERSON_PLACEHOLDER = "Name <email@example.com>"
TIME_PLACEHOLDER = "14:30"
FORM_ERRORS_ANNOUNCED = "Not saved yet. {first}"
FORM_ERRORS_MORE = " {count} fields need a look."
DATE_ACCESSIBLE = "Date"
TIME_ACCESSIBLE = "Time of day, like 14:30"
ROUND_PRESETS = (
    "Phone screen",
    "Recruiter call",
    "Technical",
    "Take-home review",
    "Panel",
    "Final",
)
HEAR_BY_LABEL = "They said I'd hear by"
RECRUITER_KIND_LABEL = "They work for"
RECRUITER_KINDS = {
    "": "Not sure yet",
    "agency": "A recruitment agency",
    "in_house": "The company itself",
}
RECRUITER_ASK = "Does this recruiter work for an agency, or for {company} itself?"
RECRUITER_IS_AGENCY = "An agency"
RECRUITER_IS_OWN = "{company} itself"
RECRUITER_AGENCY_NOTE = "agency: thanks and follow-ups go through them"
RECRUITER_OWN_NOTE = "works for {company}"
RECRUITER_NOT_AGENCY = "Not an agency?"
RECRUITER_FROM_AGENCY = "From an agency?"
RECRUITER_KIND_WHY = (
    "With an agency, your thanks and follow-ups go through the recruiter, and the "
    "company's people are left to them while the process runs. Debrief remembers "
    "your answer for this person."
)
APPLIED_ON_LABEL = "Applied on"

DETAIL_NONE = "Select an opportunity to see its interviews, people and history."
DETAIL_INTERVIEWS = "Interviews"
DETAIL_NO_INTERVIEWS = "No interviews logged yet."
DETAIL_PEOPLE = "People"
DETAIL_HISTORY = "Status history"
DETAIL_SOURCE = "Found through"
DETAIL_POSTING = "Posting"
DETAIL_APPLIED_ON = "Applied on"
DETAIL_NOTES = "Notes"
DETAIL_HEAR_BY = "They said you'd hear by {date}"
DETAIL_ARCHIVED = "Archived"

ERROR_TITLE = "Debrief"
DB_TOO_NEW_TITLE = "This data is from a newer Debrief"

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
OPEN_POSTING = "Open their posting"
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

# ----- preferences --------------------------------------------------------------------
PREFS_TITLE = "Preferences"
PREFS_NOTIFY_GROUP = "Pop up a notification for"
PREFS_NOTIFY_NOTE = "Silenced reminders still appear in Today and in the tray menu."
PREFS_QUIET_GROUP = "Quiet hours"
PREFS_QUIET_FROM = "No reminders from"
PREFS_QUIET_TO = "until"
PREFS_QUIET_SAME = "Same start and end: no quiet hours."
PREFS_QUIET_FROM_NAME = "Quiet hours start"
PREFS_QUIET_TO_NAME = "Quiet hours end"
PREFS_QUIET_BAD = "Quiet hours: {problem}"
PREFS_SKIP_WEEKENDS = "Keep weekends free"
PREFS_TIMING_GROUP = "Timing"
PREFS_START_GROUP = "Starting"
PREFS_START_AT_LOGIN = "Start Debrief in the tray when I log in"
PREFS_AUTOSTART_FAILED = "Could not change start at login: {error}"
PREFS_TRAY_STYLE = "Tray icon:"
PREFS_TRAY_STYLES = {
    "colour": "Colour",
    "light": "Light, for dark panels",
    "dark": "Dark, for light panels",
}
KIND_LABELS = {
    "prep": "Preparing the evening before",
    "debrief": "Writing the debrief",
    "recruiter_call": "Calling the recruiter",
    "thank_you": "Thank-you notes",
    "late_thank_you": "Late thank-you notes",
    "follow_up": "Follow-ups",
    "second_follow_up": "Second follow-ups",
    "no_response_check": "No-response checks",
    "rejection_reply": "Replying to a rejection",
    "reapply_check_in": "Re-apply check-ins",
    "offer_reply": "Answering an offer",
    "keep_in_touch": "Keep-in-touch notes",
    "thanks_via_recruiter": "Thanks through an agency's recruiter",
    "felt_wrong_forward": "An interview you doubted moved forward",
    "felt_wrong_not": "An interview that felt good was not a yes",
    "own": "Your own reminders",
}
# (field of PlaybookSettings, label, unit suffix, maximum)
TIMING_FIELDS = (
    ("thank_you_after_minutes", "Thank-you note after the interview", " min", 24 * 60),
    ("debrief_after_minutes", "Debrief after the interview", " min", 24 * 60),
    ("recruiter_call_after_minutes", "Recruiter call after the interview", " min", 24 * 60),
    (
        "follow_up_after_hear_by_business_days",
        "Follow-up after the date they gave",
        " business days",
        30,
    ),
    (
        "follow_up_after_interview_business_days",
        "Follow-up when they gave no date",
        " business days",
        60,
    ),
    ("second_follow_up_after_days", "Second follow-up after the first", " days", 60),
    ("no_response_after_days", "Ask about closing after silence of", " days", 365),
    ("reapply_after_days", "Re-apply check-in after a rejection", " days", 730),
)

# ----- debrief ------------------------------------------------------------------------
DEBRIEF_TITLE = "Debrief — {company}, {role}"
DEBRIEF_INTRO = (
    "Write it while it's fresh, honestly and without judging yourself. "
    "Everything saves as you type."
)
DEBRIEF_LESSONS = "From your earlier debriefs"
DEBRIEF_FELT = "How did it feel?"
DEBRIEF_PREDICTION = "What do you expect to happen?"
DEBRIEF_PREDICTION_NONE = "(choose)"
DEBRIEF_ACCOUNT = "What happened, from start to finish"
DEBRIEF_QUESTIONS = "Questions they asked"
DEBRIEF_QUESTION_PLACEHOLDER = "The question"
DEBRIEF_NOTE_PLACEHOLDER = "How you answered, what you'd say next time"
DEBRIEF_ADD_QUESTION = "Add a question"
DEBRIEF_WENT_WELL = "What went well"
DEBRIEF_MISTAKES = "Your mistakes, and why they happened"
DEBRIEF_WHY_PLACEHOLDER = "Why it happened"
DEBRIEF_OWN_MISTAKE_PLACEHOLDER = "Another mistake, in your words"
DEBRIEF_ADD_MISTAKE = "Add another mistake"
DEBRIEF_MADE_HARDER = "What the interviewer did that made it harder"
DEBRIEF_MADE_HARDER_NOTE = "Not your mistakes: kept apart on purpose."
DEBRIEF_LESSONS_NEXT = "Lessons for next time"
DEBRIEF_FEEDBACK = "What the company or the recruiter told you"
DEBRIEF_FEEDBACK_NOTE = (
    "Feedback from the recruiter call or from the company, in their words. "
    "It comes back before your next interview."
)
DEBRIEF_CALIBRATION = "How your feelings have turned out"
DEBRIEF_SAVED = "Saved {time}"
NOT_SAVED_RETRYING = "Not saved yet — another program is writing to your data; retrying…"
NOT_SAVED_KEPT_OPEN = (
    "Not saved yet, so this window stays open — another program is writing to your data. "
    "Debrief keeps trying; close it once it says Saved."
)
DEBRIEF_DONE = "Done"
DELETED_ELSEWHERE = "This interview was deleted elsewhere; nothing more can be saved."
REMOVE = "Remove"

REFLECTION_TITLE = "Reflection — {company}, {role}"
REFLECTION_INTRO = (
    "A “no” says less about you than it feels like. Most reasons are ones you never see."
)
REFLECTION_OUTSIDE = "Reasons that may have been outside your control"
REFLECTION_CHECKING = "Worth checking, honestly and without blame"
REFLECTION_CHECK_PLACEHOLDER = "Your honest answer (optional)"
REFLECTION_FEEDBACK = "Feedback the company gave"
WRITE_DEBRIEF = "Write debrief"
CONTINUE_DEBRIEF = "Continue debrief"
WRITE_NOTE = "Write a note…"
ADD_OWN_REMINDER = "Add a reminder…"
OWN_REMINDER_TITLE = "A reminder of your own — {company}, {role}"
OWN_REMINDER_TEXT = "What to remember"
OWN_REMINDER_PLACEHOLDER = "e.g. Send the portfolio link"
OWN_REMINDER_AT = "When"
OWN_REMINDER_ABOUT = "About"
OWN_REMINDER_WHOLE = "The opportunity as a whole"
OWN_REMINDER_INTERVIEW = "Interview"
REFLECT = "Reflect…"
DETAIL_LESSONS = "Lessons from your earlier debriefs"
TAB_QUESTIONS = "Questions"
QUESTIONS_SEARCH = "Search the questions you've been asked…"
QUESTIONS_EMPTY = "Questions you note in your debriefs gather here, ready for the next interview."
QUESTION_COLUMNS = ("Question", "Your note", "Company", "Role", "Asked")

# ----- compose ------------------------------------------------------------------------
COMPOSE_TITLE = "Write a note — {company}, {role}"
COMPOSE_TEMPLATE = "Note"
COMPOSE_TO = "To"
COMPOSE_ADDRESS_AS = "Address them as"
COMPOSE_ADDRESS_AS_HINT = "{first} (their first name), or e.g. “Dr {last}”"
COMPOSE_TOPIC = "A topic you discussed"
COMPOSE_TOPIC_SUGGESTED = "Suggested from your notes on {first}: keep it, or change it."
COMPOSE_TOPIC_NONE = "Your notes don't say what you talked about with {first}. A few words will do."
COMPOSE_TOPIC_OWN = ""
COMPOSE_FROM = "Signed as {name} · strengths: {strengths}"
COMPOSE_FROM_EMPTY = "Your name and strengths aren't set yet."
COMPOSE_EDIT_PROFILE = "Change…"
COMPOSE_SUBJECT = "Subject"
COMPOSE_GAPS = "Still to fill in: {gaps}"
COMPOSE_WRONG_PERSON = "This note still mentions {names}, but it is going to {recipient}."
COMPOSE_COPY = "Copy"
COMPOSE_EMAIL = "Open in email"
COMPOSE_MARK_SENT = "Mark as sent"
COMPOSE_REFRESH = "Start again from the template"
COMPOSE_EDIT_TEMPLATE = "Edit template…"
COMPOSE_COPIED = "Copied. Paste it into your email."
COMPOSE_OPENED = "Opened in your mail program."
COMPOSE_NO_MAIL_PROGRAM = (
    "No mail program answered, so the note is copied instead: paste it into your webmail "
    "or any email. The address is {email}."
)
COMPOSE_NO_MAIL_PROGRAM_NO_ADDRESS = (
    "No mail program answered, so the note is copied instead: paste it into your webmail "
    "or any email."
)
COMPOSE_SENT_TITLE = "Did you send it?"
COMPOSE_SENT_BODY = "Once it's sent, Debrief keeps a copy in this opportunity's sent notes."
COMPOSE_SENT_BODY_ANSWERS = (
    "Once it's sent, Debrief keeps a copy in this opportunity's sent notes and marks "
    "“{title}” done."
)
COMPOSE_SENT_DONE = "Kept in the sent notes."
COMPOSE_SENT_DONE_ANSWERED = "Kept in the sent notes, and “{title}” is done."
COMPOSE_RESTART_TITLE = "Start again from the template?"
COMPOSE_RESTART_BODY = "Your changes to this note will be lost."
COMPOSE_SWITCH_TITLE = "Switch to another note?"
COMPOSE_SWITCH_BODY = (
    "“{name}” starts from its own template, so your changes to this note will be lost."
)
COMPOSE_RECIPIENT_TITLE = "Start again for {recipient}?"
COMPOSE_RECIPIENT_BODY = (
    "Your note still mentions {names}. Start again from the template for {recipient}? "
    "Your changes will be lost. Choose No to keep them and fix the names yourself."
)
COMPOSE_NO_EMAIL = "no email address"
TEMPLATE_EDITOR_TITLE = "Edit template — {name}"
TEMPLATE_EDITOR_HELP = (
    "The first line is the subject. Placeholders you can use: {placeholders}. "
    "A value that is missing shows as a gap to fill in."
)
TEMPLATE_RESTORE = "Restore the original"
TALKING_POINTS = "Talking points…"

# ----- the recruiter call checklist ----------------------------------------------------
CALL_TITLE = "Your call with {recruiter} — {company}, {role}"
CALL_TITLE_NO_RECRUITER = "Your call with the recruiter — {company}, {role}"
CALL_PRIVATE = "Just for you: nothing here is sent to anyone."
CALL_WRITE_DEBRIEF = "Write the debrief first…"
CALL_DONE = "Call done"
CALL_LATER = "Later"

# ----- your profile: who the notes are from ---------------------------------------------
PROFILE_GROUP = "You, in your notes"
PROFILE_TITLE = "Before your first note"
PROFILE_INTRO = (
    "Notes are signed with your name and mention one or two of your strengths. Tell "
    "Debrief once, and every note starts with them. You can change them any time in "
    "Preferences."
)
PROFILE_NAME = "Your name"
PROFILE_SIGNATURE = "Email signature"
PROFILE_SIGNATURE_HINT = "Optional. Used instead of your name under “Kind regards,”."
PROFILE_STRENGTHS = "Strengths to mention"
PROFILE_STRENGTHS_HINT = "e.g. careful SQL and clear reporting"
PROFILE_SKIP = "Not now"
PROFILE_SAVE = "Save"

# ----- sent notes in the detail pane ---------------------------------------------------
DETAIL_SENT_NOTES = "Notes sent"
DETAIL_SENT_NOTE = "{when}: {note} to {recipient}"
SENT_HOW = {"email": "opened in email", "copied": "copied", "sent": "marked as sent"}
ACT_LABELS = {
    "debrief": WRITE_DEBRIEF,
    "recruiter_call": TALKING_POINTS,
    "thank_you": WRITE_NOTE,
    "late_thank_you": WRITE_NOTE,
    "follow_up": WRITE_NOTE,
    "second_follow_up": WRITE_NOTE,
    "rejection_reply": WRITE_NOTE,
    "keep_in_touch": WRITE_NOTE,
    "thanks_via_recruiter": WRITE_NOTE,
    "felt_wrong_forward": "See how your feelings turn out",
    "felt_wrong_not": "See how your feelings turn out",
    "nudge_few_live": "Add an opportunity…",
    "nudge_no_recent_application": "Add an opportunity…",
    "nudge_one_basket": "Add an opportunity…",
    "nudge_after_no": "Reply or add one…",
    "nudge_pause": "See your insights",
}

# ----- your data: export, import, backups -------------------------------------------------
DATA_MENU = "&Your data"
EXPORT_MENU = "&Export"
EXPORT_JSON = "Everything but the documents (JSON)…"
EXPORT_CSV = "Spreadsheet (CSV)…"
EXPORT_ICS = "Calendar (iCalendar)…"
EXPORT_REPORT = "Activity report (PDF)…"
EXPORT_FILTERS = {
    "json": "Debrief export (*.json)",
    "csv": "CSV spreadsheet (*.csv)",
    "ics": "iCalendar (*.ics)",
    "report": "PDF (*.pdf)",
}
EXPORTED = "Saved to {path}."
EXPORT_FAILED = "Could not save the file: {error}"
REPORT_TITLE = "Activity report"
REPORT_FROM = "From"
REPORT_TO = "To"
REPORT_BOM = "Mark as UTF-8 for Excel"
IMPORT = "&Import…"
IMPORT_TITLE = "Import from {name}"
IMPORT_FILTER = "Debrief export or spreadsheet (*.zip *.json *.csv *.txt);;All files (*)"
IMPORT_BUTTON = "Import"
IMPORT_COLUMNS = "Which column holds what"
IMPORT_NOT_IN_FILE = "(not in the file)"
IMPORT_DATES = "Dates like 3/11/2026 are"
IMPORT_DAY_FIRST = "day/month (3 November)"
IMPORT_MONTH_FIRST = "month/day (March 11)"
IMPORT_SKIP = "Skip opportunities that are already here"
IMPORT_MERGE = "Merge them: add what is missing, keep what you wrote"
IMPORT_PROBLEMS = "Nothing will be imported until these are fixed in the file:"
IMPORT_STOPPED = "… and more: checking stopped after the first {count}"
IMPORT_DONE = "Imported: {sentence}"
BACKUPS = "&Backups…"
BACKUPS_TITLE = "Backups"
BACKUPS_INTRO = (
    "Debrief copies your data every day it runs, and before every import and restore. "
    "The last 7 daily and 4 weekly copies are kept; copies you make yourself are never removed."
)
BACKUP_NOW = "Back up now"
BACKUP_RESTORE = "Restore…"
BACKUP_OPEN_FOLDER = "Open folder"
BACKUP_KINDS = {
    "daily": "Daily",
    "manual": "Made by you",
    "before-import": "Before an import",
    "before-restore": "Before a restore",
}
BACKUP_CONFIRM_TITLE = "Restore this backup?"
BACKUP_CONFIRM = (
    "Your data will be replaced by the copy from {when}. What you have now is kept as a "
    "backup first, so this can be undone."
)
BACKUP_RESTORED = "Restored the copy from {when}. What it replaced is kept in Backups."
BACKUP_NONE = "No backups yet."
DAMAGED_TITLE = "Your Debrief data cannot be read"
DAMAGED_TEXT = (
    "The data file could not be read ({error}).\n\nIt has not been changed or deleted. "
    "You can put back the latest good backup (what is there now is kept aside), look at a "
    "read-only copy of the file, or quit."
)
DAMAGED_RESTORE = "Restore the backup from {when}"
DAMAGED_NO_BACKUP = "(no good backup was found)"
DAMAGED_READ_ONLY = "Open a read-only copy"
DAMAGED_QUIT = "Quit"
READ_ONLY_BANNER = (
    "You are looking at a read-only copy of damaged data: changes are not saved and no "
    "reminders are sent. Restore a backup from Your data ▸ Backups."
)
READ_ONLY_REFUSED = "This is a read-only copy; nothing can be changed. Restore a backup first."

# ----- insights ------------------------------------------------------------------------------
INSIGHTS_TAB = "&Insights"
INSIGHTS_INTRO = "Only your own history, and only on this computer."
INSIGHTS_READING = "Reading your history…"
INSIGHTS_EMPTY = (
    "Nothing to show yet. As you log applications and interviews, this page shows how your "
    "search is going — and how little a bad feeling after an interview predicts."
)
INSIGHTS_FELT = "How it felt, and what happened next"
INSIGHTS_FUNNEL = "From application to offer"
INSIGHTS_WEEKS = "The last 12 weeks"
INSIGHTS_COMPANIES = "What each company did"
INSIGHTS_COMPANY_COLUMNS = [
    "Company",
    "Applications",
    "Answered within",
    "Said no",
    "Went silent",
]
COMPANY_NO_ANSWER = "no answer yet"
COMPANY_SAME_DAY = "the same day"
COMPANY_ONE_DAY = "a day"
COMPANY_DAYS = "about {days} days"
COMPANY_NONE = "—"
COMPANY_WAIT_UNKNOWN_TIP = "They answered; when you applied isn't recorded, so the wait isn't known"
COMPANY_ANSWERED_TIP = "The usual wait from applying to their first answer, over {count} answered"
INSIGHTS_LESSONS = "Mistakes that repeat, and your lessons"
INSIGHTS_NO_LESSONS = "Your debriefs' lessons will gather here."
INSIGHTS_SHOW_NUMBERS = "Show the numbers"
INSIGHTS_OPPORTUNITIES = "Opportunities"
INSIGHTS_APPLICATIONS = "Applications"
INSIGHTS_INTERVIEWS = "Interviews"
INSIGHTS_NOTES = "Notes sent"
INSIGHTS_GOAL = "Weekly goal"
# Applications sent since Monday against the weekly "keep applying" goal; once the goal
# is reached "7 of 5" would read as a mistake, so the count stands alone then.
INSIGHTS_WEEK_GOAL = "This week: {done} of {goal} applications."
INSIGHTS_WEEK_GOAL_MET = "This week: {done} applications, your goal of {goal} reached."
INSIGHTS_WEEK_GOAL_MET_ONE = "This week: 1 application, your goal of 1 reached."
INSIGHTS_WEEK_NO_GOAL = "This week: {done} applications."
INSIGHTS_WEEK_NO_GOAL_ONE = "This week: 1 application."
COMPANY_MEMORY_HINT = "You've been here before — {sentence}"
PREFS_NUDGES_GROUP = "Keep searching"
NUDGE_FIELDS = (
    ("weekly_goal", "Applications a week (your goal)", 200),
    ("target_live", "Opportunities to keep in play", 100),
    ("max_per_day", "Nudges a day, at most", 10),
)

# The window's error hook (error_report.py).
ERROR_TITLE = "Something went wrong"
UNEXPECTED_ERROR = (
    "Something unexpected went wrong in Debrief. Your saved data is safe; the details are "
    "in {where}."
)
UNEXPECTED_NO_LOG = "no log (debrief.log could not be written)"

# ----- what a screen reader hears ------------------------------------------------------
A11Y_REMINDER_BUTTON = "{action}: {title}"
A11Y_TODAY = "Today's reminders"
A11Y_SEARCH = "Search opportunities"
A11Y_SEARCH_DESCRIPTION = (
    "Searches everything kept about an opportunity as you type: companies, roles, people, "
    "notes, details, job descriptions and debriefs; a column says where each was found"
)
A11Y_STATUS_FILTER = "Show opportunities with status"
A11Y_TABLE = "Opportunities"
A11Y_TABLE_DESCRIPTION = "Enter opens the selected one for editing; the menu key shows more"
A11Y_DETAIL = "Selected opportunity"
A11Y_TABS = "Debrief views"

# ----- undo ------------------------------------------------------------------------------
UNDO = "Undo"
REDO = "Redo"
OPPORTUNITY_NAME = "{company} — {role}"
UNDO_DELETE = "delete {name}"
UNDO_ARCHIVE = "archive {name}"
UNDO_UNARCHIVE = "unarchive {name}"
UNDO_STATUS = "outcome of {name}"
DID_DELETE = "Deleted {name}."
UNDO_DELETE_INTERVIEW = "delete the interview of {when}"
DID_DELETE_INTERVIEW = "Deleted the interview of {when}."
DID_ARCHIVE = "Archived {name}."
DID_UNARCHIVE = "{name} is back in the list."
DID_STATUS = "{name} is now {status}."
DID_DONE = "Done: {title}"
DID_DISMISS = "Dismissed: {title}"
DID_SNOOZE = "Snoozed: {title}"
DID_NO_RESPONSE = "Marked No response: {title}"
UNDONE = "Undone: {what}."
UNDO_GONE = "{error}. It may have been changed or deleted elsewhere."

# ----- help ------------------------------------------------------------------------------
HELP_MENU = "&Help"
HELP_SHORTCUTS = "Keyboard shortcuts"
HELP_SHORTCUTS_TITLE = "Keyboard shortcuts"
HELP_OPEN_DATA = "Open the data folder"
HELP_ABOUT = "About Debrief"
HELP_OTHER_KEYS = (
    ("Open the selected opportunity for editing", "Enter"),
    ("Next field, previous field", "Tab, Shift+Tab"),
    ("Close a dialog without saving", "Esc"),
    ("Empty the search box (while in it)", "Esc"),
    ("Board: move the selected cards one column left or right", "Ctrl+Shift+Left, Right"),
    ("Today: mark the chosen step done", "Space"),
    ("Today: open the chosen step", "Enter"),
    ("Today: snooze the chosen step", "S"),
    ("Today: dismiss the chosen step", "Delete"),
    ("Today: every answer for the chosen step", "Menu key"),
)
HELP_NO_FILE_MANAGER = "No file manager opened. Your data is in {folder}"
HELP_ABOUT_TEXT = (
    "Debrief {version}\n"
    "A calm companion for the days after an interview.\n\n"
    "Your data: {folder}\n"
    "It stays on this computer: Debrief never opens a network connection.\n\n"
    "Licence: GNU General Public License, version 3 or later."
)

# ----- Today's checklist (desktop/ui/today_view.py) --------------------------------------------
TODAY_CHOOSE_STEP = "Choose a step to answer it."
A11Y_TODAY_GROUP = "{title}, {count} steps"
A11Y_TODAY_DESCRIPTION = (
    "Space marks the step done, Enter opens it, S snoozes it, Delete dismisses it; "
    "the menu key shows every answer"
)
