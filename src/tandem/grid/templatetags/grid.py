"""Template lookups for the grid's comparison tables (nested dictionaries by key), and a
good-practice note's text in the page's language."""

from django import template
from django.template.defaultfilters import linebreaks_filter
from django.utils.html import conditional_escape, format_html
from django.utils.safestring import mark_safe
from django.utils.translation import get_language

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


@register.simple_tag
def note_text(note, field, paragraphs=False):
    """A good-practice note's title or text in the page's language, else in the other one,
    marked with its language (WCAG 3.1.2) when it differs from the page's."""
    language = (get_language() or "nl")[:2]
    text, lang = note.text(field, language)
    body = linebreaks_filter(text, autoescape=True) if paragraphs else conditional_escape(text)
    if lang == language:
        return mark_safe(body)  # escaped above
    tag = "div" if paragraphs else "span"
    return format_html('<{} lang="{}">{}</{}>', tag, lang, mark_safe(body), tag)
