"""The protocol's policy as pure functions: no ORM, no clock.

A protocol version is data (`ProtocolVersie.beleid`, a JSON document); `Beleid.from_data` turns it
into frozen values, and the functions below answer the questions a registration asks: which
categories, which scope, how long, until when. Chapter numbers refer to the Woning in Zicht
protocol v1.4 (shared/seeds/001_…txt).
"""

from __future__ import annotations

import calendar
from collections.abc import Iterable, Mapping
from dataclasses import dataclass
from datetime import date
from decimal import Decimal, InvalidOperation
from typing import Any

REGIO = "regio"
CORPORATIE = "corporatie"


class PolicyError(ValueError):
    """A registration that the protocol does not allow; `errors` maps field → messages."""

    def __init__(self, errors: Mapping[str, list[str]]):
        self.errors = {field: list(messages) for field, messages in errors.items()}
        super().__init__("; ".join(f"{k}: {' '.join(v)}" for k, v in self.errors.items()))


@dataclass(frozen=True)
class Categorie:
    code: str
    naam: str
    reikwijdte: str  # REGIO or CORPORATIE (ch. 7: "uitsluiting regio/corporatie")
    max_termijn_maanden: int


@dataclass(frozen=True)
class Criterium:
    code: str
    categorie: str
    omschrijving: str
    gronden: tuple[str, ...]  # the formal grounds (ch. 5 a–e) that can carry this criterion
    minimum_bedrag: Decimal | None = None


@dataclass(frozen=True)
class Grond:
    code: str
    omschrijving: str


@dataclass(frozen=True)
class Schijf:
    """A damage/claim bracket of category D: from `vanaf` (inclusive) to `tot` (exclusive)."""

    vanaf: Decimal
    tot: Decimal | None
    termijn_maanden: int


@dataclass(frozen=True)
class Beleid:
    versie: str
    categorieen: Mapping[str, Categorie]
    criteria: Mapping[str, Criterium]
    gronden: Mapping[str, Grond]
    schijven_d: tuple[Schijf, ...]
    termijnen: Mapping[str, int]  # deadline lengths used by the case machines (weeks, days, …)
    eindredenen_alleen_d: frozenset[str]

    @classmethod
    def from_data(cls, data: Mapping[str, Any]) -> Beleid:
        categorieen = {
            c["code"]: Categorie(
                c["code"], c["naam"], c["reikwijdte"], int(c["max_termijn_maanden"])
            )
            for c in data["categorieen"]
        }
        criteria = {
            c["code"]: Criterium(
                c["code"],
                c["categorie"],
                c["omschrijving"],
                tuple(c["gronden"]),
                Decimal(c["minimum_bedrag"]) if c.get("minimum_bedrag") is not None else None,
            )
            for c in data["criteria"]
        }
        gronden = {g["code"]: Grond(g["code"], g["omschrijving"]) for g in data["gronden"]}
        schijven = tuple(
            Schijf(
                Decimal(s["vanaf"]),
                Decimal(s["tot"]) if s.get("tot") is not None else None,
                int(s["termijn_maanden"]),
            )
            for s in data["schijven_d"]
        )
        beleid = cls(
            versie=str(data["versie"]),
            categorieen=categorieen,
            criteria=criteria,
            gronden=gronden,
            schijven_d=tuple(sorted(schijven, key=lambda s: s.vanaf)),
            termijnen=dict(data.get("termijnen", {})),
            eindredenen_alleen_d=frozenset(data.get("eindredenen_alleen_d", [])),
        )
        beleid._check_consistent()
        return beleid

    def _check_consistent(self) -> None:
        for crit in self.criteria.values():
            if crit.categorie not in self.categorieen:
                raise ValueError(f"criterium {crit.code} verwijst naar onbekende categorie")
            unknown = set(crit.gronden) - set(self.gronden)
            if unknown:
                raise ValueError(f"criterium {crit.code} verwijst naar onbekende gronden {unknown}")


@dataclass(frozen=True)
class Reden:
    """One reason for a signalering: a criterion (I–IX) with the formal ground it rests on."""

    criterium: str
    grond: str


