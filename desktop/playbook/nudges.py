"""Keep searching: nudges about the whole pipeline, as pure rules.

Facts about the pipeline, the settings and what was nudged before go in; at most one
nudge to send now comes out. The frequency cap, quiet hours and switched-off kinds are
checked here, so every caller gets them for free.
"""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import asdict, dataclass, field
from datetime import datetime, timedelta, tzinfo
from enum import StrEnum

from desktop.playbook.calendar import QuietHours
from desktop.playbook.weeks import weekly_activity


class NudgeKind(StrEnum):
    RECHARGE = "nudge_recharge"
    AFTER_NO = "nudge_after_no"
    PAUSE = "nudge_pause"
    ONE_BASKET = "nudge_one_basket"
    FEW_LIVE = "nudge_few_live"
    NO_RECENT_APPLICATION = "nudge_no_recent_application"

    @property
    def message_file(self) -> str:
        return self.value.removeprefix("nudge_") + ".txt"


NUDGE_LABELS = {
    NudgeKind.RECHARGE: 'A pause after a "Not this time" or an interview that felt bad',
    NudgeKind.AFTER_NO: 'The day after a "Not this time"',
    NudgeKind.PAUSE: (
        'Many applications without replies, or several "no"s in a row: suggest a change of approach'
    ),
    NudgeKind.ONE_BASKET: "Most hope resting on one late-stage opportunity",
    NudgeKind.FEW_LIVE: "Fewer live opportunities than your target",
    NudgeKind.NO_RECENT_APPLICATION: "No new application in a week",
}
SAME_KIND_GAP = timedelta(days=3)
# A user who leaves the "send more" nudges unanswered hears them less often: none sooner
# than a week after an unanswered one, two weeks after two in a row, at most four.
UNANSWERED_GAP = timedelta(days=7)
UNANSWERED_GAP_MAX = timedelta(days=28)
# A new user is not nudged about an empty folder: nudges begin a day after the first thing
# logged (an opportunity or an interview).
FIRST_NUDGE_AFTER = timedelta(days=1)
# Numbers a nudge says that change as the user acts: filled in when it is shown, so a card
# never says "0 in play" once eight opportunities exist.
LIVE_FIELDS = frozenset({"live", "target"})
NO_APPLICATION_DAYS = 7
PAUSE_MIN_APPLICATIONS = 8
PAUSE_WINDOW = timedelta(days=42)
PAUSE_NO_REPLY_AFTER = timedelta(days=14)
# After a rejection or a debrief that felt bad: a pause is offered while the day lasts,
# and nudges to send more applications wait a day.
RECHARGE_WITHIN = timedelta(hours=16)
REST_FOR = timedelta(hours=24)
AFTER_NO_FROM, AFTER_NO_UNTIL = timedelta(hours=24), timedelta(hours=48)
REJECTIONS_IN_A_ROW = 3
# Nudges that ask for more applications: not on a day meant for rest.
SEND_MORE = frozenset({"nudge_one_basket", "nudge_few_live", "nudge_no_recent_application"})


@dataclass(frozen=True)
class NudgeSettings:
    target_live: int = 3
    weekly_goal: int = 5  # applications per week
    max_per_day: int = 1
    off: frozenset[str] = frozenset()  # NudgeKind values the user switched off

    def to_json(self) -> dict[str, object]:
        data = asdict(self)
        data["off"] = sorted(self.off)
        return data

    @classmethod
    def from_json(cls, data: object) -> NudgeSettings:
        if not isinstance(data, dict):
            return cls()
        defaults = cls()

        def number(name: str, low: int, high: int) -> int:
            value = data.get(name)
            if isinstance(value, int) and not isinstance(value, bool) and low <= value <= high:
                return value
            fallback: int = getattr(defaults, name)
            return fallback

        off = data.get("off")
        known = {k.value for k in NudgeKind}
        return cls(
            target_live=number("target_live", 0, 100),
            weekly_goal=number("weekly_goal", 0, 200),
            max_per_day=number("max_per_day", 0, 10),
            off=frozenset(o for o in off if o in known) if isinstance(off, list) else frozenset(),
        )


