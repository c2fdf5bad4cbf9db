"""Note templates: every placeholder, gaps for missing values, hostile text, mailto links."""

from __future__ import annotations

from urllib.parse import parse_qs, unquote, urlsplit

from hypothesis import given
from hypothesis import strategies as st

from desktop.paths import resources_dir
from desktop.playbook.notes import (
    PLACEHOLDER,
    PLACEHOLDERS,
    TEMPLATE_NAMES,
    gaps,
    mailto,
    note_for,
    parse_template,
    people_list,
    render,
    render_note,
    template_for,
)

FULL = {
    "their_name": "Dana",
    "their_full_name": "Dana Li",
    "your_name": "Alex Moreau",
    "sign_off": "Alex Moreau",
    "interview_day": "yesterday",
    "interviewers": "Dana Li and Omar Haddad",
    "role": "Data Analyst",
    "company": "Acme",
    "interview_date": "Wednesday 25 November",
    "topic": "the churn dashboard",
    "strengths": "SQL and clear reporting",
    "recruiter_name": "Sam Roe",
}


def test_every_shipped_template_exists_and_uses_only_known_placeholders() -> None:
    for name in TEMPLATE_NAMES:
        text = (resources_dir() / "templates" / f"{name}.txt").read_text(encoding="utf-8")
        used = set(PLACEHOLDER.findall(text))
        assert used <= set(PLACEHOLDERS), (name, used - set(PLACEHOLDERS))
        note = render_note(text, FULL)
        assert note.subject, name
        assert "{{" not in note.subject + note.body and not gaps(note.body), name


def test_a_filled_thank_you_reads_naturally() -> None:
    text = (resources_dir() / "templates" / "thank_you.txt").read_text(encoding="utf-8")
    note = render_note(text, FULL)
    assert note.subject == "Thank you for our conversation yesterday — Data Analyst"
    assert note.body.startswith("Dear Dana,")
    assert "talk with me yesterday about" in note.body
    assert "the churn dashboard" in note.body and note.body.rstrip().endswith("Alex Moreau")


def test_missing_values_stay_visible_as_gaps_never_none() -> None:
    text = "Dear {{their_name}}, about {{ topic }} at {{company}} — {{unknown_thing}}"
    rendered = render(text, {"their_name": None, "topic": "  ", "company": "Acme"})
    assert (
        rendered == "Dear [their name?], about [a topic you discussed?] at Acme — [unknown thing?]"
    )
    assert "None" not in rendered
    assert set(gaps(rendered)) == {"[their name?]", "[a topic you discussed?]"}


def test_values_are_inserted_verbatim_and_never_interpreted() -> None:
    hostile = "{{company}} {0} {role.__class__} %s ${HOME} `rm -rf` <b>"
    assert render("Hi {{their_name}}", {"their_name": hostile}) == f"Hi {hostile}"
    assert render("{role.__class__} {0}", FULL) == "{role.__class__} {0}"


def test_no_subject_line_means_the_whole_text_is_the_body() -> None:
    note = parse_template("Dear {{their_name}},\nThanks.")
    assert note.subject == "" and note.body.startswith("Dear")


@given(st.text(), st.text(), st.text())
def test_any_text_survives_a_mailto_round_trip(to: str, subject: str, body: str) -> None:
    link = mailto("dana@acme.example", subject, body)
    assert link.isascii() and " " not in link and "\n" not in link and "#" not in link
    parts = urlsplit(link)
    query = parse_qs(parts.query, keep_blank_values=True, strict_parsing=False)
    assert query.get("subject", [""]) == [subject] or subject.strip() == "" or "\r" in subject
    expected_body = body.replace("\r\n", "\n").replace("\r", "\n").replace("\n", "\r\n")
    assert unquote(link.split("&body=", 1)[1]) == expected_body
    assert unquote(link.split("?subject=", 1)[1].split("&body=", 1)[0]) == subject


def test_mailto_encodes_what_would_break_the_link() -> None:
    link = mailto("dana@acme.example", "Q&A?", "a=b&c #1\nline two\u202eé😀")
    assert link.startswith("mailto:dana@acme.example?subject=Q%26A%3F&body=")
    assert "%0D%0A" in link and "%23" in link and "%26" in link


def test_the_right_template_for_each_reminder() -> None:
    assert template_for("thank_you", False) == "thank_you"
    assert template_for("follow_up", True) == "follow_up"
    assert template_for("follow_up", False) == "late_thank_you_follow_up"
    assert template_for("recruiter_call", False) is None  # a private checklist, not a note
    assert template_for("debrief", False) is None


def test_through_an_agency_every_note_goes_to_the_recruiter() -> None:
    assert template_for("thanks_via_recruiter", False, via_agency=True) == "thanks_via_recruiter"
    assert template_for("follow_up", True, via_agency=True) == "follow_up_via_recruiter"
    assert template_for("second_follow_up", False, via_agency=True) == "follow_up_via_recruiter"
    assert template_for("recruiter_call", False, via_agency=True) is None  # a checklist
    assert note_for(None, "interviewing", False, False, via_agency=True) == "thanks_via_recruiter"
    assert note_for("thank_you", "interviewing", False, True, via_agency=True) == (
        "thanks_via_recruiter"
    )
    assert note_for(None, "not_this_time", True, False, via_agency=True) == "rejection_reply"
    assert template_for("rejection_reply", False, via_agency=True) == "rejection_reply"
    assert people_list(["Dana Li", "Lee Park", "Ana Ruiz"]) == "Dana Li, Lee Park and Ana Ruiz"


def test_very_long_values_render_whole() -> None:
    topic = "détail 😀 " * 20_000
    rendered = render("About {{topic}}.", {"topic": topic})
    assert rendered == f"About {topic}."
    link = mailto("a@b.example", "s", rendered)
    assert unquote(link.split("&body=", 1)[1]) == rendered
