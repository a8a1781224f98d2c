"""Letters for people without an e-mail address: the same template, rendered to a PDF that is
queued for printing (protocol ch. 10)."""

from __future__ import annotations

from fpdf import FPDF

from notifications.rendering import Rendered

# The PDF core fonts speak Latin-1; map what Dutch letters use beyond it.
REPLACEMENTS = {
    "€": "EUR",
    "–": "-",
    "—": "-",
    "‘": "'",
    "’": "'",
    "“": '"',
    "”": '"',
    "…": "...",
    "─": "-",
    "▶": ">",
    "└": "",
    "┘": "",
    "│": "|",
}


def _latin1(text: str) -> str:
    for char, replacement in REPLACEMENTS.items():
        text = text.replace(char, replacement)
    return text.encode("latin-1", errors="replace").decode("latin-1")


def render_pdf(rendered: Rendered, to_name: str, to_address: str) -> bytes:
    pdf = FPDF(format="A4")
    pdf.set_margins(25, 20, 25)
    pdf.add_page()
    pdf.set_font("Helvetica", size=10)
    # The window envelope: name and address top left.
    pdf.multi_cell(0, 5, _latin1(f"{to_name}\n{to_address.replace(', ', chr(10))}"))
    pdf.ln(12)
    pdf.set_font("Helvetica", style="B", size=11)
    pdf.multi_cell(0, 6, _latin1(rendered.subject))
    pdf.ln(4)
    pdf.set_font("Helvetica", size=10)
    pdf.multi_cell(0, 5, _latin1(rendered.body))
    return bytes(pdf.output())
