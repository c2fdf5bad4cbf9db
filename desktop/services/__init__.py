"""Use cases: one user action, one transaction. No Qt."""


class NotFound(LookupError):
    """The id the user gave names nothing; the message says what was looked for."""
