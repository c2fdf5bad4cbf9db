"""Validation shared by the dialogs and the command line."""

from __future__ import annotations

from datetime import UTC, datetime
from zoneinfo import ZoneInfo

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from db.vocabulary import InterviewFormat, Status
from desktop.domain.forms import (
    FormError,
    Person,
    parse_local_datetime,
    parse_person,
    validate_interview,
    validate_opportunity,
)

BERLIN = ZoneInfo("Europe/Berlin")


def test_good_interview_is_accepted_and_converted_to_utc() -> None:
    draft = validate_interview(
        {
            "company": "  Acme  Corp ",
            "role": "Data Analyst",
            "starts_at": "2026-07-01 14:30",
            "format": "on site",
            "duration": "45",
            "interviewers": "Dana Li <dana@acme.example>\nsam@acme.example",
            "recruiter": "Riya <riya@agency.example>",
            "hear_by": "2026-07-10",
        },
        BERLIN,
    )
    assert draft.company == "Acme Corp"
    assert draft.starts_at == datetime(2026, 7, 1, 12, 30, tzinfo=UTC)
    assert draft.format is InterviewFormat.ON_SITE
    assert draft.duration_minutes == 45
    assert draft.interviewers == (
        Person("Dana Li", "dana@acme.example"),
        Person("sam", "sam@acme.example"),
    )
    assert draft.recruiter == Person("Riya", "riya@agency.example")


def test_every_bad_field_gets_its_own_message() -> None:
    with pytest.raises(FormError) as caught:
        validate_interview(
            {
                "company": "",
                "role": "   ",
                "starts_at": "next tuesday",
                "duration": "-5",
                "interviewers": "Dana <not-an-email>",
                "hear_by": "2026-02-30",
            },
            BERLIN,
        )
    errors = caught.value.errors
    assert errors["company"] == "Company is required."
    assert errors["role"] == "Role is required."
    assert "not a date and time" in errors["starts_at"]
    assert "between 1 minute and 24 hours" in errors["duration"]
    assert "does not look like an email" in errors["interviewers"]
    assert "not a date" in errors["hear_by"]


def test_a_time_skipped_by_daylight_saving_is_refused() -> None:
    with pytest.raises(ValueError, match="does not exist"):
        parse_local_datetime("2026-03-29 02:30", BERLIN)


def test_far_years_are_refused_clearly() -> None:
    with pytest.raises(ValueError, match="out of range"):
        parse_local_datetime("1850-01-01 10:00", BERLIN)
    with pytest.raises(ValueError, match="out of range"):
        parse_local_datetime("9999-01-01 10:00", BERLIN)


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        ("Dana Li <dana@acme.example>", Person("Dana Li", "dana@acme.example")),
        ('"Li, Dana" <dana@acme.example>', Person("Li, Dana", "dana@acme.example")),
        ("Dana Li", Person("Dana Li", "")),
        ("dana@acme.example", Person("dana", "dana@acme.example")),
        ("Zoë Ångström <zoe@exämple.se>", Person("Zoë Ångström", "zoe@exämple.se")),
    ],
)
def test_people_parse(text, expected) -> None:
    assert parse_person(text) == expected


@pytest.mark.parametrize("text", ["Dana <dana@>", "a@b", "<>", "Dana <x@y.z> extra>"])
def test_bad_people_are_refused(text) -> None:
    with pytest.raises(ValueError):
        parse_person(text)


def test_opportunity_needs_company_and_role_and_a_real_link() -> None:
    with pytest.raises(FormError) as caught:
        validate_opportunity({"company": "Acme", "role": "", "posting_url": "javascript:alert(1)"})
    assert set(caught.value.errors) == {"role", "posting_url"}
    draft = validate_opportunity(
        {
            "company": "Acme",
            "role": "Analyst",
            "status": "Not this time",
            "posting_url": "https://acme.example/jobs/1",
        }
    )
    assert draft.status is Status.NOT_THIS_TIME


def test_control_characters_are_refused_in_one_line_fields() -> None:
    with pytest.raises(FormError) as caught:
        validate_opportunity({"company": "Ac\x00me", "role": "Analyst"})
    assert "control characters" in caught.value.errors["company"]


hostile_text = st.text(
    alphabet=st.characters(codec="utf-8", exclude_categories=("Cs",)), max_size=300
) | st.sampled_from(["'; DROP TABLE company; --", "\u202egnp.exe", "🙂" * 50, "=SUM(A1)", ""])


@settings(max_examples=300, deadline=None)
@given(
    company=hostile_text,
    role=hostile_text,
    starts_at=hostile_text | st.datetimes().map(lambda d: d.strftime("%Y-%m-%d %H:%M")),
    interviewers=hostile_text,
    duration=hostile_text,
    notes=hostile_text,
)
def test_any_input_gives_a_draft_or_clear_messages(
    company, role, starts_at, interviewers, duration, notes
) -> None:
    raw = {
        "company": company,
        "role": role,
        "starts_at": starts_at,
        "interviewers": interviewers,
        "duration": duration,
        "notes": notes,
    }
    try:
        draft = validate_interview(raw, BERLIN)
    except FormError as error:
        assert error.errors
        assert all(isinstance(m, str) and m.strip() for m in error.errors.values())
        assert set(error.errors) <= set(raw) | {
            "format",
            "hear_by",
            "recruiter",
            "round_label",
            "location",
        }
    else:
        assert draft.company and draft.role
        assert draft.starts_at.tzinfo is not None


@pytest.mark.parametrize(
    ("raw", "expected"),
    [("2026-11-25 9:05", "08:05"), ("2026-11-25 1430", "13:30"), ("2026-11-25 14.30", "13:30")],
)
def test_times_of_day_in_the_usual_spellings(raw: str, expected: str) -> None:
    assert parse_local_datetime(raw, BERLIN).strftime("%H:%M") == expected


@pytest.mark.parametrize("raw", ["2026-11-25 25:99", "2026-11-25 24:00", "2026-11-25 12:60"])
def test_a_time_that_is_not_a_time_of_day_is_refused_not_wrapped(raw: str) -> None:
    with pytest.raises(ValueError, match="is not a time of day; use 00:00 to 23:59"):
        parse_local_datetime(raw, BERLIN)


@pytest.mark.parametrize(
    "raw",
    [
        "Alex Moreno <alex.moreno@agency.example>",
        "Alex Moreno alex.moreno@agency.example",
        "Alex Moreno, alex.moreno@agency.example",
        "alex.moreno@agency.example Alex Moreno",
    ],
)
def test_a_name_and_an_email_are_read_alike_with_or_without_brackets(raw: str) -> None:
    expected = Person("Alex Moreno", "alex.moreno@agency.example")
    assert parse_person(raw) == expected
    for field in ("recruiter", "interviewers"):
        draft = validate_interview(
            {"company": "A", "role": "B", "starts_at": "2026-11-25 10:00", field: raw}, BERLIN
        )
        assert (draft.recruiter if field == "recruiter" else draft.interviewers[0]) == expected


def test_control_characters_are_unicodes_category_cc_on_every_code_point() -> None:
    import sys
    import unicodedata

    from desktop.domain.forms import has_control

    found = [c for c in range(sys.maxunicode + 1) if has_control(chr(c))]
    assert found == [c for c in range(sys.maxunicode + 1) if unicodedata.category(chr(c)) == "Cc"]
    assert not has_control("a\tb\n", allowed="\t\n") and has_control("a\rb", allowed="\t\n")
