"""Debriefs on real SQLite: saved whole, reloaded as written, lessons and questions return."""

from __future__ import annotations

from datetime import UTC, datetime

import pytest

from db.models import Debrief, DebriefQuestion, Reminder
from db.vocabulary import Status
from desktop.playbook.lessons import PastDebrief, gather
from desktop.services import NotFound
from desktop.services.debriefs import (
    DebriefData,
    MistakeEntry,
    QuestionEntry,
    finish_debrief,
    load_debrief,
    question_bank,
    save_debrief,
)
from desktop.services.interviews import delete_interview, log_interview
from desktop.services.opportunities import change_status
from desktop.services.reflections import ReflectionData, load_reflection, save_reflection
from desktop.services.reminders import open_reminders_until
from tests.conftest import interview_draft

FULL = DebriefData(
    felt=2,
    prediction="not",
    account="Started late; the case study went fine; \u202bשלום\u202c and 😀 too.",
    questions=(QuestionEntry("Why are you leaving?", "Stumbled, then recovered"),),
    went_well="The case study",
    mistakes=(MistakeEntry("rambled", "Nerves"), MistakeEntry("Forgot their name", "")),
    made_harder="Interviewer was typing throughout",
    lessons="Prepare a two-sentence answer for why I'm leaving\nAsk questions at the end",
)


def test_a_debrief_is_saved_whole_and_reloaded_as_written(store, clock) -> None:
    interview = log_interview(interview_draft(clock), clock)
    assert load_debrief(interview).is_blank()
    save_debrief(interview, FULL, clock)
    assert load_debrief(interview) == FULL
    shorter = DebriefData(felt=4, questions=(QuestionEntry("Tell me about yourself"),))
    save_debrief(interview, shorter, clock)
    assert load_debrief(interview) == shorter
    assert Debrief.select().count() == 1 and DebriefQuestion.select().count() == 1


def test_blank_rows_are_not_kept_and_bad_values_are_refused(store, clock) -> None:
    interview = log_interview(interview_draft(clock), clock)
    save_debrief(
        interview,
        DebriefData(questions=(QuestionEntry("  "),), mistakes=(MistakeEntry(""),)),
        clock,
    )
    assert load_debrief(interview).is_blank()
    with pytest.raises(ValueError, match="1 to 5"):
        save_debrief(interview, DebriefData(felt=9), clock)
    with pytest.raises(ValueError, match="prediction"):
        save_debrief(interview, DebriefData(prediction="maybe"), clock)
    with pytest.raises(NotFound):
        save_debrief(9999, FULL, clock)


def test_the_feeling_is_never_overwritten_by_the_outcome(store, clock) -> None:
    interview = log_interview(interview_draft(clock), clock)
    save_debrief(interview, FULL, clock)
    opportunity = Reminder.get(Reminder.interview == interview).opportunity_id
    change_status(opportunity, Status.OFFER, clock)
    assert (load_debrief(interview).felt, load_debrief(interview).prediction) == (2, "not")


def test_finishing_answers_the_debrief_reminder_only_when_written(store, clock) -> None:
    interview = log_interview(interview_draft(clock), clock)
    assert not finish_debrief(interview, clock)  # nothing written: nothing changed
    save_debrief(interview, FULL, clock)
    answered = finish_debrief(interview, clock)
    debrief = Reminder.get(Reminder.kind == "debrief")
    assert answered.reminders and answered.touches(debrief.opportunity_id)
    assert debrief.state == "done"
    assert not finish_debrief(interview, clock)


def test_deleting_the_interview_deletes_its_debrief(store, clock) -> None:
    interview = log_interview(interview_draft(clock), clock)
    save_debrief(interview, FULL, clock)
    delete_interview(interview, clock)
    assert Debrief.select().count() == 0 and DebriefQuestion.select().count() == 0


