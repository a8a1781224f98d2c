"""Charts as SVG made on the server, so the same picture is on the page and in the PDF (no
script, no inline style: the CSP allows neither). Each chart has a title and description for
screen readers; the page shows the same figures in a table beside it."""

from __future__ import annotations

from collections.abc import Sequence
from typing import Any

from django.utils.html import format_html, format_html_join
from django.utils.safestring import SafeString, mark_safe

BLAUW, ROOD, GROEN, GRIJS = "#00527a", "#b3261e", "#4a6b00", "#555555"
KLEUREN = (BLAUW, ROOD, GROEN)
STREEP = ("", "6 3", "2 2")  # a line's dashes tell the series apart without colour


def _getal(n: float) -> str:
    return f"{n:.1f}".rstrip("0").rstrip(".")


def _svg(
    id_: str, breedte: int, hoogte: int, titel: str, uitleg: str, inhoud: SafeString
) -> SafeString:
    return format_html(
        '<svg class="chart-svg" role="img" aria-labelledby="{0}-t {0}-d" viewBox="0 0 {1} {2}" '
        'width="{1}" height="{2}" font-family="Verslag, DejaVu Sans, sans-serif" '
        'xmlns="http://www.w3.org/2000/svg">'
        '<title id="{0}-t">{3}</title><desc id="{0}-d">{4}</desc>{5}</svg>',
        id_,
        breedte,
        hoogte,
        titel,
        uitleg,
        inhoud,
    )


def _legenda(y: int, items: Sequence[tuple[str, str, str]]) -> SafeString:
    x, delen = 40, []
    for naam, kleur, streep in items:
        delen.append(
            format_html(
                '<line x1="{}" y1="{}" x2="{}" y2="{}" stroke="{}" stroke-width="3" '
                'stroke-dasharray="{}"></line><text x="{}" y="{}" font-size="11">{}</text>',
                x,
                y,
                x + 18,
                y,
                kleur,
                streep or "none",
                x + 23,
                y + 4,
                naam,
            )
        )
        x += 30 + 7 * len(naam)
    return mark_safe("".join(delen))


