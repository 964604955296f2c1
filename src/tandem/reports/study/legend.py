"""The score legend's colours (the catalogue's, as the questionnaire and the matrices show them)
for the study report's stylesheet and its PDF; a colour that is not #RRGGBB is left out, so
nothing but a checked colour reaches a stylesheet or a template."""

from tandem.catalogue.cache import choice_terms
from tandem.formats.tables import HEX_COLOUR


def degree_colours() -> list[tuple[int, str, str]]:
    """(degree, fill, ink) per level of the legend."""
    return [
        (level.value, level.colour, level.text_colour)
        for level in choice_terms()[0]
        if HEX_COLOUR.match(level.colour) and HEX_COLOUR.match(level.text_colour)
    ]
