"""The half-yearly access review (ch. 14.1): opened by the scheduled flow for every corporation
and for the region's own staff; each user confirmed or withdrawn by the reviewer; at the
deadline, whoever is not confirmed loses access. Every step is in the case's history."""

from __future__ import annotations

from datetime import datetime

from django.contrib.auth import get_user_model
from django.db import transaction

from states.clock import local_date
from states.models import (
    Deelnemer,
    Medewerker,
    Oordeel,
    Samenwerkingsverband,
    Toegangstoets,
    ToegangstoetsRegel,
)
from states.roles import Actor, NotAllowed, NotPossible, Rol
from states.services import cases, deadlines
from states.services.common import lock, stamp


def periode(now: datetime) -> str:
    """The half year `now` falls in, in Amsterdam: "2027-1" from 1 January, "2027-2" from 1 July."""
    day = local_date(now)
    return f"{day.year}-{1 if day.month <= 6 else 2}"


def beoordelaar(actor: Actor, toets: Toegangstoets) -> bool:
    """The corporation's directie; for the region's own staff, its privacy officer."""
    return (
        cases.regio(actor, toets)
        and actor.rol == toets.beoordelaar_rol
        and actor.deelnemer_id == toets.deelnemer_id
    )


def mag_lezen(actor: Actor, toets: Toegangstoets) -> bool:
    """The reviewer, and the region's privacy officer (oversight of every corporation's review)."""
    return beoordelaar(actor, toets) or (
        cases.regio(actor, toets) and actor.rol == Rol.PRIVACY_OFFICER
    )


def open_toetsen(now: datetime) -> int:
    """Open this half year's review wherever it is not open yet (idempotent: run it daily)."""
    opened = 0
    for swv in Samenwerkingsverband.objects.all():
        deelnemers = Deelnemer.objects.filter(
            samenwerkingsverband=swv, status=Deelnemer.Status.ACTIEF
        )
        for deelnemer_id in [None, *deelnemers.values_list("pk", flat=True)]:
            opened += _open(swv, deelnemer_id, now)
    return opened


@transaction.atomic
def _open(swv: Samenwerkingsverband, deelnemer_id: int | None, now: datetime) -> int:
    toets, created = Toegangstoets.objects.get_or_create(
        samenwerkingsverband=swv,
        deelnemer_id=deelnemer_id,
        periode=periode(now),
        defaults={
            "protocol_versie": swv.geldend_protocol(now),
            "geopend_op": now,
            "gewijzigd_op": now,
        },
    )
    if not created:
        return 0
    staff = Medewerker.objects.filter(
        samenwerkingsverband=swv, deelnemer_id=deelnemer_id, user__is_active=True
    ).exclude(rol=Rol.AUTOMAAT)
    ToegangstoetsRegel.objects.bulk_create(
        ToegangstoetsRegel(toets=toets, medewerker=m, rol=m.rol) for m in staff.order_by("pk")
    )
    deadlines.reconcile(toets, now)
    uiterlijk = deadlines.first_open(toets).last_day
    cases.alert_staff(
        toets,
        "toegangstoets_geopend",
        now,
        (toets.beoordelaar_rol,),
        deelnemer_id,
        aantal=staff.count(),
        uiterlijk=uiterlijk.isoformat() if uiterlijk else "",
    )
    return 1


def _in_behandeling(actor: Actor, pk: int) -> Toegangstoets:
    toets = lock(Toegangstoets, pk)
    if not beoordelaar(actor, toets):
        raise NotAllowed("Alleen de directie van de deelnemer (of de privacy officer) toetst.")
    if toets.state != "open":
        raise NotPossible("Deze toets is al afgesloten.")
    return toets


@transaction.atomic
def beoordeel(actor: Actor, pk: int, regel_id: int, oordeel: str, now: datetime) -> Toegangstoets:
    """Confirm a user, or withdraw their access — at once (ch. 14.1: "direct doorgevoerd")."""
    toets = _in_behandeling(actor, pk)
    if oordeel not in (Oordeel.BEVESTIGD, Oordeel.INGETROKKEN):
        raise NotPossible("Kies bevestigen of intrekken.")
    regel = (
        ToegangstoetsRegel.objects.select_related("medewerker")
        .filter(pk=regel_id, toets=toets)
        .first()
    )
    if regel is None:
        raise LookupError("Deze medewerker staat niet in de toets.")
    if oordeel == Oordeel.INGETROKKEN and regel.medewerker.user_id == actor.user_id:
        raise NotPossible("U kunt uw eigen toegang niet intrekken; vraag een collega.")
    regel.oordeel, regel.beoordeeld_door_id, regel.beoordeeld_op = oordeel, actor.user_id, now
    stamp(regel, actor, f"toegang {oordeel}")
    regel.save()
    if oordeel == Oordeel.INGETROKKEN:
        get_user_model().objects.filter(pk=regel.medewerker.user_id).update(is_active=False)
    toets.gewijzigd_op = now
    stamp(toets, actor, "medewerker beoordeeld")
    toets.save(update_fields=["gewijzigd_op"])
    return toets


@transaction.atomic
def rond_af(actor: Actor, pk: int, now: datetime) -> Toegangstoets:
    """Close the review once every user is judged; the deadline is met."""

    def apply(toets: Toegangstoets) -> None:
        if toets.regels.filter(oordeel=Oordeel.OPEN).exists():
            raise NotPossible("Beoordeel eerst iedere medewerker: bevestigen of intrekken.")
        toets.afgerond_op = now

    _in_behandeling(actor, pk)
    return cases.run(Toegangstoets, pk, actor, "rond_af", now, beoordelaar, "toets afgerond", apply)


def verloop(actor: Actor, pk: int, now: datetime) -> Toegangstoets:
    """The deadline passed (called by enforcement): whoever was not confirmed loses access, and
    the reviewer and the privacy officer are told how many."""
    toets = cases.run(
        Toegangstoets, pk, actor, "verloop", now, cases.automaat, "termijn verstreken"
    )
    users = list(
        toets.regels.filter(oordeel=Oordeel.OPEN).values_list("medewerker__user_id", flat=True)
    )
    # Told before the access ends: a reviewer who let it lapse learns why they cannot sign in.
    rollen = tuple(sorted({toets.beoordelaar_rol, Rol.PRIVACY_OFFICER}))
    cases.alert_staff(
        toets, "toegangstoets_verlopen", now, rollen, toets.deelnemer_id, ingetrokken=len(users)
    )
    get_user_model().objects.filter(pk__in=users).update(is_active=False)
    return toets
