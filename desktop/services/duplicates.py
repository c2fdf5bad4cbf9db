"""Opportunities that look like one about to be added: the same company, a similar role."""

from __future__ import annotations

from dataclasses import dataclass
from datetime import datetime

from db.models import Company, Opportunity
from db.vocabulary import Status
from desktop.domain.similarity import company_key, similar_roles


@dataclass(frozen=True)
class SimilarOpportunity:
    id: int
    company: str
    role: str
    status: Status
    created_at: datetime
    archived: bool


def similar_opportunities(
    company: str, role: str, excluding: int | None = None
) -> list[SimilarOpportunity]:
    """Those already here at the same company (written alike) with a similar role, newest
    first. `excluding`: the opportunity being edited."""
    key = company_key(company)
    if not key or not role.strip():
        return []
    companies = [
        company_id
        for company_id, name in Company.select(Company.id, Company.name).tuples()
        if company_key(name) == key
    ]
    if not companies:
        return []
    rows = (
        Opportunity.select(
            Opportunity.id,
            Company.name,
            Opportunity.role_title,
            Opportunity.status,
            Opportunity.created_at,
            Opportunity.archived,
        )
        .join(Company)
        .where(Opportunity.company.in_(companies))
        .order_by(Opportunity.created_at.desc())
        .tuples()
    )
    return [
        SimilarOpportunity(oid, name, title, Status(status), created, bool(archived))
        for oid, name, title, status, created, archived in rows
        if oid != excluding and similar_roles(role, title)
    ]
