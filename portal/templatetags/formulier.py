"""Form fields that say which help and error texts belong to them (WCAG 1.3.1, 3.3.1)."""

from __future__ import annotations

from django import template
from django.forms import BoundField

register = template.Library()


def described_by(field: BoundField) -> str:
    """The ids of the help and error texts that _form.html renders for this field."""
    ids = []
    if field.help_text:
        ids.append(f"{field.auto_id}-help")
    if field.errors:
        ids.append(f"{field.auto_id}-error")
    return " ".join(ids)


@register.filter
def met_beschrijving(field: BoundField) -> str:
    """Render the widget with aria-describedby (and aria-invalid) pointing at existing ids."""
    attrs = {}
    ids = described_by(field)
    if ids:
        attrs["aria-describedby"] = ids
    if field.errors:
        attrs["aria-invalid"] = "true"
    return field.as_widget(attrs=attrs)


@register.filter
def beschrijving(field: BoundField) -> str:
    """The aria-describedby value for a group (fieldset) of radio buttons."""
    return described_by(field)


@register.filter
def eerste_id(field: BoundField) -> str:
    """Where the error summary links to: the first radio button, or the field itself."""
    if getattr(field.field.widget, "input_type", "") == "radio":
        return f"{field.auto_id}_0"
    return field.auto_id
