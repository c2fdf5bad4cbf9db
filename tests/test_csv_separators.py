"""Spreadsheets saved with commas, semicolons or tabs, whatever their cells hold."""

from __future__ import annotations

import csv
import io
from datetime import UTC, datetime

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from desktop.domain.spreadsheet import (
    SEPARATORS,
    guess_mapping,
    read_table,
    separator,
    table_to_bundle,
)

HEADERS = ["Company", "Role", "Notes"]
NOW = datetime(2026, 11, 22, 9, 0, tzinfo=UTC)


def _csv(rows: list[list[str]], delimiter: str) -> str:
    out = io.StringIO()
    csv.writer(out, delimiter=delimiter, lineterminator="\r\n").writerows([HEADERS, *rows])
    return out.getvalue()


@pytest.mark.parametrize("delimiter", SEPARATORS)
def test_a_cell_with_line_breaks_and_every_separator_in_it(delimiter: str) -> None:
    # A European spreadsheet saved with semicolons, one note written over two lines: the
    # sniffer counted separators per line, found no pattern and read it all as one column.
    text = _csv(
        [["Acme", "Analyst", "first line\nsecond; line, with\ta tab"], ["Globex", "Dev", "x"]],
        delimiter,
    )
    table = read_table(text)
    assert table.headers == HEADERS
    assert [cells for _, cells in table.rows] == [
        ["Acme", "Analyst", "first line\nsecond; line, with\ta tab"],
        ["Globex", "Dev", "x"],
    ]
    assert [line for line, _ in table.rows] == [2, 4]  # where each record starts
    bundle = table_to_bundle(table, guess_mapping(table.headers), UTC, NOW)
    assert [o["company"] for o in bundle["opportunities"]] == ["Acme", "Globex"]


def test_a_space_after_the_separator_still_opens_a_quoted_cell() -> None:
    table = read_table('Company, Role, Notes\r\nAcme, Analyst, "one, two"\r\n')
    assert table.rows == [(2, ["Acme", "Analyst", "one, two"])]


cells = st.text(alphabet=st.sampled_from(list("ab ;,\t\n\"'é")), max_size=12)


@settings(max_examples=200, deadline=None)
@given(
    delimiter=st.sampled_from(SEPARATORS),
    rows=st.lists(st.lists(cells, min_size=3, max_size=3), min_size=1, max_size=6),
)
def test_whatever_the_cells_hold_the_table_comes_back(delimiter: str, rows) -> None:
    text = _csv(rows, delimiter)
    assert separator(text) == delimiter
    table = read_table(text)
    assert table.headers == HEADERS
    expected = [[c.strip() for c in row] for row in rows if any(c.strip() for c in row)]
    assert [[c.strip() for c in cells] for _, cells in table.rows] == expected
