"""The words of an opportunity's details, of search results and of the duplicate warning."""

from __future__ import annotations

# ----- the form -----------------------------------------------------------------------
SALARY_MIN = "Salary from"
SALARY_MAX = "Salary to"
SALARY_AMOUNT_PLACEHOLDER = "e.g. 55000 or 55k"
SALARY_CURRENCY = "Currency"
SALARY_CURRENCY_PLACEHOLDER = "e.g. EUR"
SALARY_BASIS = "The salary is"
SALARY_BASES = {"given": "As given (posting or recruiter)", "offered": "As offered"}
LOCATION = "Location"
LOCATION_PLACEHOLDER = "City, region or country"
WORK_MODE = "Work mode"
WORK_MODES = {"": "Not said", "on_site": "On site", "hybrid": "Hybrid", "remote": "Remote"}
DEADLINE = "Applications close on"
JOB_DESCRIPTION = "Job description"
JOB_DESCRIPTION_PLACEHOLDER = (
    "Paste the posting here: it stays with the opportunity after the advert is taken down."
)

# ----- the detail pane ----------------------------------------------------------------
DETAIL_SALARY = "Salary"
DETAIL_SALARY_BASES = {"given": "as given", "offered": "as offered"}
DETAIL_LOCATION = "Location"
DETAIL_DEADLINE = "Applications close"
DETAIL_JOB_DESCRIPTION = "Job description"

# ----- search ---------------------------------------------------------------------------
FOUND_IN = "{field}:\n{snippet}"  # two lines: the list shows both while searching
# Where a search found its words, by the field keys of desktop.services.search. A
# feature that registers a search source adds its key here.
SEARCH_FIELDS = {
    "company": "Company",
    "role": "Role",
    "source": "Found through",
    "recruiter": "Recruiter",
    "notes": "Notes",
    "location": "Location",
    "work_mode": "Work mode",
    "salary": "Salary",
    "job_description": "Job description",
    "interview_notes": "Interview notes",
    "people": "People",
    "debrief": "Debrief",
    "document": "Document",
}

# ----- possible duplicates ------------------------------------------------------------
DUPLICATE_WARNING = "You already have {what}. Is this the same opportunity?"
DUPLICATE_ITEM = "{role} at {company} ({status}, added {day})"
DUPLICATE_OPEN = "Open it"
DUPLICATE_ADD_ANYWAY = "Add anyway"
