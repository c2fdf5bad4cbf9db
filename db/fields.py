"""Field types with the conventions Debrief relies on."""

from __future__ import annotations

from datetime import UTC, datetime

from peewee import TextField

_FORMAT = "%Y-%m-%d %H:%M:%S"


class UTCDateTimeField(TextField):
    """An aware datetime, stored as sortable UTC text and read back aware in UTC.

    Naive datetimes are refused: a time without a zone is a bug waiting for the next
    daylight-saving change.
    """

    field_type = "TEXT"

    def db_value(self, value: datetime | None) -> str | None:
        if value is None:
            return None
        if isinstance(value, str):  # already-encoded values from queries on this field
            return value
        if value.tzinfo is None or value.utcoffset() is None:
            raise ValueError(f"naive datetime {value!r} given to {self.name}")
        return value.astimezone(UTC).strftime(_FORMAT)

    def python_value(self, value: str | datetime | None) -> datetime | None:
        if value is None or isinstance(value, datetime):
            return value
        # fromisoformat reads _FORMAT ten times faster than strptime: lists of thousands
        # of rows parse a time per row.
        return datetime.fromisoformat(value).replace(tzinfo=UTC)
