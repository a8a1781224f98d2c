"""Letters for people without an e-mail address: the same template, laid out as a letter
(letter_layout.py) and drawn to a PDF that is queued for printing (protocol ch. 10).

The fonts are DejaVu Sans, embedded in the PDF (vendored in notifications/fonts/ with their
licence): every character of the text prints as written, €, „quotes”, dashes and ë included.
"""

from __future__ import annotations

import logging
from datetime import date
from pathlib import Path
from typing import Any

from fpdf import FPDF

from notifications.letter_layout import Block, Letter, build_letter
from notifications.rendering import Rendered

# fontTools logs every glyph it subsets at INFO: noise in the job log.
logging.getLogger("fontTools").setLevel(logging.WARNING)

FONTS = Path(__file__).resolve().parent / "fonts"
FAMILY = "DejaVuSans"
LEFT, TOP, RIGHT = 25, 18, 20  # mm; the address sits in a window envelope's window
ADDRESS_Y, DATE_Y = 52, 88
GREY, BLACK = (90, 90, 90), (0, 0, 0)
# Ragged right as letters are; back to the margin after each block.
NEXT_LINE = {"align": "L", "new_x": "LMARGIN", "new_y": "NEXT"}


class _LetterPDF(FPDF):
    def __init__(self, letter: Letter) -> None:
        super().__init__(format="A4")
        self.page_label = letter.labels["page"]
        self.reference = dict(letter.meta).get(letter.labels["reference"], "")
        if self.reference:
            self.reference = f"{letter.labels['reference']} {self.reference}"
        self.add_font(FAMILY, "", str(FONTS / "DejaVuSans.ttf"))
        self.add_font(FAMILY, "B", str(FONTS / "DejaVuSans-Bold.ttf"))
        self.set_margins(LEFT, TOP, RIGHT)
        self.set_auto_page_break(True, margin=20)
        self.alias_nb_pages()

    def footer(self) -> None:
        self.set_y(-14)
        self.set_font(FAMILY, size=8)
        self.set_text_color(*GREY)
        # Every page says which letter it belongs to: the pages of a print run get mixed up.
        self.cell(0, 5, self.reference)
        self.set_x(LEFT)
        label = self.page_label.format(page=self.page_no(), pages=self.str_alias_nb_pages)
        self.cell(0, 5, label, align="R")

    def keep(self, height: float) -> None:
        """Start a new page unless `height` mm still fit: a heading stays with its text, the
        closing with the signature."""
        if self.get_y() + height > self.page_break_trigger:
            self.add_page()


def render_letter_pdf(letter: Letter) -> bytes:
    pdf = _LetterPDF(letter)
    pdf.set_title(letter.subject)
    pdf.set_lang(letter.language)
    pdf.add_page()
    _letterhead(pdf, letter)
    pdf.set_y(ADDRESS_Y)
    pdf.set_font(FAMILY, size=10)
    pdf.multi_cell(90, 5, "\n".join(letter.recipient_lines), **NEXT_LINE)
    pdf.set_y(max(pdf.get_y() + 8, DATE_Y))
    pdf.multi_cell(0, 5, letter.place_date, **NEXT_LINE)
    pdf.ln(4)
    for label, value in letter.meta:
        pdf.set_font(FAMILY, style="B", size=10)
        pdf.cell(32, 5, label)
        pdf.set_font(FAMILY, size=10)
        pdf.multi_cell(0, 5, value, **NEXT_LINE)
    pdf.ln(6)
    for block in letter.blocks:
        _block(pdf, block)
    _signature(pdf, letter)
    return bytes(pdf.output())


def _letterhead(pdf: FPDF, letter: Letter) -> None:
    pdf.set_font(FAMILY, style="B", size=15)
    pdf.multi_cell(0, 7, letter.sender_name, **NEXT_LINE)
    pdf.set_font(FAMILY, size=8.5)
    pdf.set_text_color(*GREY)
    pdf.multi_cell(0, 4.2, "  ·  ".join(letter.sender_lines) or letter.labels["list"], **NEXT_LINE)
    pdf.set_text_color(*BLACK)
    pdf.set_draw_color(*GREY)
    pdf.line(LEFT, pdf.get_y() + 2, pdf.w - RIGHT, pdf.get_y() + 2)


def _block(pdf: _LetterPDF, block: Block) -> None:
    if block.kind == "heading":
        pdf.keep(6 + 3 * 5)
        pdf.set_font(FAMILY, style="B", size=10)
        pdf.multi_cell(0, 5, block.lines[0], **NEXT_LINE)
        pdf.ln(1)
        return
    pdf.set_font(FAMILY, size=10)
    for line in block.lines:
        if block.kind == "list":
            pdf.cell(5, 5, "•")
            pdf.multi_cell(0, 5, line, **NEXT_LINE)
        else:
            pdf.multi_cell(0, 5, line, **NEXT_LINE)
    pdf.ln(3.5)


def _signature(pdf: _LetterPDF, letter: Letter) -> None:
    if not letter.closing:
        return
    pdf.keep(2 + 5 + 10 + 5 * len(letter.signature))
    pdf.ln(2)
    pdf.set_font(FAMILY, size=10)
    pdf.multi_cell(0, 5, letter.closing, **NEXT_LINE)
    pdf.ln(10)  # room for a handwritten signature
    pdf.multi_cell(0, 5, "\n".join(letter.signature), **NEXT_LINE)


def render_pdf(
    rendered: Rendered,
    to_name: str,
    to_address: str,
    *,
    context: dict[str, Any] | None = None,
    language: str = "nl",
    case_type: str = "",
    case_id: int | None = None,
    day: date | str | None = None,
) -> bytes:
    """The PDF of a rendered message, laid out as a letter."""
    letter = build_letter(
        rendered,
        context or {},
        language=language,
        to_name=to_name,
        to_address=to_address,
        case_type=case_type,
        case_id=case_id,
        day=day,
    )
    return render_letter_pdf(letter)
