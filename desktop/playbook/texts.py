"""What each reminder says: a title naming the person and the opportunity, and a why.

Written for Debrief: calm, concrete, kind.
"""

from __future__ import annotations

from desktop.playbook.rules import Kind

TITLES: dict[Kind, str] = {
    Kind.PREP: "Prepare for tomorrow's interview — {opportunity}",
    Kind.DEBRIEF: "Write your debrief while it's fresh — {opportunity}",
    Kind.RECRUITER_CALL: "Call {person} with your feedback — {opportunity}",
    Kind.THANK_YOU: "Send a thank-you note to {person} — {opportunity}",
    Kind.LATE_THANK_YOU: "It's not too late to thank {person} — {opportunity}",
    Kind.FOLLOW_UP: "Send a polite follow-up — {opportunity}",
    Kind.SECOND_FOLLOW_UP: "Send a last, friendly follow-up — {opportunity}",
    Kind.NO_RESPONSE_CHECK: "No answer for a month: mark as No response? — {opportunity}",
    Kind.REJECTION_REPLY: "Reply graciously and ask for feedback — {opportunity}",
    Kind.REAPPLY_CHECK_IN: "Check their openings again — {opportunity}",
    Kind.OFFER_REPLY: "Answer the offer before its deadline — {opportunity}",
    Kind.KEEP_IN_TOUCH: "Send a keep-in-touch note — {opportunity}",
    Kind.THANKS_VIA_RECRUITER: "Ask {person} to pass on your thanks — {opportunity}",
    Kind.FELT_WRONG_FORWARD: "The interview you doubted moved forward — {opportunity}",
    Kind.FELT_WRONG_NOT: "It felt good, and it still wasn't a yes — {opportunity}",
}

# A follow-up addressed to someone (the agency's recruiter) says who.
TITLES_TO_PERSON: dict[Kind, str] = {
    Kind.FOLLOW_UP: "Ask {person} whether there is news — {opportunity}",
    Kind.SECOND_FOLLOW_UP: "One last friendly check-in with {person} — {opportunity}",
}

WHY: dict[Kind, str] = {
    Kind.PREP: "Go over the role, the questions you'll ask at the end, and the lessons from your earlier debriefs.",
    Kind.DEBRIEF: "Memory fades within hours. Writing it down separates real mistakes from nerves.",
    Kind.RECRUITER_CALL: "They may already have feedback, and they're waiting for yours.",
    Kind.THANK_YOU: "A short note of thanks and interest helps, even when it felt rough.",
    Kind.LATE_THANK_YOU: "A late note is still better than none.",
    Kind.FOLLOW_UP: "A short, polite note keeps you in mind without pressing.",
    Kind.SECOND_FOLLOW_UP: "One more gentle note, then let it rest.",
    Kind.NO_RESPONSE_CHECK: "Silence is common and rarely about you. Closing it frees your attention.",
    Kind.REJECTION_REPLY: "Thank them, stay open to future roles, and ask what would have made the difference.",
    Kind.REAPPLY_CHECK_IN: "People do get hired on a second or third try.",
    Kind.OFFER_REPLY: "Decide, negotiate or ask for time — but answer before the deadline.",
    Kind.KEEP_IN_TOUCH: "The role may come back; a friendly note keeps the door open.",
    Kind.THANKS_VIA_RECRUITER: (
        "The agency carries the relationship, so your thanks travel through them. "
        "While it runs, leave the company's people to the recruiter."
    ),
    Kind.FELT_WRONG_FORWARD: (
        "Right after it, you expected the worst, and they wanted to see more of you. "
        "Keep this one for the next time that feeling comes."
    ),
    Kind.FELT_WRONG_NOT: (
        "Feeling good about it wasn't a mistake. Decisions turn on fit, timing and "
        "candidates you never see, more than on how one conversation went."
    ),
}

