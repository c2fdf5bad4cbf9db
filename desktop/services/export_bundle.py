"""Everything in the database as one bundle (see domain.bundle for the format).

Each table is read once and grouped in memory, so exporting a year of history costs a
handful of queries rather than one per opportunity.
"""

from __future__ import annotations

import json
from collections import defaultdict
from collections.abc import Iterable, Iterator
from datetime import date, datetime
from typing import Any, TypeVar

from db.connection import DB
from db.models import (
    Company,
    Contact,
    Debrief,
    DebriefMistake,
    DebriefQuestion,
    Document,
    Interview,
    InterviewInterviewer,
    Opportunity,
    OpportunityDocument,
    Reflection,
    Reminder,
    SentNote,
    StatusChange,
)
from desktop.domain.bundle import (
    DETAIL_COLUMNS,
    FORMAT_NAME,
    FORMAT_VERSION,
    date_text,
    datetime_text,
    rekey,
)
from desktop.domain.letting_go import let_go
from desktop.domain.progress import Progress, every, no_progress, paced
from desktop.services import settings

T = TypeVar("T")
# Rows by the value of one column, an id or None.
_Groups = dict[int | None, list[dict[str, Any]]]


def _grouped(rows: Iterable[dict[str, Any]], key: str) -> _Groups:
    groups: _Groups = defaultdict(list)
    for row in rows:
        groups[row[key]].append(row)
    return groups


def build_bundle(now: datetime, progress: Progress = no_progress) -> dict[str, Any]:
    """Read in one transaction, so the export is one consistent moment. Values are the
    parsed ones (dates, aware datetimes), as `check_bundle` gives them for a file.
    `progress` hears of every few hundred opportunities read, and may stop the read."""
    # Deferred: a read needs no write lock, and a read-only copy refuses to take one.
    with DB.atomic("DEFERRED"):
        return _build(now, progress)


def _build(now: datetime, progress: Progress) -> dict[str, Any]:
    def read(rows: Iterable[T]) -> Iterator[T]:
        # Every few hundred rows a word to `progress`: a hundred thousand reminders are a
        # second of Python, which can be stopped, and lets the window's thread go first.
        return paced(rows, progress)

    companies = {row.id: row for row in read(Company.select().order_by(Company.id))}
    contacts = list(read(Contact.select().order_by(Contact.id).dicts()))
    # Refs are numbered in file order, so exporting an import gives the same file.
    contact_ref = {row["id"]: n for n, row in enumerate(contacts, start=1)}
    interview_ref: dict[int, int] = {}
    interviews = _grouped(
        read(Interview.select().order_by(Interview.starts_at, Interview.id).dicts()),
        "opportunity",
    )
    interviewers = _grouped(
        read(InterviewInterviewer.select().order_by(InterviewInterviewer.id).dicts()),
        "interview",
    )
    debriefs = {row["interview"]: row for row in read(Debrief.select().dicts())}
    questions = _grouped(
        read(DebriefQuestion.select().order_by(DebriefQuestion.position).dicts()), "debrief"
    )
    mistakes = _grouped(
        read(DebriefMistake.select().order_by(DebriefMistake.position).dicts()), "debrief"
    )
    changes = _grouped(
        read(StatusChange.select().order_by(StatusChange.changed_at, StatusChange.id).dicts()),
        "opportunity",
    )
    reminders = _grouped(read(Reminder.select().order_by(Reminder.id).dicts()), "opportunity")
    reflections = {row["opportunity"]: row for row in read(Reflection.select().dicts())}
    sent_notes = _grouped(
        read(SentNote.select().order_by(SentNote.sent_at, SentNote.id).dicts()), "opportunity"
    )
    files = {row["id"]: row for row in read(Document.select().dicts())}
    documents = _grouped(
        read(OpportunityDocument.select().order_by(OpportunityDocument.id).dicts()),
        "opportunity",
    )

    opportunities = []
    total = Opportunity.select().count()
    count = every(progress, total, each=32)  # about 2 ms of Python between two
    for opp_ref, opp in enumerate(Opportunity.select().order_by(Opportunity.id).dicts(), 1):
        count(opp_ref)
        own_interviews = []
        for row in interviews.get(opp["id"], []):
            interview_ref[row["id"]] = len(interview_ref) + 1
            own_interviews.append(
                _interview(
                    row, interview_ref, contact_ref, interviewers, debriefs, questions, mistakes
                )
            )
        opportunities.append(
            {
                "company": companies[opp["company"]].name,
                "role_title": opp["role_title"],
                "source": opp["source"],
                "posting_url": opp["posting_url"],
                "applied_on": opp["applied_on"],
                "status": opp["status"],
                "recruiter": contact_ref.get(opp["recruiter"]),
                "notes": opp["notes"],
                "archived": bool(opp["archived"]),
                "created_at": opp["created_at"],
                "updated_at": opp["updated_at"],
                "offer_deadline": opp["offer_deadline"],
                **{name: opp[name] for name in DETAIL_COLUMNS},
                "status_history": [
                    {
                        "from": c["from_status"],
                        "to": c["to_status"],
                        "changed_at": c["changed_at"],
                        "note": c["note"],
                    }
                    for c in changes.get(opp["id"], [])
                ],
                "interviews": own_interviews,
                "reminders": [
                    reminder
                    for r in reminders.get(opp["id"], [])
                    if (reminder := _reminder(r, opp_ref, interview_ref, contact_ref))
                ],
                "reflection": _reflection(reflections.get(opp["id"])),
                "sent_notes": [
                    {
                        "recipient": n["recipient"],
                        "contact": contact_ref.get(n["contact"]),
                        "template": n["template"],
                        "subject": n["subject"],
                        "body": n["body"],
                        "how": n["how"],
                        "sent_at": n["sent_at"],
                    }
                    for n in sent_notes.get(opp["id"], [])
                ],
                "documents": [
                    {
                        "sha256": files[d["document"]]["sha256"],
                        "name": d["name"],
                        "size": files[d["document"]]["size"],
                        "kind": d["kind"],
                        "sent_on": d["sent_on"],
                        "added_at": d["added_at"],
                    }
                    for d in documents.get(opp["id"], [])
                ],
            }
        )
    bundle = {
        "format": FORMAT_NAME,
        "version": FORMAT_VERSION,
        "exported_at": now,
        "companies": [{"name": c.name, "created_at": c.created_at} for c in companies.values()],
        "contacts": [
            {
                "ref": contact_ref[c["id"]],
                "name": c["name"],
                "email": c["email"],
                "phone": c["phone"],
                "address_as": c["address_as"],
                "role": c["role"],
                "recruiter_kind": c["recruiter_kind"],
                "company": companies[c["company"]].name if c["company"] else None,
                "created_at": c["created_at"],
                "job_title": c["job_title"],
                "notes": c["notes"],
            }
            for c in contacts
        ],
        "opportunities": opportunities,
        "reminders": [_reminder(r, 0, interview_ref, contact_ref) for r in reminders.get(None, [])],
        "settings": settings.exported(),
    }
    # The rows as read, grouped: freed a slice at a time rather than all at once on return.
    let_go(
        companies, contacts, contact_ref, interview_ref, interviews, interviewers, debriefs,
        questions, mistakes, changes, reminders, reflections, sent_notes, files, documents,
    )  # fmt: skip
    return bundle


