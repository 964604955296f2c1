"""Texts a pair writes in Dutch, in French or in both (a Brussels pair writes in either): the
database rule that one of them is given, and the choice of the one to show. The synergy register
and the grid's good-practice notes keep their texts so."""

from django.db import models

LANGUAGES = ("nl", "fr")


def either_language(field: str, name: str) -> models.CheckConstraint:
    """A database rule: the text is given in Dutch, in French, or in both."""
    return models.CheckConstraint(
        condition=~models.Q(**{f"{field}_nl": ""}) | ~models.Q(**{f"{field}_fr": ""}),
        name=name,
    )


def text_in(record: models.Model, field: str, language: str) -> tuple[str, str]:
    """(text, its language): `record`'s `field` in the asked language, else in the other one."""
    wanted = (language if language in LANGUAGES else "nl",)
    for lang in wanted + tuple(lang for lang in LANGUAGES if lang not in wanted):
        value = getattr(record, f"{field}_{lang}", "")
        if value:
            return value, lang
    return "", wanted[0]
