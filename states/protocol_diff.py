"""What changes between two protocol versions, in plain Dutch (ch. 23, ADR 0012).

Pure: two `Beleid` values in, a list of `Wijziging` out, grouped by part (categories, criteria,
formal grounds, brackets of category D, deadlines). The page that compares a draft with the
version in force shows these lines; nothing else decides what "changed" means.
"""

from __future__ import annotations

from collections.abc import Callable, Mapping
from dataclasses import dataclass
from decimal import Decimal
from typing import Any

from states.policy import Beleid, Schijf

CATEGORIEEN = "Categorieën"
CRITERIA = "Criteria"
GRONDEN = "Formele gronden"
SCHIJVEN = "Schijven categorie D"
TERMIJNEN = "Termijnen"
EINDREDENEN = "Einde alleen bij categorie D"
ONDERDELEN = (CATEGORIEEN, CRITERIA, GRONDEN, SCHIJVEN, TERMIJNEN, EINDREDENEN)

TOEGEVOEGD, VERWIJDERD, GEWIJZIGD = "toegevoegd", "verwijderd", "gewijzigd"

REIKWIJDTE = {"regio": "in de hele regio", "corporatie": "alleen bij de primaire bron"}
EENHEDEN = {"weken": "weken", "maanden": "maanden", "dagen": "dagen", "uren": "uur",
            "minuten": "minuten"}  # fmt: skip
# The deadlines by name, as staff know them (the key stays visible for the rest).
TERMIJN_NAMEN = {
    "beslissen_verzoek_weken": "Beslistermijn op een verzoek (ch. 15)",
    "uitvoeren_verzoek_weken": "Termijn om een toegewezen verzoek uit te voeren (ch. 15)",
    "klacht_reactie_weken": "Reactietermijn op een klacht (ch. 16.4)",
    "herstel_weken": "Hersteltermijn na een gegronde klacht (ch. 16.3, 16.4)",
    "klacht_bevestigen_weken": "Ontvangst van een klacht bevestigen (ch. 16.2)",
    "klacht_b_venster_weken": "Termijn om na een beslissing te klagen (ch. 16.1)",
    "datalek_melden_uren": "Datalek melden aan de AP (art. 33 AVG)",
    "datalek_betrokkenen_uren": "Betrokkenen informeren over een datalek (art. 34 AVG)",
    "toegangstoets_weken": "Termijn van de toegangstoets (ch. 14.1)",
    "controle_weken": "Termijn van de periodieke controle (ch. 8, 11)",
    "verbeterplan_weken": "Termijn voor een verbeterplan na tijdelijke uitsluiting (ch. 20)",
    "avg_verlenging_maanden": "Verlenging van de beslistermijn (art. 12 lid 3 AVG)",
    "avg_beslistermijn_maanden": "Beslistermijn volgens de AVG (art. 12 lid 3)",
    "bewaartermijn_zaak_maanden": "Bewaartermijn van een afgerond zaakdossier",
    "bewaartermijn_geschil_maanden": "Bewaartermijn van een geschildossier",
    "inhaal_drempel_minuten": "Drempel voor een inhaalslag na een storing",
    "opschorten": "Termijnen die opgeschort kunnen worden",
    "herinneringen": "Herinneringen vóór een termijn",
}


EINDREDEN_NAMEN = {"vordering_voldaan": "vordering voldaan of schikking getroffen"}


def leesbaar(code: str) -> str:
    """A machine word as staff read it: its name, or at least without underscores."""
    return EINDREDEN_NAMEN.get(code, code.replace("_", " "))


@dataclass(frozen=True)
class Wijziging:
    onderdeel: str  # one of ONDERDELEN
    soort: str  # TOEGEVOEGD, VERWIJDERD or GEWIJZIGD
    tekst: str  # one sentence in plain Dutch


def vergelijk(oud: Beleid, nieuw: Beleid) -> list[Wijziging]:
    """Every difference that changes how the list works, in the order of ONDERDELEN."""
    return [
        *_categorieen(oud, nieuw),
        *_criteria(oud, nieuw),
        *_gronden(oud, nieuw),
        *_schijven(oud.schijven_d, nieuw.schijven_d),
        *_termijnen(oud.termijnen, nieuw.termijnen),
        *_eindredenen(oud, nieuw),
    ]


def per_onderdeel(wijzigingen: list[Wijziging]) -> list[tuple[str, list[Wijziging]]]:
    """Grouped for the page: only the parts that changed, in their fixed order."""
    return [
        (o, [w for w in wijzigingen if w.onderdeel == o])
        for o in ONDERDELEN
        if any(w.onderdeel == o for w in wijzigingen)
    ]