def _interview(
    row: dict[str, Any],
    interview_ref: dict[int, int],
    contact_ref: dict[int, int],
    interviewers: _Groups,
    debriefs: dict[int, dict[str, Any]],
    questions: _Groups,
    mistakes: _Groups,
) -> dict[str, Any]:
    debrief = debriefs.get(row["id"])
    return {
        "ref": interview_ref[row["id"]],
        "round_label": row["round_label"],
        "starts_at": row["starts_at"],
        "duration_minutes": row["duration_minutes"],
        "format": row["format"],
        "location": row["location"],
        "hear_by": row["hear_by"],
        "notes": row["notes"],
        "created_at": row["created_at"],
        "interviewers": [contact_ref[link["contact"]] for link in interviewers.get(row["id"], [])],
        "debrief": None
        if debrief is None
        else {
            "felt": debrief["felt"],
            "prediction": debrief["prediction"],
            "account": debrief["account"],
            "went_well": debrief["went_well"],
            "made_harder": debrief["made_harder"],
            "lessons": debrief["lessons"],
            "feedback": debrief["feedback"],
            "created_at": debrief["created_at"],
            "updated_at": debrief["updated_at"],
            "questions": [
                {"question": q["question"], "answer_note": q["answer_note"]}
                for q in questions.get(debrief["id"], [])
            ],
            "mistakes": [
                {"mistake": m["mistake"], "why": m["why"]} for m in mistakes.get(debrief["id"], [])
            ],
        },
    }


def _reminder(
    row: dict[str, Any], opp_ref: int, interview_ref: dict[int, int], contact_ref: dict[int, int]
) -> dict[str, Any] | None:
    # Keys name database ids; in the file they name refs, like everything else.
    key = rekey(row["key"], opp_ref, interview_ref, contact_ref)
    if key is None:
        return None
    return {
        "kind": row["kind"],
        "key": key,
        "due_at": row["due_at"],
        "state": row["state"],
        "interview": interview_ref.get(row["interview"]),
        "contact": contact_ref.get(row["contact"]),
        "created_at": row["created_at"],
        "fired_at": row["fired_at"],
        "answered_at": row["answered_at"],
        "message": row["message"],
    }


def _reflection(row: dict[str, Any] | None) -> dict[str, Any] | None:
    if row is None:
        return None
    return {
        "outside_reasons": json.loads(row["outside_reasons"]),
        "checks": json.loads(row["checks"]),
        "feedback": row["feedback"],
        "created_at": row["created_at"],
        "updated_at": row["updated_at"],
    }


def _encode(value: object) -> str:
    if isinstance(value, datetime):
        return datetime_text(value)
    if isinstance(value, date):
        return date_text(value)
    raise TypeError(f"cannot write {type(value).__name__} to JSON")


def bundle_json(bundle: dict[str, Any]) -> str:
    return "".join(bundle_json_parts(bundle))


def bundle_json_parts(bundle: dict[str, Any], batch: int = 4096) -> Iterator[str]:
    """`bundle_json` in pieces, to write as they come: a year of history is 50 MB of text,
    and joining it at once is one long call into C that keeps the window's thread waiting
    (Python's lock is not let go within it)."""
    encoder = json.JSONEncoder(ensure_ascii=False, indent=1, default=_encode)
    pending: list[str] = []
    for chunk in encoder.iterencode(bundle):
        pending.append(chunk)
        if len(pending) >= batch:
            yield "".join(pending)
            pending.clear()
    pending.append("\n")
    yield "".join(pending)
