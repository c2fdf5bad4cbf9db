"""Reading a big import lets other threads in: the worker's reading, parsing, checking and
preview call their tick every so many rows (where the window's thread goes first, and a
Cancel is heard), and what they give is what a read without ticks gives."""

from __future__ import annotations

import json
import random
from pathlib import Path
from typing import Any

import pytest

from desktop.domain import import_source
from desktop.domain.bundle import BundleError, check_bundle
from desktop.domain.import_source import bundle_from_json, read_import_pieces, read_import_text
from desktop.domain.progress import Cancelled
from desktop.services.export_bundle import build_bundle, bundle_json
from desktop.services.import_bundle import Duplicates, preview
from desktop.ui.import_dialog import read_source
from tests.histories import rich_history

OPPORTUNITIES = 600


def _big_export(clock, n: int = OPPORTUNITIES) -> dict[str, Any]:
    """A valid export with `n` opportunities, each with its status history and reminders,
    around the rich history's own rows."""
    rich_history(clock)
    data = json.loads(bundle_json(build_bundle(clock.now())))
    for index in range(n):
        data["opportunities"].append(
            {
                "company": f"Company {index}",
                "role_title": "Engineer \u2013 platform",  # not ASCII: wider text
                "applied_on": "2026-03-14",
                "status": "applied",
                "salary_min": 1000 + index,
                "notes": "line one\nline two " * (index % 5),
                "created_at": "2026-03-14T09:30:00Z",
                "updated_at": "2026-03-15T09:30:00Z",
                "status_history": [
                    {"from": None, "to": "applied", "changed_at": "2026-03-14T09:30:00Z"}
                ],
                "reminders": [
                    {
                        "kind": "follow_up",
                        "key": f"o{index}:follow_up:{step}",
                        "due_at": "2026-03-21T09:30:00Z",
                        "created_at": "2026-03-14T09:30:00Z",
                        "message": f"Step {step}",
                    }
                    for step in range(3)
                ],
            }
        )
    return data


@pytest.fixture
def export_file(store, clock, tmp_path: Path) -> Path:
    path = tmp_path / "export.json"
    path.write_text(json.dumps(_big_export(clock), indent=1), encoding="utf-8")
    return path


def _counter() -> tuple[list[int], Any]:
    calls = [0]

    def tick() -> None:
        calls[0] += 1

    return calls, tick


@pytest.mark.parametrize("piece", [1 << 20, 997, 61])
def test_a_file_read_in_pieces_gives_what_one_read_gives(
    export_file: Path, piece: int, monkeypatch
) -> None:
    # Pieces of odd sizes cut names, numbers, strings and escapes at every kind of place.
    monkeypatch.setattr(import_source, "DECODE_PIECE", piece)
    text = export_file.read_text(encoding="utf-8")
    calls, tick = _counter()
    pieces = read_import_pieces(export_file, tick)
    assert "".join(pieces) == text == read_import_text(export_file)
    assert import_source._parsed(list(pieces), tick) == json.loads(text)
    # Checked row by row as parsed, it is what the whole file parsed, then checked, gives.
    reference = check_bundle(json.loads(text))
    assert bundle_from_json(text) == reference
    assert bundle_from_json(pieces, tick) == reference
    assert pieces == []  # handed over: the text is not kept beside the rows
    assert len(reference["opportunities"]) > OPPORTUNITIES
    assert calls[0] > OPPORTUNITIES // import_source.TICK_EVERY


