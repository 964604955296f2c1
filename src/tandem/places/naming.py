"""A municipality's name in a page's language: French on French pages (Namur), Dutch on Dutch
pages (Namen); in English the official name of its region's language (Dutch in Flanders, French
in Wallonia). The 19 Brussels municipalities have two official names: both are given, the
page's language first (Sint-Jans-Molenbeek / Molenbeek-Saint-Jean), one when they are the same
(Etterbeek)."""

import unicodedata

from django.utils.translation import get_language

FLANDERS, BRUSSELS = "02000", "04000"
# The columns a pair's name needs, for reads that name many pairs without building them.
PAIR_NAME_COLUMNS = (
    "pk",
    "municipality__refnis",
    "municipality__name_nl",
    "municipality__name_fr",
    "municipality__region__refnis",
)


def municipality_name(name_nl: str, name_fr: str, region_refnis: str, language=None) -> str:
    language = (language or get_language() or "nl")[:2]
    french_first = language == "fr" or (language == "en" and region_refnis != FLANDERS)
    first, second = (name_fr, name_nl) if french_first else (name_nl, name_fr)
    if region_refnis == BRUSSELS and second and second != first:
        return f"{first} / {second}"
    return first


def pair_name(pair, language=None) -> str:
    """The pair's municipality name in a language (its region read from the pair)."""
    municipality = pair.municipality
    return municipality_name(
        municipality.name_nl, municipality.name_fr, municipality.region.refnis, language
    )


def folded(text: str) -> str:
    """Text as the pair search compares it: lower case, without accents, hyphens and apostrophes
    as spaces, so 'ecaussinnes' finds Écaussinnes and 'sint jans' finds Sint-Jans-Molenbeek."""
    decomposed = unicodedata.normalize("NFKD", text.casefold())
    bare = "".join(c for c in decomposed if not unicodedata.combining(c))
    return " ".join(bare.replace("-", " ").replace("'", " ").replace("\u2019", " ").split())
