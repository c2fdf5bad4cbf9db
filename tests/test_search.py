"""Search (issue #21): every text kept about an opportunity is found, and the list names
the field it was found in."""

from __future__ import annotations

from collections.abc import Collection, Iterable

import pytest
from PySide6.QtCore import Qt

from desktop.domain.forms import validate_interview, validate_opportunity
from desktop.services.debriefs import DebriefData, save_debrief
from desktop.services.interviews import log_interview
from desktop.services.opportunities import create_opportunity
from desktop.services.queries import list_opportunities
from desktop.services.search import found_in, matches, register_source, terms_of
from desktop.ui.opportunity_model import FOUND_IN, LAST_ACTIVITY
from tests.conftest import open_window


def _everything(clock) -> int:
    opportunity_id = create_opportunity(
        validate_opportunity(
            {
                "company": "Acme",
                "role": "Data Analyst",
                "source": "Glassdoorish board",
                "recruiter": "Rita Vermeer <rita@agency.example>",
                "notes": "Ask about the zebrafish dataset",
                "location": "Lisbon",
                "work_mode": "remote",
                "salary_min": "55000",
                "salary_max": "65000",
                "salary_currency": "CHF",
                "job_description": "You will build dashboards in Quixotic BI for the team.",
            }
        ),
        clock,
    )
    interview = log_interview(
        validate_interview(
            {
                "company": "Acme",
                "role": "Data Analyst",
                "starts_at": "2026-11-20 10:00",
                "interviewers": "Priya Okonkwo <priya@acme.example>",
                "notes": "Bring the marmalade portfolio",
            },
            clock.tz,
        ),
        clock,
        opportunity_id,
    )
    save_debrief(interview, DebriefData(account="They asked about the kumquat merger."), clock)
    return opportunity_id


def _with_a_document(clock, tmp_path) -> int:
    from desktop.domain.documents import DocumentKind
    from desktop.services.documents import attach

    opportunity_id = _everything(clock)
    sent = tmp_path / "Cover-letter-Wombat-edition.pdf"
    sent.write_bytes(b"%PDF-1.4 a letter")
    attach(tmp_path / "data", opportunity_id, sent, DocumentKind.OTHER, None, clock)
    return opportunity_id


@pytest.mark.parametrize(
    ("typed", "field", "snippet"),
    [
        ("acme", "company", "Acme"),
        ("glassdoorish", "source", "Glassdoorish board"),
        ("vermeer", "recruiter", "Vermeer rita@agency.example"),
        ("zebrafish", "notes", "…zebrafish dataset"),
        ("lisbon", "location", "Lisbon"),
        ("remote", "work_mode", "Remote"),
        ("chf", "salary", "55,000–65,000 CHF"),
        ("quixotic", "job_description", "…Quixotic BI for the team."),
        ("marmalade", "interview_notes", "…marmalade portfolio"),
        ("okonkwo", "people", "…Okonkwo priya@acme.example"),
        ("kumquat", "debrief", "…kumquat merger."),
        ("acme quixotic", "job_description", "Quixotic"),  # beyond company and role first
        ("rita@agency", "recruiter", "…rita@agency.example"),
    ],
)
def test_each_field_is_found_and_named(store, clock, typed, field, snippet) -> None:
    _everything(clock)
    [row] = list_opportunities(clock.now())
    terms = terms_of(typed)
    assert matches(row.haystack, terms)
    found = found_in(row.fields, terms)
    assert found is not None
    assert found.field == field
    assert snippet in found.snippet


def test_a_document_name_is_found_and_named(store, clock, tmp_path) -> None:
    _with_a_document(clock, tmp_path)
    [row] = list_opportunities(clock.now())
    found = found_in(row.fields, terms_of("wombat"))
    assert found is not None and found.field == "document"
    assert "Wombat-edition.pdf" in found.snippet


def test_words_from_two_fields_are_not_joined_into_one(store, clock) -> None:
    _everything(clock)
    [row] = list_opportunities(clock.now())
    assert not matches(row.haystack, ["acmedata"])
    assert not matches(row.haystack, terms_of("nowhere"))


def test_a_long_text_is_shortened_around_the_match() -> None:
    text = "Intro. " * 40 + "Needle here." + " Outro." * 40
    found = found_in((("job_description", text),), ["needle"])
    assert found is not None
    # The match comes first, so that a narrow column that cuts the end still shows it.
    assert found.snippet.startswith("…Needle here. Outro.") and found.snippet.endswith("…")
    assert len(found.snippet) < 90


def test_another_features_texts_plug_in_as_a_source(store, clock) -> None:
    opportunity_id = _everything(clock)

    def documents(only: Collection[int] | None) -> Iterable[tuple[int, str, str]]:
        yield opportunity_id, "documents", "cover-letter-acme-final.pdf"

    unregister = register_source(documents)
    try:
        [row] = list_opportunities(clock.now())
        found = found_in(row.fields, terms_of("cover-letter"))
        assert found is not None and found.field == "documents"
    finally:
        unregister()
    [row] = list_opportunities(clock.now())
    assert not matches(row.haystack, terms_of("cover-letter"))


