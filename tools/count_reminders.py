"""How many notifications and Today rows one interview (two interviewers, a recruiter)
produces over three weeks, on a fresh folder: logged with the command line, then a
FixedClock advanced in 15-minute steps through the firing service (quiet hours kept, stale
prep expired, nudges planned hourly, as the app does). The user never answers: the worst
pile. Issue #18's before/after figures came from this.

    .venv/bin/python tools/count_reminders.py ahead   # logged the day before, for 10:00
    .venv/bin/python tools/count_reminders.py after   # logged two days after it happened
"""

import os
import subprocess
import sys
import tempfile
from datetime import UTC, datetime, timedelta
from pathlib import Path
from zoneinfo import ZoneInfo

os.environ["TZ"] = "Europe/Berlin"
scenario = sys.argv[1]
folder = Path(tempfile.mkdtemp()) / "data"
berlin = ZoneInfo("Europe/Berlin")
start = datetime.now(UTC).replace(second=0, microsecond=0)
if scenario == "ahead":
    at = (start.astimezone(berlin) + timedelta(days=1)).replace(hour=10, minute=0)
else:
    at = (start.astimezone(berlin) - timedelta(days=2)).replace(hour=10, minute=0)
logged = subprocess.run(
    [
        sys.executable,
        "-m",
        "desktop",
        "--data-dir",
        str(folder),
        "log-interview",
        "--company",
        "Acme",
        "--role",
        "Data Analyst",
        "--at",
        f"{at:%Y-%m-%d %H:%M}",
        "--interviewer",
        "Dana Li <dana@acme.example>",
        "--interviewer",
        "Lee Park <lee@acme.example>",
        "--recruiter",
        "Sam Ortiz <sam@acme.example>",
    ],
    capture_output=True,
    text=True,
    check=True,
)

from db.store import open_store  # noqa: E402
from desktop.domain.clock import FixedClock  # noqa: E402
from desktop.services import firing, nudges, reminders  # noqa: E402
from desktop.services.today import read_today  # noqa: E402

open_store(folder)
clock = FixedClock(start, tz="Europe/Berlin")
notices, fired, titles = 0, 0, []
nudge_notices = 0
today_peak = groups_peak = waiting_peak = 0
first = True
last_hour = None
step = timedelta(minutes=15)
end = start + timedelta(days=21)
while clock.now() <= end:
    now = clock.now()
    if now.replace(minute=0) != last_hour:
        last_hour = now.replace(minute=0)
        nudges.plan_nudge(clock)
    due_at = firing.next_due_at()
    if due_at is not None and due_at <= now:
        # The app's own path: quiet hours, stale prep, selection, marking and wording.
        result = firing.fire_due(clock, away=first)
        notices += len(result.notices)
        nudge_ids = {
            v.id
            for v in reminders.views_of(reminders.Reminder.select())
            if v.kind.value.startswith("nudge_")
        }
        nudge_notices += sum(1 for n in result.notices if set(n.reminder_ids) & nudge_ids)
        fired += len(result.fired_ids)
        local = now.astimezone(clock.tz)
        titles += [
            f"{local:%a %d %H:%M}  {n.summary}  [{len(n.reminder_ids)} step(s)]"
            for n in result.notices
        ]
    first = False
    listed = read_today(now, clock.tz)  # what Today shows: groups, and their steps
    today_peak = max(today_peak, listed.steps)
    groups_peak = max(groups_peak, listed.groups)
    waiting_peak = max(waiting_peak, listed.waiting)
    clock.set(now + step)
last = read_today(clock.now(), clock.tz)
print(
    f"{scenario}: notifications={notices} (of them nudges: {nudge_notices}) reminders_fired={fired} "
    f"today_steps_peak={today_peak} today_groups_peak={groups_peak} waiting_now_peak={waiting_peak} "
    f"today_steps_after_3_weeks={last.steps} today_groups_after_3_weeks={last.groups}"
)
for line in titles:
    print("   ", line)
