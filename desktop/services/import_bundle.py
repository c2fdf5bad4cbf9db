"""Adding a checked bundle to the database: all of it in one transaction, or nothing.

An opportunity already in the database (same company and role, and the same application
date unless one side has none) is a duplicate: skipped, or merged by adding what the
database lacks without overwriting anything the user wrote.
"""

from __future__ import annotations

import json
from collections.abc import Callable
from dataclasses import dataclass, field
from datetime import date, datetime
from enum import StrEnum
from typing import Any

from db.connection import DB
from db.inserts import Inserter, stored_date, stored_datetime
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
from desktop.domain import document_texts
from desktop.domain.bundle import DETAIL_COLUMNS, rekey
from desktop.domain.clock import Clock
from desktop.domain.progress import Progress, every, no_progress
from desktop.services import settings
from desktop.services.reminders import replan


class Duplicates(StrEnum):
    SKIP = "skip"
    MERGE = "merge"


DuplicateKey = tuple[str, str]


def duplicate_key(company: str, role: str) -> DuplicateKey:
    return (" ".join(company.casefold().split()), " ".join(role.casefold().split()))


class Known:
    """The opportunities an import compares against, by company and role.

    The same company and role is the same opportunity unless both sides have an
    application date and the dates differ (applying again months later is a new one). A
    row typed with Ctrl+N has no date, a spreadsheet row often has one: they still match.
    """

    def __init__(self) -> None:
        self._by_key: dict[DuplicateKey, list[tuple[date | None, int]]] = {}

    def add(self, company: str, role: str, applied_on: date | None, opportunity_id: int) -> None:
        self._by_key.setdefault(duplicate_key(company, role), []).append(
            (applied_on, opportunity_id)
        )

    def find(self, company: str, role: str, applied_on: date | None) -> int | None:
        candidates = self._by_key.get(duplicate_key(company, role), [])
        for known_date, opportunity_id in candidates:  # the same date first
            if known_date == applied_on:
                return opportunity_id
        for known_date, opportunity_id in candidates:
            if known_date is None or applied_on is None:
                return opportunity_id
        return None


@dataclass
class ImportSummary:
    added: list[str] = field(default_factory=list)
    duplicates: list[str] = field(default_factory=list)  # skipped or merged, by the policy
    policy: Duplicates = Duplicates.SKIP
    # Documents the file names whose content is neither in it nor in the data folder.
    documents_left: int = 0

    def sentence(self, done: bool = False) -> str:
        handled = "merged" if self.policy is Duplicates.MERGE else "skipped"
        count = len(self.added)
        return (
            f"{count} opportunit{'y' if count == 1 else 'ies'} {'added' if done else 'to add'}, "
            f"{len(self.duplicates)} already there ({handled})." + self.documents_note()
        )

    def documents_note(self) -> str:
        left = self.documents_left
        if not left:
            return ""
        return document_texts.IMPORT_DOCUMENTS_LEFT.format(
            count=left, s="s" * (left != 1), were="was" if left == 1 else "were"
        )


def _label(opp: dict[str, Any]) -> str:
    applied = f", applied {opp['applied_on'].isoformat()}" if opp["applied_on"] else ""
    return f"{opp['company']} — {opp['role_title']}{applied}"


def _existing() -> Known:
    known = Known()
    query = (
        Opportunity.select(
            Opportunity.id, Company.name, Opportunity.role_title, Opportunity.applied_on
        )
        .join(Company)
        .tuples()
    )
    for oid, name, role, applied in query:
        known.add(name, role, applied, oid)
    return known


# Opportunities looked at between two ticks of a preview.
PREVIEW_TICK_EVERY = 256


