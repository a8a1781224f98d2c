"""Message text from a template and the minimal context; the first line is the subject."""

from __future__ import annotations

from dataclasses import dataclass
from typing import Any

from django.template import TemplateDoesNotExist
from django.template.loader import get_template


@dataclass(frozen=True)
class Rendered:
    subject: str
    body: str


def render(template: str, context: dict[str, Any], language: str = "nl") -> Rendered:
    try:
        tpl = get_template(f"notifications/{template}.{language}.txt")
    except TemplateDoesNotExist:
        tpl = get_template(f"notifications/{template}.nl.txt")  # Dutch is the legal text
    text = tpl.render(context).strip()
    subject, _, body = text.partition("\n")
    return Rendered(subject=subject.strip(), body=body.lstrip("\n"))
