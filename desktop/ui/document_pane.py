"""The Documents section of the detail pane, as HTML with links the pane answers."""

from __future__ import annotations

from typing import TYPE_CHECKING

from desktop.ui import document_strings as strings
from desktop.ui.formatting import day
from desktop.ui.html_escape import escape

if TYPE_CHECKING:
    from desktop.services.documents import DocumentView


def documents_html(documents: list[DocumentView]) -> str:
    parts = [f"<h3>{escape(strings.DETAIL_DOCUMENTS)}</h3>"]
    if documents:
        parts.append("<ul>")
        parts += [_line(document) for document in documents]
        parts.append("</ul>")
    else:
        parts.append(f"<p>{escape(strings.DETAIL_NO_DOCUMENTS)}</p>")
    parts.append(f'<p><a href="document:attach:0">{escape(strings.ATTACH_LINK)}</a></p>')
    return "".join(parts)


def _line(document: DocumentView) -> str:
    sent = (
        strings.SENT_ON.format(date=day(document.sent_on)) if document.sent_on else strings.NOT_SENT
    )
    facts = [document.kind.label, sent, document.size_text]
    if document.shared:
        count = document.shared
        facts.append(strings.SHARED.format(count=count, ies="y" if count == 1 else "ies"))
    name = f"<b>{escape(document.name)}</b>"
    if not document.present:
        name += f" <i>({escape(strings.MISSING)})</i>"
    links = []
    if document.present:
        links.append(f'<a href="document:open:{document.id}">{escape(strings.OPEN_LINK)}</a>')
    links.append(f'<a href="document:remove:{document.id}">{escape(strings.REMOVE_LINK)}</a>')
    # The name on its own line, then what it is with what can be done with it: a long
    # name or a narrow pane wraps one line, not the links into the facts.
    # Open and Remove wrap together, never one without the other.
    return f"<li>{name}<br>{escape(' · '.join(facts))} · {'&nbsp;·&nbsp;'.join(links)}</li>"
