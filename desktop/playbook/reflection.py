"""The words of the debrief and of the reflection after a rejection. Plain data, no Qt.

Written for Debrief from the ideas in the domain brief: calm, concrete, never blaming.
"""

from __future__ import annotations

FELT: dict[int, str] = {
    1: "Went badly",
    2: "Rough in places",
    3: "Hard to say",
    4: "Mostly good",
    5: "Went great",
}

PREDICTIONS: dict[str, str] = {
    "move_forward": "I think I'll move forward",
    "not": "I don't think I'll move forward",
    "unsure": "I honestly can't tell",
}

# Keys are stored; labels can be reworded without touching anyone's history.
COMMON_MISTAKES: dict[str, str] = {
    "rambled": "I rambled or gave answers that ran long",
    "no_accomplishments": "I talked in generalities instead of concrete accomplishments",
    "no_questions": "I forgot to ask my own questions at the end",
    "no_close": "I didn't close: no clear interest, no next steps",
    "why_leaving": 'I was caught off guard by "why are you leaving?"',
    "negative_past": "I spoke negatively about a past employer",
    "nerves": "Nerves got in the way",
    "unprepared_company": "I didn't know enough about the company or the role",
    "late_or_tech": "I was late, or the technology failed me",
}

OUTSIDE_REASONS: tuple[str, ...] = (
    "They liked me, but someone else fit this particular role a little better.",
    "The interviewer was having a bad day, or simply never shows what they feel.",
    "Team chemistry is a gut call, and theirs went another way.",
    "They could tell the job or the culture would not have made me happy.",
    "Something is changing inside the company that they could not share yet.",
    "There were many well-qualified candidates for one opening.",
    "An internal candidate was already the favourite.",
    "The role was cancelled, frozen or re-scoped.",
    "They simply need more time than they said.",
)

WORTH_CHECKING: tuple[str, ...] = (
    "Did I read the room, or did my answers run rehearsed, long or off-topic?",
    "Did my answers carry concrete accomplishments tied to this job?",
    "Did I close the interview and ask my own questions?",
    "Did I follow up afterwards?",
    "Are my references strong, and did I brief them?",
    "Does my public online presence match how I present myself?",
    "Was I as warm to the receptionist and everyone else as to the interviewers?",
    'When "why are you leaving?" came, did I stay positive about past employers?',
)


def mistake_label(key_or_text: str) -> str:
    """A common mistake's words, or the user's own free text as written."""
    return COMMON_MISTAKES.get(key_or_text, key_or_text)
