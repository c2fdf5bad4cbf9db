"""A year of searching, generated: the data `make bench` measures Debrief at scale with.

10,000 opportunities at 2,000 companies, 30,000 interviews, 100,000 reminders and 5,000
debriefs. Every reminder is answered except a few hundred pending hours ahead, so a
Debrief started on it has nothing to notify and is idle until then. `scaling.py` makes
the same year at other sizes, everything in proportion to the opportunities.
"""

from __future__ import annotations

from datetime import UTC, datetime, timedelta
from pathlib import Path

from db.connection import close_database
from db.models import Company, Contact, Debrief, Interview, Opportunity, Reminder, StatusChange
from db.store import open_store
from db.vocabulary import ReminderState, Status
from desktop.playbook.rules import Kind

SCALE = {"opportunities": 10_000, "interviews": 30_000, "reminders": 100_000, "debriefs": 5_000}
COMPANIES = 2_000
PENDING_AHEAD = 300
CHUNK = 500
OUTCOMES = [
    Status.APPLIED,
    Status.NO_RESPONSE,
    Status.NOT_THIS_TIME,
    Status.INTERVIEWING,
    Status.NOT_THIS_TIME,
    Status.AWAITING,
    Status.NO_RESPONSE,
    Status.OFFER,
    Status.WITHDRAWN,
    Status.NOT_THIS_TIME,
]
# About the length of a real posting pasted in (1.3 kB).
JOB_DESCRIPTION = (
    "About the role {i}\n"
    + "You will work with the team on reporting, dashboards and the data behind them. " * 8
    + "\nWhat we offer: flexible hours, a learning budget and a friendly team.\n"
    + "Requirements: SQL, a scripting language, and care for the people who read your work. " * 4
)
KINDS = [Kind.DEBRIEF, Kind.THANK_YOU, Kind.RECRUITER_CALL, Kind.FOLLOW_UP]


def _insert(model, rows: list[dict]) -> None:
    for start in range(0, len(rows), CHUNK):
        model.insert_many(rows[start : start + CHUNK]).execute()


def scaled(opportunities: int) -> dict[str, int]:
    """The same year at another size: everything in proportion to the opportunities."""
    share = opportunities / SCALE["opportunities"]
    return {kind: round(count * share) for kind, count in SCALE.items()}


def generate(
    data_dir: Path, now: datetime | None = None, opportunities: int = SCALE["opportunities"]
) -> dict[str, int]:
    now = now or datetime.now(UTC)
    database = open_store(data_dir)
    try:
        with database.atomic():
            return _fill(now, scaled(opportunities))
    finally:
        close_database()


def _fill(now: datetime, scale: dict[str, int]) -> dict[str, int]:
    # At most one company per five opportunities (2,000 at the usual 10,000).
    companies_count = min(COMPANIES, max(1, scale["opportunities"] // 5))
    _insert(
        Company,
        [{"name": f"Company {i:04d}", "created_at": now} for i in range(companies_count)],
    )
    companies = [c.id for c in Company.select(Company.id).order_by(Company.id)]
    _insert(
        Contact,
        [
            {
                "name": f"Recruiter {i}",
                "email": f"r{i}@c{i}.example",
                "company": companies[i],
                "role": "recruiter",
                "created_at": now,
            }
            for i in range(companies_count)
        ],
    )
    contacts = [c.id for c in Contact.select(Contact.id).order_by(Contact.id)]
    count = scale["opportunities"]
    opportunities = []
    for i in range(count):
        applied = now - timedelta(days=i % 365, hours=i % 24)
        opportunities.append(
            {
                "company": companies[i % companies_count],
                "role_title": f"{('Data', 'Product', 'Backend', 'Support')[i % 4]} role {i}",
                "source": ("referral", "job board", "company site")[i % 3],
                "applied_on": applied.date(),
                "status": OUTCOMES[i % len(OUTCOMES)].value,
                "recruiter": contacts[i % companies_count],
                "notes": f"Notes for opportunity {i}",
                # The details (issue #21): a pasted job description is the longest text
                # an opportunity holds, and the search reads it on every keystroke.
                "location": ("Lisbon", "Berlin", "Remote, EU", "Leeds")[i % 4],
                "work_mode": ("on_site", "hybrid", "remote", "")[i % 4],
                "salary_min": 40_000 + (i % 40) * 1_000,
                "salary_max": 50_000 + (i % 40) * 1_000,
                "salary_currency": ("EUR", "GBP", "USD")[i % 3],
                "job_description": JOB_DESCRIPTION.format(i=i),
                "created_at": applied,
                "updated_at": applied,
            }
        )
    _insert(Opportunity, opportunities)
    opportunity_ids = [o.id for o in Opportunity.select(Opportunity.id).order_by(Opportunity.id)]
    _insert(
        StatusChange,
        [
            {
                "opportunity": oid,
                "from_status": None,
                "to_status": row["status"],
                "changed_at": row["created_at"],
            }
            for oid, row in zip(opportunity_ids, opportunities, strict=True)
        ],
    )
    per = scale["interviews"] // count
    interviews = []
    for index, row in enumerate(opportunities):
        for round_number in range(per):
            starts = min(row["created_at"] + timedelta(days=7 * (round_number + 1)), now)
            interviews.append(
                {
                    "opportunity": opportunity_ids[index],
                    "round_label": f"Round {round_number + 1}",
                    "starts_at": starts - timedelta(hours=2),
                    "created_at": starts - timedelta(days=3),
                }
            )
    _insert(Interview, interviews)
    interview_ids = [i.id for i in Interview.select(Interview.id).order_by(Interview.id)]
    _insert(
        Debrief,
        [
            {
                "interview": interview_ids[i],
                "felt": 1 + i % 5,
                "prediction": ("move_forward", "not", "unsure")[i % 3],
                "account": f"How interview {i} went",
                "lessons": "Prepare a shorter story",
                "created_at": now,
                "updated_at": now,
            }
            for i in range(scale["debriefs"])
        ],
    )
    reminders = []
    for i in range(scale["reminders"]):
        interview = i % len(interview_ids)
        pending = i < PENDING_AHEAD
        due = now + timedelta(hours=3 + i % 45) if pending else interviews[interview]["starts_at"]
        reminders.append(
            {
                "kind": KINDS[i % len(KINDS)].value,
                "key": f"bench:{i}",
                "due_at": due,
                "state": (ReminderState.PENDING if pending else ReminderState.DONE).value,
                "opportunity": interviews[interview]["opportunity"],
                "interview": interview_ids[interview],
                "created_at": now - timedelta(days=1),
                "fired_at": None if pending else due,
                "answered_at": None if pending else due,
            }
        )
    _insert(Reminder, reminders)
    return {
        "opportunities": Opportunity.select().count(),
        "interviews": Interview.select().count(),
        "reminders": Reminder.select().count(),
        "debriefs": Debrief.select().count(),
    }
