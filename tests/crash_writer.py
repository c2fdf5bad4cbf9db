"""A stream of writes through the services, each reported on stdout once it returned.

Run by test_crash_safety in a child process that is killed at a random moment.
"""

from __future__ import annotations

import sys
from datetime import UTC, datetime
from pathlib import Path

from db.store import open_store
from db.vocabulary import Status
from desktop.domain.clock import FixedClock
from desktop.services.debriefs import DebriefData, save_debrief
from desktop.services.interviews import log_interview
from desktop.services.opportunities import change_status
from desktop.services.queries import opportunity_id_of_interview
from tests.conftest import interview_draft


def main(data_dir: str, run: int) -> None:
    open_store(Path(data_dir))
    clock = FixedClock(datetime(2026, 11, 22, 9, 0, tzinfo=UTC), tz="Europe/Berlin")
    for n in range(100_000):
        interview = log_interview(interview_draft(clock, company=f"Run {run} company {n}"), clock)
        print(f"interview {interview}", flush=True)
        save_debrief(interview, DebriefData(felt=3, account=f"account {run}-{n} " * 50), clock)
        print(f"debrief {interview} account {run}-{n}", flush=True)
        change_status(opportunity_id_of_interview(interview), Status.AWAITING, clock)
        print(f"status {interview}", flush=True)
        clock.advance(minutes=1)


if __name__ == "__main__":
    main(sys.argv[1], int(sys.argv[2]))
