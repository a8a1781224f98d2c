"""The yearly report (protocol ch. 21–22): what the region, or one corporation in it, did with
the list in one year, for the board, the external auditor and the Autoriteit Persoonsgegevens.

Figures only, no personal data of the people on the list: counts, case numbers, staff user
names (the audit asks who read what). `maak` builds every table and the charts' figures; the
web layer shows them as a page, a PDF and CSV files."""

from __future__ import annotations

from dataclasses import dataclass, field
from datetime import datetime
from typing import Any

from states.jaarverslag import beheer, leeslog, signaleringen, termijnen, zaken
from states.jaarverslag.bereik import Bereik, Tabel
from states.models import Deelnemer, Samenwerkingsverband

__all__ = ["Bereik", "Inhoud", "Tabel", "maak"]


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


def maak(bereik: Bereik, now: datetime) -> Inhoud:
    swv = Samenwerkingsverband.objects.get(pk=bereik.samenwerkingsverband_id)
    peil = min(now, bereik.einde)
    alle = list(Deelnemer.objects.filter(samenwerkingsverband=swv).order_by("naam"))
    namen = {d.pk: d.naam for d in alle}
    deelnemers = [d for d in alle if bereik.deelnemer_id in (None, d.pk)]
    versie = swv.geldend_protocol(peil)
    categorieen = {code: c.naam for code, c in versie.beleid.categorieen.items()} if versie else {}
    secties = [
        Sectie(
            "Signaleringen",
            [
                signaleringen.kerncijfers(bereik, peil),
                signaleringen.eindredenen(bereik),
                signaleringen.per_categorie(bereik, deelnemers, categorieen),
            ],
        ),
        Sectie(
            "Afwegingen, verzoeken, klachten en geschillen",
            [
                zaken.verzoeken(bereik),
                zaken.klachten(bereik),
                zaken.geschillen(bereik),
                zaken.wegingen(bereik, deelnemers),
                zaken.datalekken(bereik),
            ],
        ),
        Sectie(
            "Termijnen",
            [termijnen.per_soort(bereik), termijnen.te_laat(bereik, peil, namen)],
        ),
        Sectie(
            "Raadplegingen",
            [
                leeslog.veel_op_een_dag(bereik, namen),
                leeslog.zonder_kandidatuur(bereik, namen),
                leeslog.buiten_kantoortijd(bereik, namen),
            ],
        ),
        Sectie(
            "Gebruikers, rechten, controles, protocol en deelname",
            [
                beheer.gebruikers(bereik, namen),
                beheer.controles(bereik, namen),
                beheer.protocolversies(bereik),
                beheer.deelname(bereik, namen),
            ],
        ),
    ]
    return Inhoud(
        bereik=bereik,
        regio=swv.naam,
        corporatie=namen.get(bereik.deelnemer_id) if bereik.deelnemer_id else None,
        peil=peil,
        secties=secties,
        per_maand=termijnen.per_maand(bereik),
        open_per_maand=termijnen.open_per_maand(bereik, peil),
        open_reeksen=[naam for naam, _ in termijnen.OPEN_REEKSEN],
    )
