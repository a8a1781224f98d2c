"""Corrections of a signalering (ch. 12.3; AVG art. 16; the remedy after an upheld complaint or
advice, ch. 16.3–16.4): identity, address, but also category, term and dates — through the same
rules as a registration, validated when the correction is asked for, applied with history, and
told to the person in writing.

A correction is a plain dict of ch. 12.1 fields, as the person or staff phrase it:
    {"achternaam": "…", "email": "…", "ingangsdatum": "2026-09-01",
     "redenen": [{"criterium": "III", "grond": "a"}], "termijnen": {"B": 12}, "bedrag": "700"}
"""

from __future__ import annotations

import copy
from dataclasses import replace
from datetime import date, datetime
from decimal import Decimal
from typing import Any

from django.core.exceptions import ValidationError
from django.db import transaction

from states.clock import local_date
from states.models import Signalering
from states.policy import PolicyError, Reden, bedrag_uit, bedrag_voor_termijn, check_datums
from states.roles import Actor
from states.services import signalering as signalering_service
from states.services.signalering import ADRES, IDENTITEIT, Gegevens

PERSOON = frozenset(IDENTITEIT + ADRES)
BELEID = frozenset(
    {
        "redenen",
        "termijnen",
        "termijn_maanden",
        "ingangsdatum",
        "datum_uitzetting",
        "bedrag",
        "termijn_motivering",
    }
)
CORRIGEERBAAR = PERSOON | BELEID


def _persoon(sig: Signalering, correctie: dict[str, Any]) -> dict[str, Any]:
    """Each value cleaned by its own model field: type, length, e-mail, real dates."""
    cleaned, errors = {}, {}
    for name in PERSOON & set(correctie):
        field = Signalering._meta.get_field(name)
        value = correctie[name]
        try:
            if value is not None and not isinstance(value, str):
                raise ValidationError("Tekst, of een datum als JJJJ-MM-DD.")
            if isinstance(value, str) and "\x00" in value:
                raise ValidationError("Ongeldige tekens.")
            cleaned[name] = field.clean(value if value is not None else "", sig)
        except ValidationError as exc:
            errors[name] = list(exc.messages)
    if errors:
        raise PolicyError(errors)
    return cleaned


def _datum(value: Any, name: str) -> date | None:
    if value in (None, ""):
        return None
    if isinstance(value, date):
        return value
    try:
        return date.fromisoformat(str(value))
    except ValueError as exc:
        raise PolicyError({name: ["Een geldige datum (JJJJ-MM-DD)."]}) from exc


def _redenen(value: Any) -> list[Reden]:
    try:
        return [Reden(str(r["criterium"]), str(r["grond"])) for r in value]
    except (TypeError, KeyError) as exc:
        raise PolicyError({"redenen": ["Een lijst van {criterium, grond}."]}) from exc


def _termijnen(value: Any) -> dict[str, int]:
    try:
        return {str(k): int(v) for k, v in dict(value).items()}
    except (TypeError, ValueError) as exc:
        raise PolicyError({"termijnen": ["Per categorie een aantal maanden."]}) from exc


def herziening(sig: Signalering, correctie: dict[str, Any]) -> Gegevens | None:
    """The registration data after the correction; None when only person data changes. What is
    not named stays as it is (terms per category included)."""
    if not BELEID & set(correctie):
        return None
    bedrag: Decimal | None = bedrag_uit(correctie.get("bedrag"))
    termijnen, termijn_maanden = _gekozen_termijnen(sig, correctie)
    termijn_d = sig.termijnen.get("D")
    d_unchanged = "redenen" not in correctie and termijnen is not None
    if bedrag is None and termijn_d and d_unchanged and termijnen.get("D") == termijn_d:
        bedrag = bedrag_voor_termijn(sig.protocol_versie.beleid, termijn_d)
    return Gegevens(
        redenen=_redenen(correctie["redenen"]) if "redenen" in correctie else _redenen(sig.redenen),
        ingangsdatum=_datum(correctie.get("ingangsdatum"), "ingangsdatum") or sig.ingangsdatum,
        datum_uitzetting=_datum(correctie["datum_uitzetting"], "datum_uitzetting")
        if "datum_uitzetting" in correctie
        else sig.datum_uitzetting,
        bedrag=bedrag,
        termijnen=termijnen,
        termijn_maanden=termijn_maanden,
        termijn_motivering=str(correctie.get("termijn_motivering", "")),
    )


def _gekozen_termijnen(
    sig: Signalering, correctie: dict[str, Any]
) -> tuple[dict[str, int] | None, int | None]:
    """The terms after the correction: given per category, or one for all, or as they were."""
    if "termijnen" in correctie:
        return _termijnen(correctie["termijnen"]), None
    if correctie.get("termijn_maanden") not in (None, ""):
        try:
            return None, int(correctie["termijn_maanden"])
        except (TypeError, ValueError) as exc:
            raise PolicyError({"termijnen": ["Een aantal maanden."]}) from exc
    return dict(sig.termijnen), None


def valideer(sig: Signalering, correctie: dict[str, Any], now: datetime) -> None:
    """Would this correction be accepted? Checked when it is asked for, on a copy."""
    if not isinstance(correctie, dict) or not correctie:
        raise PolicyError({"correctie": ["Noem welke gegevens anders moeten (ch. 15.3)."]})
    unknown = set(correctie) - CORRIGEERBAAR
    if unknown:
        raise PolicyError({"correctie": [f"Geen gegeven van de signalering: {sorted(unknown)}."]})
    proef = copy.copy(sig)
    for name, value in _persoon(sig, correctie).items():
        setattr(proef, name, value)
    gegevens = herziening(proef, correctie)
    if gegevens is not None:
        signalering_service.toets(proef, gegevens, now)
    elif proef.ingangsdatum is not None:
        check_datums(
            proef.ingangsdatum, local_date(now), proef.datum_uitzetting, proef.geboortedatum
        )


@transaction.atomic
def corrigeer(
    actor: Actor, pk: int, correctie: dict[str, Any], now: datetime, reden: str
) -> Signalering:
    """Apply a correction with history, and tell the person what changed."""
    sig = Signalering.objects.get(pk=pk)
    valideer(sig, correctie, now)
    persoon = _persoon(sig, correctie)
    gegevens = herziening(sig, correctie)
    if gegevens is not None:
        gegevens = replace(gegevens, persoon={})
    sig = signalering_service.wijzig(actor, pk, persoon, gegevens, now, reden)
    return sig
