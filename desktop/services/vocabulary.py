"""The words the screens share with the database (statuses, formats, the refused
transition), handed on here so that the window and the tray never import `db`: the
import contracts in pyproject.toml hold them to the services."""

from __future__ import annotations

from typing import TYPE_CHECKING

from db.vocabulary import (
    ContactRole,
    InterviewFormat,
    InvalidTransition,
    RecruiterKind,
    ReminderState,
    SalaryBasis,
    Status,
    WorkMode,
)

if TYPE_CHECKING:
    from peewee import DatabaseError as StorageError


def __getattr__(name: str) -> type[Exception]:
    """`StorageError` is Peewee's: imported when first named, so that a window's first
    frame, which names only the statuses, paints before Peewee is imported."""
    if name == "StorageError":
        from peewee import DatabaseError

        return DatabaseError
    raise AttributeError(f"module {__name__!r} has no attribute {name!r}")


__all__ = [
    "ContactRole",
    "InterviewFormat",
    "InvalidTransition",
    "RecruiterKind",
    "ReminderState",
    "SalaryBasis",
    "Status",
    "StorageError",
    "WorkMode",
]