@dataclass(frozen=True)
class LiveOpportunity:
    company: str
    late_stage: bool  # awaiting a decision, holding an offer, or past a second interview


@dataclass(frozen=True)
class PipelineFacts:
    live: tuple[LiveOpportunity, ...] = ()
    applications: tuple[datetime, ...] = ()  # when each opportunity was applied for / added
    # Applications still without any answer (no interview, no outcome), by when sent.
    unanswered: tuple[datetime, ...] = ()
    # "Not this time" changes: (when, company).
    rejections: tuple[tuple[datetime, str], ...] = ()
    # Debriefs that felt bad (1–2, or a no expected), by when they were written.
    hard_debriefs: tuple[datetime, ...] = ()
    # Moments the search moved forward (an interview logged, an offer): a run of "no"s
    # counts from the last of them.
    good_news: tuple[datetime, ...] = ()


@dataclass(frozen=True)
class Sent:
    kind: NudgeKind
    at: datetime
    message: int
    # Done, dismissed or snoozed by the user; False while it waits, or once it went quiet
    # unanswered.
    answered: bool = True


def unanswered_gap(sent: Sequence[Sent]) -> tuple[datetime, timedelta] | None:
    """When the last "send more" nudge went out and how long the next one waits, if the
    latest of them are unanswered: a week after one, doubling with each one more in a row,
    at most `UNANSWERED_GAP_MAX`. None when the last one was answered (or none was sent)."""
    ordered = sorted((s for s in sent if s.kind.value in SEND_MORE), key=lambda s: s.at)
    ignored = 0
    for s in reversed(ordered):
        if s.answered:
            break
        ignored += 1
    if not ignored:
        return None
    return ordered[-1].at, min(UNANSWERED_GAP * 2 ** (ignored - 1), UNANSWERED_GAP_MAX)


@dataclass(frozen=True)
class Nudge:
    kind: NudgeKind
    values: dict[str, object] = field(default_factory=dict)  # for the message's {fields}
    about: str = ""  # what it is about, so the same event is nudged once (e.g. a rejection)
    variant: str = ""  # another set of words for the same kind (resources/nudges/)

    @property
    def message_file(self) -> str:
        stem = self.kind.message_file.removesuffix(".txt")
        return f"{stem}_{self.variant}.txt" if self.variant else f"{stem}.txt"


def candidates(facts: PipelineFacts, settings: NudgeSettings, now: datetime) -> list[Nudge]:
    """Every nudge the pipeline calls for now, most important first, caps not applied.

    When several apply, the first wins: permission to rest after a blow comes first, then
    a kind word the day after a rejection, and "change approach" must not be drowned by
    "send more"."""
    found: list[Nudge] = []
    blows = [at for at, _ in facts.rejections] + list(facts.hard_debriefs)
    latest_blow = max((at for at in blows if at <= now), default=None)
    resting = latest_blow is not None and now - latest_blow < REST_FOR
    if latest_blow is not None and now - latest_blow <= RECHARGE_WITHIN:
        found.append(Nudge(NudgeKind.RECHARGE, about=f"rest@{latest_blow.isoformat()}"))
    for at, company in sorted(facts.rejections, reverse=True):
        # "The day after": once a day has passed, until two days later.
        if AFTER_NO_FROM <= now - at <= AFTER_NO_UNTIL:
            found.append(Nudge(NudgeKind.AFTER_NO, {"company": company}, about=at.isoformat()))
            break
    streak = rejections_in_a_row(facts, now)
    if len(streak) >= REJECTIONS_IN_A_ROW:
        found.append(
            Nudge(
                NudgeKind.PAUSE,
                {"count": len(streak)},
                about=f"streak@{max(streak).isoformat()}",
                variant="rejections",
            )
        )
    recent_unanswered = [
        t for t in facts.unanswered if PAUSE_NO_REPLY_AFTER <= now - t <= PAUSE_WINDOW
    ]
    recent_all = [t for t in facts.applications if PAUSE_NO_REPLY_AFTER <= now - t <= PAUSE_WINDOW]
    pause = len(recent_unanswered) >= PAUSE_MIN_APPLICATIONS and len(recent_unanswered) == len(
        recent_all
    )
    if pause:
        found.append(Nudge(NudgeKind.PAUSE, {"count": len(recent_unanswered)}))
    if resting:
        return found  # "send more" waits until a day after the blow
    late = [o for o in facts.live if o.late_stage]
    if len(late) == 1 and len(facts.live) <= 2:
        found.append(Nudge(NudgeKind.ONE_BASKET, {"company": late[0].company}))
    if not pause and len(facts.live) < settings.target_live:
        found.append(
            Nudge(NudgeKind.FEW_LIVE, {"live": len(facts.live), "target": settings.target_live})
        )
    if facts.applications and not pause:
        days = (now - max(facts.applications)).days
        if days >= NO_APPLICATION_DAYS:
            found.append(Nudge(NudgeKind.NO_RECENT_APPLICATION, {"days": days}))
    return found


