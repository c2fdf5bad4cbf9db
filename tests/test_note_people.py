"""Notes speak to the right person about the right day: greetings, date words, swapping
names when the recipient changes, topics from the notes, and the note each state opens.

Every shipped template is rendered for many people (accents, single names, hyphenated
names, titles) and days, and no other person's name and no wrong date word may appear."""

from __future__ import annotations

from datetime import date, timedelta

from hypothesis import assume, given
from hypothesis import strategies as st

from desktop.paths import resources_dir
from desktop.playbook.addressing import (
    Person,
    first_name,
    greeting_name,
    name_forms,
    names_in,
    swap_names,
)
from desktop.playbook.call_checklist import DebriefFacts, checklist
from desktop.playbook.date_words import ALL_MONTHS, ALL_WEEKDAYS, day_words, full_date
from desktop.playbook.notes import TEMPLATE_NAMES, note_for, render_note, sign_off
from desktop.playbook.topics import suggest_topic

FIRST = ["Priya", "Tom", "Zoë", "Jean-Luc", "Ólafur", "Anne-Marie", "Nguyễn", "Åsa", "Chidi"]
LAST = ["Raman", "Okafor", "García-Márquez", "Müller", "O'Brien", "Ōta", "Nowak", ""]
TITLES = ["", "", "Dr ", "Prof. "]


@st.composite
def people(draw) -> Person:
    first = draw(st.sampled_from(FIRST))
    last = draw(st.sampled_from(LAST))
    title = draw(st.sampled_from(TITLES))
    name = f"{title}{first} {last}".strip()
    chosen = draw(st.sampled_from(["", "first", "formal"]))
    address_as = {"": "", "first": first, "formal": f"Dr {last or first}"}[chosen]
    return Person(name, address_as)


def _distinct(a: Person, b: Person) -> bool:
    return not set(name_forms(a)) & set(name_forms(b))


def _values(person: Person, when: str) -> dict[str, str]:
    return {
        "their_name": person.greeting_name,
        "their_full_name": person.name,
        "your_name": "Alex Moreau",
        "sign_off": "Alex Moreau",
        "role": "Data Analyst",
        "company": "Acme",
        "interview_day": when,
        "interview_date": "Wednesday 25 November",
        "topic": "the churn dashboard",
        "strengths": "SQL and clear reporting",
        "recruiter_name": "Sam",
        "interviewers": "the team",
    }


def _template(name: str) -> str:
    return (resources_dir() / "templates" / f"{name}.txt").read_text(encoding="utf-8")


# ----- greetings ---------------------------------------------------------------------


def test_people_are_greeted_by_first_name_unless_the_user_chose_otherwise() -> None:
    assert greeting_name("Priya Raman") == "Priya"
    assert greeting_name("Priya Raman", "Dr Raman") == "Dr Raman"
    assert greeting_name("Priya Raman", "  Priya  ") == "Priya"
    assert greeting_name("Dr. Zoë Ólafsdóttir-Berg") == "Zoë"
    assert greeting_name("Jean-Luc Picard") == "Jean-Luc"
    assert greeting_name("Madonna") == "Madonna"
    assert first_name("Dr") == "Dr"  # a name that is only a title is still a name
    assert first_name("") == ""


@given(people(), people(), st.sampled_from(sorted(TEMPLATE_NAMES)), st.integers(0, 400))
def test_every_template_names_only_its_recipient_and_the_right_day(
    person: Person, other: Person, template: str, days_ago: int
) -> None:
    assume(_distinct(person, other))
    today = date(2026, 11, 25)
    met = today - timedelta(days=days_ago)
    when = day_words(met, today)
    note = render_note(_template(template), _values(person, when))
    text = note.subject + "\n" + note.body
    assert f"Dear {person.greeting_name}," in note.body
    assert names_in(text, other, besides=person) == []
    if "{{interview_day}}" in _template(template):
        assert when in text
    others = {"today", "yesterday", "tomorrow"} - {when}
    others |= {f"on {day}" for day in ALL_WEEKDAYS if f"on {day}" != when}
    assert not [word for word in others if word in text], (template, when)


@given(people(), people(), st.sampled_from(sorted(TEMPLATE_NAMES)))
def test_swapping_the_recipient_gives_the_note_written_for_them(
    old: Person, new: Person, template: str
) -> None:
    assume(_distinct(old, new))
    for_old = render_note(_template(template), _values(old, "yesterday"))
    for_new = render_note(_template(template), _values(new, "yesterday"))
    assert swap_names(for_old.body, old, new) == for_new.body
    assert names_in(swap_names(for_old.body, old, new), old, besides=new) == []


def test_swapping_keeps_the_users_words_and_every_form_of_the_name() -> None:
    priya, tom = Person("Priya Raman"), Person("Tom Okafor", "Dr Okafor")
    edited = (
        "Dear Priya,\n\nPriya Raman's point about churn stayed with me; Raman's team is "
        "lucky. Annual reports aside, Priyanka helped too."
    )
    swapped = swap_names(edited, priya, tom)
    assert swapped == (
        "Dear Dr Okafor,\n\nTom Okafor's point about churn stayed with me; Okafor's team is "
        "lucky. Annual reports aside, Priyanka helped too."
    )
    assert names_in(swapped, priya, besides=tom) == []


