"""A letter as a letter: letterhead, address block, place and date, reference, subject, body and
signature. The HTML template (brief_layout.html) and the PDF renderer (letters.py) both draw this
one structure, so the letter on screen and the letter on paper cannot drift apart.

The message templates stay plain text (the same text goes by e-mail); the header lines they
carry for e-mail ("Datum:", "Aan:", "Adres:") are taken out here, because the layout shows them
in their own place, and the closing with what follows it becomes the signature block.
"""

from __future__ import annotations

import re
from dataclasses import dataclass
from datetime import date
from typing import Any

from django.utils.timezone import localdate

from notifications.rendering import Rendered
from notifications.templatetags.berichten import date_en, datum

LABELS = {
    "nl": {
        "reference": "Ons kenmerk",
        "subject": "Onderwerp",
        "no_address": "(geen adres bekend)",
        "page": "Pagina {page} van {pages}",
        "list": "Signaleringslijst ongewenst huurdersgedrag",
    },
    "en": {
        "reference": "Our reference",
        "subject": "Subject",
        "no_address": "(no address known)",
        "page": "Page {page} of {pages}",
        "list": "Signaleringslijst ongewenst huurdersgedrag",
    },
}

CASE_WORDS = {
    "nl": {"signalering": "signalering", "verzoek": "verzoek", "klacht": "klacht",
           "geschil": "geschil", "hardheid": "hardheidsclausule", "account": "account"},
    "en": {"signalering": "signalering", "verzoek": "request", "klacht": "complaint",
           "geschil": "dispute", "hardheid": "hardship clause", "account": "account"},
}  # fmt: skip

# Lines the e-mail text starts with and the layout shows elsewhere.
HEADER_LINE = re.compile(r"^(Datum|Aan|Adres|Date|To|Address):")
CLOSINGS = ("Met vriendelijke groet,", "Kind regards,")
POSTCODE_PLACE = re.compile(r"\b\d{4}\s?[A-Z]{2}\s+(?P<place>[^,]+)$")


@dataclass(frozen=True)
class Block:
    """A heading, a paragraph, or a list (each line an item)."""

    kind: str
    lines: tuple[str, ...]


@dataclass(frozen=True)
class Letter:
    language: str
    sender_name: str
    sender_lines: tuple[str, ...]
    recipient_lines: tuple[str, ...]
    place_date: str
    meta: tuple[tuple[str, str], ...]  # (label, value): reference and subject
    subject: str
    blocks: tuple[Block, ...]
    closing: str
    signature: tuple[str, ...]
    labels: dict[str, str]


def long_date(day: date | str | None, language: str) -> str:
    """'23 november 2026' in Dutch, '23 November 2026' in English."""
    return date_en(day) if language == "en" else datum(day)


def reference(case_type: str, case_id: int | None, language: str) -> str:
    if case_id is None or case_type == "account":  # a kept copy: its case is gone
        return ""
    words = CASE_WORDS.get(language, CASE_WORDS["nl"])
    return f"{words.get(case_type, case_type)} {case_id}"


def build_letter(
    rendered: Rendered,
    context: dict[str, Any],
    *,
    language: str = "nl",
    to_name: str = "",
    to_address: str = "",
    case_type: str = "",
    case_id: int | None = None,
    day: date | str | None = None,
) -> Letter:
    labels = LABELS.get(language, LABELS["nl"])
    text, closing, signature = _split_closing(_strip_header(rendered.body))
    sender_name, sender_lines = _sender(context, signature)
    place = _place(sender_lines)
    when = long_date(context.get("datum_brief") or day, language)
    kenmerk = reference(case_type, case_id, language)
    meta = ((labels["reference"], kenmerk),) if kenmerk else ()
    address = [line for line in to_address.split(", ") if line] or [labels["no_address"]]
    name = to_name or context.get("naam") or ""
    return Letter(
        language=language,
        sender_name=sender_name,
        sender_lines=sender_lines,
        recipient_lines=tuple(line for line in [name, *address] if line),
        place_date=f"{place}, {when}" if place and when else when,
        meta=meta + ((labels["subject"], rendered.subject),),
        subject=rendered.subject,
        blocks=tuple(blocks(text)),
        closing=closing,
        signature=signature,
        labels=labels,
    )


