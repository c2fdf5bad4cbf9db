"""Use cases on a real SQLite file: each user action is one complete transaction."""

from __future__ import annotations

from datetime import UTC, datetime

import pytest

from db.models import Company, Contact, Interview, Opportunity, StatusChange
from db.vocabulary import ContactRole, Status
from desktop.domain.forms import validate_opportunity
from desktop.services import NotFound
from desktop.services.interviews import delete_interview, log_interview, update_interview
from desktop.services.opportunities import (
    change_status,
    create_opportunity,
    delete_opportunity,
    set_archived,
    update_opportunity,
)
from desktop.services.queries import (
    interview_form_values,
    list_opportunities,
    opportunity_detail,
)
from tests.conftest import interview_draft


def test_logging_an_interview_creates_company_opportunity_and_people(store, clock) -> None:
    draft = interview_draft(
        clock, recruiter="Sam Ortiz <sam@agency.example>", round_label="Phone screen"
    )
    interview_id = log_interview(draft, clock)
    interview = Interview.get_by_id(interview_id)
    opportunity = interview.opportunity
    assert opportunity.company.name == "Acme"
    assert opportunity.status == Status.INTERVIEWING
    assert opportunity.recruiter.name == "Sam Ortiz"
    assert opportunity.recruiter.role == ContactRole.RECRUITER
    assert [c.name for c in Contact.select().where(Contact.role == "interviewer")] == ["Dana Li"]
    assert interview.starts_at == datetime(2026, 11, 25, 13, 0, tzinfo=UTC)  # 14:00 in Berlin
    history = list(StatusChange.select())
    assert [(h.from_status, h.to_status) for h in history] == [(None, "interviewing")]


def test_a_second_round_joins_the_same_opportunity_and_contact(store, clock) -> None:
    log_interview(interview_draft(clock), clock)
    log_interview(
        interview_draft(clock, company="ACME", role="data analyst", starts_at="2026-11-30 10:00"),
        clock,
    )
    assert Opportunity.select().count() == 1
    assert Company.select().count() == 1
    assert Contact.select().count() == 1
    assert Interview.select().count() == 2


def test_a_closed_opportunity_is_not_reused(store, clock) -> None:
    first = log_interview(interview_draft(clock), clock)
    change_status(Interview.get_by_id(first).opportunity_id, Status.NOT_THIS_TIME, clock)
    log_interview(interview_draft(clock, starts_at="2027-06-01 10:00"), clock)
    assert Opportunity.select().count() == 2


def test_an_interview_moves_an_application_to_interviewing(store, clock) -> None:
    opportunity_id = create_opportunity(
        validate_opportunity({"company": "Acme", "role": "Data Analyst"}), clock
    )
    log_interview(interview_draft(clock), clock)
    assert Opportunity.get_by_id(opportunity_id).status == Status.INTERVIEWING
    changes = [
        (c.from_status, c.to_status) for c in StatusChange.select().order_by(StatusChange.id)
    ]
    assert changes == [(None, "applied"), ("applied", "interviewing")]


def test_status_changes_are_all_kept_with_their_time_and_note(store, clock) -> None:
    opportunity_id = Interview.get_by_id(
        log_interview(interview_draft(clock), clock)
    ).opportunity_id
    clock.advance(days=3)
    assert change_status(opportunity_id, Status.AWAITING, clock)
    clock.advance(days=9)
    assert change_status(
        opportunity_id, Status.NOT_THIS_TIME, clock, note="They chose an internal candidate"
    )
    assert not change_status(opportunity_id, Status.NOT_THIS_TIME, clock)
    history = opportunity_detail(opportunity_id).history
    assert [h.to_status for h in history] == [
        Status.INTERVIEWING,
        Status.AWAITING,
        Status.NOT_THIS_TIME,
    ]
    assert history[-1].note == "They chose an internal candidate"
    assert history[-1].changed_at == clock.now()


