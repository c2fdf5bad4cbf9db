"""Another process writing to the database: telling "busy" apart from other storage
errors, and waiting only briefly for its lock in work on the GUI thread that is retried
later instead. Handed on from `db`, which the window and the tray never import."""

from __future__ import annotations

from db.connection import is_busy, waiting_at_most

__all__ = ["is_busy", "waiting_at_most"]
