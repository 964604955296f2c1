"""`{% form_field field %}`: a form field written out whole (label, help text, widget, errors),
with the ids that aria-describedby points to (Django's own: `<id>_helptext`, `<id>_error`).

The widgets a questionnaire page holds by the dozen (text areas, selects, text inputs, check
boxes, radio buttons and check box lists) are written here directly: rendering Django's widget
templates, and an included template per field, made a domain page several times slower (P4).
Values and labels are escaped by format_html; any other widget is rendered by Django."""

from django import forms, template
from django.forms.utils import flatatt
from django.utils.html import format_html, format_html_join
from django.utils.safestring import mark_safe
from django.utils.translation import gettext as _

register = template.Library()

# Exact classes: a subclass may render differently (ClearableFileInput adds a clear box).
PLAIN_INPUTS = {
    forms.TextInput,
    forms.URLInput,
    forms.EmailInput,
    forms.NumberInput,
    forms.DateInput,
    forms.PasswordInput,
    forms.HiddenInput,
    forms.FileInput,
}
OPTION_LISTS = {forms.RadioSelect, forms.CheckboxSelectMultiple}


@register.simple_tag
def form_field(field):
    widget = field.field.widget
    if widget.is_hidden:
        return _widget(field, widget, {})
    help_id, error_id = f"{field.auto_id}_helptext", f"{field.auto_id}_error"
    described = " ".join(
        i for i, shown in ((help_id, field.help_text), (error_id, field.errors)) if shown
    )
    help_html = (
        format_html('<span class="help" id="{}">{}</span>', help_id, field.help_text)
        if field.help_text
        else ""
    )
    errors = (
        format_html(
            '<div class="field-error" id="{}">{}</div>',
            error_id,
            format_html_join("", "<p>{}</p>", ((e,) for e in field.errors)),
        )
        if field.errors
        else ""
    )
    # Read once: a model choice field queries its choices each time they are iterated (and
    # counts them first when list() asks their length).
    written_choices = type(widget) in OPTION_LISTS or type(widget) is forms.Select
    choices = list(iter(field.field.choices)) if written_choices else None
    label = _label_with_marker(field)
    if type(widget) in OPTION_LISTS and not _has_groups(choices):
        body = format_html(
            '<fieldset class="choices"{}><legend>{}</legend>{}{}</fieldset>',
            flatatt({"aria-describedby": described}) if described else "",
            label,
            help_html,
            _options(field, widget, choices),
        )
    else:
        attrs = {"aria-describedby": described} if described else {}
        body = format_html(
            '<label for="{}">{}</label>{}{}',
            field.id_for_label,
            label,
            help_html,
            _widget(field, widget, attrs, choices),
        )
    return format_html(
        '<div class="field{}">{}{}</div>', " has-error" if field.errors else "", body, errors
    )


def _label_with_marker(field):
    """The label, marked "required" when the form needs the answer before a submit although a
    draft may leave it empty (`required_for_submit`, e.g. the questionnaire's degree)."""
    if field.name not in getattr(field.form, "required_for_submit", ()):
        return field.label
    return format_html('{} <span class="required">({})</span>', field.label, _("required"))


def _options(field, widget, choices) -> str:
    """Radio buttons or check boxes, one label each, as the option widgets would write them."""
    value = field.value()
    chosen = {str(v) for v in value} if isinstance(value, list | tuple) else {str(value)}
    flags = mark_safe(
        (" disabled" if field.field.disabled else "")
        + (" required" if _required(field, widget) else "")
    )
    return format_html_join(
        "",
        '<label for="{0}_{1}"><input type="{2}" name="{3}" value="{4}" id="{0}_{1}"{5}{6}> '
        "{7}</label>",
        (
            (
                field.auto_id,
                index,
                widget.input_type,
                field.html_name,
                key,
                mark_safe(" checked") if str(key) in chosen else "",
                flags,
                label,
            )
            for index, (key, label) in enumerate(choices)
            if key != ""
        ),
    )


def _required(field, widget) -> bool:
    return (
        field.field.required
        and field.form.use_required_attribute
        and widget.use_required_attribute(field.initial)
    )


def _has_groups(choices) -> bool:
    return any(isinstance(label, list | tuple) for _key, label in choices)


def _widget(field, widget, attrs, choices=None) -> str:
    kind = type(widget)
    if kind is forms.Select and choices is None:
        choices = list(iter(field.field.choices))
    written = (
        kind in PLAIN_INPUTS
        or kind in (forms.Textarea, forms.CheckboxInput)
        or (kind is forms.Select and not _has_groups(choices))
    )
    if not written:
        return field.as_widget(attrs=attrs)
    attrs = widget.build_attrs(widget.attrs, field.build_widget_attrs(attrs, widget))
    if field.auto_id:
        attrs.setdefault("id", field.auto_id)
    value = field.value()
    if kind is forms.Textarea:
        text = widget.format_value(value) or ""
        # The line break after the tag keeps a value's own leading line break (HTML drops one).
        return format_html(
            '<textarea name="{}"{}>\n{}</textarea>', field.html_name, flatatt(attrs), text
        )
    if kind is forms.Select:
        chosen = set(widget.format_value(value))
        options = format_html_join(
            "",
            '<option value="{}"{}>{}</option>',
            (
                (key, mark_safe(" selected") if str(key) in chosen else "", label)
                for key, label in choices
            ),
        )
        return format_html(
            '<select name="{}"{}>{}</select>', field.html_name, flatatt(attrs), options
        )
    if kind is forms.CheckboxInput:
        if widget.check_test(value):
            attrs["checked"] = True
        return format_html('<input type="checkbox" name="{}"{}>', field.html_name, flatatt(attrs))
    if kind is forms.PasswordInput and not widget.render_value or kind is forms.FileInput:
        value = None
    shown = widget.format_value(value)
    return format_html(
        '<input type="{}" name="{}"{}{}>',
        widget.input_type,
        field.html_name,
        format_html(' value="{}"', shown) if shown is not None else "",
        flatatt(attrs),
    )
