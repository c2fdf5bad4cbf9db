"""Attaching a document you sent, and listing an opportunity's documents."""

from __future__ import annotations

import argparse
from collections.abc import Callable
from pathlib import Path

from desktop.cli.parser import UsageError, parse_id
from desktop.domain import document_texts as texts
from desktop.domain.clock import Clock
from desktop.domain.documents import DocumentKind
from desktop.domain.forms import parse_date
from desktop.services import documents


def attach(args: argparse.Namespace, clock: Clock, data_dir: Path) -> Callable[[], int]:
    opportunity_id = parse_id(args.opportunity_id, "OPPORTUNITY_ID")
    try:
        kind = DocumentKind.parse(args.kind)
    except ValueError as error:
        raise UsageError(f"attach: --kind: {error}") from None
    try:
        sent_on = parse_date(args.sent_on) if args.sent_on else None
    except ValueError as error:
        raise UsageError(f"attach: --sent-on: {error}") from None
    source = Path(args.file)

    def act() -> int:
        made = documents.attach(data_dir, opportunity_id, source, kind, sent_on, clock)
        view = made.document
        line = texts.ATTACHED.format(
            name=view.name,
            kind=view.kind.label,
            size=view.size_text,
            opportunity=documents.opportunity_label(opportunity_id),
            id=view.id,
        )
        if made.others:
            line += texts.ATTACHED_SHARED.format(
                count=made.others, ies="y" if made.others == 1 else "ies"
            )
        print(line)
        return 0

    return act


def list_documents(args: argparse.Namespace, clock: Clock, data_dir: Path) -> Callable[[], int]:
    opportunity_id = parse_id(args.opportunity_id, "OPPORTUNITY_ID")

    def act() -> int:
        label = documents.opportunity_label(opportunity_id)
        found = documents.documents_of(data_dir, opportunity_id)
        if not found:
            print(texts.NONE_YET.format(opportunity=label, id=opportunity_id))
            return 0
        sent = {
            view.id: texts.SENT_ON.format(date=view.sent_on.isoformat())
            if view.sent_on
            else texts.NOT_SENT
            for view in found
        }
        width = max(len(text) for text in sent.values())  # "date sent not given" is longest
        for view in found:
            missing = "" if view.present else f"  ({texts.MISSING_MARK})"
            print(
                f"{view.id:>5}  {view.kind.label:<13} {sent[view.id]:<{width}} "
                f"{view.size_text:>9}  {view.name}{missing}"
            )
        return 0

    return act
