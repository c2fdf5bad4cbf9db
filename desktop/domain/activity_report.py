"""The job-search activity report: what the user did, day by day, over a period.

Some unemployment-benefit offices ask for exactly this list (applications, interviews,
follow-ups), so it reads as a plain record, not as advice.
"""

from __future__ import annotations

from dataclasses import dataclass
from datetime import date, tzinfo
from typing import Any

from db.vocabulary import Status
from desktop.playbook.rules import Kind
from desktop.playbook.weeks import application_day

# Reminders that, once marked done, mean the user contacted the employer.
FOLLOW_UP_DONE: dict[str, str] = {
    Kind.THANK_YOU.value: "Thank-you note sent",
    Kind.LATE_THANK_YOU.value: "Thank-you note sent",
    Kind.THANKS_VIA_RECRUITER.value: "Thanks sent through the recruiter",
    Kind.FOLLOW_UP.value: "Follow-up sent",
    Kind.SECOND_FOLLOW_UP.value: "Follow-up sent",
    Kind.RECRUITER_CALL.value: "Called the recruiter",
    Kind.REJECTION_REPLY.value: "Replied and asked for feedback",
    Kind.KEEP_IN_TOUCH.value: "Keep-in-touch note sent",
    Kind.OFFER_REPLY.value: "Answered the offer",
}
APPLICATION, INTERVIEW, FOLLOW_UP, OUTCOME = "Application", "Interview", "Follow-up", "Outcome"


@dataclass(frozen=True)
class Entry:
    day: date
    kind: str  # APPLICATION, INTERVIEW, FOLLOW_UP or OUTCOME
    company: str
    role: str
    detail: str


@dataclass(frozen=True)
class ActivityReport:
    start: date
    end: date
    entries: list[Entry]

    def count(self, kind: str) -> int:
        return sum(1 for e in self.entries if e.kind == kind)


def activity_report(bundle: dict[str, Any], start: date, end: date, tz: tzinfo) -> ActivityReport:
    if end < start:
        raise ValueError("the period ends before it starts")
    people = {p["ref"]: p["name"] for p in bundle["contacts"]}
    entries: list[Entry] = []

    def add(day: date, kind: str, opp: dict[str, Any], detail: str) -> None:
        if start <= day <= end:
            entries.append(Entry(day, kind, opp["company"], opp["role_title"], detail))

    for opp in bundle["opportunities"]:
        first = next((c["to"] for c in opp["status_history"] if c["from"] is None), None)
        applied = application_day(opp["applied_on"], opp["created_at"], first, tz)
        if applied is not None:
            add(applied, APPLICATION, opp, opp["source"] or opp["posting_url"])
        for interview in opp["interviews"]:
            local = interview["starts_at"].astimezone(tz)
            names = ", ".join(people[r] for r in interview["interviewers"] if r in people)
            detail = " · ".join(
                part
                for part in (
                    interview["round_label"],
                    local.strftime("%H:%M"),
                    interview["format"].replace("_", " "),
                    f"with {names}" if names else "",
                )
                if part
            )
            add(local.date(), INTERVIEW, opp, detail)
        for reminder in opp["reminders"]:
            what = FOLLOW_UP_DONE.get(reminder["kind"])
            if what and reminder["state"] == "done" and reminder["answered_at"]:
                person = people.get(reminder["contact"])
                add(
                    reminder["answered_at"].astimezone(tz).date(),
                    FOLLOW_UP,
                    opp,
                    f"{what} ({person})" if person else what,
                )
        for change in opp["status_history"]:
            if change["from"] is not None and change["to"] not in (
                Status.APPLIED.value,
                Status.INTERVIEWING.value,
            ):
                add(
                    change["changed_at"].astimezone(tz).date(),
                    OUTCOME,
                    opp,
                    Status(change["to"]).label,
                )
    order = {APPLICATION: 0, INTERVIEW: 1, FOLLOW_UP: 2, OUTCOME: 3}
    entries.sort(key=lambda e: (e.day, order[e.kind], e.company.casefold()))
    return ActivityReport(start, end, entries)
