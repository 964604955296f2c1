"""The degree scale as people read it: a stored score 0, 1 or 2 with its symbol and label, so a
page never shows a bare number or a dash for an answer that was given."""

from .cache import choice_terms


def degree_level(value):
    """The catalogue's step for a stored score, or None (unanswered, or not on the scale)."""
    if value in (None, ""):
        return None
    for level in choice_terms()[0]:
        if level.value == int(value):
            return level
    return None


def degree_text(value) -> str | None:
    """'◐ 1 informele samenwerking' in the active language; None when unanswered."""
    level = degree_level(value)
    if level is None:
        return None if value in (None, "") else str(value)
    return " ".join(part for part in (level.symbol, str(level.value), level.label) if part)
