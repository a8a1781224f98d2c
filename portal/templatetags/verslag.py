"""How a report cell reads on the page and in the PDF: Dutch dates and thousands, '—' for none."""

from __future__ import annotations

from datetime import date, datetime
from typing import Any

from django import template

from states.clock import AMSTERDAM

register = template.Library()


@register.filter
def cel(value: Any) -> str:
    if value is None or value == "":
        return "—"
    if isinstance(value, bool):
        return "ja" if value else "nee"
    if isinstance(value, int):
        return f"{value:,}".replace(",", ".")
    if isinstance(value, datetime):
        return value.astimezone(AMSTERDAM).strftime("%d-%m-%Y %H:%M")
    if isinstance(value, date):
        return value.strftime("%d-%m-%Y")
    return str(value)


@register.filter
def is_getal(value: Any) -> bool:
    return isinstance(value, int | float) and not isinstance(value, bool)
