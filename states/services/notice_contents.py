"""What each notice about a signalering must say (ch. 6.5, 10, 12.4): the minimal context.

The templates in notifications/ turn this into words; a test checks every item of ch. 10.
"""

from __future__ import annotations

from datetime import datetime
from typing import Any
from urllib.parse import urljoin

from django.conf import settings

from states.clock import local_date
from states.models import Samenwerkingsverband, Signalering
from states.notices import Notice, Recipient
from states.policy import add_months
from states.protocol_en import engels
from states.visibility import blokkades


def deelnemers_url(swv: Samenwerkingsverband) -> str:
    """Where the person sees which corporations take part (ch. 10): the region's own page if it
    publishes one, otherwise this system's public page for the region."""
    return swv.deelnemers_url or urljoin(settings.PORTAAL_URL, f"/deelnemers/{swv.code}")


def _categorieen(sig: Signalering) -> list[dict[str, str]]:
    beleid, versie = sig.protocol_versie.beleid, sig.protocol_versie.versie
    result = []
    for reden in sig.redenen:
        crit = beleid.criteria[reden["criterium"]]
        naam = beleid.categorieen[crit.categorie].naam
        grond = beleid.gronden[reden["grond"]].omschrijving
        result.append(
            {
                "categorie": crit.categorie,
                "categorie_naam": naam,
                "categorie_naam_en": engels(versie, "categorieen", crit.categorie, naam),
                "criterium": crit.code,
                "criterium_omschrijving": crit.omschrijving,
                "criterium_omschrijving_en": engels(
                    versie, "criteria", crit.code, crit.omschrijving
                ),
                "grond": grond,
                "grond_en": engels(versie, "gronden", reden["grond"], grond),
            }
        )
    return result


def delen(sig: Signalering) -> list[dict[str, Any]]:
    """A part per category: its scope, chosen term and end date (ch. 7)."""
    beleid, versie = sig.protocol_versie.beleid, sig.protocol_versie.versie
    return [
        {
            "categorie": code,
            "categorie_naam": beleid.categorieen[code].naam,
            "categorie_naam_en": engels(versie, "categorieen", code, beleid.categorieen[code].naam),
            "reikwijdte": beleid.categorieen[code].reikwijdte,
            "termijn_maanden": maanden,
            "einddatum": add_months(sig.ingangsdatum, maanden).isoformat(),
        }
        for code, maanden in sorted(sig.termijnen.items())
    ]


def _blokkade_delen(sig: Signalering) -> list[dict[str, str]]:
    if not (sig.blokkade_start and sig.blokkade_eind):
        return []
    parts = blokkades(sig, None, sig.blokkade_start)
    return [{"reikwijdte": b.reikwijdte, "tot": b.tot.isoformat()} for b in parts]


def recipient_for(sig: Signalering) -> Recipient:
    return Recipient(naam=sig.naam, email=sig.email, adres=sig.adres, is_betrokkene=True)


def context_for(sig: Signalering, now: datetime) -> dict[str, Any]:
    bron = sig.primaire_bron
    swv = sig.samenwerkingsverband
    return {
        "datum_brief": local_date(now).isoformat(),
        "naam": sig.naam,
        "voorletters": sig.voorletters,
        "geboortedatum": sig.geboortedatum.isoformat() if sig.geboortedatum else "",
        "adres": sig.adres,
        "redenen": _categorieen(sig),
        "ingangsdatum": sig.ingangsdatum.isoformat() if sig.ingangsdatum else "",
        "einddatum": sig.einddatum.isoformat() if sig.einddatum else "",
        "einddatum_regio": sig.einddatum_regio.isoformat() if sig.einddatum_regio else "",
        "delen": delen(sig) if sig.ingangsdatum else [],
        "termijn_maanden": sig.termijn_maanden,
        "termijn_motivering": sig.termijn_motivering,
        "portaal_url": settings.PORTAAL_URL,
        "reikwijdte": sig.reikwijdte,
        "primaire_bron": {"naam": bron.naam, "adres": bron.adres, "email": bron.email},
        "samenwerkingsverband": swv.naam,
        "deelnemers_url": deelnemers_url(swv),
        "fg_contact": swv.fg_contact,
        "protocol_versie": sig.protocol_versie.versie,
        "blokkade_start": sig.blokkade_start.isoformat() if sig.blokkade_start else "",
        "blokkade_eind": sig.blokkade_eind.isoformat() if sig.blokkade_eind else "",
        "blokkade_delen": _blokkade_delen(sig),
        "eindreden": sig.get_eindreden_display() if sig.eindreden else "",
    }


def notice_for(sig: Signalering, template: str, now: datetime) -> Notice:
    return Notice(
        key=f"signalering:{sig.pk}:{template}",
        template=template,
        case_type="signalering",
        case_id=sig.pk,
        recipient=recipient_for(sig),
        now=now,
        context=context_for(sig, now),
    )
