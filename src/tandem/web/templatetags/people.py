"""`{{ user|person }}`: a person as pages name them (full name, else e-mail address or user
name); "" for nobody (a deleted account, a system action), so `|default:` can say who else."""

from django import template

register = template.Library()


@register.filter
def person(user) -> str:
    if user is None:
        return ""
    return user.get_full_name() or user.email or user.get_username()
