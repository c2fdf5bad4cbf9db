"""Hand-built job-search histories, made through the services the app itself uses."""

from __future__ import annotations

from datetime import timedelta

from db.vocabulary import Status
from desktop.domain.clock import FixedClock
from desktop.services import settings
from desktop.services.debriefs import DebriefData, MistakeEntry, QuestionEntry, save_debrief
from desktop.services.interviews import log_interview
from desktop.services.opportunities import change_status
from desktop.services.reflections import ReflectionData, save_reflection
from desktop.services.reminders import mark_done, open_reminders_until
from tests.conftest import interview_draft


def rich_history(clock: FixedClock) -> dict[str, int]:
    """Three opportunities touching every table: people, debriefs, a reflection, answered
    and pending reminders, a setting, and text that trips up exporters."""
    clock.advance(days=-30)
    acme = log_interview(
        interview_draft(
            clock,
            starts_at="2026-10-25 10:00",
            interviewers='Dana Li <dana@acme.example>\nSam "Q" O\'Neil <sam@acme.example>',
            recruiter="Rita Recruiter <rita@acme.example>",
            notes='Panel; they said "we\'ll be in touch", next week\n=SUM(A1) 😀 \u202bשלום\u202c',
            round_label="Phone screen, first",
        ),
        clock,
    )
    clock.advance(days=2)
    save_debrief(
        acme,
        DebriefData(
            felt=2,
            prediction="not",
            account="Went long; ;, commas\nand lines",
            questions=(QuestionEntry("Why us?", "Too generic"),),
            mistakes=(MistakeEntry("rambled", "Nerves"),),
            lessons="Shorter answers",
        ),
        clock,
    )
    for reminder in open_reminders_until(clock.now() + timedelta(days=3)):
        mark_done(reminder.id, clock)
        break
    globex = log_interview(
        interview_draft(
            clock, company="Globex", role="Analyst", starts_at="2026-10-28 15:30", location="@HQ"
        ),
        clock,
    )
    clock.advance(days=10)
    from desktop.services.queries import opportunity_id_of_interview

    globex_opp = opportunity_id_of_interview(globex)
    change_status(globex_opp, Status.NOT_THIS_TIME, clock, note="Polite no")
    save_reflection(
        globex_opp, ReflectionData(frozenset({0, 2}), {1: "Maybe"}, "Wanted more SQL"), clock
    )
    clock.advance(days=18)
    later = log_interview(
        interview_draft(clock, company="Initech", role="-Lead", starts_at="2026-11-26 09:00"),
        clock,
    )
    settings.put(settings.AUTOSTART_ASKED, True)
    return {
        "acme_interview": acme,
        "globex_opportunity": globex_opp,
        "initech_interview": later,
    }
