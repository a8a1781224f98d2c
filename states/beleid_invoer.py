"""A draft protocol version's policy as typed in: JSON text → checked data, or clear errors.

Pure (no ORM, no clock). `Beleid.from_data` decides what the system can run; the checks here add
what a person editing the text needs to hear in plain Dutch before that: the JSON syntax with its
line, the parts that are missing, terms that are not whole months, brackets with gaps (ch. 7),
deadlines that are not positive numbers. Used by the draft editor (ch. 23, ADR 0012).
"""

from __future__ import annotations

import json
from decimal import Decimal, InvalidOperation
from typing import Any

from states.policy import CORPORATIE, REGIO, Beleid, PolicyError
from states.protocol_v14 import BELEID as V14

MAX_TEKST = 200_000  # characters; v1.4 is about 9,000
MAX_MAANDEN = 120  # a sanity bound; the protocol's own maximum is five years (ch. 7)
ONDERDELEN = ("categorieen", "criteria", "gronden", "schijven_d", "termijnen")
# The deadlines the case machines read: a version may change them, not drop them.
VEREISTE_TERMIJNEN = tuple(k for k in V14["termijnen"] if not k.startswith("bewaartermijn"))


def lees(tekst: str, versie: str) -> tuple[dict[str, Any], Beleid]:
    """The data and the policy it makes, or PolicyError({"beleid_data": [...]})."""
    if "\x00" in tekst:
        raise _fout("De tekst bevat een ongeldig teken (NUL).")
    if len(tekst) > MAX_TEKST:
        raise _fout(f"De tekst is te lang (hoogstens {MAX_TEKST} tekens).")
    try:
        data = json.loads(tekst)
    except json.JSONDecodeError as exc:
        raise _fout(
            f"Geen geldige JSON: {exc.msg} (regel {exc.lineno}, kolom {exc.colno})."
        ) from None
    except RecursionError:
        raise _fout("Geen geldige JSON: te diep genest.") from None
    if not isinstance(data, dict):
        raise _fout("Het beleid is een JSON-object met de onderdelen " + ", ".join(ONDERDELEN))
    data["versie"] = versie
    fouten = controleer(data)
    if fouten:
        raise PolicyError({"beleid_data": fouten})
    try:
        beleid = Beleid.from_data(data)
    except (KeyError, TypeError, ValueError, ArithmeticError, AttributeError) as exc:
        raise _fout(f"Het beleid is niet bruikbaar: {exc}") from exc
    return data, beleid


def _fout(tekst: str) -> PolicyError:
    return PolicyError({"beleid_data": [tekst]})


def controleer(data: dict[str, Any]) -> list[str]:
    """Every problem found, in the order of the document."""
    missing = [k for k in ONDERDELEN if k not in data]
    if missing:
        return [f"Ontbrekend onderdeel: {k}." for k in missing]
    lists = [k for k in ONDERDELEN[:4] if not _lijst_van_objecten(data[k])]
    if lists or not isinstance(data["termijnen"], dict):
        return [f"Het onderdeel {k} is een lijst van objecten." for k in lists] + (
            []
            if isinstance(data["termijnen"], dict)
            else ["Het onderdeel termijnen is een object."]
        )
    return [
        *_categorieen(data["categorieen"]),
        *_criteria(data["criteria"]),
        *_gronden(data["gronden"]),
        *_schijven(data["schijven_d"]),
        *_termijnen(data["termijnen"]),
    ]


def _lijst_van_objecten(value: Any) -> bool:
    return isinstance(value, list) and all(isinstance(v, dict) for v in value)


def _tekst(value: Any, maximum: int = 300) -> bool:
    return isinstance(value, str) and 0 < len(value.strip()) and len(value) <= maximum


def _maanden(value: Any) -> bool:
    return isinstance(value, int) and not isinstance(value, bool) and 1 <= value <= MAX_MAANDEN


def _codes(items: list[dict], wat: str) -> list[str]:
    codes = [i.get("code") for i in items]
    errors = [
        f"Elke {wat} heeft een code (tekst, hoogstens 10 tekens)."
        for c in codes
        if not _tekst(c, 10)
    ]
    dubbel = sorted({c for c in codes if isinstance(c, str) and codes.count(c) > 1})
    return errors[:1] + [f"De {wat} {c} komt meer dan eens voor." for c in dubbel]


