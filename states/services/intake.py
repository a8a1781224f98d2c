"""Intake by every channel: the person in the portal or API, staff for a letter or the desk.

The legal clock starts at the actual receipt, which staff enter for a letter or a desk visit;
it may lie in the past, never in the future.
"""

from __future__ import annotations

from dataclasses import dataclass
from datetime import date, datetime
from typing import Any

from django.contrib.auth import get_user_model

from states.models import Betrokkene, Signalering
from states.models.case import Kanaal
from states.models.signalering import SignaleringState
from states.policy import PolicyError
from states.roles import Actor, NotAllowed, Rol
from states.visibility import ziet_volledig

STAFF = (Rol.FUNCTIONARIS, Rol.PRIVACY_OFFICER, Rol.MEDEWERKER_SWV, Rol.DIRECTIE, Rol.SECRETARIS_GC)


@dataclass
class Indiening:
    """Who filed, how and when; `ontvangen_op` only for what staff register."""

    naam: str = ""
    email: str = ""
    adres: str = ""
    kanaal: str = Kanaal.API
    ontvangen_op: datetime | None = None
    toelichting: str = ""
    signalering_id: int | None = None
    taal: str = "nl"
    # Who the person says they are, to find their registration when no code is linked.
    voornaam: str = ""
    achternaam: str = ""
    geboortedatum: date | None = None


def receipt(actor: Actor, indiening: Indiening, now: datetime) -> tuple[datetime, str, int | None]:
    """(received at, channel, filer's user id) — checked for who may say what."""
    if actor.rol == Rol.BETROKKENE:
        if indiening.kanaal not in (Kanaal.PORTAAL, Kanaal.API):
            raise PolicyError({"kanaal": ["Via het portaal of de API."]})
        # What the person files online is received the moment it arrives.
        return now, indiening.kanaal, actor.user_id
    if actor.rol not in STAFF:
        raise NotAllowed("Deze rol registreert geen verzoeken, klachten of geschillen.")
    ontvangen = indiening.ontvangen_op or now
    if ontvangen > now:
        raise PolicyError({"ontvangen_op": ["De ontvangstdatum ligt niet in de toekomst."]})
    if not indiening.naam.strip():
        raise PolicyError({"naam": ["Vermeld de naam van de indiener."]})
    return ontvangen, indiening.kanaal, None


def signalering_of(actor: Actor, signalering_id: int | None) -> Signalering | None:
    """The signalering a case is about. A person names only one linked to their account; staff
    only one they see whole — their own corporation's, or the region's for the region roles —
    and never a concept (nobody has been told of it). Anything else, and a missing id, get the
    same answer: the reply never tells an unseen record from a missing one."""
    if signalering_id is None:
        return None
    unknown = PolicyError({"signalering": ["Onbekende signalering."]})
    sig = Signalering.objects.filter(
        pk=signalering_id, samenwerkingsverband_id=actor.samenwerkingsverband_id
    ).first()
    if sig is None or sig.state in (SignaleringState.CONCEPT, SignaleringState.VERWIJDERD):
        raise unknown
    if actor.rol == Rol.BETROKKENE:
        if not Betrokkene.objects.filter(user_id=actor.user_id, signaleringen=sig).exists():
            raise unknown
    elif not ziet_volledig(actor, sig):
        raise unknown
    return sig


def filing_fields(
    actor: Actor,
    indiening: Indiening,
    now: datetime,
    ontvangen: datetime,
    kanaal: str,
    indiener_id: int | None,
) -> dict[str, Any]:
    """The fields of CaseBase that come from the filing: who, how, when really received."""
    user = get_user_model().objects.filter(pk=indiener_id).first()
    return {
        "ontvangen_op": ontvangen,
        "geregistreerd_op": now,
        "kanaal": kanaal,
        "geregistreerd_door_id": actor.user_id if indiener_id is None else None,
        "indiener_id": indiener_id,
        "indiener_naam": indiening.naam or (user.get_full_name() if user else ""),
        "indiener_email": indiening.email or (user.email if user else ""),
        "indiener_adres": indiening.adres,
        "toelichting": indiening.toelichting,
        "taal": indiening.taal,
        "gewijzigd_op": now,
    }
