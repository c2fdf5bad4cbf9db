"""The detail pane's lines for an opportunity's details, as HTML."""

from __future__ import annotations

from typing import TYPE_CHECKING

from desktop.ui import details_strings as texts
from desktop.ui.formatting import day
from desktop.ui.html_escape import escape

if TYPE_CHECKING:
    from desktop.services.queries import OpportunityDetail


def detail_facts(detail: OpportunityDetail) -> list[tuple[str, str]]:
    """(label, text) for the details given; what was left out is not shown."""
    facts: list[tuple[str, str]] = []
    if detail.salary:
        basis = texts.DETAIL_SALARY_BASES.get(detail.salary.basis.value, "")
        facts.append((texts.DETAIL_SALARY, f"{detail.salary.text()} ({basis})"))
    place = ", ".join(
        part for part in (detail.location, texts.WORK_MODES.get(detail.work_mode.value, "")) if part
    )
    if detail.location or detail.work_mode.value:
        facts.append((texts.DETAIL_LOCATION, place))
    if detail.deadline:
        facts.append((texts.DETAIL_DEADLINE, day(detail.deadline)))
    return facts


def job_description_html(detail: OpportunityDetail) -> str:
    if not detail.job_description.strip():
        return ""
    body = escape(detail.job_description).replace("\n", "<br>")
    return f"<h3>{escape(texts.DETAIL_JOB_DESCRIPTION)}</h3><p>{body}</p>"