def _categorieen(items: list[dict]) -> list[str]:
    errors = _codes(items, "categorie")
    for c in items:
        code = c.get("code", "?")
        if not _tekst(c.get("naam")):
            errors.append(f"Categorie {code}: geef een naam.")
        if c.get("reikwijdte") not in (REGIO, CORPORATIE):
            errors.append(f"Categorie {code}: de reikwijdte is 'regio' of 'corporatie'.")
        if not _maanden(c.get("max_termijn_maanden")):
            errors.append(
                f"Categorie {code}: de maximale termijn is een heel aantal maanden "
                f"tussen 1 en {MAX_MAANDEN}."
            )
    return errors


def _criteria(items: list[dict]) -> list[str]:
    errors = _codes(items, "criterium")
    for c in items:
        code = c.get("code", "?")
        if not _tekst(c.get("omschrijving")):
            errors.append(f"Criterium {code}: geef een omschrijving.")
        gronden = c.get("gronden")
        if not (isinstance(gronden, list) and gronden and all(_tekst(g, 10) for g in gronden)):
            errors.append(f"Criterium {code}: noem ten minste één formele grond.")
        if c.get("minimum_bedrag") is not None and _bedrag(c["minimum_bedrag"]) is None:
            errors.append(f"Criterium {code}: het minimumbedrag is een bedrag in euro's.")
    return errors


def _gronden(items: list[dict]) -> list[str]:
    errors = _codes(items, "grond")
    errors += [
        f"Grond {g.get('code', '?')}: geef een omschrijving."
        for g in items
        if not _tekst(g.get("omschrijving"), 1000)
    ]
    return errors


def _bedrag(value: Any) -> Decimal | None:
    if isinstance(value, bool) or not isinstance(value, (str, int)):
        return None
    try:
        amount = Decimal(str(value))
    except InvalidOperation:
        return None
    ok = amount.is_finite() and amount >= 0 and amount.as_tuple().exponent >= -2
    return amount if ok and amount < Decimal("1e9") else None


def _schijven(items: list[dict]) -> list[str]:
    """ch. 7: from each bracket's lower bound to the next one's, the last open-ended."""
    if not items:
        return ["Noem ten minste één schijf voor categorie D."]
    errors = []
    parsed = []
    for i, s in enumerate(items, start=1):
        vanaf, tot = _bedrag(s.get("vanaf")), s.get("tot")
        tot_bedrag = None if tot is None else _bedrag(tot)
        if vanaf is None or (tot is not None and tot_bedrag is None):
            errors.append(f"Schijf {i}: 'vanaf' en 'tot' zijn bedragen in euro's ('tot' mag leeg).")
        elif tot_bedrag is not None and tot_bedrag <= vanaf:
            errors.append(f"Schijf {i}: 'tot' ligt boven 'vanaf'.")
        else:
            parsed.append((vanaf, tot_bedrag))
        if not _maanden(s.get("termijn_maanden")):
            errors.append(f"Schijf {i}: de termijn is een heel aantal maanden tussen 1 en 120.")
    if errors:
        return errors
    parsed.sort()
    for (_, tot), (volgende, _) in zip(parsed, parsed[1:], strict=False):
        if tot != volgende:
            errors.append(
                f"De schijven sluiten niet aan: na {tot} begint de volgende bij {volgende}."
            )
    if parsed[-1][1] is not None:
        errors.append("De hoogste schijf heeft geen bovengrens ('tot' leeg).")
    return errors


def _termijnen(termijnen: dict[str, Any]) -> list[str]:
    """Numbers of weeks, months, days, hours or minutes are whole and positive; the lists
    (opschorten, herinneringen) keep their form."""
    errors = [
        f"Termijn {key} ontbreekt: het systeem rekent ermee."
        for key in VEREISTE_TERMIJNEN
        if key not in termijnen
    ]
    for key, value in termijnen.items():
        if key == "opschorten":
            if not (isinstance(value, list) and all(_tekst(v, 40) for v in value)):
                errors.append("Termijn opschorten: een lijst van termijnsoorten.")
        elif key == "herinneringen":
            if not (isinstance(value, list) and all(_herinnering(v) for v in value)):
                errors.append(
                    'Termijn herinneringen: een lijst als [{"dagen": 7}, {"werkdagen": 2}].'
                )
        elif not (isinstance(value, int) and not isinstance(value, bool) and 1 <= value <= 10_000):
            errors.append(f"Termijn {key}: een heel getal groter dan nul.")
    return errors


def _herinnering(value: Any) -> bool:
    return (
        isinstance(value, dict)
        and len(value) == 1
        and next(iter(value)) in ("dagen", "werkdagen")
        and _maanden(next(iter(value.values())))
    )