@pytest.mark.parametrize(
    "spoil",
    [
        lambda data: data["opportunities"][3].update(created_at="soon"),
        lambda data: data["opportunities"][-1]["reminders"][1].update(
            key=data["opportunities"][-1]["reminders"][0]["key"]
        ),
        lambda data: data["opportunities"][-2].update(recruiter=999_999),
        lambda data: data.update(version=99),
        lambda data: data.update(opportunities={"not": "a list"}),
        lambda data: data.update(format="something else"),
        lambda data: data["contacts"].append(1),
    ],
)
def test_a_file_with_a_problem_is_refused_as_the_whole_check_refuses_it(
    store, clock, tmp_path: Path, spoil, monkeypatch
) -> None:
    monkeypatch.setattr(import_source, "DECODE_PIECE", 4096)
    data = _big_export(clock, 100)
    spoil(data)
    path = tmp_path / "spoilt.json"
    path.write_text(json.dumps(data), encoding="utf-8")
    with pytest.raises(BundleError) as whole:
        check_bundle(json.loads(path.read_text(encoding="utf-8")))
    with pytest.raises(BundleError) as read:
        bundle_from_json(read_import_pieces(path), import_source.no_tick)
    assert read.value.problems == whole.value.problems
    assert read.value.stopped == whole.value.stopped


def test_checking_and_previewing_with_ticks_gives_what_they_give_without(store, clock) -> None:
    data = _big_export(clock)
    calls, tick = _counter()
    checked = check_bundle(data, tick)
    assert checked == check_bundle(data)
    # The check ticks every 32 opportunities, twice (the rows, then their references).
    assert calls[0] >= 2 * OPPORTUNITIES // 32
    before = calls[0]
    assert preview(checked, Duplicates.SKIP, tick) == preview(checked, Duplicates.SKIP)
    assert calls[0] > before


@pytest.mark.parametrize(
    "text",
    [
        '{"format": "debrief-export", "opportunities": [1, 2,, 3]}',
        '{"format": "debrief-export", "opportunities": [{"a": 1.}]}',
        '{"format": "debrief-export"} {"again": 1}',
        '{"format": "debrief-export", "version": 1',
        '[{"format": "debrief-export"}]',
        '{"format": "debrief-export", "format": "twice", "n": [1, 2e3, -0.5, true, null]}',
        '  \n{ "a" : [ ] , "b" : { } , "c" : "\\u00e9\\"" }  \n',
        '{"n": NaN, "m": [Infinity, -Infinity]}',
    ],
)
def test_any_text_parses_as_json_loads_parses_it(text: str) -> None:
    """Not laid out as an export, or wrong: the same value, or the same error."""
    rng = random.Random(text)
    for _ in range(20):
        cuts = sorted(rng.sample(range(1, len(text)), min(4, len(text) - 1)))
        pieces = [text[a:b] for a, b in zip([0, *cuts], [*cuts, len(text)], strict=True)]
        try:
            expected: Any = json.loads(text)
        except json.JSONDecodeError as error:
            with pytest.raises(json.JSONDecodeError) as raised:
                import_source._parsed(pieces, import_source.no_tick)
            assert (raised.value.msg, raised.value.pos) == (error.msg, error.pos)
        else:
            got = import_source._parsed(pieces, import_source.no_tick)
            assert json.dumps(got) == json.dumps(expected)  # NaN is not equal to itself
            assert list(got) == list(expected)


def test_the_worker_s_read_reports_all_along_and_hears_cancel(export_file: Path) -> None:
    """`read_source` as the import's worker runs it: its progress is called all through
    the read (a worker lets the window's thread in there), and a Cancel stops it."""
    calls: list[tuple[int, int]] = []

    def progress(done: int, total: int) -> bool:
        calls.append((done, total))
        return True

    source = read_source(export_file, progress)
    assert source.preview is not None and source.json_bundle is not None
    assert len(calls) > OPPORTUNITIES // 16
    assert calls[0] == (0, 2) and calls[-1] == (2, 2)
    assert {done for done, _ in calls} == {0, 1, 2}
    assert read_source(export_file) == source  # the same, without anyone listening

    heard: list[int] = []

    def cancel_soon(done: int, total: int) -> bool:
        heard.append(done)
        return len(heard) < 20

    with pytest.raises(Cancelled):
        read_source(export_file, cancel_soon)
    assert len(heard) == 20