def test_a_shared_first_name_is_no_sign_of_the_wrong_recipient() -> None:
    assert names_in("Dear Priya,", Person("Priya Raman"), besides=Person("Priya Shah")) == []
    assert names_in("Dear Priya Raman,", Person("Priya Raman"), besides=Person("Priya Shah")) == [
        "Priya Raman"
    ]


# ----- date words ----------------------------------------------------------------------


def test_the_interview_day_reads_as_people_say_it() -> None:
    today = date(2026, 11, 25)  # a Wednesday
    assert day_words(today, today) == "today"
    assert day_words(date(2026, 11, 24), today) == "yesterday"
    assert day_words(date(2026, 11, 23), today) == "on Monday"
    assert day_words(date(2026, 11, 19), today) == "on Thursday"  # six days ago
    assert day_words(date(2026, 11, 18), today) == "on 18 November"  # a week: the date
    assert day_words(date(2025, 12, 30), today) == "on 30 December 2025"
    assert day_words(date(2026, 11, 26), today) == "tomorrow"


@given(st.dates(date(2000, 1, 1), date(2100, 1, 1)), st.integers(-3, 800))
def test_day_words_are_never_ambiguous(today: date, days_ago: int) -> None:
    day = today - timedelta(days=days_ago)
    words = day_words(day, today)
    if 2 <= days_ago <= 6:
        assert words == f"on {ALL_WEEKDAYS[day.weekday()]}"
    elif days_ago > 6 or days_ago < -1:
        assert words == f"on {full_date(day, today)}"
        assert ALL_MONTHS[day.month - 1] in words and str(day.day) in words.split()
        assert (str(day.year) in words) == (day.year != today.year)


# ----- topics ------------------------------------------------------------------------


NOTES = (
    "Priya mentioned their churn dashboard rebuild. Tom asked about my SQL tests, which "
    "I liked. Then a tour of the office."
)


def test_each_interviewer_gets_their_own_topic_from_the_notes() -> None:
    assert suggest_topic(Person("Priya Raman"), [NOTES]) == "your churn dashboard rebuild"
    assert suggest_topic(Person("Tom Okafor"), [NOTES]) == "my SQL tests"
    assert suggest_topic(Person("Omar Haddad"), [NOTES]) == ""


def test_a_topic_is_found_by_any_form_of_the_name_and_ends_at_the_name() -> None:
    debrief = "We talked about the data warehouse migration with Dr Raman and Tom."
    assert suggest_topic(Person("Priya Raman", "Dr Raman"), ["", debrief]) == (
        "the data warehouse migration"
    )
    assert suggest_topic(Person("Zoë Müller"), ["Zoë walked me through her team's roadmap!"]) == (
        "your team's roadmap"
    )


# ----- which note, when ----------------------------------------------------------------


def test_the_note_fits_the_opportunity_as_it_stands() -> None:
    assert note_for("thank_you", "interviewing", False, False) == "thank_you"
    assert note_for("thank_you", "interviewing", False, True) == "late_thank_you"
    assert note_for("thank_you", "not_this_time", False, False) == "rejection_reply"
    assert note_for(None, "not_this_time", True, True) == "rejection_reply"
    assert note_for(None, "position_cancelled", True, False) == "keep_in_touch"
    assert note_for(None, "interviewing", False, False) == "thank_you"
    assert note_for(None, "awaiting_decision", True, True) == "follow_up"
    assert note_for("follow_up", "awaiting_decision", False, True) == "late_thank_you_follow_up"
    assert note_for("recruiter_call", "interviewing", False, False) is None
    assert note_for("debrief", "not_this_time", False, False) is None


def test_the_sign_off_is_the_signature_when_there_is_one() -> None:
    assert sign_off("Alex Moreau", "") == "Alex Moreau"
    assert sign_off("Alex Moreau", "Alex Moreau\n+44 20 7946 0000\n") == (
        "Alex Moreau\n+44 20 7946 0000"
    )
    assert sign_off("", "  ") == ""


# ----- the recruiter call ------------------------------------------------------------------


def test_the_call_checklist_is_built_from_the_debrief() -> None:
    rough = DebriefFacts(
        written=True,
        felt=2,
        prediction="unsure",
        went_well="- the SQL exercise\n- rapport with Priya",
        mistakes=("rambled",),
        lessons="Answer in two minutes",
    )
    sections = {s.title: s.items for s in checklist(rough, "Acme")}
    assert sections["What went well"] == ("the SQL exercise", "rapport with Priya")
    assert "Answer in two minutes" in sections["What you learned"]
    assert any("rambled" in item for item in sections["What you learned"])
    assert any("another chance" in item and "ask" in item for item in sections["Another chance?"])
    assert any("Acme" in item for item in sections["Your interest"])
    fine = {s.title: s.items for s in checklist(DebriefFacts(written=True, felt=5), "Acme")}
    assert fine["Another chance?"] == ("It went as you hoped; no need to ask for another chance.",)