def rejections_in_a_row(facts: PipelineFacts, now: datetime) -> list[datetime]:
    """The "Not this time"s since the search last moved forward, within the last weeks."""
    since = max((t for t in facts.good_news if t <= now), default=None)
    return [
        at
        for at, _ in facts.rejections
        if at <= now and now - at <= PAUSE_WINDOW and (since is None or at > since)
    ]


def choose(
    facts: PipelineFacts,
    settings: NudgeSettings,
    sent: Sequence[Sent],
    now: datetime,
    tz: tzinfo,
    quiet: QuietHours,
    sent_about: frozenset[str] = frozenset(),
) -> Nudge | None:
    """The one nudge to send now, or None: never in quiet hours, never a switched-off kind,
    never more than `max_per_day` in 24 hours, the same kind at most every three days, the
    same event (one rejection) once, and "send more" backing off while unanswered."""
    if quiet.contains(now.astimezone(tz)):
        return None
    backing_off = unanswered_gap(sent)
    last_day = [s for s in sent if now - s.at < timedelta(hours=24)]
    if len(last_day) >= settings.max_per_day:
        return None
    for nudge in candidates(facts, settings, now):
        if nudge.kind.value in settings.off:
            continue
        if nudge.about and nudge.about in sent_about:
            continue
        if any(s.kind is nudge.kind and now - s.at < SAME_KIND_GAP for s in sent):
            continue
        if (
            nudge.kind.value in SEND_MORE
            and backing_off is not None
            and now - backing_off[0] < backing_off[1]
        ):
            continue
        return nudge
    return None


def settled_in(first_logged: datetime | None, now: datetime) -> bool:
    """Whether nudging may begin: something was logged, and a day has passed since."""
    return first_logged is not None and now - first_logged >= FIRST_NUDGE_AFTER


def fill_at_planning(template: str, values: dict[str, object]) -> str:
    """Fill what belongs to the moment of planning (a company's name), leaving the live
    numbers (`LIVE_FIELDS`) to be filled when the nudge is shown."""
    return fill(template, {k: v for k, v in values.items() if k not in LIVE_FIELDS})


def next_message(kind: NudgeKind, count: int, sent: Sequence[Sent]) -> int:
    """Rotate through the kind's messages: never the same one twice in a row."""
    previous = [s.message for s in sorted(sent, key=lambda s: s.at) if s.kind is kind]
    return (previous[-1] + 1) % count if previous and count else 0


def parse_messages(text: str) -> list[tuple[str, str]]:
    """(title, body) blocks, see resources/nudges/few_live.txt."""
    lines = [line for line in text.splitlines() if not line.startswith("#")]
    blocks = "\n".join(lines).split("\n---\n")
    out = []
    for block in blocks:
        title, _, body = block.strip().partition("\n")
        if title.strip():
            out.append((title.strip(), body.strip()))
    return out


def fill(template: str, values: dict[str, object]) -> str:
    """{field} substitution of known values only; never format() on user text."""
    for name, value in values.items():
        template = template.replace("{" + name + "}", str(value))
    return template


def weekly_progress(applications: Sequence[datetime], now: datetime, tz: tzinfo) -> int:
    """Applications since Monday 00:00 local time: this week's bar of the Insights chart."""
    return weekly_activity(applications, (), (), now, tz, weeks=1)[0].applications
