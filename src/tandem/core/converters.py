"""URL path converters that refuse what the database cannot hold, so such a URL is a 404 and
never a 500: Django's `int` takes any number of digits, and 10**30 overflows every integer column
(SQLite raises OverflowError; PostgreSQL a DataError)."""

from django.urls import register_converter

ID_DIGITS = 18  # below 2**63: fits a bigint and SQLite's INTEGER


class IdConverter:
    """A database id: 1 to 18 ASCII digits."""

    regex = f"[0-9]{{1,{ID_DIGITS}}}"

    def to_python(self, value: str) -> int:
        return int(value)

    def to_url(self, value: int) -> str:
        return str(value)


class YearConverter(IdConverter):
    """A calendar year with four digits, 1000 to 9999 (a date can hold it)."""

    regex = "[1-9][0-9]{3}"


def parse_id(text: str) -> int | None:
    """An id typed or posted as text, or None when it is not one (too long, not 0-9)."""
    if text.isascii() and text.isdigit() and len(text) <= ID_DIGITS:
        return int(text)
    return None


def register() -> None:
    register_converter(IdConverter, "id")
    register_converter(YearConverter, "year")
