"""The People tab (issue #21): everyone across companies with their interviews, notes and
last conversation; editing them; vCards in and out; the command line."""

from __future__ import annotations

import sqlite3
from datetime import UTC, datetime, timedelta

import pytest
from PySide6.QtCore import Qt

from db.models import Contact, Reminder
from db.vocabulary import ContactRole
from desktop.domain.person_form import PersonDraft
from desktop.domain.vcard import Card, read_cards, write_card
from desktop.playbook.rules import Kind
from desktop.services import directory, notes, person_edit, queries, reminders
from desktop.services.interviews import log_interview
from tests.conftest import interview_draft, open_window, run_cli
from tests.test_vcard import ZOE

# ----- the read model ------------------------------------------------------------------


def _history(clock):
    """Two companies: Acme (an interview with Dana yesterday, recruited by Sam, a note
    sent to Dana this morning) and Globex (an interview with Priya still to come)."""
    acme = log_interview(
        interview_draft(
            clock,
            starts_at="2026-11-21 10:00",
            recruiter="Sam Ortiz <sam@agency.example>",
            recruiter_kind="agency",
        ),
        clock,
    )
    log_interview(
        interview_draft(
            clock,
            company="Globex",
            role="Analyst",
            starts_at="2026-11-30 10:00",
            interviewers="Priya Raman <priya@globex.example>",
        ),
        clock,
    )
    opportunity = queries.opportunity_id_of_interview(acme)
    dana = Contact.get(Contact.email == "dana@acme.example").id
    clock.set(datetime(2026, 11, 22, 10, 0, tzinfo=UTC))
    context = notes.context_for(opportunity, clock, recipient_id=dana)
    notes.record_sent(context, dana, "thank_you", "Thank you", "Dear Dana,…", "email", clock)
    return opportunity


def test_everyone_across_companies_with_interviews_notes_and_last_spoke(store, clock) -> None:
    _history(clock)
    rows = {r.name: r for r in directory.people(clock.now())}
    assert set(rows) == {"Dana Li", "Priya Raman", "Sam Ortiz"}
    dana, priya, sam = rows["Dana Li"], rows["Priya Raman"], rows["Sam Ortiz"]
    assert (dana.company, dana.role, dana.interviews, dana.notes_sent) == (
        "Acme",
        ContactRole.INTERVIEWER,
        1,
        1,
    )
    # The note (this morning) came after the interview (yesterday).
    assert dana.last_spoke == datetime(2026, 11, 22, 10, 0, tzinfo=UTC)
    # An interview still to come is no conversation yet.
    assert (priya.company, priya.interviews, priya.last_spoke) == ("Globex", 1, None)
    assert (sam.role, sam.last_spoke) == (ContactRole.RECRUITER, None)

    call = Reminder.get((Reminder.kind == Kind.RECRUITER_CALL.value) & (Reminder.contact == sam.id))
    clock.set(datetime(2026, 11, 22, 11, 0, tzinfo=UTC))
    reminders.mark_done(call.id, clock)
    sam_now = directory.people(clock.now(), only=sam.id)[0]
    assert sam_now.last_spoke == datetime(2026, 11, 22, 11, 0, tzinfo=UTC)
    detail = directory.person_detail(dana.id, clock.now())
    assert [(i.company, i.role) for i in detail.interviews] == [("Acme", "Data Analyst")]
    assert [(n.template, n.subject) for n in detail.sent] == [("thank_you", "Thank you")]


def test_an_edit_says_which_opportunities_show_the_person(store, clock) -> None:
    opportunity = _history(clock)
    dana = Contact.get(Contact.email == "dana@acme.example").id
    values = person_edit.form_values(dana)
    from desktop.domain.person_form import validate_person

    changes = person_edit.update_person(
        dana, validate_person({**values, "name": "Dana Li-Park", "role": "referrer"}), clock
    )
    assert changes.opportunities == frozenset({opportunity}) and changes.reminders
    assert Contact.get_by_id(dana).role == "referrer"


