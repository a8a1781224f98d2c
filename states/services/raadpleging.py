"""Reading signaleringen: what each actor may see, and a log row for every read (ch. 13, 14)."""

from __future__ import annotations

from datetime import datetime
from typing import Any

from django.db.models import Q, QuerySet

from states.clock import local_date
from states.models import Raadpleging, Signalering
from states.models.signalering import SignaleringState
from states.policy import PolicyError
from states.roles import Actor, NotAllowed, Rol
from states.visibility import EIGEN_VOLLEDIG, REGIO_VOLLEDIG, Zicht, zicht

Doel = Raadpleging.Doel
CATEGORIE_DOELEN = (Doel.KANDIDAATSTELLING, Doel.URGENTIE)


def standaard_doel(actor: Actor) -> str:
    return Doel.TOEZICHT if actor.rol == Rol.PRIVACY_OFFICER else Doel.BEHEER


def log(
    actor: Actor,
    sig_ids: list[int],
    actie: str,
    doel: str,
    now: datetime,
    kenmerk: str = "",
    case: Any = None,
) -> None:
    """A read-log row per signalering read: who, when, which, for what (and in which case)."""
    Raadpleging.objects.bulk_create(
        Raadpleging(
            tijdstip=now,
            user_id=actor.user_id,
            rol=actor.rol,
            deelnemer_id=actor.deelnemer_id,
            signalering_id=pk,
            actie=actie,
            doel=doel,
            kenmerk=kenmerk,
            case_type=case.CASE_TYPE if case is not None else "",
            case_id=case.pk if case is not None else None,
        )
        for pk in sig_ids
    )


def _candidates(actor: Actor, now: datetime) -> QuerySet[Signalering]:
    """A superset of what the actor may see, narrowed in SQL; `zicht` decides per row."""
    qs = Signalering.objects.filter(samenwerkingsverband_id=actor.samenwerkingsverband_id)
    if actor.rol in REGIO_VOLLEDIG:
        return qs
    eigen = Q(primaire_bron_id=actor.deelnemer_id) if actor.rol in EIGEN_VOLLEDIG else Q(pk=None)
    vandaag = local_date(now)
    gedeeld = Q(
        beperkt=False,
        state=SignaleringState.GEBLOKKEERD,
        einddatum_regio__gt=vandaag,  # only the region-wide part is shared (ch. 7)
        blokkade_start__lte=vandaag,
        blokkade_eind__gt=vandaag,
    )
    return qs.filter(eigen | gedeeld).exclude(state=SignaleringState.VERWIJDERD)


def lijst(
    actor: Actor, now: datetime, state: str | None = None, offset: int = 0, limit: int = 100
) -> list[tuple[Signalering, Zicht]]:
    """One page of what the actor may see; only the rows returned are logged as read."""
    qs = _candidates(actor, now).select_related("primaire_bron", "protocol_versie").order_by("pk")
    if state:
        qs = qs.filter(state=state)
    qs = qs[offset : offset + limit]
    vandaag = local_date(now)
    rows = [(s, z) for s in qs if (z := zicht(actor, s, vandaag)) != Zicht.GEEN]
    log(
        actor,
        [s.pk for s, z in rows if z != Zicht.RESTANT],
        Raadpleging.Actie.LIJST,
        standaard_doel(actor),
        now,
    )
    return rows


def lees(actor: Actor, pk: int, now: datetime) -> tuple[Signalering, Zicht]:
    """One signalering as the actor may see it; LookupError when it may not (no existence leak)."""
    sig = (
        Signalering.objects.select_related("primaire_bron", "protocol_versie").filter(pk=pk).first()
    )
    level = zicht(actor, sig, local_date(now)) if sig else Zicht.GEEN
    if level == Zicht.GEEN:
        raise LookupError(f"Signalering {pk} niet gevonden.")
    if level != Zicht.RESTANT:
        log(actor, [sig.pk], Raadpleging.Actie.DETAIL, standaard_doel(actor), now)
    return sig, level


def open_categorie(actor: Actor, pk: int, doel: str, kenmerk: str, now: datetime) -> list[str]:
    """Another corporation opens the category for a concrete candidacy or urgency decision:
    allowed only then, and logged with purpose and reference (ch. 13.3)."""
    errors = {}
    if doel not in CATEGORIE_DOELEN:
        errors["doel"] = [f"Kies een van: {', '.join(CATEGORIE_DOELEN)}."]
    if not kenmerk.strip():
        errors["kenmerk"] = ["Noem het kenmerk van de kandidatuur of urgentieaanvraag."]
    if errors:
        raise PolicyError(errors)
    sig = Signalering.objects.filter(pk=pk).first()
    level = zicht(actor, sig, local_date(now)) if sig else Zicht.GEEN
    if level == Zicht.GEEN:
        raise LookupError(f"Signalering {pk} niet gevonden.")
    if level not in (Zicht.BLOKKADE, Zicht.VOLLEDIG):
        raise NotAllowed("De categorie van deze signalering is niet in te zien.")
    log(actor, [sig.pk], Raadpleging.Actie.CATEGORIE, doel, now, kenmerk.strip()[:60])
    return list(sig.categorieen)
