"""How long work reports progress and hears Cancel (desktop/domain/progress.py)."""

from __future__ import annotations

import pytest

from desktop.domain.progress import Cancelled, paced


def test_a_paced_read_gives_every_item_and_a_word_every_so_many() -> None:
    words: list[tuple[int, int]] = []

    def progress(done: int, total: int) -> bool:
        words.append((done, total))
        return True

    assert list(paced(range(10), progress, each=4)) == list(range(10))
    assert words == [(0, 0), (0, 0)]  # after the 4th and the 8th: no count to show


def test_a_paced_read_stops_when_told() -> None:
    given: list[int] = []
    with pytest.raises(Cancelled):
        for item in paced(range(10), lambda done, total: False, each=3):
            given.append(item)
    assert given == [0, 1]  # stopped before the third