def test_two_people_cannot_share_an_email(store, clock) -> None:
    from desktop.domain.forms import FormError
    from desktop.domain.person_form import validate_person

    _history(clock)
    priya = Contact.get(Contact.email == "priya@globex.example").id
    values = person_edit.form_values(priya)
    with pytest.raises(FormError, match="Dana Li already has this email"):
        person_edit.update_person(
            priya, validate_person({**values, "email": "DANA@acme.example"}), clock
        )
    assert Contact.get_by_id(priya).email == "priya@globex.example"


# ----- the window ---------------------------------------------------------------------


@pytest.fixture
def window(qtbot, store, clock, tmp_path):
    return open_window(qtbot, clock, tmp_path)


def _people_tab(window):
    window.tabs.setCurrentWidget(window.people)
    return window.people


def _row_of(view, name: str) -> int:
    rows = [view.model.rows[i].name for i in range(view.model.rowCount())]
    return rows.index(name)


def test_the_people_tab_lists_everyone_and_filters(qtbot, qtmodeltester, window, clock) -> None:
    opportunity = _history(clock)
    window.refresh()
    view = _people_tab(window)
    qtmodeltester.check(view.model)
    assert view.stack.currentWidget() is view.table
    shown = {
        tuple(view.filter.index(r, c).data() for c in (0, 1, 2, 4, 5, 6))
        for r in range(view.filter.rowCount())
    }
    assert shown == {
        ("Dana Li", "Acme", "Interviewer", "1", "1", "22 Nov 2026"),
        ("Priya Raman", "Globex", "Interviewer", "1", "0", "not yet"),
        ("Sam Ortiz", "Acme", "Recruiter", "0", "0", "not yet"),
    }
    qtbot.keyClicks(view.search, "globex")
    assert view.filter.rowCount() == 1
    assert view.filter.index(0, 0).data() == "Priya Raman"
    view.search.setText("recruiter")
    assert [view.filter.index(0, 0).data()] == ["Sam Ortiz"]
    view.search.setText("nobody-like-this")
    assert view.stack.currentWidget() is view.no_match
    view.search.clear()
    assert view.select_person(Contact.get(Contact.name == "Dana Li").id)
    text = view.detail.text()
    assert "Interviews they were in" in text and "Acme, Data Analyst" in text
    assert "to come" not in text
    assert "Thank-you note: Acme, Data Analyst" in text
    assert view.select_person(Contact.get(Contact.name == "Priya Raman").id)
    assert "Globex, Analyst, to come" in view.detail.text()
    # A link in the detail opens the opportunity in the Opportunities tab.
    view.detail.linkActivated.emit(f"opportunity:{opportunity}")
    assert window.tabs.currentWidget() is window.splitter
    assert window.selected_id() == opportunity


def test_people_are_found_and_sorted_without_minding_accents(qtbot, window, clock) -> None:
    drafts = [
        PersonDraft(name=name, email=f"{n}@example.org")
        for n, name in enumerate(["Zoë Adler", "Emma Stone", "Émile Zola", "Adam Ek"])
    ]
    person_edit.import_people(person_edit.plan_import(drafts), False, clock)
    names = [row.name for row in directory.people(clock.now())]
    assert names == ["Adam Ek", "Émile Zola", "Emma Stone", "Zoë Adler"]
    assert [i for i, _, _ in directory.find_people("zoe")] == [
        Contact.get(Contact.name == "Zoë Adler").id
    ]
    window.refresh()
    view = _people_tab(window)
    view.table.sortByColumn(0, Qt.SortOrder.AscendingOrder)
    shown = [view.filter.index(r, 0).data() for r in range(view.filter.rowCount())]
    assert shown == names
    qtbot.keyClicks(view.search, "ZOE")
    assert [view.filter.index(r, 0).data() for r in range(view.filter.rowCount())] == ["Zoë Adler"]
    view.search.setText("emile")
    assert [view.filter.index(r, 0).data() for r in range(view.filter.rowCount())] == ["Émile Zola"]


