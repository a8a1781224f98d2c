"""A possible match side by side: what the applicant gave at the check next to the signalering's
identity data, field by field, so the functionaris can judge it (ch. 6.5)."""

from __future__ import annotations

from typing import Any

from notifications.templatetags.berichten import datum
from states.services.matching import normaliseer


def vergelijk(match: Any, sig: Any) -> list[dict[str, Any]]:
    """Rows of (field, signalering, applicant, agrees); empty when the check gave nothing (a
    registration found when the signalering was entered: only the keyed hash agreed)."""
    if not (match.opgegeven_achternaam or match.opgegeven_geboortedatum):
        return []
    rows = [
        ("Inschrijfnummer", sig.inschrijfnummer, match.inschrijving.inschrijfnummer),
        ("Voornaam", sig.voornaam, match.opgegeven_voornaam),
        ("Achternaam", sig.achternaam, match.opgegeven_achternaam),
        ("Geboortedatum", sig.geboortedatum, match.opgegeven_geboortedatum),
    ]
    return [
        {
            "veld": veld,
            "signalering": _tekst(ons) or "niet vastgelegd",
            "opgegeven": _tekst(hun) or "niet opgegeven",
            "gelijk": bool(ons and hun) and _gelijk(ons, hun),
        }
        for veld, ons, hun in rows
    ]


def _tekst(value: Any) -> str:
    return datum(value) if hasattr(value, "year") else str(value or "")


def _gelijk(a: Any, b: Any) -> bool:
    if hasattr(a, "year"):
        return a == b
    return normaliseer(str(a)) == normaliseer(str(b))