def preview(
    bundle: dict[str, Any], policy: Duplicates, tick: Callable[[], None] | None = None
) -> ImportSummary:
    """What `apply_bundle` would do, without writing. `tick`, if given, is called every
    so many opportunities (in a worker: where it lets the window's thread in)."""
    summary = ImportSummary(policy=policy)
    known = _existing()
    for index, opp in enumerate(bundle["opportunities"]):
        if tick is not None and index % PREVIEW_TICK_EVERY == 0:
            tick()
        found = known.find(opp["company"], opp["role_title"], opp["applied_on"])
        (summary.duplicates if found is not None else summary.added).append(_label(opp))
        if found is None:
            known.add(opp["company"], opp["role_title"], opp["applied_on"], -1)
    return summary


def apply_bundle(
    bundle: dict[str, Any],
    policy: Duplicates,
    clock: Clock,
    files: dict[str, str] | None = None,
    progress: Progress = no_progress,
) -> ImportSummary:
    """`files`: sha256 → stored name of the documents a full export brought, already put
    in the data folder (services.archive). All in one transaction: a failure, or
    `progress` returning False (Cancelled), rolls every row back."""
    summary = ImportSummary(policy=policy)
    with DB.atomic():
        _Importer(bundle, clock, files or {}).run(policy, summary, progress)
    return summary


# The fields each table's rows give, in order (db/inserts.py); the others take defaults.
_DEBRIEF_FIELDS = (
    "felt", "prediction", "account", "went_well", "made_harder", "lessons", "feedback",
    "created_at", "updated_at",
)  # fmt: skip
_REMINDER_FIELDS = (
    "kind", "key", "due_at", "state", "opportunity", "interview", "contact", "created_at",
    "fired_at", "answered_at", "message",
)  # fmt: skip
# An opportunity's details as the database stores them: dates as text, the rest as they are.
_DETAIL_DATES = frozenset(
    name for name in DETAIL_COLUMNS if Opportunity._meta.fields[name].field_type == "DATE"
)
# Rows are written every so many opportunities, and before anything reads the database.
_FLUSH_EVERY = 500


def _detail(opp: dict[str, Any], name: str) -> Any:
    return stored_date(opp[name]) if name in _DETAIL_DATES else opp[name]


def _optional_datetime(value: datetime | None) -> str | None:
    return None if value is None else stored_datetime(value)


