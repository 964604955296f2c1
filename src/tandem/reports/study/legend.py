"""The score legend's colours (the catalogue's, as the questionnaire and the matrices show them)
for the study report's stylesheet and its PDF; a colour that is not #RRGGBB is left out, so
nothing but a checked colour reaches a stylesheet or a template."""

import re

from tandem.catalogue.cache import choice_terms

COLOUR = re.compile(r"^#[0-9a-fA-F]{6}$")


def degree_colours() -> list[tuple[int, str, str]]:
    """(degree, fill, ink) per level of the legend."""
    return [
        (level.value, level.colour, level.text_colour)
        for level in choice_terms()[0]
        if COLOUR.match(level.colour) and COLOUR.match(level.text_colour)
    ]
