"""The write path of a datalek (privacyreglement §8, AVG art. 33): 72 hours to notify the AP."""

from __future__ import annotations

from datetime import datetime

from django.db import transaction

from states.models import Datalek, Samenwerkingsverband
from states.policy import PolicyError
from states.roles import Actor, NotAllowed, Rol
from states.services import cases, deadlines
from states.services.common import stamp

PRIVACY = cases.privacy
MELDERS = (
    Rol.FUNCTIONARIS,
    Rol.BEVRAGER,
    Rol.DIRECTIE,
    Rol.PRIVACY_OFFICER,
    Rol.MEDEWERKER_SWV,
    Rol.SECRETARIS_GC,
)


@transaction.atomic
def meld(actor: Actor, omschrijving: str, ontdekt_op: datetime, now: datetime) -> Datalek:
    if actor.rol not in MELDERS:
        raise NotAllowed("Alleen medewerkers melden een datalek.")
    if not omschrijving.strip():
        raise PolicyError({"omschrijving": ["Beschrijf wat er is gebeurd."]})
    if ontdekt_op > now:
        raise PolicyError({"ontdekt_op": ["Het moment van ontdekking ligt niet in de toekomst."]})
    swv = Samenwerkingsverband.objects.get(pk=actor.samenwerkingsverband_id)
    datalek = Datalek(
        samenwerkingsverband=swv,
        protocol_versie=swv.geldend_protocol(),
        deelnemer_id=actor.deelnemer_id,
        ontdekt_op=ontdekt_op,
        gemeld_door_id=actor.user_id,
        omschrijving=omschrijving,
        geregistreerd_op=now,
        gewijzigd_op=now,
    )
    stamp(datalek, actor, "gemeld")
    datalek.save()
    deadlines.reconcile(datalek, now)
    cases.alert_staff(datalek, "datalek_gemeld", now, (Rol.PRIVACY_OFFICER,))
    return datalek


@transaction.atomic
def beoordeel(actor: Actor, pk: int, beoordeling: str, now: datetime) -> Datalek:
    def apply(datalek: Datalek) -> None:
        datalek.beoordeling = beoordeling

    return cases.run(Datalek, pk, actor, "beoordeel", now, PRIVACY, beoordeling, apply)


@transaction.atomic
def meld_ap(actor: Actor, pk: int, kenmerk: str, now: datetime) -> Datalek:
    if not kenmerk.strip():
        raise PolicyError({"ap_kenmerk": ["Vermeld het kenmerk van de melding bij de AP."]})

    def apply(datalek: Datalek) -> None:
        datalek.ap_kenmerk, datalek.gemeld_ap_op = kenmerk, now

    return cases.run(Datalek, pk, actor, "meld_ap", now, PRIVACY, kenmerk, apply)


@transaction.atomic
def niet_meldplichtig(actor: Actor, pk: int, redenen: str, now: datetime) -> Datalek:
    if not redenen.strip():
        raise PolicyError({"beoordeling": ["Leg vast waarom het lek niet meldplichtig is."]})

    def apply(datalek: Datalek) -> None:
        datalek.beoordeling = redenen

    return cases.run(Datalek, pk, actor, "niet_meldplichtig", now, PRIVACY, redenen, apply)


@transaction.atomic
def sluit(actor: Actor, pk: int, now: datetime) -> Datalek:
    return cases.run(Datalek, pk, actor, "sluit", now, PRIVACY)