def letter_of(row: Any) -> dict[str, Any]:
    """What a letter needs of an outbox row besides its text, name and address."""
    return {
        "context": row.context,
        "language": row.language,
        "case_type": row.case_type,
        "case_id": row.case_id,
        "day": localdate(row.created_at) if row.created_at else None,
    }


def letter_for(row: Any, rendered: Rendered) -> Letter:
    """The letter of an outbox row, in the language it was sent in."""
    details = letter_of(row)
    return build_letter(
        rendered,
        details.pop("context"),
        to_name=row.to_name,
        to_address=row.to_address,
        **details,
    )


def _strip_header(body: str) -> str:
    lines = body.split("\n")
    while lines and (HEADER_LINE.match(lines[0]) or not lines[0].strip()):
        lines.pop(0)
    return "\n".join(lines)


def _split_closing(body: str) -> tuple[str, str, tuple[str, ...]]:
    """The last closing and what follows it: the signature (a function or an organisation,
    as the templates sign; never a person's name the data does not hold)."""
    lines = body.rstrip().split("\n")
    for i in range(len(lines) - 1, -1, -1):
        if lines[i].strip() in CLOSINGS:
            signature = tuple(line.strip() for line in lines[i + 1 :] if line.strip())
            return "\n".join(lines[:i]).rstrip(), lines[i].strip(), signature
    return body.rstrip(), "", ()


def _sender(context: dict[str, Any], signature: tuple[str, ...]) -> tuple[str, tuple[str, ...]]:
    """The corporation that signs, with its address; else the samenwerkingsverband."""
    bron = context.get("primaire_bron") or {}
    swv = context.get("samenwerkingsverband") or "Woning in Zicht"
    signed_by_bron = bron.get("naam") and any(bron["naam"] == line for line in signature)
    if signed_by_bron or (bron.get("naam") and not any(swv in line for line in signature)):
        lines = [part for part in (bron.get("adres") or "").split(", ") if part]
        if bron.get("email"):
            lines.append(bron["email"])
        return bron["naam"], tuple(lines)
    lines = [context["portaal_url"]] if context.get("portaal_url") else []
    return swv, tuple(lines)


def _place(sender_lines: tuple[str, ...]) -> str:
    for line in sender_lines:
        match = POSTCODE_PLACE.search(line)
        if match:
            return match.group("place").strip()
    return ""


def blocks(text: str) -> list[Block]:
    """Paragraphs from the e-mail text, with its hard line breaks undone: a short first line
    without a full stop is a heading, lines starting with '- ' are list items."""
    result: list[Block] = []
    for para in re.split(r"\n\s*\n", text.strip()):
        lines = [line.rstrip() for line in para.split("\n") if line.strip()]
        if not lines:
            continue
        if len(lines) > 1 and _is_heading(lines[0], lines[1]):
            result.append(Block("heading", (lines.pop(0),)))
        result.extend(_group(lines))
    return result


def _is_heading(line: str, next_line: str) -> bool:
    return (
        len(line) < 70
        and not line.startswith("- ")
        and ": " not in line
        and line[-1] not in ".:,;"
        and not next_line[:1].islower()  # then the sentence only wrapped early
    )


def _group(lines: list[str]) -> list[Block]:
    """List items together (an indented line continues its item); other lines joined where
    the text was only wrapped."""
    out: list[Block] = []
    current: list[str] = []
    kind = "paragraph"

    def switch(to: str) -> None:
        nonlocal current, kind
        if kind != to and current:
            out.append(Block(kind, tuple(current)))
            current = []
        kind = to

    for line in lines:
        if line.startswith("- "):
            switch("list")
            current.append(line[2:].strip())
        elif kind == "list" and current and line.startswith("  "):
            current[-1] = f"{current[-1]}\n{line.strip()}"
        else:
            switch("paragraph")
            if current and _wrapped(current[-1], line):
                current[-1] = f"{current[-1]} {line.strip()}"
            else:
                current.append(line.strip())
    switch("")
    return out


def _wrapped(previous: str, line: str) -> bool:
    """Was `line` only a continuation of `previous` (the template wrapped a sentence)?"""
    if previous.endswith(":") or HEADER_LINE.match(line):
        return False
    return line[:1].islower() or (len(previous) >= 80 and not previous.endswith("."))