def test_lessons_come_back_in_the_next_prep_reminder(store, clock) -> None:
    first = log_interview(interview_draft(clock, starts_at="2026-11-23 10:00"), clock)
    save_debrief(first, FULL, clock)
    log_interview(interview_draft(clock, company="Globex", starts_at="2026-11-30 10:00"), clock)
    preps = [v for v in open_reminders_until(datetime(2027, 1, 1, tzinfo=UTC)) if v.kind == "prep"]
    globex = next(v for v in preps if "Globex" in v.title)
    assert "From your earlier debriefs: I rambled" in globex.why
    acme = next(v for v in preps if "Acme" in v.title)
    assert "From your earlier debriefs" not in acme.why  # nothing came before it


def test_repeated_mistakes_come_first_then_recent_lessons() -> None:
    def at(day: int) -> datetime:
        return datetime(2026, 11, day, tzinfo=UTC)

    found = gather(
        [
            PastDebrief(at(1), ("nerves", "rambled"), "Breathe"),
            PastDebrief(at(5), ("rambled",), "- Keep answers to two minutes\nBreathe"),
            PastDebrief(at(9), ("no_questions",), ""),
        ]
    )
    assert found.mistakes[0] == ("I rambled or gave answers that ran long", 2)
    assert found.mistakes[1][0] == "I forgot to ask my own questions at the end"
    assert found.lessons == ("Keep answers to two minutes", "Breathe")
    assert (
        found.brief()
        == "I rambled or gave answers that ran long (×2) · Keep answers to two minutes"
    )
    assert not gather([])


def test_the_question_bank_finds_questions_notes_and_companies(store, clock) -> None:
    interview = log_interview(interview_draft(clock), clock)
    save_debrief(interview, FULL, clock)
    other = log_interview(interview_draft(clock, company="Globex"), clock)
    save_debrief(
        other,
        DebriefData(questions=(QuestionEntry("Biggest failure?", "Told the Q3 story"),)),
        clock,
    )
    assert len(question_bank()) == 2
    assert [e.question for e in question_bank("leaving")] == ["Why are you leaving?"]
    assert [e.question for e in question_bank("q3")] == ["Biggest failure?"]
    assert [e.company for e in question_bank("globex")] == ["Globex"]
    assert question_bank("nothing like this") == []
    assert question_bank("%") == []  # a wildcard is a literal character here


def test_a_reflection_is_saved_and_reloaded(store, clock) -> None:
    interview = log_interview(interview_draft(clock), clock)
    opportunity = Reminder.get(Reminder.interview == interview).opportunity_id
    assert load_reflection(opportunity) == ReflectionData()
    data = ReflectionData(
        outside=frozenset({0, 6}),
        checks={1: "Not enough numbers"},
        feedback="Strong, but another candidate had more SQL",
    )
    save_reflection(opportunity, data, clock)
    assert load_reflection(opportunity) == data


def test_lessons_read_the_mistakes_of_many_debriefs_at_once(store, clock, caplog) -> None:
    """Each edit of an interview re-reads the lessons for the detail pane (issue #17):
    the mistakes of up to fifty debriefs come in one query, not one query each, and
    still count per debrief."""
    import logging

    from desktop.services.lessons import lessons_before

    for day, mistakes in enumerate((("rambled", "Nerves"), ("rambled",), ("late",)), start=1):
        interview = log_interview(
            interview_draft(clock, company=f"Firm {day}", starts_at=f"2026-10-{day:02d} 10:00"),
            clock,
        )
        entries = tuple(MistakeEntry(m) for m in mistakes)
        save_debrief(interview, DebriefData(mistakes=entries, lessons=f"Lesson {day}"), clock)
    caplog.set_level(logging.DEBUG, logger="peewee")
    found = lessons_before(datetime(2026, 11, 1, tzinfo=UTC))
    reads = [r for r in caplog.records if "debrief_mistake" in str(r.msg)]
    assert len(reads) == 1
    counted = dict(found.mistakes)
    assert list(counted.values()) == [2, 1, 1]
    assert found.lessons == ("Lesson 3", "Lesson 2", "Lesson 1")
