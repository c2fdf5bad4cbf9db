"""`debrief add` and `debrief edit`: an opportunity and its details from the command line."""

from __future__ import annotations

import argparse
import sys
from collections.abc import Callable
from pathlib import Path

from desktop.cli.parser import UsageError, parse_id
from desktop.domain.clock import Clock
from desktop.domain.details import parse_salary
from desktop.domain.forms import OpportunityDraft, validate_opportunity
from desktop.services.duplicates import similar_opportunities
from desktop.services.opportunities import create_opportunity, update_opportunity
from desktop.services.queries import opportunity_form_values

# Option (its argparse dest) → form field; what an option left out keeps its value.
_FIELD_FOR_OPTION = {
    "company": "company",
    "role": "role",
    "status": "status",
    "source": "source",
    "link": "posting_url",
    "applied": "applied_on",
    "recruiter": "recruiter",
    "recruiter_from": "recruiter_kind",
    "notes": "notes",
    "location": "location",
    "work_mode": "work_mode",
    "deadline": "deadline",
    "salary_from": "salary_min",
    "salary_to": "salary_max",
    "currency": "salary_currency",
    "salary_as": "salary_basis",
}


def _given(args: argparse.Namespace) -> dict[str, str]:
    """The form fields the options set, as raw text."""
    raw = {
        field: value
        for option, field in _FIELD_FOR_OPTION.items()
        if (value := getattr(args, option, None)) is not None
    }
    if args.salary is not None:
        if args.salary.strip():
            try:
                salary = parse_salary(args.salary)
            except ValueError as error:
                raise UsageError(f"--salary: {error}") from None
            raw.setdefault("salary_min", str(salary.minimum))
            raw.setdefault("salary_max", str(salary.maximum))
            if salary.currency:
                raw.setdefault("salary_currency", salary.currency)
        else:
            raw.setdefault("salary_min", "")
            raw.setdefault("salary_max", "")
    description = _description(args)
    if description is not None:
        raw["job_description"] = description
    return raw


def _description(args: argparse.Namespace) -> str | None:
    if args.description is not None:
        return str(args.description)
    if args.description_file is None:
        return None
    if args.description_file == "-":
        return sys.stdin.read()
    path = Path(args.description_file)
    try:
        return path.read_text(encoding="utf-8-sig")
    except (OSError, UnicodeDecodeError) as error:
        reason = getattr(error, "strerror", None) or "not a UTF-8 text file"
        raise UsageError(f"--description-file: cannot read {path.name}: {reason}") from None


def add(args: argparse.Namespace, clock: Clock) -> Callable[[], int]:
    draft = validate_opportunity({"company": args.company, "role": args.role, **_given(args)})

    def act() -> int:
        similar = similar_opportunities(draft.company, draft.role)
        if similar and not args.anyway:
            found = similar[0]
            raise UsageError(
                f"you already have {found.role} at {found.company} (opportunity {found.id}, "
                f"{found.status.label}); to add another anyway, repeat with --anyway"
            )
        new_id = create_opportunity(draft, clock)
        print(f"Added {draft.role} at {draft.company}: opportunity {new_id}.")
        return 0

    return act


def edit(args: argparse.Namespace, clock: Clock) -> Callable[[], int]:
    opportunity_id = parse_id(args.opportunity_id, "OPPORTUNITY_ID")
    changes = _given(args)
    if args.company is not None:
        changes["company"] = args.company
    if args.role is not None:
        changes["role"] = args.role
    if not changes:
        raise UsageError("nothing to change; give an option such as --salary or --location")

    def act() -> int:
        draft: OpportunityDraft = validate_opportunity(
            {**opportunity_form_values(opportunity_id), **changes}
        )
        update_opportunity(opportunity_id, draft, clock)
        print(f"{opportunity_id}: saved {draft.role} at {draft.company}.")
        return 0

    return act