def test_editing_an_opportunity_records_a_status_change(store, clock) -> None:
    opportunity_id = create_opportunity(
        validate_opportunity({"company": "Acme", "role": "Analyst"}), clock
    )
    update_opportunity(
        opportunity_id,
        validate_opportunity(
            {"company": "Acme", "role": "Senior Analyst", "status": "offer", "notes": "n"}
        ),
        clock,
    )
    detail = opportunity_detail(opportunity_id)
    assert (detail.role, detail.status, detail.notes) == ("Senior Analyst", Status.OFFER, "n")
    assert [h.to_status for h in detail.history] == [Status.APPLIED, Status.OFFER]


def test_the_detail_names_its_company_and_its_recruiter_or_none(store, clock) -> None:
    # Read in one query with the opportunity (a left join: most have no recruiter).
    with_recruiter = Interview.get_by_id(
        log_interview(interview_draft(clock, recruiter="Sam Ortiz <sam@agency.example>"), clock)
    ).opportunity_id
    without = create_opportunity(
        validate_opportunity({"company": "Globex", "role": "Analyst"}), clock
    )
    detail = opportunity_detail(with_recruiter)
    assert (detail.company, detail.role) == ("Acme", "Data Analyst")
    assert detail.recruiter is not None
    assert (detail.recruiter.name, detail.recruiter.email) == ("Sam Ortiz", "sam@agency.example")
    assert detail.recruiter in detail.people
    alone = opportunity_detail(without)
    assert (alone.company, alone.recruiter, alone.people) == ("Globex", None, ())


def test_editing_an_interview_replaces_its_interviewers(store, clock) -> None:
    interview_id = log_interview(interview_draft(clock), clock)
    values = interview_form_values(interview_id, clock.tz)
    assert values["starts_at"] == "2026-11-25 14:00"
    assert values["interviewers"] == "Dana Li <dana@acme.example>"
    update_interview(
        interview_id,
        interview_draft(
            clock, interviewers="Lee Park <lee@acme.example>", starts_at="2026-11-26 09:00"
        ),
        clock,
    )
    detail = opportunity_detail(Interview.get_by_id(interview_id).opportunity_id)
    assert [p.name for p in detail.interviews[0].interviewers] == ["Lee Park"]
    assert detail.interviews[0].starts_at == datetime(2026, 11, 26, 8, 0, tzinfo=UTC)


def test_list_rows_have_next_and_latest_interview_and_search_text(store, clock) -> None:
    log_interview(
        interview_draft(clock, starts_at="2026-11-20 10:00", notes="Asked about window functions"),
        clock,
    )
    log_interview(interview_draft(clock, starts_at="2026-11-28 10:00"), clock)
    [row] = list_opportunities(clock.now())
    assert row.next_interview == datetime(2026, 11, 28, 9, 0, tzinfo=UTC)
    assert row.latest_interview == row.next_interview
    for word in ("acme", "data analyst", "dana li", "dana@acme.example", "window functions"):
        assert word in row.haystack


def test_archiving_and_deleting(store, clock) -> None:
    opportunity_id = Interview.get_by_id(
        log_interview(interview_draft(clock), clock)
    ).opportunity_id
    set_archived(opportunity_id, True, clock)
    assert list_opportunities(clock.now())[0].archived
    delete_opportunity(opportunity_id)
    assert list_opportunities(clock.now()) == []


def test_deleting_an_interview_keeps_the_opportunity(store, clock) -> None:
    interview_id = log_interview(interview_draft(clock), clock)
    opportunity_id = Interview.get_by_id(interview_id).opportunity_id
    delete_interview(interview_id, clock)
    assert opportunity_detail(opportunity_id).interviews == ()


@pytest.mark.parametrize(
    "action",
    [
        lambda clock: change_status(404, Status.OFFER, clock),
        lambda clock: delete_opportunity(404),
        lambda clock: delete_interview(404, clock),
        lambda clock: opportunity_detail(404),
        lambda clock: log_interview(interview_draft(clock), clock, opportunity_id=404),
    ],
)
def test_unknown_ids_raise_not_found_and_write_nothing(store, clock, action) -> None:
    with pytest.raises(NotFound, match="404"):
        action(clock)
    assert Company.select().count() == 0
