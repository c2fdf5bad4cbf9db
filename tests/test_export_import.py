"""Export and import on real SQLite files: the JSON round trip, duplicates, all-or-nothing."""

from __future__ import annotations

import json
import sqlite3
from datetime import datetime

import pytest

from db.connection import close_database
from db.models import Contact, Interview, Opportunity, Reminder, Setting, StatusChange
from db.store import open_store
from desktop.domain.bundle import BundleError, check_bundle
from desktop.domain.import_source import bundle_from_json, read_import_text
from desktop.domain.progress import Cancelled
from desktop.services import notes
from desktop.services.export_bundle import build_bundle, bundle_json
from desktop.services.import_bundle import Duplicates, apply_bundle, preview
from desktop.services.notes import save_address_as
from tests.histories import rich_history


def _without_stamp(bundle: dict) -> dict:
    return {k: v for k, v in bundle.items() if k != "exported_at"}


def test_json_round_trip_into_an_empty_folder_gives_back_the_same_data(
    store, clock, tmp_path
) -> None:
    rich_history(clock)
    save_address_as(Contact.select().first().id, "Dr Raman")  # how a person is addressed
    first = build_bundle(clock.now())
    text = bundle_json(first)
    assert [c["address_as"] for c in first["contacts"]].count("Dr Raman") == 1
    assert len(first["opportunities"]) == 3 and first["contacts"]
    assert any(r["state"] == "done" for o in first["opportunities"] for r in o["reminders"])
    close_database()

    open_store(tmp_path / "elsewhere")
    summary = apply_bundle(bundle_from_json(text), Duplicates.SKIP, clock)
    assert len(summary.added) == 3 and not summary.duplicates
    again = json.loads(bundle_json(build_bundle(clock.now())))
    assert _without_stamp(again) == _without_stamp(json.loads(text))
    close_database()


def test_reimporting_detects_duplicates_and_skips_them(store, clock) -> None:
    rich_history(clock)
    bundle = check_bundle(json.loads(bundle_json(build_bundle(clock.now()))))
    counts = (Opportunity.select().count(), Interview.select().count(), Reminder.select().count())
    shown = preview(bundle, Duplicates.SKIP)
    assert not shown.added and len(shown.duplicates) == 3
    assert "3 already there (skipped)" in shown.sentence()
    apply_bundle(bundle, Duplicates.SKIP, clock)
    assert (
        Opportunity.select().count(),
        Interview.select().count(),
        Reminder.select().count(),
    ) == counts


def test_merge_adds_what_is_missing_without_overwriting(store, clock) -> None:
    ids = rich_history(clock)
    bundle = check_bundle(json.loads(bundle_json(build_bundle(clock.now()))))
    acme = Interview.get_by_id(ids["acme_interview"]).opportunity
    acme.notes = "My own words"
    acme.save()
    Interview.delete().where(Interview.id == ids["acme_interview"]).execute()
    changes_before = StatusChange.select().count()

    apply_bundle(bundle, Duplicates.MERGE, clock)
    acme = Opportunity.get_by_id(acme.id)
    assert acme.notes == "My own words"
    assert [i.round_label for i in acme.interviews] == ["Phone screen, first"]
    assert acme.interviews[0].debriefs[0].lessons == "Shorter answers"
    assert StatusChange.select().count() == changes_before
    assert Opportunity.select().count() == 3


def test_a_file_with_one_bad_value_imports_nothing_and_says_where(store, clock) -> None:
    rich_history(clock)
    data = json.loads(bundle_json(build_bundle(clock.now())))
    data["opportunities"][1]["interviews"][0]["starts_at"] = "next Tuesday"
    data["opportunities"][2]["status"] = "maybe"
    with pytest.raises(BundleError) as raised:
        check_bundle(data)
    problems = raised.value.problems
    assert "file.opportunities[1].interviews[0].starts_at: expected a date and time" in problems[0]
    assert "file.opportunities[2].status: 'maybe' is not one of" in problems[1]


def test_a_write_that_fails_midway_leaves_the_database_as_it_was(store, clock) -> None:
    rich_history(clock)
    bundle = check_bundle(json.loads(bundle_json(build_bundle(clock.now()))))
    before = bundle_json(build_bundle(clock.now()))
    for opp in bundle["opportunities"]:
        opp["role_title"] += " (copy)"
    # A reference the checker cannot see (a person removed after checking) fails the write.
    bundle["contacts"].pop()
    with pytest.raises(KeyError):
        apply_bundle(bundle, Duplicates.SKIP, clock)
    assert bundle_json(build_bundle(clock.now())) == before