@dataclass(frozen=True)
class Uitsluiting:
    """One category's part of a signalering: its own scope, chosen term and end (ch. 7)."""

    categorie: str
    reikwijdte: str  # REGIO: at every participant; CORPORATIE: at the primaire bron only
    max_termijn_maanden: int
    termijn_maanden: int
    einddatum: date


@dataclass(frozen=True)
class Beoordeling:
    """What the protocol makes of a proposed registration: a part per category.

    Several categories never mean "the widest scope for the longest term": B + D (€12,000) blocks
    region-wide for at most two years and at the primaire bron alone for up to five."""

    delen: tuple[Uitsluiting, ...]

    @property
    def categorieen(self) -> tuple[str, ...]:
        return tuple(d.categorie for d in self.delen)

    @property
    def einddatum(self) -> date:
        return max(d.einddatum for d in self.delen)

    @property
    def einddatum_regio(self) -> date | None:
        """Until when the region-wide part runs; None when no category blocks region-wide."""
        regio = [d.einddatum for d in self.delen if d.reikwijdte == REGIO]
        return max(regio) if regio else None

    @property
    def reikwijdte(self) -> str:
        return REGIO if self.einddatum_regio is not None else CORPORATIE

    @property
    def termijn_maanden(self) -> int:
        return max(d.termijn_maanden for d in self.delen)

    @property
    def max_termijn_maanden(self) -> int:
        return max(d.max_termijn_maanden for d in self.delen)

    @property
    def termijnen(self) -> dict[str, int]:
        return {d.categorie: d.termijn_maanden for d in self.delen}


def add_months(start: date, months: int) -> date:
    """Same day `months` later; when that month is shorter, its last day (29 Feb + 1 y = 28 Feb)."""
    month_index = start.month - 1 + months
    year, month = start.year + month_index // 12, month_index % 12 + 1
    return date(year, month, min(start.day, calendar.monthrange(year, month)[1]))


def bedrag_uit(value: Any) -> Decimal | None:
    if value in (None, ""):
        return None
    try:
        amount = Decimal(str(value))
    except InvalidOperation as exc:
        raise PolicyError({"bedrag": ["Geen geldig bedrag."]}) from exc
    if not amount.is_finite() or amount < 0 or amount.as_tuple().exponent < -2:
        raise PolicyError({"bedrag": ["Een bedrag in euro's met hoogstens twee decimalen."]})
    return amount


def schijf_termijn(beleid: Beleid, bedrag: Decimal) -> int:
    """The term of category D for an outstanding claim of `bedrag` (ch. 7)."""
    for schijf in beleid.schijven_d:
        if bedrag >= schijf.vanaf and (schijf.tot is None or bedrag < schijf.tot):
            return schijf.termijn_maanden
    laagste = beleid.schijven_d[0].vanaf
    raise PolicyError({"bedrag": [f"Onder € {laagste}: geen uitsluitingstermijn in dit protocol."]})


def bedrag_voor_termijn(beleid: Beleid, maanden: int) -> Decimal | None:
    """The lowest amount whose bracket allows `maanden`: the amount itself is never stored
    (ch. 12.1), so a correction that keeps D's chosen term keeps the bracket that allowed it."""
    fitting = [s.vanaf for s in beleid.schijven_d if s.termijn_maanden >= maanden]
    return min(fitting) if fitting else None


def _check_redenen(beleid: Beleid, redenen: Iterable[Reden], bedrag: Decimal | None) -> list[str]:
    errors: list[str] = []
    for reden in redenen:
        crit = beleid.criteria.get(reden.criterium)
        if crit is None:
            errors.append(f"Onbekend criterium {reden.criterium}.")
            continue
        if reden.grond not in crit.gronden:
            toegestaan = ", ".join(crit.gronden)
            errors.append(
                f"Criterium {crit.code} kan niet rusten op grond {reden.grond} "
                f"(toegestaan: {toegestaan})."
            )
        if crit.minimum_bedrag is not None and (bedrag is None or bedrag < crit.minimum_bedrag):
            errors.append(
                f"Criterium {crit.code} vereist een bedrag van ten minste € {crit.minimum_bedrag}."
            )
    return errors