class _Importer:
    def __init__(self, bundle: dict[str, Any], clock: Clock, files: dict[str, str]) -> None:
        self.bundle = bundle
        self.files = files
        self.documents_left = 0
        self.clock = clock
        self.now = clock.now()
        self.companies: dict[str, int] = {}
        self.people: dict[int, int] = {}  # file ref → contact id
        # One prepared statement per table, rows written in batches (db/inserts.py): a year
        # of history is 160,000 rows. Listed so that a table comes after those it refers
        # to, the order `flush` writes them in. The tables others refer to number their rows.
        self.companies_out = Inserter(Company, ("name", "created_at"), ids=True)
        self.contacts_out = Inserter(
            Contact,
            ("name", "email", "phone", "address_as", "role", "recruiter_kind", "company",
             "created_at", "job_title", "notes"),
            ids=True,
        )  # fmt: skip
        self.opportunities_out = Inserter(
            Opportunity,
            ("company", "role_title", "source", "posting_url", "applied_on", "status",
             "recruiter", "notes", "archived", "created_at", "updated_at", "offer_deadline",
             *DETAIL_COLUMNS),
            ids=True,
        )  # fmt: skip
        self.status_changes_out = Inserter(
            StatusChange, ("opportunity", "from_status", "to_status", "changed_at", "note")
        )
        self.interviews_out = Inserter(
            Interview,
            ("opportunity", "round_label", "starts_at", "duration_minutes", "format",
             "location", "hear_by", "notes", "created_at"),
            ids=True,
        )  # fmt: skip
        self.interviewers_out = Inserter(InterviewInterviewer, ("interview", "contact"))
        self.debriefs_out = Inserter(Debrief, ("interview", *_DEBRIEF_FIELDS), ids=True)
        self.questions_out = Inserter(
            DebriefQuestion, ("debrief", "position", "question", "answer_note")
        )
        self.mistakes_out = Inserter(DebriefMistake, ("debrief", "position", "mistake", "why"))
        self.sent_notes_out = Inserter(
            SentNote,
            ("opportunity", "contact", "recipient", "template", "subject", "body", "how",
             "sent_at"),
        )  # fmt: skip
        self.reflections_out = Inserter(
            Reflection,
            ("opportunity", "outside_reasons", "checks", "feedback", "created_at", "updated_at"),
        )
        self.reminders_out = Inserter(Reminder, _REMINDER_FIELDS)
        self.reminder_keys: set[str] = set()  # read when the import starts
        self.known_companies: dict[str, int] = {}  # by exact name
        self.known_people: dict[tuple[str, str, int | None], int] = {}  # name, email, company

    def flush(self) -> None:
        """Write the rows held, each table after those it refers to."""
        for table in (
            self.companies_out, self.contacts_out, self.opportunities_out,
            self.status_changes_out, self.interviews_out, self.interviewers_out,
            self.debriefs_out, self.questions_out, self.mistakes_out, self.sent_notes_out,
            self.reflections_out, self.reminders_out,
        ):  # fmt: skip
            table.flush()

    def run(self, policy: Duplicates, summary: ImportSummary, progress: Progress) -> None:
        # What is already here, read once rather than asked row by row.
        self.reminder_keys = {key for (key,) in Reminder.select(Reminder.key).tuples()}
        self.known_companies = dict(Company.select(Company.name, Company.id).tuples())
        for contact_id, name, email, company in (
            Contact.select(Contact.id, Contact.name, Contact.email, Contact.company)
            .order_by(Contact.id)
            .tuples()
        ):
            self.known_people.setdefault((name, email, company), contact_id)
        for company in self.bundle["companies"]:
            self._company(company["name"], company["created_at"])
        for person in self.bundle["contacts"]:
            self.people[person["ref"]] = self._contact(person)
        existing = _existing()
        count = every(progress, len(self.bundle["opportunities"]), each=50)
        for done, opp in enumerate(self.bundle["opportunities"], 1):
            count(done)
            if done % _FLUSH_EVERY == 0:
                self.flush()
            found = existing.find(opp["company"], opp["role_title"], opp["applied_on"])
            if found is not None:
                summary.duplicates.append(_label(opp))
                if policy is Duplicates.MERGE:
                    self.flush()  # the merge reads the rows, which may be this import's
                    self._merge(found, opp)
                    self.flush()
                    replan(found, self.clock)
                continue
            existing.add(opp["company"], opp["role_title"], opp["applied_on"], self._add(opp))
            summary.added.append(_label(opp))
        if policy is Duplicates.MERGE:  # replan() above added reminders of its own
            self.flush()
            self.reminder_keys = {key for (key,) in Reminder.select(Reminder.key).tuples()}
        for reminder in self.bundle["reminders"]:
            if reminder["key"] not in self.reminder_keys:
                self._reminder(reminder, None, reminder["key"], {})
        self.flush()
        settings.import_missing(self.bundle["settings"])
        summary.documents_left = self.documents_left

    def _company(self, name: str, created_at: datetime | None = None) -> int:
        folded = name.casefold()
        if folded not in self.companies:
            found = self.known_companies.get(name)
            if found is None:
                found = self.companies_out.add((name, stored_datetime(created_at or self.now)))
                self.known_companies[name] = found
            self.companies[folded] = found
        return self.companies[folded]

    def _contact(self, person: dict[str, Any]) -> int:
        company = self._company(person["company"]) if person["company"] else None
        key = (person["name"], person["email"], company)
        found = self.known_people.get(key)
        if found is not None:
            return found
        self.known_people[key] = self.contacts_out.add(
            (
                person["name"], person["email"], person["phone"], person["address_as"],
                person["role"], person["recruiter_kind"], company,
                stored_datetime(person["created_at"]), person["job_title"], person["notes"],
            )
        )  # fmt: skip
        return self.known_people[key]

    def _add(self, opp: dict[str, Any]) -> int:
        opportunity_id = self.opportunities_out.add(
            (
                self._company(opp["company"]), opp["role_title"], opp["source"],
                opp["posting_url"], stored_date(opp["applied_on"]), opp["status"],
                self.people.get(opp["recruiter"]), opp["notes"], opp["archived"],
                stored_datetime(opp["created_at"]), stored_datetime(opp["updated_at"]),
                stored_date(opp["offer_deadline"]),
                *[_detail(opp, name) for name in DETAIL_COLUMNS],
            )
        )  # fmt: skip
        self._status_history(opportunity_id, opp["status_history"])
        interviews = {i["ref"]: self._interview(opportunity_id, i) for i in opp["interviews"]}
        self._reflection(opportunity_id, opp["reflection"])
        self._sent_notes(opportunity_id, opp["sent_notes"])
        if opp["documents"]:
            self.flush()  # the links refer to the opportunity, and the documents are read
            self._documents(opportunity_id, opp["documents"], new=True)
        if opp["reminders"]:
            for reminder in opp["reminders"]:
                key = rekey(reminder["key"], opportunity_id, interviews, self.people)
                # The file's keys were checked to be distinct; one kept from an earlier
                # life of this id, or shared by all opportunities, is already there.
                if key is not None and key not in self.reminder_keys:
                    self._reminder(reminder, opportunity_id, key, interviews)
        else:  # from a spreadsheet: the playbook plans what is due, from the rows written
            self.flush()
            replan(opportunity_id, self.clock)
        return opportunity_id

    def _merge(self, opportunity_id: int, opp: dict[str, Any]) -> None:
        row = Opportunity.get_by_id(opportunity_id)
        for name in ("source", "posting_url", "notes", "applied_on", "offer_deadline"):
            if not getattr(row, name) and opp[name]:
                setattr(row, name, opp[name])
        if row.salary_min is None and row.salary_max is None:
            for name in ("salary_min", "salary_max", "salary_currency", "salary_basis"):
                setattr(row, name, opp[name])
        for name in ("location", "work_mode", "deadline", "job_description"):
            if not getattr(row, name) and opp[name]:
                setattr(row, name, opp[name])
        if row.recruiter_id is None and opp["recruiter"] is not None:
            row.recruiter_id = self.people[opp["recruiter"]]
        had = {
            (c.changed_at, c.to_status)
            for c in StatusChange.select().where(StatusChange.opportunity == opportunity_id)
        }
        latest = max((at for at, _ in had), default=None)
        fresh = [c for c in opp["status_history"] if (c["changed_at"], c["to"]) not in had]
        self._status_history(opportunity_id, fresh)
        newer = [c for c in fresh if latest is None or c["changed_at"] > latest]
        if newer:  # the file knows of a later outcome than the database
            row.status = max(newer, key=lambda c: c["changed_at"])["to"]
        row.updated_at = self.now
        row.save()
        starts = {
            i.starts_at for i in Interview.select().where(Interview.opportunity == opportunity_id)
        }
        for interview in opp["interviews"]:
            if interview["starts_at"] not in starts:
                self._interview(opportunity_id, interview)
        if not Reflection.select().where(Reflection.opportunity == opportunity_id).exists():
            self._reflection(opportunity_id, opp["reflection"])
        sent = {
            (n.sent_at, n.recipient, n.template)
            for n in SentNote.select().where(SentNote.opportunity == opportunity_id)
        }
        self._sent_notes(
            opportunity_id,
            [
                n
                for n in opp["sent_notes"]
                if (n["sent_at"], n["recipient"], n["template"]) not in sent
            ],
        )
        self._documents(opportunity_id, opp["documents"])

    def _documents(
        self, opportunity_id: int, documents: list[dict[str, Any]], new: bool = False
    ) -> None:
        """Links to documents already here (the same content) or brought by the file;
        merging adds only those the opportunity lacks (`new`: it has none yet)."""
        if not documents:
            return
        have = (
            set()
            if new
            else {
                (link.document_id, link.kind)
                for link in OpportunityDocument.select().where(
                    OpportunityDocument.opportunity == opportunity_id
                )
            }
        )
        for item in documents:
            document = Document.get_or_none(Document.sha256 == item["sha256"])
            if document is None:
                if item["sha256"] not in self.files:
                    self.documents_left += 1
                    continue
                document = Document.create(
                    sha256=item["sha256"],
                    stored_name=self.files[item["sha256"]],
                    original_name=item["name"],
                    size=item["size"],
                    added_at=item["added_at"],
                )
            if (document.id, item["kind"]) in have:
                continue
            have.add((document.id, item["kind"]))
            OpportunityDocument.create(
                opportunity=opportunity_id,
                document=document.id,
                name=item["name"],
                kind=item["kind"],
                sent_on=item["sent_on"],
                added_at=item["added_at"],
            )

    def _status_history(self, opportunity_id: int, changes: list[dict[str, Any]]) -> None:
        for c in changes:
            self.status_changes_out.add(
                (opportunity_id, c["from"], c["to"], stored_datetime(c["changed_at"]), c["note"])
            )

    def _interview(self, opportunity_id: int, interview: dict[str, Any]) -> int:
        interview_id = self.interviews_out.add(
            (
                opportunity_id, interview["round_label"], stored_datetime(interview["starts_at"]),
                interview["duration_minutes"], interview["format"], interview["location"],
                stored_date(interview["hear_by"]), interview["notes"],
                stored_datetime(interview["created_at"]),
            )
        )  # fmt: skip
        for ref in dict.fromkeys(interview["interviewers"]):
            self.interviewers_out.add((interview_id, self.people[ref]))
        debrief = interview["debrief"]
        if debrief is not None:
            debrief_id = self.debriefs_out.add(
                (
                    interview_id,
                    *[debrief[name] for name in _DEBRIEF_FIELDS[:-2]],
                    stored_datetime(debrief["created_at"]),
                    stored_datetime(debrief["updated_at"]),
                )
            )
            for n, q in enumerate(debrief["questions"]):
                self.questions_out.add((debrief_id, n, q["question"], q["answer_note"]))
            for n, m in enumerate(debrief["mistakes"]):
                self.mistakes_out.add((debrief_id, n, m["mistake"], m["why"]))
        return interview_id

    def _sent_notes(self, opportunity_id: int, notes: list[dict[str, Any]]) -> None:
        for note in notes:
            self.sent_notes_out.add(
                (
                    opportunity_id,
                    self.people.get(note["contact"]) if note["contact"] is not None else None,
                    note["recipient"], note["template"], note["subject"], note["body"],
                    note["how"], stored_datetime(note["sent_at"]),
                )
            )  # fmt: skip

    def _reflection(self, opportunity_id: int, reflection: dict[str, Any] | None) -> None:
        if reflection is not None:
            self.reflections_out.add(
                (
                    opportunity_id,
                    json.dumps(reflection["outside_reasons"]),
                    json.dumps(reflection["checks"]),
                    reflection["feedback"],
                    stored_datetime(reflection["created_at"]),
                    stored_datetime(reflection["updated_at"]),
                )
            )

    def _reminder(
        self,
        reminder: dict[str, Any],
        opportunity_id: int | None,
        key: str,
        interviews: dict[int, int],
    ) -> None:
        self.reminder_keys.add(key)
        self.reminders_out.add(
            (
                reminder["kind"], key, stored_datetime(reminder["due_at"]), reminder["state"],
                opportunity_id, interviews.get(reminder["interview"]),
                self.people.get(reminder["contact"]), stored_datetime(reminder["created_at"]),
                _optional_datetime(reminder["fired_at"]),
                _optional_datetime(reminder["answered_at"]), reminder["message"],
            )
        )  # fmt: skip
