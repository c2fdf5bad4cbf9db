"""No duplicates by accident (issue #21): an opportunity that looks like one already here
is named, with the way to it, in the window and on the command line."""

from __future__ import annotations

import pytest
from PySide6.QtWidgets import QDialogButtonBox, QLineEdit

from db.connection import close_database
from db.models import Opportunity
from db.store import open_store
from desktop.domain.forms import validate_opportunity
from desktop.domain.similarity import company_key, similar_roles
from desktop.services.duplicates import similar_opportunities
from desktop.services.opportunities import create_opportunity
from tests.conftest import open_window, run_cli


@pytest.mark.parametrize(
    ("first", "second"),
    [
        ("Data Analyst", "data analyst"),
        ("Data Analyst", "Senior Data Analyst"),
        ("Sr. Data Analyst", "Senior Data Analyst"),
        ("Data Analyst (m/f/d)", "Data Analyst"),
        ("Data Analyst", "Data Analist"),
        ("Analyst, Data", "Data Analyst"),
    ],
)
def test_roles_written_differently_are_similar(first: str, second: str) -> None:
    assert similar_roles(first, second)


@pytest.mark.parametrize(
    ("first", "second"),
    [("Data Analyst", "Data Engineer"), ("Designer", "Sales Manager"), ("", "Analyst")],
)
def test_different_roles_are_not(first: str, second: str) -> None:
    assert not similar_roles(first, second)


def test_company_names_differing_in_their_legal_form_are_the_same() -> None:
    assert company_key("Acme Ltd.") == company_key("ACME") == company_key("acme, inc")
    assert company_key("Acme Labs") != company_key("Acme")


def _acme(clock) -> int:
    return create_opportunity(
        validate_opportunity({"company": "Acme Ltd", "role": "Data Analyst"}), clock
    )


def test_the_service_finds_the_lookalike_and_skips_the_one_being_edited(store, clock) -> None:
    acme = _acme(clock)
    [found] = similar_opportunities("ACME", "Senior Data Analyst")
    assert (found.id, found.company, found.role) == (acme, "Acme Ltd", "Data Analyst")
    assert similar_opportunities("ACME", "Data Engineer") == []
    assert similar_opportunities("Globex", "Data Analyst") == []
    assert similar_opportunities("Acme", "Data Analyst", excluding=acme) == []


def _typed(dialog, company: str, role: str) -> None:
    for name, text in (("company", company), ("role", role)):
        field = dialog.fields[name]
        assert isinstance(field, QLineEdit)
        field.setText(text)


def test_the_window_warns_and_opens_the_existing_one(qtbot, store, clock, tmp_path) -> None:
    acme = _acme(clock)
    window = open_window(qtbot, clock, tmp_path)
    dialog = window.new_opportunity()
    _typed(dialog, "acme", "Data Analyst")
    assert dialog.duplicate.isVisible()
    assert "You already have Data Analyst at Acme Ltd (Applied" in dialog.duplicate.label.text()
    dialog.buttons.button(QDialogButtonBox.StandardButton.Save).click()
    assert dialog.isVisible() and Opportunity.select().count() == 1  # Save alone adds nothing
    dialog.duplicate.open_button.click()
    qtbot.waitUntil(lambda: not dialog.isVisible())
    assert window.selected_id() == acme
    assert Opportunity.select().count() == 1


def test_add_anyway_adds_it(qtbot, store, clock, tmp_path) -> None:
    _acme(clock)
    window = open_window(qtbot, clock, tmp_path)
    dialog = window.new_opportunity()
    _typed(dialog, "Acme", "Senior Data Analyst")
    dialog.duplicate.anyway_button.click()
    qtbot.waitUntil(lambda: Opportunity.select().count() == 2)
    assert not dialog.isVisible()


def test_a_different_role_brings_no_warning(qtbot, store, clock, tmp_path) -> None:
    _acme(clock)
    window = open_window(qtbot, clock, tmp_path)
    dialog = window.new_opportunity()
    _typed(dialog, "Acme", "Data Analyst")
    assert dialog.duplicate.isVisible()
    _typed(dialog, "Acme", "Office Manager")
    assert not dialog.duplicate.isVisible()
    dialog.buttons.button(QDialogButtonBox.StandardButton.Save).click()
    qtbot.waitUntil(lambda: Opportunity.select().count() == 2)


def test_the_command_line_refuses_a_lookalike_unless_told(data_dir, clock) -> None:
    first = run_cli(data_dir, "add", "--company=Acme Ltd", "--role=Data Analyst", clock=clock)
    assert first.returncode == 0, first.stderr
    again = run_cli(data_dir, "add", "--company=ACME", "--role=Sr Data Analyst", clock=clock)
    assert again.returncode == 2
    assert again.stderr.count("\n") == 1
    assert "you already have Data Analyst at Acme Ltd (opportunity 1, Applied)" in again.stderr
    assert "--anyway" in again.stderr
    anyway = run_cli(
        data_dir, "add", "--company=ACME", "--role=Sr Data Analyst", "--anyway", clock=clock
    )
    assert anyway.returncode == 0, anyway.stderr
    open_store(data_dir)
    try:
        assert Opportunity.select().count() == 2
    finally:
        close_database()
