"""The words the screens share with the database (statuses, formats, the refused
transition), handed on here so that the window and the tray never import `db`: the
import contracts in pyproject.toml hold them to the services."""

from __future__ import annotations

from peewee import DatabaseError as StorageError

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
