"""Every sentence of the board view and of acting on several opportunities at once."""

VIEW_LIST = "List"
VIEW_BOARD = "Board"
VIEW_LIST_TIP = "Show the opportunities as a list"
VIEW_BOARD_TIP = "Show the opportunities as a board, one column per outcome"
A11Y_VIEW_SWITCH = "How the opportunities are shown"

A11Y_BOARD = "Opportunities by outcome"
# A column: its outcome and how many cards it holds.
COLUMN_HEADER = "{status} · {count}"
A11Y_COLUMN = "{status}: {count}"
A11Y_COLUMN_DESCRIPTION = (
    "Drag a card to another column, or press Ctrl+Shift+Left or Right, to change its outcome"
)
# What a screen reader hears for a card.
A11Y_CARD = "{company}, {role}: {status}"
A11Y_CARD_NEXT = "{company}, {role}: {status}, next interview {when}"
CARD_NEXT = "Next: {when}"
# The board when every opportunity is archived (the board never shows archived ones).
ALL_ARCHIVED = "Every opportunity is archived. The list shows them with Show archived."
CARD_SEVERAL = "{count} opportunities"

# The detail pane while several opportunities are selected in the list or on the board.
SEVERAL_SELECTED = "{count} opportunities selected"
SEVERAL_HINT = (
    "Change outcome and Archive act on all {count} at once, as one step that Undo takes "
    "back. To see one of them, click it alone."
)

MOVE_TO = "Move to"
OPEN = "Open…"
ARCHIVE_ONE = "Archive"
ARCHIVE_ALL = "Archive these {count}"
CHANGE_OUTCOME_ALL = "Change outcome of these {count}"

UNDO_MOVE = "outcome of {what}"
DID_MOVE = "{what} is now {status}."
DID_MOVE_MANY = "{what} are now {status}."
UNDO_ARCHIVE_ALL = "archive {what}"
DID_ARCHIVE_ALL = "Archived {what}."
# The services refused (one of them was deleted or changed elsewhere): nothing changed.
REFUSED_MOVE = "Nothing was moved: {what} may have been changed or deleted elsewhere."
REFUSED_ARCHIVE = "Nothing was archived: {what} may have been changed or deleted elsewhere."

# A move to Offer asks, once for all the cards moved, the day they need an answer by.
OFFER_TITLE = "Offer: {what}"
OFFER_QUESTION = (
    "When do they need your answer about {what}? With a date, Debrief reminds you to "
    "reply before it; you can leave it out and add it later from Change outcome."
)
OFFER_MOVE = "Move to Offer"
