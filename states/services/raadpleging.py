"""Reading signaleringen: what each actor may see, and a log row for every read (ch. 13, 14)."""

from __future__ import annotations

from dataclasses import dataclass
from datetime import date, datetime
from typing import Any

from django.db.models import Q, QuerySet

from states.clock import local_date
from states.models import Raadpleging, Signalering
from states.models.signalering import SignaleringState
from states.policy import CORPORATIE, REGIO, PolicyError
from states.roles import Actor, NotAllowed, Rol
from states.services import matching
from states.visibility import (
    ANDERE_BLOKKADE,
    EIGEN_VOLLEDIG,
    REGIO_VOLLEDIG,
    Zicht,
    blokkades,
    zicht,
)

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


def _candidates(actor: Actor) -> QuerySet[Signalering]:
    """A superset of what the actor may see, narrowed in SQL; `zicht` decides per row."""
    qs = Signalering.objects.filter(samenwerkingsverband_id=actor.samenwerkingsverband_id)
    if actor.rol in REGIO_VOLLEDIG:
        return qs
    eigen = Q(primaire_bron_id=actor.deelnemer_id) if actor.rol in EIGEN_VOLLEDIG else Q(pk=None)
    return qs.filter(eigen).exclude(state=SignaleringState.VERWIJDERD)


def lijst(
    actor: Actor, now: datetime, state: str | None = None, offset: int = 0, limit: int = 100
) -> list[tuple[Signalering, Zicht]]:
    """One page of what the actor may see; only the rows returned are logged as read."""
    qs = kandidaten(actor).order_by("pk")
    if state:
        qs = qs.filter(state=state)
    return toon(actor, list(qs[offset : offset + limit]), now)


def kandidaten(actor: Actor) -> QuerySet[Signalering]:
    """What a list may page through for this actor (narrow it further, then `toon` a page)."""
    return _candidates(actor).select_related("primaire_bron", "protocol_versie")


def toon(actor: Actor, page: list[Signalering], now: datetime) -> list[tuple[Signalering, Zicht]]:
    """The rows of one page as the actor may see them, each logged as read."""
    vandaag = local_date(now)
    rows = [(s, z) for s in page if (z := zicht(actor, s, vandaag)) != Zicht.GEEN]
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


@dataclass(frozen=True)
class Aanvrager:
    """The concrete applicant a category is opened for (ch. 13.3)."""

    inschrijfnummer: str
    voornaam: str
    achternaam: str
    geboortedatum: date


def open_categorie(
    actor: Actor, aanvrager: Aanvrager, doel: str, kenmerk: str, now: datetime
) -> list[dict[str, Any]]:
    """A corporation opens the category of the blokkade that keeps *this applicant* from its
    homes, for a concrete candidacy or urgency decision: never by a record's id, so the list
    cannot be harvested (ch. 13). Logged with purpose and reference. Empty: not blocked here."""
    errors = {}
    if doel not in CATEGORIE_DOELEN:
        errors["doel"] = [f"Kies een van: {', '.join(CATEGORIE_DOELEN)}."]
    if not kenmerk.strip():
        errors["kenmerk"] = ["Noem het kenmerk van de kandidatuur of urgentieaanvraag."]
    if errors:
        raise PolicyError(errors)
    if actor.rol not in ANDERE_BLOKKADE:
        raise NotAllowed("Deze rol opent geen categorie.")
    sleutel = matching.sleutel_voor(
        aanvrager.voornaam, aanvrager.achternaam, aanvrager.geboortedatum
    )
    geblokkeerd, _ = matching.op_nummer_en_identiteit(actor, aanvrager.inschrijfnummer, sleutel)
    vandaag = local_date(now)
    result = []
    for sig in geblokkeerd:
        beleid = sig.protocol_versie.beleid
        for deel in blokkades(sig, actor.deelnemer_id, vandaag):
            result.append(
                {
                    "reikwijdte": deel.reikwijdte,
                    "tot": deel.tot,
                    "categorieen": sorted(
                        c
                        for c in sig.categorieen
                        if deel.reikwijdte == CORPORATIE
                        or beleid.categorieen[c].reikwijdte == REGIO
                    ),
                }
            )
        log(actor, [sig.pk], Raadpleging.Actie.CATEGORIE, doel, now, kenmerk.strip()[:60])
    return result