def maanden(n: int) -> str:
    return "1 maand" if n == 1 else f"{n} maanden"


def euro(bedrag: Decimal | None) -> str:
    if bedrag is None:
        return "—"
    heel, _, cent = f"{bedrag:,.2f}".partition(".")
    return f"€ {heel.replace(',', '.')},{cent}"


def _paired(
    oud: Mapping[str, Any],
    nieuw: Mapping[str, Any],
    onderdeel: str,
    naam: Callable[[Any], str],
    verschillen: Callable[[Any, Any], list[str]],
) -> list[Wijziging]:
    result = []
    for code in sorted(set(oud) | set(nieuw)):
        if code not in oud:
            result.append(Wijziging(onderdeel, TOEGEVOEGD, f"Nieuw: {naam(nieuw[code])}."))
        elif code not in nieuw:
            result.append(Wijziging(onderdeel, VERWIJDERD, f"Vervalt: {naam(oud[code])}."))
        else:
            result += [
                Wijziging(onderdeel, GEWIJZIGD, _zin(f"{naam(nieuw[code])}: {verschil}."))
                for verschil in verschillen(oud[code], nieuw[code])
            ]
    return result


def _zin(tekst: str) -> str:
    return tekst[:1].upper() + tekst[1:]


def _categorieen(oud: Beleid, nieuw: Beleid) -> list[Wijziging]:
    def naam(c: Any) -> str:
        return f"categorie {c.code} ({c.naam})"

    def verschillen(a: Any, b: Any) -> list[str]:
        out = []
        if a.naam != b.naam:
            out.append(f"naam van ‘{a.naam}’ naar ‘{b.naam}’")
        if a.reikwijdte != b.reikwijdte:
            out.append(
                f"uitsluiting {REIKWIJDTE.get(a.reikwijdte, a.reikwijdte)} wordt "
                f"uitsluiting {REIKWIJDTE.get(b.reikwijdte, b.reikwijdte)}"
            )
        if a.max_termijn_maanden != b.max_termijn_maanden:
            out.append(
                f"maximale termijn van {maanden(a.max_termijn_maanden)} "
                f"naar {maanden(b.max_termijn_maanden)}"
            )
        return out

    return _paired(oud.categorieen, nieuw.categorieen, CATEGORIEEN, naam, verschillen)


def _criteria(oud: Beleid, nieuw: Beleid) -> list[Wijziging]:
    def naam(c: Any) -> str:
        return f"criterium {c.code} ({c.omschrijving})"

    def verschillen(a: Any, b: Any) -> list[str]:
        out = []
        if a.omschrijving != b.omschrijving:
            out.append(f"omschrijving was ‘{a.omschrijving}’")
        if a.categorie != b.categorie:
            out.append(f"hoort nu bij categorie {b.categorie} in plaats van {a.categorie}")
        if a.gronden != b.gronden:
            out.append(f"formele gronden van {', '.join(a.gronden)} naar {', '.join(b.gronden)}")
        if a.minimum_bedrag != b.minimum_bedrag:
            out.append(f"minimumbedrag van {euro(a.minimum_bedrag)} naar {euro(b.minimum_bedrag)}")
        return out

    return _paired(oud.criteria, nieuw.criteria, CRITERIA, naam, verschillen)


def _gronden(oud: Beleid, nieuw: Beleid) -> list[Wijziging]:
    def verschillen(a: Any, b: Any) -> list[str]:
        return [f"omschrijving was ‘{a.omschrijving}’"] if a.omschrijving != b.omschrijving else []

    return _paired(
        oud.gronden, nieuw.gronden, GRONDEN, lambda g: f"grond {g.code} ({g.omschrijving})",
        verschillen,
    )  # fmt: skip


def _schijf_naam(s: Schijf) -> str:
    if s.tot is None:
        return f"de schijf vanaf {euro(s.vanaf)}"
    return f"de schijf van {euro(s.vanaf)} tot {euro(s.tot)}"


