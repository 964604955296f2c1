"""Colours for charts and spreadsheets: WCAG contrast, readable text on any fill, and the degree
scale of the catalogue (DegreeLevel colours at 0, 1 and 2, blended in between)."""

from collections.abc import Iterable
from dataclasses import dataclass
from functools import lru_cache

BLACK, WHITE = "#000000", "#ffffff"


def _rgb(colour: str) -> tuple[int, int, int]:
    colour = colour.lstrip("#")
    return int(colour[0:2], 16), int(colour[2:4], 16), int(colour[4:6], 16)


def _hex(rgb: Iterable[float]) -> str:
    return "#" + "".join(f"{max(0, min(255, round(c))):02x}" for c in rgb)


def luminance(colour: str) -> float:
    """WCAG 2.x relative luminance of a #rrggbb colour."""

    def linear(channel: int) -> float:
        c = channel / 255
        return c / 12.92 if c <= 0.03928 else ((c + 0.055) / 1.055) ** 2.4

    r, g, b = (linear(c) for c in _rgb(colour))
    return 0.2126 * r + 0.7152 * g + 0.0722 * b


def contrast(one: str, other: str) -> float:
    """WCAG 2.x contrast ratio of two colours (1 to 21)."""
    a, b = sorted((luminance(one), luminance(other)), reverse=True)
    return (a + 0.05) / (b + 0.05)


@lru_cache(maxsize=4096)
def ink_on(fill: str) -> str:
    """Black or white, whichever contrasts more with the fill: at least 4.58:1 on any colour."""
    return BLACK if contrast(BLACK, fill) >= contrast(WHITE, fill) else WHITE


@dataclass(frozen=True, slots=True)
class ColourScale:
    """Colours along the degree scale: the catalogue's DegreeLevel colours at their values (0, 1,
    2), blended in between. A total is placed on it by its mean degree per aspect, so a domain
    where every aspect is formal has the colour of 'formal cooperation'."""

    stops: tuple[tuple[float, str], ...]

    @classmethod
    def from_levels(cls, levels: Iterable) -> "ColourScale":
        stops = tuple(sorted((float(level.value), level.colour) for level in levels))
        return cls(stops or ((0.0, WHITE),))

    @property
    def top(self) -> float:
        return self.stops[-1][0]

    def colour(self, position: float) -> str:
        """The colour at a position on the scale (clamped to its ends)."""
        return _blend(self.stops, position)

    def for_total(self, total: float | None, aspects: int) -> str | None:
        """The colour of a total over `aspects` aspects; None when unknown or without aspects."""
        if total is None or aspects <= 0:
            return None
        return self.colour(total / aspects)


@lru_cache(maxsize=4096)
def _blend(stops: tuple, position: float) -> str:
    """The colour at a position between the stops (see ColourScale)."""
    if position <= stops[0][0]:
        return stops[0][1]
    for (low, low_colour), (high, high_colour) in zip(stops, stops[1:], strict=False):
        if position <= high:
            share = (position - low) / (high - low) if high > low else 1.0
            a, b = _rgb(low_colour), _rgb(high_colour)
            return _hex(x + (y - x) * share for x, y in zip(a, b, strict=True))
    return stops[-1][1]
