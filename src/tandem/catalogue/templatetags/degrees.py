"""`{{ response.degree|degree }}`: a score written with its symbol and label (the symbol hidden
from screen readers, which read the score and the label)."""

from django import template
from django.utils.html import format_html
from django.utils.translation import gettext as _

from ..degrees import degree_level

register = template.Library()


@register.filter
def degree(value):
    level = degree_level(value)
    if level is None:
        if value in (None, ""):
            return format_html('<span class="degree">{}</span>', _("not answered"))
        return value
    return format_html(
        '<span class="degree"><span class="swatch swatch-{}" aria-hidden="true">{}</span> {} {}'
        "</span>",
        level.value,
        level.symbol,
        level.value,
        level.label,
    )