def test_editing_a_person_shows_in_the_opportunities_detail(qtbot, window, clock) -> None:
    opportunity = _history(clock)
    window.refresh()
    window.tabs.setCurrentWidget(window.splitter)
    assert window.select_opportunity(opportunity)
    assert "Dana Li" in window.detail.body.toPlainText()
    assert "Dana Li-Park" not in window.detail.body.toPlainText()
    view = _people_tab(window)
    dana = Contact.get(Contact.email == "dana@acme.example").id
    assert view.select_person(dana)
    dialog = view.edit_selected()
    assert dialog is not None and dialog.fields["name"].text() == "Dana Li"
    dialog.fields["name"].setText("Dana Li-Park")
    dialog.fields["phone"].setText("+1 555 0100")
    with qtbot.waitSignal(window.data_changed):
        dialog.accept()
    assert Contact.get_by_id(dana).name == "Dana Li-Park"
    # The People tab re-read, and kept the person selected.
    assert view.selected_id() == dana
    assert view.filter.index(view.table.currentIndex().row(), 0).data() == "Dana Li-Park"
    window.tabs.setCurrentWidget(window.splitter)
    shown = window.detail.detail
    assert shown is not None and shown.id == opportunity
    assert "Dana Li-Park" in [p.name for p in shown.people]
    assert "Dana Li-Park" in window.detail.body.toPlainText()


def test_a_refused_edit_saves_nothing(qtbot, window, clock) -> None:
    _history(clock)
    window.refresh()
    view = _people_tab(window)
    priya = Contact.get(Contact.email == "priya@globex.example").id
    view.select_person(priya)
    dialog = view.edit_selected()
    dialog.fields["email"].setText("dana@acme.example")
    dialog.fields["phone"].setText("call me maybe")
    dialog.accept()
    assert dialog.isVisible()
    assert "already has this email" in dialog.error_labels["email"].text()
    assert dialog.error_labels["phone"].text()
    assert Contact.get_by_id(priya).email == "priya@globex.example"
    dialog.reject()


def test_import_a_card_then_update_from_it_and_export(qtbot, window, clock, tmp_path) -> None:
    _history(clock)
    window.refresh()
    view = _people_tab(window)
    questions: list[str] = []
    view.ask = lambda _title, question: questions.append(question) or True
    told: list[str] = []
    view.tell = lambda _title, text: told.append(text)
    card = tmp_path / "cards.vcf"
    card.write_bytes(
        write_card(ZOE).encode()
        + write_card(Card("Dana Li", "dana@acme.example", "+1 555")).encode()
    )
    with qtbot.waitSignal(view.changed):
        view.import_file(card)
    assert told == []
    assert questions == ["Dana Li is already here (the same email). Update them from the file?"]
    assert Contact.get(Contact.email == "dana@acme.example").phone == "+1 555"
    zoe = Contact.get(Contact.email == ZOE.email)
    assert (zoe.role, zoe.job_title, zoe.company.name) == (
        "referrer",
        ZOE.job_title,
        ZOE.company,
    )
    assert view.selected_id() == zoe.id
    assert "1 added, 1 updated, 0 left" in view.message.text()
    out = tmp_path / "out.vcf"
    assert view.export_to(out)
    assert read_cards(out.read_bytes()) == [ZOE]


def test_someone_from_another_program_is_not_called_other_at_their_company(
    qtbot, window, tmp_path
) -> None:
    view = _people_tab(window)
    card = tmp_path / "chidi.vcf"
    card.write_bytes(
        write_card(Card("Chidi Okafor", "chidi@globex.example", "", "Globex")).encode()
    )
    with qtbot.waitSignal(view.changed):
        view.import_file(card)
    shown = view.detail.text()
    assert "Globex" in shown and "Other at" not in shown, shown


def test_a_malformed_card_file_says_one_sentence_and_changes_nothing(
    qtbot, window, clock, tmp_path
) -> None:
    _history(clock)
    window.refresh()
    view = _people_tab(window)
    told: list[str] = []
    view.tell = lambda _title, text: told.append(text)
    before = [(c.id, c.name, c.email, c.phone) for c in Contact.select().order_by(Contact.id)]
    bad = tmp_path / "broken.vcf"
    bad.write_text("BEGIN:VCARD\nFN:Someone New\nEMAIL:new@example.com\n")  # cut short
    with qtbot.assertNotEmitted(view.changed):
        view.import_file(bad)
    assert told == [
        "broken.vcf was not imported: its last card has no END:VCARD (is the file cut "
        "short?); nothing was changed."
    ]
    after = [(c.id, c.name, c.email, c.phone) for c in Contact.select().order_by(Contact.id)]
    assert after == before


