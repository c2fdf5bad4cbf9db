"""Freeing big data a slice at a time (desktop/domain/letting_go.py)."""

from __future__ import annotations

from desktop.domain.letting_go import SLICE, let_go


def test_lists_and_dicts_are_emptied_with_the_big_ones_they_hold() -> None:
    rows = [{"id": n, "steps": list(range(3))} for n in range(SLICE * 3 + 5)]
    groups = {n: [n] * 2 for n in range(SLICE * 2 + 1)}
    inner_big = list(range(SLICE * 2))
    shared_row = {"id": 1, "notes": ["kept"]}
    bundle = {
        "format": "debrief",
        "rows": rows,
        "groups": groups,
        "nested": [inner_big],
        "shared": [shared_row],
    }
    let_go(bundle)
    assert bundle == {}
    assert rows == [] and groups == {} and inner_big == []
    # Small ones are only dropped, never emptied: the caller may still hold them.
    assert shared_row == {"id": 1, "notes": ["kept"]}


def test_small_values_and_other_types_are_left_alone_or_emptied_at_once() -> None:
    small = [1, 2, 3]
    text = "kept"
    let_go(small, text, None)
    assert small == [] and text == "kept"


def test_another_thread_empties_what_it_is_given() -> None:
    import threading

    from desktop.domain.letting_go import let_go_elsewhere

    rows = [{"id": n} for n in range(SLICE * 4)]
    kept = rows[0]
    before = {thread.ident for thread in threading.enumerate()}
    let_go_elsewhere(rows)
    for thread in threading.enumerate():
        if thread.ident not in before:
            thread.join(10)
    assert rows == [] and kept == {"id": 0}
