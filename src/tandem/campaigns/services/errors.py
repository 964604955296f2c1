"""The error of a coordinator's step, shared by the coordination services."""


class CoordinationError(ValueError):
    """A step the campaign's state does not allow; the message says why."""