def _schijven(oud: tuple[Schijf, ...], nieuw: tuple[Schijf, ...]) -> list[Wijziging]:
    """Brackets are matched by their bounds: a bracket with other bounds is a new bracket."""
    a = {(s.vanaf, s.tot): s for s in oud}
    b = {(s.vanaf, s.tot): s for s in nieuw}
    result = []
    for key in sorted(set(a) | set(b), key=lambda k: (k[0], k[1] is None, k[1] or 0)):
        if key not in a:
            s = b[key]
            tekst = f"Nieuw: {_schijf_naam(s)}, {maanden(s.termijn_maanden)}."
            result.append(Wijziging(SCHIJVEN, TOEGEVOEGD, tekst))
        elif key not in b:
            s = a[key]
            result.append(
                Wijziging(
                    SCHIJVEN,
                    VERWIJDERD,
                    f"Vervalt: {_schijf_naam(s)} ({maanden(s.termijn_maanden)}).",
                )
            )
        elif a[key].termijn_maanden != b[key].termijn_maanden:
            tekst = (
                f"{_schijf_naam(b[key])}: termijn van {maanden(a[key].termijn_maanden)} "
                f"naar {maanden(b[key].termijn_maanden)}."
            )
            result.append(Wijziging(SCHIJVEN, GEWIJZIGD, _zin(tekst)))
    return result


def termijn_naam(key: str) -> str:
    return TERMIJN_NAMEN.get(key, key.replace("_", " ").capitalize())


def termijn_waarde(key: str, value: Any) -> str:
    if isinstance(value, int) and not isinstance(value, bool):
        eenheid = EENHEDEN.get(key.rsplit("_", 1)[-1], "")
        if eenheid == "maanden":
            return maanden(value)
        return f"{value} {eenheid}".strip()
    if isinstance(value, list):
        parts = [", ".join(f"{v} {k}" for k, v in x.items()) if isinstance(x, dict)
                 else leesbaar(str(x)) for x in value]  # fmt: skip
        return "; ".join(parts) if parts else "geen"
    return str(value)


def _termijnen(oud: Mapping[str, Any], nieuw: Mapping[str, Any]) -> list[Wijziging]:
    result = []
    for key in sorted(set(oud) | set(nieuw), key=termijn_naam):
        naam = termijn_naam(key)
        if key not in oud:
            tekst = f"Nieuw: {naam}, {termijn_waarde(key, nieuw[key])}."
            result.append(Wijziging(TERMIJNEN, TOEGEVOEGD, tekst))
        elif key not in nieuw:
            tekst = f"Vervalt: {naam} ({termijn_waarde(key, oud[key])})."
            result.append(Wijziging(TERMIJNEN, VERWIJDERD, tekst))
        elif oud[key] != nieuw[key]:
            van, naar = termijn_waarde(key, oud[key]), termijn_waarde(key, nieuw[key])
            result.append(Wijziging(TERMIJNEN, GEWIJZIGD, f"{naam}: van {van} naar {naar}."))
    return result


def _eindredenen(oud: Beleid, nieuw: Beleid) -> list[Wijziging]:
    return [
        *(
            Wijziging(
                EINDREDENEN,
                TOEGEVOEGD,
                f"Nieuw: eindreden ‘{r}’ alleen als D de enige categorie is.",
            )
            for r in sorted(nieuw.eindredenen_alleen_d - oud.eindredenen_alleen_d)
        ),
        *(
            Wijziging(
                EINDREDENEN,
                VERWIJDERD,
                f"Vervalt: eindreden ‘{leesbaar(r)}’ alleen bij categorie D.",
            )
            for r in sorted(oud.eindredenen_alleen_d - nieuw.eindredenen_alleen_d)
        ),
    ]


def beschrijf(beleid: Beleid) -> list[tuple[str, list[str]]]:
    """A version's policy as staff read it, part by part (the page of every version)."""
    return [
        (CATEGORIEEN, [
            f"{c.code} {c.naam}: hoogstens {maanden(c.max_termijn_maanden)}, "
            f"{REIKWIJDTE.get(c.reikwijdte, c.reikwijdte)}"
            for c in beleid.categorieen.values()
        ]),
        (CRITERIA, [
            f"{c.code} {c.omschrijving} (categorie {c.categorie}; gronden {', '.join(c.gronden)}"
            + (f"; ten minste {euro(c.minimum_bedrag)}" if c.minimum_bedrag is not None else "")
            + ")"
            for c in beleid.criteria.values()
        ]),
        (GRONDEN, [f"{g.code}: {g.omschrijving}" for g in beleid.gronden.values()]),
        (SCHIJVEN, [
            _zin(f"{_schijf_naam(s)}: {maanden(s.termijn_maanden)}") for s in beleid.schijven_d
        ]),
        (TERMIJNEN, [
            f"{termijn_naam(k)}: {termijn_waarde(k, v)}"
            for k, v in sorted(beleid.termijnen.items(), key=lambda kv: termijn_naam(kv[0]))
        ]),
        (EINDREDENEN, [_zin(leesbaar(r)) for r in sorted(beleid.eindredenen_alleen_d)]),
    ]  # fmt: skip