WHY_TO_PERSON: dict[Kind, str] = {
    Kind.FOLLOW_UP: "The agency asks the company for you; a short note to them is enough.",
    Kind.SECOND_FOLLOW_UP: "One more gentle note to the recruiter, then let it rest.",
}


LESSONS_PREFIX = "From your earlier debriefs: "
# The prep reminder of an opportunity whose job description was kept (issue #21).
JOB_DESCRIPTION_KEPT = "The job description you kept is in Debrief: “{start}”"
JOB_DESCRIPTION_START = 140  # characters of it the reminder quotes
FEEDBACK_PREFIX = "What companies told you: "
HISTORY_MET = "Last time you met {people}."
HISTORY_LESSONS = "What you learned: {lessons}"
HISTORY_FEEDBACK = "What they told you: {feedback}"


def title(kind: Kind, opportunity: str, person: str | None = None) -> str:
    text = TITLES_TO_PERSON.get(kind, TITLES[kind]) if person else TITLES[kind]
    return text.format(opportunity=opportunity, person=person or "them")


def why(kind: Kind, to_person: bool = False) -> str:
    return WHY_TO_PERSON.get(kind, WHY[kind]) if to_person else WHY[kind]


# ----- the recruiter call: a private checklist, never an email ------------------------------
CALL_INTRO = (
    "A conversation with someone on your side. Keep it balanced: what went well, what "
    "you'd do differently, said plainly and without apologising."
)
CALL_NO_DEBRIEF = (
    "You haven't written the debrief yet. A few minutes on it first gives this call its substance."
)
CALL_WENT_WELL = "What went well"
CALL_WENT_WELL_EMPTY = "Name one thing that went well, however small."
CALL_LEARNED = "What you learned"
CALL_LEARNED_ROLE = "What you learned about the role and the team, and why it still appeals to you."
CALL_DIFFERENTLY = "What you'd do differently: {mistake}."
CALL_HARDER = "What made it harder, said neutrally and only if it helps: {made_harder}"
CALL_INTEREST = "Your interest"
CALL_INTEREST_SAY = "Say clearly whether you want to go forward with {company}."
CALL_INTEREST_UNSURE = "You weren't sure how it went. Their view may settle it: ask."
CALL_CHANCE = "Another chance?"
CALL_CHANCE_ASK = (
    "It felt rough. If you want this role, ask whether there could be another chance to "
    "show what you can do."
)
CALL_CHANCE_NOT_NEEDED = "It went as you hoped; no need to ask for another chance."
CALL_CLOSE = "Before you hang up"
CALL_ASK_FEEDBACK = "Ask whether they already have feedback, and when they expect to hear."
CALL_LET_THEM_CARRY = (
    "Let them carry it: no direct contact with the hiring manager, and no connecting "
    "online while the process runs."
)
# With an agency: the thanks to the interviewers travel through the recruiter.
CALL_PASS_ON_THANKS = "Ask them to pass on your thanks to {interviewers}."
CALL_PASS_ON_THANKS_UNNAMED = "Ask them to pass on your thanks to the people you met."
# Whoever the recruiter works for: what they say is worth keeping.
CALL_NOTE_FEEDBACK = (
    "Afterwards, put what they told you in your debrief; it comes back before your next interview."
)

# ----- the user's own reminders ----------------------------------------------------------------
OWN_TITLE = "{text} — {opportunity}"
OWN_WHY = "Your own reminder."

# What a notification says when several reminders come due at once.
NOTICE_AWAY_SUMMARY = "{count} reminders while you were away"
NOTICE_MANY_SUMMARY = "{count} reminders are due"
NOTICE_SUMMARY_BODY_MORE = "…and {count} more. Answer them from Debrief's tray menu."
NOTICE_SUMMARY_BODY = "Answer them from Debrief's tray menu."

# ----- steps of one moment, grouped (playbook/groups.py) -------------------------------------
GROUP_AFTER_INTERVIEW = "After your {company} interview — {day}"
