"""The window's own `escape` (desktop/ui/html_escape.py) says what `html.escape` says."""

from __future__ import annotations

import html

from hypothesis import given
from hypothesis import strategies as st

from desktop.ui.html_escape import escape


@given(st.text(alphabet=st.sampled_from("a<>&\"' é\n;#x")), st.booleans())
def test_it_escapes_as_the_standard_library_does(text: str, quote: bool) -> None:
    assert escape(text, quote) == html.escape(text, quote)


def test_markup_is_shown_as_text() -> None:
    assert escape('<b class="x">Tom & Jerry\'s</b>') == (
        "&lt;b class=&quot;x&quot;&gt;Tom &amp; Jerry&#x27;s&lt;/b&gt;"
    )
