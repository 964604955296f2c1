"""Template filters for Belgian formats: {{ amount|money }}, {{ n|number }}, {{ day|bedate }}."""

from django import template

from tandem.formats import belgian

register = template.Library()


@register.filter
def money(value):
    return "" if value in (None, "") else belgian.format_money(value)


@register.filter
def number(value, decimals=0):
    return "" if value in (None, "") else belgian.format_number(value, int(decimals))


@register.filter
def bedate(value):
    return "" if value in (None, "") else belgian.format_date(value)


@register.filter
def bedatetime(value):
    return "" if value in (None, "") else belgian.format_datetime(value)
