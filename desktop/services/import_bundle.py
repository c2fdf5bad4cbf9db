"""Adding a checked bundle to the database: all of it in one transaction, or nothing.

An opportunity already in the database (same company and role, and the same application
date unless one side has none) is a duplicate: skipped, or merged by adding what the
database lacks without overwriting anything the user wrote.
"""

from __future__ import annotations

import json
from dataclasses import dataclass, field
from datetime import date, datetime
from enum import StrEnum
from typing import Any

from db.connection import DB
from db.inserts import Inserter
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


def preview(bundle: dict[str, Any], policy: Duplicates) -> ImportSummary:
    """What `apply_bundle` would do, without writing."""
    summary = ImportSummary(policy=policy)
    known = _existing()
    for opp in bundle["opportunities"]:
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


class _Importer:
    def __init__(self, bundle: dict[str, Any], clock: Clock, files: dict[str, str]) -> None:
        self.bundle = bundle
        self.files = files
        self.documents_left = 0
        self.clock = clock
        self.now = clock.now()
        self.companies: dict[str, int] = {}
        self.people: dict[int, int] = {}  # file ref → contact id
        # One prepared statement per table (db/inserts.py): a year of history is 140,000 rows.
        self.insert = {
            model: Inserter(model)
            for model in (
                Company, Contact, Opportunity, StatusChange, Interview, InterviewInterviewer,
                Debrief, DebriefQuestion, DebriefMistake, SentNote, Reflection, Reminder,
            )
        }  # fmt: skip
        self.reminder_keys: set[str] = set()  # read when the import starts
        self.known_companies: dict[str, int] = {}  # by exact name
        self.known_people: dict[tuple[str, str, int | None], int] = {}  # name, email, company

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
            found = existing.find(opp["company"], opp["role_title"], opp["applied_on"])
            if found is not None:
                summary.duplicates.append(_label(opp))
                if policy is Duplicates.MERGE:
                    self._merge(found, opp)
                    replan(found, self.clock)
                continue
            existing.add(opp["company"], opp["role_title"], opp["applied_on"], self._add(opp))
            summary.added.append(_label(opp))
        if policy is Duplicates.MERGE:  # replan() above added reminders of its own
            self.reminder_keys = {key for (key,) in Reminder.select(Reminder.key).tuples()}
        for reminder in self.bundle["reminders"]:
            if reminder["key"] not in self.reminder_keys:
                self._reminder(reminder, None, reminder["key"], {})
        settings.import_missing(self.bundle["settings"])
        summary.documents_left = self.documents_left

    def _company(self, name: str, created_at: datetime | None = None) -> int:
        folded = name.casefold()
        if folded not in self.companies:
            found = self.known_companies.get(name)
            if found is None:
                found = self.insert[Company](name=name, created_at=created_at or self.now)
                self.known_companies[name] = found
            self.companies[folded] = found
        return self.companies[folded]

    def _contact(self, person: dict[str, Any]) -> int:
        company = self._company(person["company"]) if person["company"] else None
        key = (person["name"], person["email"], company)
        found = self.known_people.get(key)
        if found is not None:
            return found
        self.known_people[key] = self.insert[Contact](
            name=person["name"],
            email=person["email"],
            phone=person["phone"],
            address_as=person["address_as"],
            role=person["role"],
            recruiter_kind=person["recruiter_kind"],
            company=company,
            created_at=person["created_at"],
            job_title=person["job_title"],
            notes=person["notes"],
        )
        return self.known_people[key]

    def _add(self, opp: dict[str, Any]) -> int:
        opportunity_id = self.insert[Opportunity](
            company=self._company(opp["company"]),
            role_title=opp["role_title"],
            source=opp["source"],
            posting_url=opp["posting_url"],
            applied_on=opp["applied_on"],
            status=opp["status"],
            recruiter=self.people.get(opp["recruiter"]),
            notes=opp["notes"],
            archived=opp["archived"],
            created_at=opp["created_at"],
            updated_at=opp["updated_at"],
            offer_deadline=opp["offer_deadline"],
            **{name: opp[name] for name in DETAIL_COLUMNS},
        )
        self._status_history(opportunity_id, opp["status_history"])
        interviews = {i["ref"]: self._interview(opportunity_id, i) for i in opp["interviews"]}
        self._reflection(opportunity_id, opp["reflection"])
        self._sent_notes(opportunity_id, opp["sent_notes"])
        self._documents(opportunity_id, opp["documents"])
        if opp["reminders"]:
            for reminder in opp["reminders"]:
                key = rekey(reminder["key"], opportunity_id, interviews, self.people)
                # The file's keys were checked to be distinct; one kept from an earlier
                # life of this id, or shared by all opportunities, is already there.
                if key is not None and key not in self.reminder_keys:
                    self._reminder(reminder, opportunity_id, key, interviews)
        else:  # from a spreadsheet: the playbook plans what is due
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

    def _documents(self, opportunity_id: int, documents: list[dict[str, Any]]) -> None:
        """Links to documents already here (the same content) or brought by the file;
        merging adds only those the opportunity lacks."""
        have = {
            (link.document_id, link.kind)
            for link in OpportunityDocument.select().where(
                OpportunityDocument.opportunity == opportunity_id
            )
        }
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
            self.insert[StatusChange](
                opportunity=opportunity_id,
                from_status=c["from"],
                to_status=c["to"],
                changed_at=c["changed_at"],
                note=c["note"],
            )

    def _interview(self, opportunity_id: int, interview: dict[str, Any]) -> int:
        interview_id = self.insert[Interview](
            opportunity=opportunity_id,
            round_label=interview["round_label"],
            starts_at=interview["starts_at"],
            duration_minutes=interview["duration_minutes"],
            format=interview["format"],
            location=interview["location"],
            hear_by=interview["hear_by"],
            notes=interview["notes"],
            created_at=interview["created_at"],
        )
        for ref in dict.fromkeys(interview["interviewers"]):
            self.insert[InterviewInterviewer](interview=interview_id, contact=self.people[ref])
        debrief = interview["debrief"]
        if debrief is not None:
            fields = {k: v for k, v in debrief.items() if k not in ("questions", "mistakes")}
            debrief_id = self.insert[Debrief](interview=interview_id, **fields)
            for n, q in enumerate(debrief["questions"]):
                self.insert[DebriefQuestion](
                    debrief=debrief_id,
                    position=n,
                    question=q["question"],
                    answer_note=q["answer_note"],
                )
            for n, m in enumerate(debrief["mistakes"]):
                self.insert[DebriefMistake](
                    debrief=debrief_id, position=n, mistake=m["mistake"], why=m["why"]
                )
        return interview_id

    def _sent_notes(self, opportunity_id: int, notes: list[dict[str, Any]]) -> None:
        for note in notes:
            self.insert[SentNote](
                opportunity=opportunity_id,
                contact=self.people.get(note["contact"]) if note["contact"] is not None else None,
                recipient=note["recipient"],
                template=note["template"],
                subject=note["subject"],
                body=note["body"],
                how=note["how"],
                sent_at=note["sent_at"],
            )

    def _reflection(self, opportunity_id: int, reflection: dict[str, Any] | None) -> None:
        if reflection is not None:
            self.insert[Reflection](
                opportunity=opportunity_id,
                outside_reasons=json.dumps(reflection["outside_reasons"]),
                checks=json.dumps(reflection["checks"]),
                feedback=reflection["feedback"],
                created_at=reflection["created_at"],
                updated_at=reflection["updated_at"],
            )

    def _reminder(
        self,
        reminder: dict[str, Any],
        opportunity_id: int | None,
        key: str,
        interviews: dict[int, int],
    ) -> None:
        self.reminder_keys.add(key)
        self.insert[Reminder](
            kind=reminder["kind"],
            key=key,
            due_at=reminder["due_at"],
            state=reminder["state"],
            opportunity=opportunity_id,
            interview=interviews.get(reminder["interview"]),
            contact=self.people.get(reminder["contact"]),
            created_at=reminder["created_at"],
            fired_at=reminder["fired_at"],
            answered_at=reminder["answered_at"],
            message=reminder["message"],
        )
