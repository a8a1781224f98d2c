"""The yearly report (protocol ch. 21–22): what the region, or one corporation in it, did with
the list in one year, for the board, the external auditor and the Autoriteit Persoonsgegevens.

Figures only, no personal data of the people on the list: counts, case numbers, staff user
names (the audit asks who read what). `maak` builds every table and the charts' figures; the
web layer shows them as a page, a PDF and CSV files."""

from __future__ import annotations

from collections.abc import Callable
from dataclasses import dataclass, field
from datetime import datetime
from typing import Any

from states.jaarverslag import beheer, leeslog, signaleringen, termijnen, zaken
from states.jaarverslag.bereik import Bereik, Tabel
from states.models import Deelnemer, Samenwerkingsverband

__all__ = ["Bereik", "Inhoud", "Tabel", "een_tabel", "maak"]


@dataclass
class Sectie:
    titel: str
    tabellen: list[Tabel]


@dataclass
class Inhoud:
    """The contents of one yearly report, as made at `peil`."""

    bereik: Bereik
    regio: str
    corporatie: str | None
    peil: datetime  # the end of the year, or now for a year still running
    secties: list[Sectie]
    per_maand: list[dict[str, Any]] = field(default_factory=list)
    open_per_maand: list[dict[str, Any]] = field(default_factory=list)
    open_reeksen: list[str] = field(default_factory=list)

    def tabel(self, sleutel: str) -> Tabel:
        for sectie in self.secties:
            for t in sectie.tabellen:
                if t.sleutel == sleutel:
                    return t
        raise KeyError(sleutel)

    @property
    def tabellen(self) -> list[Tabel]:
        return [t for s in self.secties for t in s.tabellen]


@dataclass(frozen=True)
class _Gegevens:
    """What the tables share: the scope, the peil, the region's corporations and categories."""

    bereik: Bereik
    peil: datetime
    regio: str
    namen: dict[int, str]
    deelnemers: list[Deelnemer]
    categorieen: dict[str, str]


def _gegevens(bereik: Bereik, now: datetime) -> _Gegevens:
    swv = Samenwerkingsverband.objects.get(pk=bereik.samenwerkingsverband_id)
    peil = min(now, bereik.einde)
    alle = list(Deelnemer.objects.filter(samenwerkingsverband=swv).order_by("naam"))
    versie = swv.geldend_protocol(peil)
    categorieen = {code: c.naam for code, c in versie.beleid.categorieen.items()} if versie else {}
    deelnemers = [d for d in alle if bereik.deelnemer_id in (None, d.pk)]
    return _Gegevens(bereik, peil, swv.naam, {d.pk: d.naam for d in alle}, deelnemers, categorieen)


Bouwer = Callable[[_Gegevens], Tabel]
# Each section's tables, by their key (the CSV's name): built all for the report, one for a CSV.
SECTIES: list[tuple[str, dict[str, Bouwer]]] = [
    (
        "Signaleringen",
        {
            "signaleringen": lambda g: signaleringen.kerncijfers(g.bereik, g.peil),
            "eindredenen": lambda g: signaleringen.eindredenen(g.bereik),
            "categorieen": lambda g: signaleringen.per_categorie(
                g.bereik, g.deelnemers, g.categorieen
            ),
        },
    ),
    (
        "Afwegingen, verzoeken, klachten en geschillen",
        {
            "verzoeken": lambda g: zaken.verzoeken(g.bereik),
            "klachten": lambda g: zaken.klachten(g.bereik),
            "geschillen": lambda g: zaken.geschillen(g.bereik),
            "wegingen": lambda g: zaken.wegingen(g.bereik, g.deelnemers),
            "datalekken": lambda g: zaken.datalekken(g.bereik),
        },
    ),
    (
        "Termijnen",
        {
            "termijnen": lambda g: termijnen.per_soort(g.bereik),
            "te_laat": lambda g: termijnen.te_laat(g.bereik, g.peil, g.namen),
        },
    ),
    (
        "Raadplegingen",
        {
            "veel_raadplegingen": lambda g: leeslog.veel_op_een_dag(g.bereik, g.namen),
            "zonder_kandidatuur": lambda g: leeslog.zonder_kandidatuur(g.bereik, g.namen),
            "buiten_kantoortijd": lambda g: leeslog.buiten_kantoortijd(g.bereik, g.namen),
        },
    ),
    (
        "Gebruikers, rechten, controles, protocol en deelname",
        {
            "gebruikers": lambda g: beheer.gebruikers(g.bereik, g.namen),
            "controles": lambda g: beheer.controles(g.bereik, g.namen),
            "protocolversies": lambda g: beheer.protocolversies(g.bereik),
            "deelname": lambda g: beheer.deelname(g.bereik, g.namen),
        },
    ),
]
BOUWERS: dict[str, Bouwer] = {k: b for _, tabellen in SECTIES for k, b in tabellen.items()}


def een_tabel(bereik: Bereik, now: datetime, sleutel: str) -> Tabel:
    """One table of the report (its CSV), without building the others; KeyError if unknown."""
    bouwer = BOUWERS[sleutel]
    return bouwer(_gegevens(bereik, now))


def maak(bereik: Bereik, now: datetime) -> Inhoud:
    g = _gegevens(bereik, now)
    secties = [
        Sectie(titel, [bouw(g) for bouw in tabellen.values()]) for titel, tabellen in SECTIES
    ]
    return Inhoud(
        bereik=bereik,
        regio=g.regio,
        corporatie=g.namen.get(bereik.deelnemer_id) if bereik.deelnemer_id else None,
        peil=g.peil,
        secties=secties,
        per_maand=termijnen.per_maand(bereik),
        open_per_maand=termijnen.open_per_maand(bereik, g.peil),
        open_reeksen=[naam for naam, _ in termijnen.OPEN_REEKSEN],
    )
