"""A request without a linked code is searched by identity across the region before anyone may
answer "we hold nothing about you" (AVG art. 15, protocol ch. 15). The person's name and birth
date are kept only as the keyed hash the signaleringen are matched by; a staff member confirms
that a hit is this person before the request is linked to it."""

from __future__ import annotations

from datetime import date, datetime

from django.db import transaction

from states.models import Raadpleging, Signalering, Verzoek
from states.models.signalering import SignaleringState
from states.policy import PolicyError
from states.roles import Actor, NotAllowed, NotPossible
from states.services import cases, deadlines, raadpleging
from states.services.common import lock, stamp
from states.services.matching import sleutel_voor

ZOEKBAAR = (
    SignaleringState.GEREGISTREERD,
    SignaleringState.GEBLOKKEERD,
    SignaleringState.BEEINDIGD,
)
# Only those who may handle a request without a primaire bron: the privacy officer's office
# and the samenwerkingsverband (the corporations see only their own signaleringen).
ZOEKER = cases.privacy


def sleutel(voornaam: str, achternaam: str, geboortedatum: date | None) -> str:
    return sleutel_voor(voornaam, achternaam, geboortedatum)


def _treffers(verzoek: Verzoek) -> list[Signalering]:
    return list(
        Signalering.objects.filter(
            samenwerkingsverband_id=verzoek.samenwerkingsverband_id,
            match_sleutel=verzoek.identiteit_sleutel,
            state__in=ZOEKBAAR,
        ).select_related("primaire_bron")
    )


@transaction.atomic
def zoek(
    actor: Actor,
    pk: int,
    now: datetime,
    voornaam: str = "",
    achternaam: str = "",
    geboortedatum: date | None = None,
) -> list[Signalering]:
    """Search the region by the identity given at filing (or now, by staff, from the letter)."""
    verzoek = lock(Verzoek, pk)
    if not ZOEKER(actor, verzoek):
        raise NotAllowed(
            "Alleen de privacy officer of het samenwerkingsverband zoekt op identiteit."
        )
    if verzoek.signalering_id is not None:
        raise NotPossible("Dit verzoek is al aan een signalering gekoppeld.")
    if voornaam or achternaam or geboortedatum:
        verzoek.identiteit_sleutel = sleutel(voornaam, achternaam, geboortedatum)
    if not verzoek.identiteit_sleutel:
        raise PolicyError(
            {"geboortedatum": ["Naam en geboortedatum zijn nodig om te zoeken; vraag ze op."]}
        )
    treffers = _treffers(verzoek)
    verzoek.identiteit_gezocht_op, verzoek.identiteit_gevonden = now, len(treffers)
    verzoek.gewijzigd_op = now
    stamp(verzoek, actor, f"gezocht op identiteit: {len(treffers)} treffer(s)")
    verzoek.save()
    raadpleging.log(
        actor,
        [s.pk for s in treffers],
        Raadpleging.Actie.DETAIL,
        Raadpleging.Doel.VERZOEK_BETROKKENE,
        now,
        case=verzoek,
    )
    return treffers


@transaction.atomic
def koppel(actor: Actor, pk: int, signalering_id: int, now: datetime) -> Verzoek:
    """A staff member confirmed that a hit is this person: the request is about that
    signalering from now on, decided by its primaire bron. Only a hit of the search links."""
    verzoek = lock(Verzoek, pk)
    if not ZOEKER(actor, verzoek):
        raise NotAllowed("Alleen de privacy officer of het samenwerkingsverband koppelt.")
    if verzoek.signalering_id is not None:
        raise NotPossible("Dit verzoek is al aan een signalering gekoppeld.")
    sig = next((s for s in _treffers(verzoek) if s.pk == signalering_id), None)
    if verzoek.identiteit_gezocht_op is None or sig is None:
        raise PolicyError(
            {"signalering": ["Alleen een treffer van de zoekactie kan worden gekoppeld."]}
        )
    verzoek.signalering, verzoek.primaire_bron_id = sig, sig.primaire_bron_id
    verzoek.gewijzigd_op = now
    stamp(verzoek, actor, f"identiteit bevestigd; gekoppeld aan signalering #{sig.pk}")
    verzoek.save()
    deadlines.reconcile(verzoek, now)
    return verzoek


def mag_geen_gegevens_antwoorden(verzoek: Verzoek) -> bool:
    """'No data' may be answered only after the search, and only when it found nothing."""
    return verzoek.identiteit_gezocht_op is not None and not verzoek.identiteit_gevonden