# ----- undo -------------------------------------------------------------------------


def _dump(store) -> dict[str, list[tuple]]:
    """Every row of every table, read with sqlite3 itself: what is really in the file."""
    with sqlite3.connect(store.database) as raw:
        tables = [r[0] for r in raw.execute("SELECT name FROM sqlite_master WHERE type='table'")]
        return {t: sorted(raw.execute(f'SELECT * FROM "{t}"').fetchall(), key=repr) for t in tables}


def test_undoing_an_edit_or_an_import_puts_every_row_back(store, clock, tmp_path) -> None:
    from desktop.domain.person_form import drafts_from_file, validate_person
    from desktop.services.people_undo import restore_people, snapshot_people

    _history(clock)
    dana = Contact.get(Contact.email == "dana@acme.example").id
    before = _dump(store)
    # An edit that names a company nobody had yet: it is made on the way.
    taken = snapshot_people([dana])
    values = person_edit.form_values(dana)
    edited = {**values, "name": "Dana Li-Park", "company": "Initech", "phone": "+1 555"}
    changed = person_edit.update_person(dana, validate_person(edited), clock)
    assert _dump(store) != before
    assert restore_people(taken) == changed  # the same rows and titles redrawn
    assert _dump(store) == before

    # An import that adds Zoë (and her new company) and updates Dana.
    cards = tmp_path / "cards.vcf"
    cards.write_bytes(
        write_card(ZOE).encode() + write_card(Card("Dana Li", "dana@acme.example", "+1")).encode()
    )
    plan = person_edit.plan_import(drafts_from_file(cards))
    taken = snapshot_people([a.existing_id for a in plan.known])
    outcome = person_edit.import_people(plan, True, clock)
    assert outcome.added and outcome.updated == (dana,)
    restore_people(taken, outcome.added)
    assert _dump(store) == before


def test_undoing_an_import_keeps_a_new_person_something_took_up_since(store, clock, tmp_path):
    from desktop.domain.person_form import drafts_from_file
    from desktop.services.people_undo import restore_people, snapshot_people

    cards = tmp_path / "zoe.vcf"
    cards.write_bytes(write_card(ZOE).encode())
    plan = person_edit.plan_import(drafts_from_file(cards))
    taken = snapshot_people([])
    (zoe,) = person_edit.import_people(plan, False, clock).added
    # Then an interview with her is logged (not an undoable step): undo keeps her.
    log_interview(interview_draft(clock, interviewers=f"Zoe <{ZOE.email}>"), clock)
    restore_people(taken, [zoe])
    assert Contact.get_by_id(zoe).email == ZOE.email
    assert Contact.get_by_id(zoe).company.name == ZOE.company


def test_ctrl_z_after_an_edit_brings_the_old_values_back_everywhere(qtbot, window, clock) -> None:
    opportunity = _history(clock)
    window.refresh()
    view = _people_tab(window)
    dana = Contact.get(Contact.email == "dana@acme.example").id
    assert view.select_person(dana)
    steps = window.undo_stack.count()
    dialog = view.edit_selected()
    dialog.fields["name"].setText("Dana Li-Park")
    dialog.fields["phone"].setText("+1 555 0100")
    dialog.fields["company"].setText("Initech")
    with qtbot.waitSignal(window.data_changed):
        dialog.accept()
    assert window.undo_stack.count() == steps + 1
    assert window.banner.isVisible() and "Saved Dana Li-Park." in window.banner.label.text()
    assert Contact.get_by_id(dana).name == "Dana Li-Park"

    with qtbot.waitSignal(window.data_changed):
        qtbot.keyClick(window, Qt.Key.Key_Z, Qt.KeyboardModifier.ControlModifier)
    back = Contact.get_by_id(dana)
    assert (back.name, back.phone, back.company.name) == ("Dana Li", "", "Acme")
    assert "Initech" not in queries.company_names()  # made by the edit, gone with it
    assert "Undone: edit of Dana Li." in window.banner.label.text()
    # The People tab re-read (Dana still selected), and so did the opportunity's detail.
    assert view.selected_id() == dana
    assert view.filter.index(view.table.currentIndex().row(), 0).data() == "Dana Li"
    assert "Dana Li-Park" not in view.detail.text() and not view.message.isVisible()
    window.tabs.setCurrentWidget(window.splitter)
    assert window.select_opportunity(opportunity)
    assert "Dana Li" in [p.name for p in window.detail.detail.people]
    assert "Dana Li-Park" not in window.detail.body.toPlainText()
    # And Redo does the edit again.
    window.redo_action.trigger()
    assert Contact.get_by_id(dana).name == "Dana Li-Park"


