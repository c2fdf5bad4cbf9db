"""`escape` for the rich text the window shows: the same replacements as the standard
library's `html.escape`, whose package imports `html.entities` (2,000 entity names, 0.5 MiB
of a window start's memory, benchmarks/README.md) for `unescape`, which Debrief never
calls."""

from __future__ import annotations


def escape(text: str, quote: bool = True) -> str:
    """`text` with &, < and > (and both quotes when `quote`) as HTML character references."""
    text = text.replace("&", "&amp;").replace("<", "&lt;").replace(">", "&gt;")
    if quote:
        text = text.replace('"', "&quot;").replace("'", "&#x27;")
    return text
