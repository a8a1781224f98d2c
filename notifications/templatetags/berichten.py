"""Filters for message templates: dates as a Dutch letter writes them."""

from __future__ import annotations

from datetime import date

from django import template
from django.utils.formats import number_format

register = template.Library()

MAANDEN = (
    "januari februari maart april mei juni juli augustus september oktober november december"
).split()


@register.filter
def datum(value: str | date | None) -> str:
    """'2026-11-23' → '23 november 2026'."""
    if not value:
        return ""
    day = value if isinstance(value, date) else date.fromisoformat(str(value))
    return f"{day.day} {MAANDEN[day.month - 1]} {day.year}"


@register.filter
def reikwijdte(value: str) -> str:
    """A scope in plain Dutch words (ch. 7)."""
    return {
        "regio": "bij alle deelnemende corporaties",
        "corporatie": "alleen bij de primaire bron",
    }.get(value, value)


@register.filter
def scope_en(value: str) -> str:
    return {
        "regio": "at every participating housing association",
        "corporatie": "only at the primaire bron",
    }.get(value, value)


@register.filter
def termijn(maanden: int | None) -> str:
    if not maanden:
        return ""
    if maanden % 12 == 0:
        jaren = maanden // 12
        return f"{jaren} jaar"
    return f"{maanden} maanden"


MONTHS = (
    "January February March April May June July August September October November December"
).split()


@register.filter
def date_en(value: str | date | None) -> str:
    """'2026-11-23' → '23 November 2026'."""
    if not value:
        return ""
    day = value if isinstance(value, date) else date.fromisoformat(str(value))
    return f"{day.day} {MONTHS[day.month - 1]} {day.year}"


@register.filter
def term_en(months: int | None) -> str:
    if not months:
        return ""
    if months % 12 == 0:
        years = months // 12
        return f"{years} year" + ("s" if years != 1 else "")
    return f"{months} months"


@register.filter
def aantal(value: int | None) -> str:
    """A count with the thousands separator of the active language: 1234 → '1.234' in Dutch."""
    if value is None or value == "":
        return ""
    return number_format(value, force_grouping=True)


@register.filter
def periode(value: str | None) -> str:
    """A half year as the access reviews name it: '2027-1' → 'eerste halfjaar 2027'."""
    jaar, _, helft = str(value or "").partition("-")
    if not jaar.isdigit() or helft not in ("1", "2"):
        return str(value or "")
    return f"{'eerste' if helft == '1' else 'tweede'} halfjaar {jaar}"