def test_the_list_shows_where_it_was_found_only_while_searching(
    qtbot, store, clock, tmp_path
) -> None:
    _everything(clock)
    window = open_window(qtbot, clock, tmp_path)
    assert window.table.isColumnHidden(FOUND_IN)
    window.search.setText("quixotic")
    assert not window.table.isColumnHidden(FOUND_IN)
    assert window.table.isColumnHidden(LAST_ACTIVITY)  # it gives its room while searching
    assert window.filter.rowCount() == 1
    cell = window.filter.index(0, FOUND_IN)
    shown = cell.data(Qt.ItemDataRole.DisplayRole)
    assert shown == "Job description:\n…Quixotic BI for the team."
    assert cell.data(Qt.ItemDataRole.ToolTipRole) == shown
    window.search.setText("kumquat")
    assert window.filter.index(0, FOUND_IN).data().startswith("Debrief:\n")
    two_lines = window.table.rowHeight(0)
    window.search.clear()
    assert window.table.isColumnHidden(FOUND_IN)
    assert not window.table.isColumnHidden(LAST_ACTIVITY)
    assert window.table.rowHeight(0) < two_lines  # back to one line a row


def test_an_edit_while_searching_is_filtered_by_its_new_words(qtbot, store, clock, tmp_path):
    from desktop.services.changes import Changes
    from desktop.services.opportunities import update_opportunity
    from desktop.services.queries import opportunity_form_values

    opportunity_id = _everything(clock)
    other = create_opportunity(validate_opportunity({"company": "Birch", "role": "Tester"}), clock)
    window = open_window(qtbot, clock, tmp_path)
    window.search.setText("quixotic")
    assert window.filter.rowCount() == 1
    # The other one gains the word, the first loses it: each row is asked again.
    values = opportunity_form_values(other) | {"job_description": "Quixotic BI daily"}
    update_opportunity(other, validate_opportunity(values), clock)
    values = opportunity_form_values(opportunity_id) | {"job_description": ""}
    update_opportunity(opportunity_id, validate_opportunity(values), clock)
    window.apply(Changes(frozenset({opportunity_id, other})))
    qtbot.waitUntil(lambda: window.filter.rowCount() == 1)
    assert window.filter.index(0, 0).data() == "Birch"
    window.search.setText("quixotic bi")  # typing on after the edit still finds it
    assert window.filter.rowCount() == 1
    assert window.filter.index(0, FOUND_IN).data() == "Job description:\nQuixotic BI daily"


def test_rows_sorted_where_they_were_read_are_shown_in_that_order_and_filtered(
    qtbot, store, clock, tmp_path
) -> None:
    from desktop.ui.opportunity_model import COMPANY, SortedRows

    _everything(clock)
    create_opportunity(validate_opportunity({"company": "Birch", "role": "Tester"}), clock)
    window = open_window(qtbot, clock, tmp_path)
    window.model.sort(COMPANY, Qt.SortOrder.DescendingOrder)
    ready = window.model.sorted_rows(list_opportunities(clock.now()))
    assert isinstance(ready, SortedRows) and [r.company for r in ready] == ["Birch", "Acme"]
    window.search.setText("quixotic")
    window.refresh(rows=ready)
    # The filter answered for every row in one pass, inside the model's reset.
    assert window.filter._generation == window.model.generation
    assert window.filter.rowCount() == 1 and window.filter.index(0, 0).data() == "Acme"
    window.search.clear()
    assert [window.filter.index(n, 0).data() for n in range(2)] == ["Birch", "Acme"]
    # Sorted for an order the list no longer has: sorted again.
    stale = SortedRows(list(reversed(ready)), (COMPANY, False))  # (column, descending)
    window.refresh(rows=stale)
    assert [window.filter.index(n, 0).data() for n in range(2)] == ["Birch", "Acme"]


def test_the_search_ignores_accents_as_names_do(qtbot, store, clock, tmp_path) -> None:
    create_opportunity(
        validate_opportunity(
            {
                "company": "Société Générale",
                "role": "Analyste",
                "recruiter": "Zoë Müller <zoe@agency.example>",
                "job_description": "Travail en équipe à Genève, près du café.",
            }
        ),
        clock,
    )
    window = open_window(qtbot, clock, tmp_path)
    for typed in ("societe", "SOCIÉTÉ generale", "zoe muller", "equipe geneve", "cafe"):
        window.search.setText(typed)
        assert window.filter.rowCount() == 1, typed
    window.search.setText("equipe")
    # Named as written, accents kept: folding keeps the length of an accented letter.
    assert window.filter.index(0, FOUND_IN).data() == (
        "Job description:\n…équipe à Genève, près du café."
    )
    window.search.setText("societe zurich")
    assert window.filter.rowCount() == 0


def test_escape_in_the_search_box_empties_it_and_shows_every_row(
    qtbot, store, clock, tmp_path
) -> None:
    from PySide6.QtWidgets import QApplication

    create_opportunity(validate_opportunity({"company": "Acme", "role": "Analyst"}), clock)
    create_opportunity(validate_opportunity({"company": "Birch", "role": "Tester"}), clock)
    window = open_window(qtbot, clock, tmp_path)
    window.activateWindow()
    qtbot.waitUntil(lambda: QApplication.activeWindow() is window)
    window.focus_search()
    qtbot.waitUntil(lambda: QApplication.focusWidget() is window.search)
    qtbot.keyClicks(window.search, "acme")
    assert window.filter.rowCount() == 1
    qtbot.keyClick(window.search, Qt.Key.Key_Escape)
    assert window.search.text() == ""
    assert window.filter.rowCount() == 2