def test_one_undo_takes_back_a_whole_vcard_import(qtbot, window, clock, tmp_path) -> None:
    _history(clock)
    window.refresh()
    view = _people_tab(window)
    view.ask = lambda _title, _question: True
    dana = Contact.get(Contact.email == "dana@acme.example").id
    card = tmp_path / "cards.vcf"
    card.write_bytes(
        write_card(ZOE).encode()
        + write_card(Card("Dana Li", "dana@acme.example", "+1 555")).encode()
    )
    steps = window.undo_stack.count()
    view.import_file(card)
    assert window.undo_stack.count() == steps + 1
    assert Contact.select().where(Contact.email == ZOE.email).exists()
    assert Contact.get_by_id(dana).phone == "+1 555"
    window.undo_action.trigger()
    assert not Contact.select().where(Contact.email == ZOE.email).exists()
    assert ZOE.company not in queries.company_names()
    assert Contact.get_by_id(dana).phone == ""
    assert [view.model.rows[i].name for i in range(view.model.rowCount())] == [
        "Dana Li",
        "Priya Raman",
        "Sam Ortiz",
    ]
    assert "Undone: import from cards.vcf." in window.banner.label.text()
    # A file that changes nobody is no step at all.
    view.ask = lambda _title, _question: False
    only_dana = tmp_path / "dana.vcf"
    only_dana.write_bytes(write_card(Card("Dana Li", "dana@acme.example", "+1 9")).encode())
    view.import_file(only_dana)
    assert window.undo_stack.index() == steps  # nothing pushed after the undone import
    assert "0 added, 0 updated, 1 left" in view.message.text()


# ----- the command line ---------------------------------------------------------------


def test_the_command_line_lists_imports_and_exports_people(data_dir, tmp_path) -> None:
    assert run_cli(data_dir, "people").stdout.startswith("Nobody yet.")
    at = (datetime.now() - timedelta(days=3)).strftime("%Y-%m-%d %H:%M")
    logged = run_cli(
        data_dir,
        "log-interview",
        "--company",
        "Acme",
        "--role",
        "Analyst",
        "--at",
        at,
        "--interviewer",
        "Dana Li <dana@acme.example>",
    )
    assert logged.returncode == 0, logged.stderr
    cards = tmp_path / "in.vcf"
    cards.write_bytes(
        write_card(ZOE).encode() + write_card(Card("Dana Li", "dana@acme.example", "+1")).encode()
    )
    first = run_cli(data_dir, "person-import", str(cards))
    assert first.returncode == 0, first.stderr
    assert first.stdout.strip() == (
        "Added 1 person; left 1 already here as it was (same email; add --update to update them)."
    )
    again = run_cli(data_dir, "person-import", str(cards), "--update")
    assert again.stdout.strip() == "Added 0 people; updated 2 already here."
    listed = run_cli(data_dir, "people", "acme")
    assert "Dana Li" in listed.stdout and "Zoë" not in listed.stdout
    assert at[:10] in listed.stdout  # last spoke: the interview three days ago
    out = tmp_path / "zoe.vcf"
    exported = run_cli(data_dir, "person-export", "zoë", "--to", str(out))
    assert exported.returncode == 0, exported.stderr
    assert read_cards(out.read_bytes()) == [ZOE]
    # Typed without the accent, or in capitals, the name still finds her.
    plain = tmp_path / "plain.vcf"
    exported = run_cli(data_dir, "person-export", "ZOE", "--to", str(plain))
    assert exported.returncode == 0, exported.stderr
    assert read_cards(plain.read_bytes()) == [ZOE]
    assert "Zoë" in run_cli(data_dir, "people", "zoe").stdout


