"""Template lookups for the grid's comparison tables (nested dictionaries by key)."""

from django import template

register = template.Library()


@register.filter
def item(mapping, key):
    """mapping[key], or None: `{{ counts|item:domain.pk|item:"current" }}`."""
    if mapping is None:
        return None
    try:
        return mapping.get(key)
    except AttributeError:
        return None


@register.filter
def count(counter, key):
    """A Counter's count (0 when absent or when there is no counter)."""
    return (counter or {}).get(key, 0)