def maxima(beleid: Beleid, redenen: list[Reden], bedrag: Decimal | None) -> dict[str, int]:
    """The maximum term per category of these reasons (ch. 7); D by the bracket of `bedrag`."""
    if not redenen:
        raise PolicyError({"redenen": ["Kies ten minste één criterium met zijn formele grond."]})
    if len({r.criterium for r in redenen}) != len(redenen):
        raise PolicyError({"redenen": ["Elk criterium mag maar één keer voorkomen."]})
    errors = _check_redenen(beleid, redenen, bedrag)
    if errors:
        raise PolicyError({"redenen": errors})
    result = {}
    for code in sorted({beleid.criteria[r.criterium].categorie for r in redenen}):
        if code == "D":
            if bedrag is None:
                raise PolicyError({"bedrag": ["Categorie D vereist het openstaande bedrag."]})
            result[code] = schijf_termijn(beleid, bedrag)
        else:
            result[code] = beleid.categorieen[code].max_termijn_maanden
    return result


def beoordeel(
    beleid: Beleid,
    redenen: list[Reden],
    ingangsdatum: date,
    bedrag: Decimal | None,
    termijnen: Mapping[str, int] | None,
) -> Beoordeling:
    """A part per category: its scope, the chosen term and its end date, or PolicyError.

    The protocol sets a *maximum* per category (ch. 7: "maximaal", seriousness and consequences
    decide), so the functionaris chooses each term; none is taken by default.
    """
    grenzen = maxima(beleid, redenen, bedrag)
    if not termijnen:
        raise PolicyError(
            {"termijnen": ["Kies per categorie de termijn; het protocol geeft alleen een maximum."]}
        )
    errors = [
        f"Categorie {c} hoort niet bij de gekozen criteria." for c in termijnen if c not in grenzen
    ]
    delen = []
    for code, maximum in grenzen.items():
        termijn = termijnen.get(code)
        if termijn is None:
            errors.append(f"Kies de termijn voor categorie {code} (hoogstens {maximum} maanden).")
        elif not 1 <= termijn <= maximum:
            errors.append(
                f"De termijn voor categorie {code} ligt tussen 1 en {maximum} maanden (protocol 7)."
            )
        else:
            delen.append(
                Uitsluiting(
                    categorie=code,
                    reikwijdte=beleid.categorieen[code].reikwijdte,
                    max_termijn_maanden=maximum,
                    termijn_maanden=termijn,
                    einddatum=add_months(ingangsdatum, termijn),
                )
            )
    if errors:
        raise PolicyError({"termijnen": errors})
    return Beoordeling(delen=tuple(delen))


EERSTE_DATUM = date(1900, 1, 1)


def check_datums(
    ingangsdatum: date,
    vandaag: date,
    datum_uitzetting: date | None = None,
    geboortedatum: date | None = None,
) -> None:
    """The moment of placement is the eviction or departure (ch. 5, "moment van plaatsing"):
    it has happened, so it is never in the future, never before the person was born and never
    before the recorded eviction. ADR 0004 records this reading."""
    errors: dict[str, list[str]] = {}
    if ingangsdatum > vandaag:
        errors["ingangsdatum"] = ["De datum van plaatsing ligt niet in de toekomst."]
    elif ingangsdatum < EERSTE_DATUM:
        errors["ingangsdatum"] = ["Een datum na 1 januari 1900."]
    elif geboortedatum is not None and ingangsdatum <= geboortedatum:
        errors["ingangsdatum"] = ["De datum van plaatsing ligt na de geboortedatum."]
    elif datum_uitzetting is not None and ingangsdatum < datum_uitzetting:
        errors["ingangsdatum"] = [
            "De plaatsing is het moment van ontruiming of vertrek: niet vóór de datum uitzetting."
        ]
    if datum_uitzetting is not None and datum_uitzetting > vandaag:
        errors["datum_uitzetting"] = ["De datum uitzetting ligt niet in de toekomst."]
    if geboortedatum is not None and not EERSTE_DATUM <= geboortedatum <= vandaag:
        errors["geboortedatum"] = ["Een geboortedatum tussen 1900 en vandaag."]
    if errors:
        raise PolicyError(errors)


def eindreden_toegestaan(beleid: Beleid, eindreden: str, categorieen: Iterable[str]) -> bool:
    """Debt paid or settled ends a signalering only when D is its sole category (ch. 12.4)."""
    if eindreden in beleid.eindredenen_alleen_d:
        return set(categorieen) == {"D"}
    return True