def _as(hoogste: int, top: int, onder: int, links: int, rechts: int) -> SafeString:
    """A y-axis with a few whole-number gridlines."""
    stap = max(1, -(-hoogste // 4))
    lijnen = []
    for waarde in range(0, hoogste + 1, stap):
        y = onder - (onder - top) * waarde / hoogste
        lijnen.append(
            format_html(
                '<line x1="{}" y1="{}" x2="{}" y2="{}" stroke="#ccc"></line>'
                '<text x="{}" y="{}" font-size="10" text-anchor="end">{}</text>',
                links,
                _getal(y),
                rechts,
                _getal(y),
                links - 4,
                _getal(y + 3),
                waarde,
            )
        )
    return mark_safe("".join(lijnen))


def termijnen_per_maand(maanden: list[dict[str, Any]]) -> SafeString:
    """Stacked bars: per month the deadlines met on time, and late or missed."""
    links, top, onder, breed = 40, 10, 170, 40
    hoogste = max((m["op_tijd"] + m["te_laat"] for m in maanden), default=0) or 1
    schaal = (onder - top) / hoogste
    staven = []
    for i, m in enumerate(maanden):
        x = links + 8 + i * breed
        h_op, h_laat = m["op_tijd"] * schaal, m["te_laat"] * schaal
        staven.append(
            format_html(
                '<rect x="{}" y="{}" width="26" height="{}" fill="{}"></rect>'
                '<rect x="{}" y="{}" width="26" height="{}" fill="{}"></rect>'
                '<text x="{}" y="{}" font-size="10" text-anchor="middle">{}</text>',
                x,
                _getal(onder - h_op),
                _getal(h_op),
                BLAUW,
                x,
                _getal(onder - h_op - h_laat),
                _getal(h_laat),
                ROOD,
                x + 13,
                onder + 13,
                m["maand"][:3],
            )
        )
    inhoud = mark_safe(
        _as(hoogste, top, onder, links, links + 12 * breed + 8)
        + "".join(staven)
        + _legenda(205, [("Op tijd", BLAUW, ""), ("Te laat of verstreken", ROOD, "")])
    )
    return _svg(
        "grafiek-termijnen",
        links + 12 * breed + 16,
        215,
        "Termijnen per maand",
        "Per maand het aantal termijnen dat op tijd werd gehaald en dat te laat werd gehaald of "
        "verstreek; de tabel ernaast geeft dezelfde getallen.",
        inhoud,
    )


def open_zaken(maanden: list[dict[str, Any]], reeksen: list[str]) -> SafeString:
    """Lines: the open cases of each kind at the end of each month."""
    links, top, onder, stap = 40, 10, 170, 40
    hoogste = max((n for m in maanden for n in m["reeksen"]), default=0) or 1
    lijnen = []
    for j in range(len(reeksen)):
        punten = [
            (links + 20 + i * stap, onder - (onder - top) * m["reeksen"][j] / hoogste)
            for i, m in enumerate(maanden)
        ]
        kleur, streep = KLEUREN[j % 3], STREEP[j % 3]
        lijnen.append(
            format_html(
                '<polyline points="{}" fill="none" stroke="{}" stroke-width="2.5" '
                'stroke-dasharray="{}"></polyline>{}',
                " ".join(f"{_getal(x)},{_getal(y)}" for x, y in punten),
                kleur,
                streep or "none",
                format_html_join(
                    "",
                    '<circle cx="{}" cy="{}" r="3" fill="{}"></circle>',
                    ((_getal(x), _getal(y), kleur) for x, y in punten),
                ),
            )
        )
    labels = format_html_join(
        "",
        '<text x="{}" y="{}" font-size="10" text-anchor="middle">{}</text>',
        ((links + 20 + i * stap, onder + 13, m["maand"][:3]) for i, m in enumerate(maanden)),
    )
    legenda = [(naam, KLEUREN[j % 3], STREEP[j % 3]) for j, naam in enumerate(reeksen)]
    inhoud = mark_safe(
        _as(hoogste, top, onder, links, links + 12 * stap + 8)
        + "".join(lijnen)
        + labels
        + _legenda(205, legenda)
    )
    return _svg(
        "grafiek-open",
        links + 12 * stap + 16,
        215,
        "Openstaande zaken per maand",
        "Aan het eind van elke maand het aantal zaken met een lopende termijn, per soort; de "
        "tabel ernaast geeft dezelfde getallen.",
        inhoud,
    )


def uitkomsten(groepen: list[tuple[str, list[tuple[str, int]]]]) -> SafeString:
    """Horizontal bars: per kind of case, how many ended in each outcome."""
    hoogste = max((n for _, rijen in groepen for _, n in rijen), default=0) or 1
    y, delen = 4, []
    for titel, rijen in groepen:
        delen.append(
            format_html(
                '<text x="0" y="{}" font-size="12" font-weight="bold">{}</text>', y + 12, titel
            )
        )
        y += 18
        for label, n in rijen:
            breedte = 260 * n / hoogste
            delen.append(
                format_html(
                    '<text x="0" y="{}" font-size="11">{}</text>'
                    '<rect x="190" y="{}" width="{}" height="13" fill="{}"></rect>'
                    '<text x="{}" y="{}" font-size="11">{}</text>',
                    y + 10,
                    label,
                    y,
                    _getal(breedte),
                    BLAUW,
                    _getal(195 + breedte),
                    y + 10,
                    n,
                )
            )
            y += 17
        y += 6
    if not groepen:
        delen.append(
            format_html('<text x="0" y="16" font-size="11">{}</text>', "Geen zaken in dit jaar.")
        )
        y = 24
    return _svg(
        "grafiek-uitkomsten",
        500,
        y,
        "Uitkomsten per soort zaak",
        "Per soort zaak het aantal per uitkomst; de tabellen geven dezelfde getallen.",
        mark_safe("".join(delen)),
    )
