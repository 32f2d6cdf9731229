"""The one error type the core raises for a broken rule."""


class DomainError(Exception):
    """A rule was broken; `str(err)` is a sentence a user can read.

    `field` names the input at fault (if any), so a form can show the message next to it.
    """

    def __init__(self, message: str, field: str | None = None) -> None:
        super().__init__(message)
        self.message = message
        self.field = field


class Stale(DomainError):
    """Someone else changed (or deleted) the record since it was read; nothing was saved.
    The screen keeps what the user typed and offers to reload (core.versions raises it)."""
