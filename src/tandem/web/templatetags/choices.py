"""Radio buttons and checkboxes written out in the page's own template: rendering Django's
option widget template once per choice made a questionnaire page several times slower."""

from django import template

register = template.Library()


@register.simple_tag
def chosen_options(field):
    """(id, value, label, checked) for each choice of a choice field, as its widget would."""
    value = field.value()
    values = {str(v) for v in value} if isinstance(value, list | tuple) else {str(value)}
    return [
        (f"{field.auto_id}_{index}", str(key), label, str(key) in values)
        for index, (key, label) in enumerate(field.field.choices)
        if key != ""
    ]