def _copies(bundle: dict, count: int, **changed_in_the_middle) -> dict:
    """The bundle with `count` copies of its opportunities under new role titles; the copy
    in the middle has `changed_in_the_middle`."""
    opportunities = [
        dict(opp, role_title=f"{opp['role_title']} {n}") for n in range(count // 3 + 1)
        for opp in bundle["opportunities"]
    ][:count]  # fmt: skip
    opportunities[count // 2].update(changed_in_the_middle)
    return dict(bundle, opportunities=opportunities)


def test_a_bad_row_in_the_middle_of_a_later_batch_changes_nothing(store, clock) -> None:
    # The rows are written every 500 opportunities: the first batch is in the database when
    # the row with no status (which the table refuses) fails the second.
    rich_history(clock)
    before = bundle_json(build_bundle(clock.now()))
    bundle = _copies(build_bundle(clock.now()), 1200, status=None)
    with pytest.raises(sqlite3.IntegrityError):
        apply_bundle(bundle, Duplicates.SKIP, clock)
    assert bundle_json(build_bundle(clock.now())) == before


def test_an_import_stopped_after_rows_were_written_changes_nothing(store, clock) -> None:
    rich_history(clock)
    before = bundle_json(build_bundle(clock.now()))
    bundle = _copies(build_bundle(clock.now()), 1200)
    seen: list[int] = []

    def progress(done: int, total: int) -> bool:
        seen.append(done)
        return done < 800  # after the first 500 were written

    with pytest.raises(Cancelled):
        apply_bundle(bundle, Duplicates.SKIP, clock, progress=progress)
    assert seen[-1] == 800
    assert bundle_json(build_bundle(clock.now())) == before


def test_a_batched_import_writes_every_row_once(store, clock, tmp_path) -> None:
    rich_history(clock)
    bundle = _copies(build_bundle(clock.now()), 1200)
    close_database()
    open_store(tmp_path / "elsewhere")
    summary = apply_bundle(bundle, Duplicates.SKIP, clock)
    assert len(summary.added) == Opportunity.select().count() == 1200
    per_copy = sum(len(o["interviews"]) for o in bundle["opportunities"])
    assert Interview.select().count() == per_copy
    written = {r.key for r in Reminder.select()}
    assert len(written) == Reminder.select().count()
    # Each copy's reminders point at its own opportunity and interviews.
    of_interviews = list(Reminder.select().where(Reminder.interview.is_null(False)))
    assert len(of_interviews) >= 400
    for reminder in of_interviews:
        assert reminder.interview.opportunity_id == reminder.opportunity_id
    close_database()


@pytest.mark.parametrize(
    ("content", "message"),
    [
        (b"", "is empty"),
        (b"\x89PNG\r\n\x1a\n\x00\x00\x00", "not a text file"),
        (b'{"format": "debrief-export", "version": 1, "opportunities": [', "not valid JSON"),
        (b'{"hello": 1}', "not a Debrief export"),
        (b'{"format": "debrief-export", "version": 99}', "newer Debrief"),
        # Spaced out, so the parser itself meets the depth (packed, see test_import_limits).
        ((b"[" + b" " * 10) * 100_000 + b"]" * 100_000, "nested too deeply"),
    ],
)
def test_unusable_files_get_a_clear_message(tmp_path, content: bytes, message: str) -> None:
    path = tmp_path / "in.json"
    path.write_bytes(content)
    with pytest.raises(ValueError, match=message):
        bundle_from_json(read_import_text(path))


def test_a_huge_file_is_refused_before_it_is_read(tmp_path, monkeypatch) -> None:
    import desktop.domain.import_source as source

    path = tmp_path / "big.csv"
    path.write_bytes(b"a" * 2048)
    monkeypatch.setattr(source, "MAX_IMPORT_BYTES", 1024)
    with pytest.raises(ValueError, match="imports files up to"):
        source.read_import_text(path)


def test_a_file_is_decoded_whole_across_the_pieces_it_is_decoded_in(tmp_path) -> None:
    import codecs

    from desktop.domain.import_source import DECODE_PIECE

    text = "Zoë, Søren — 日本 😀\n" * (3 * DECODE_PIECE // 20)  # characters cut by pieces
    path = tmp_path / "in.csv"
    path.write_bytes(codecs.BOM_UTF8 + text.encode("utf-8"))
    assert read_import_text(path) == text
    # Not UTF-8 far into the file: a spreadsheet's Windows code page, as before.
    path.write_bytes(b"a" * DECODE_PIECE + "Zoë".encode("cp1252"))
    assert read_import_text(path) == "a" * DECODE_PIECE + "Zoë"


def test_dates_survive_as_dates(store, clock) -> None:
    rich_history(clock)
    # What the database gives is what a checked file gives: one shape for every exporter.
    built = build_bundle(clock.now())
    assert check_bundle(json.loads(bundle_json(built))) == built
    assert isinstance(built["opportunities"][0]["status_history"][0]["changed_at"], datetime)


def test_an_old_export_with_a_raw_template_row_and_a_machine_flag_still_imports(
    store, clock
) -> None:
    """Exports made before the settings registry held the template's text as it was typed,
    and the machine's own "start at login was asked" flag, which must not travel."""
    template = 'Hi {{their_name}},\n"thanks" — ça va 🙂\n'
    old = {
        "format": "debrief-export",
        "version": 1,
        "settings": {
            "template:follow_up": template,
            "flag:autostart_asked": True,
            "profile": {"your_name": "Zoë Ångström", "strengths": "SQL"},
        },
    }
    apply_bundle(bundle_from_json(json.dumps(old)), Duplicates.SKIP, clock)
    assert notes.template_text("follow_up") == template
    assert notes.load_profile().your_name == "Zoë Ångström"
    assert not Setting.select().where(Setting.key.contains("autostart")).exists()


def test_who_a_recruiter_works_for_and_the_feedback_travel_with_the_data(
    store, clock, tmp_path
) -> None:
    from db.models import Contact, Debrief
    from desktop.domain.forms import validate_interview
    from desktop.services.debriefs import DebriefData, save_debrief
    from desktop.services.interviews import log_interview

    raw = {
        "company": "Acme",
        "role": "Analyst",
        "starts_at": "2026-11-25 14:00",
        "recruiter": "Sam <sam@agency.example>",
        "recruiter_kind": "agency",
    }
    interview = log_interview(validate_interview(raw, clock.tz), clock)
    save_debrief(interview, DebriefData(feedback="They liked the case study"), clock)
    text = bundle_json(build_bundle(clock.now()))
    close_database()

    open_store(tmp_path / "elsewhere")
    apply_bundle(bundle_from_json(text), Duplicates.SKIP, clock)
    assert Contact.get(Contact.email == "sam@agency.example").recruiter_kind == "agency"
    assert Debrief.get().feedback == "They liked the case study"
    assert Reminder.select().where(Reminder.kind == "thanks_via_recruiter").exists()
    close_database()


def test_the_notes_you_sent_travel_with_the_data_and_are_not_doubled_by_a_merge(
    store, clock, tmp_path
) -> None:
    from db.models import SentNote

    ids = rich_history(clock)
    acme = Interview.get_by_id(ids["acme_interview"]).opportunity_id
    context = notes.context_for(acme, clock)
    person = next(r for r in context.recipients if r.contact_id is not None)
    notes.record_sent(
        context, person.contact_id, "thank_you", "Thank you", "Dear Zoë,\n…", "email", clock
    )
    text = bundle_json(build_bundle(clock.now()))
    sent = next(o for o in json.loads(text)["opportunities"] if o["sent_notes"])["sent_notes"]
    assert [(n["recipient"], n["template"], n["how"]) for n in sent] == [
        (person.label, "thank_you", "email")
    ]
    apply_bundle(bundle_from_json(text), Duplicates.MERGE, clock)  # into the same data
    assert SentNote.select().count() == 1
    close_database()

    open_store(tmp_path / "elsewhere")
    apply_bundle(bundle_from_json(text), Duplicates.SKIP, clock)
    row = SentNote.get()
    assert (row.recipient, row.body, row.contact.name) == (
        person.label,
        "Dear Zoë,\n…",
        Contact.get_by_id(row.contact_id).name,
    )
    assert row.sent_at == clock.now()
    close_database()


def test_a_sent_note_naming_a_person_who_is_not_in_the_file_is_refused(store, clock) -> None:
    rich_history(clock)
    data = json.loads(bundle_json(build_bundle(clock.now())))
    data["opportunities"][0]["sent_notes"] = [
        {"recipient": "X <x@example>", "contact": 999, "template": "thank_you",
         "sent_at": "2026-11-22T09:00:00+00:00"}
    ]  # fmt: skip
    with pytest.raises(BundleError, match=r"sent_notes\[0\]: no person with ref 999"):
        check_bundle(data)
