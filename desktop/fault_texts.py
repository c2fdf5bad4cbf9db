"""What Debrief says when its surroundings, not the user, stop it: one calm sentence that
names the cause and the way out. Used by the command line and the window alike."""

DISK_FULL = (
    "Your disk is full, so nothing was changed; free some space on the disk that holds "
    "{folder}, then try again."
)
READ_ONLY_DISK = (
    "The disk that holds {path} is read-only, so Debrief could not save this and nothing "
    "was changed."
)
NO_PERMISSION = (
    "Debrief is not allowed to use {path}, so nothing was changed; if it is yours and "
    "Debrief once ran with sudo, take it back with: sudo chown -R {user}: '{path}'"
)
LOCKED = (
    "Another program is holding your Debrief data right now, so nothing was changed; "
    "try again in a moment."
)
IO_ERROR = (
    "The disk that holds {path} reported an error, so Debrief could not use it and nothing "
    "was changed; check the disk, then try again."
)
FULL_DISK_BANNER = (
    "Your disk is full. Everything is here to read, but nothing can be saved until you "
    "free some space and start Debrief again."
)
FULL_DISK_REFUSED = (
    "Your disk is full, so this cannot be saved; free some space and start Debrief again."
)