@pytest.mark.parametrize(
    ("args", "message"),
    [
        (("person-import", "{tmp}/missing.vcf"), "missing.vcf was not imported: it cannot be"),
        (("person-import", "{tmp}/bad.vcf"), "bad.vcf was not imported: line 1 is not a vCard"),
        (("person-export", "Nobody", "--to", "{tmp}/x.vcf"), "nobody is called 'Nobody'"),
        (("person-export", "a", "--to", "{tmp}/x.vcf"), "2 people match 'a'"),
        (("person-export", "Dana", "--to", "{tmp}/no/x.vcf"), "the folder of"),
        (("person-export", "Dana", "--to", "{tmp}"), "is a folder; give a file name"),
        (("person-export", "Dana"), "the following arguments are required: --to"),
    ],
)
def test_the_command_line_says_one_line_and_exits_2(
    data_dir, tmp_path, args: tuple[str, ...], message: str
) -> None:
    (tmp_path / "bad.vcf").write_text("Name;Email\nDana;dana@acme.example\n")
    run_cli(
        data_dir,
        "log-interview",
        "--company",
        "Acme",
        "--role",
        "Analyst",
        "--at",
        "2026-11-25 14:00",
        "--interviewer",
        "Dana Li <dana@acme.example>",
        "--recruiter",
        "Sam Ortiz <sam@agency.example>",
    )
    before = run_cli(data_dir, "people", "--json").stdout
    result = run_cli(data_dir, *(a.format(tmp=tmp_path) for a in args))
    assert result.returncode == 2
    assert result.stderr.count("\n") == 1 and message in result.stderr
    assert "Traceback" not in result.stderr
    assert run_cli(data_dir, "people", "--json").stdout == before


# ----- the schema ---------------------------------------------------------------------


def test_people_gain_a_job_title_and_notes_and_keep_their_data(data_dir) -> None:
    from db import migrations
    from db.connection import close_database, connect
    from db.store import database_path, open_store

    before = migrations.STEPS.index(migrations._add_people_details)
    database = connect(database_path(data_dir))
    migrations.migrate(database, target=before)
    database.execute_sql(
        "INSERT INTO contact (name, email, phone, role, created_at, address_as, recruiter_kind)"
        " VALUES ('Sam', 'sam@agency.example', '', 'recruiter', '2025-01-02 03:04:05', '',"
        " 'agency')"
    )
    close_database()
    database = open_store(data_dir)
    try:
        assert migrations.schema_version(database) == migrations.SCHEMA_VERSION
        sam = Contact.get()
        assert (sam.name, sam.recruiter_kind, sam.job_title, sam.notes) == (
            "Sam",
            "agency",
            "",
            "",
        )
    finally:
        close_database()


def test_a_persons_title_and_notes_travel_with_the_json_export(store, clock) -> None:
    import json

    from desktop.domain.import_source import bundle_from_json
    from desktop.services.export_bundle import build_bundle, bundle_json

    _history(clock)
    dana = Contact.get(Contact.email == "dana@acme.example")
    dana.job_title, dana.notes = "Lead Analyst", "Ask about the team's tools."
    dana.save()
    text = bundle_json(build_bundle(clock.now()))
    people = {p["name"]: p for p in json.loads(text)["contacts"]}
    assert (people["Dana Li"]["job_title"], people["Dana Li"]["notes"]) == (
        "Lead Analyst",
        "Ask about the team's tools.",
    )
    older = json.loads(text)
    for person in older["contacts"]:  # an export from before the People tab
        del person["job_title"], person["notes"]
    assert bundle_from_json(json.dumps(older))["contacts"][0]["job_title"] == ""
