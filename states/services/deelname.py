"""A participant that leaves or is excluded (ch. 17 "Uittreding", ch. 20, ch. 12.4 last para).

Leaving or definitive exclusion: every authorisation ends at once, every signalering of which it
is the primaire bron ends (the person is told) and is then purged. A temporary exclusion only
suspends the authorisations.
"""

from __future__ import annotations

from datetime import datetime

from django.contrib.auth import get_user_model
from django.db import transaction

from states.models import (
    Deelnemer,
    Signalering,
    Toetreding,
    UitsluitingDeelname,
    UitsluitingDeelnameState,
)
from states.models.signalering import Eindreden, SignaleringState
from states.roles import Actor, NotPossible, Rol
from states.services import cases
from states.services import signalering as signalering_service
from states.services.common import require, stamp
from states.services.matching import ACTIEF

BEEINDIGT_SIGNALERINGEN = (Deelnemer.Status.UITGETREDEN, Deelnemer.Status.UITGESLOTEN)


@transaction.atomic
def wijzig_deelname(actor: Actor, deelnemer_id: int, status: str, now: datetime) -> Deelnemer:
    require(actor.rol == Rol.MEDEWERKER_SWV, "Alleen het samenwerkingsverband beheert deelname.")
    deelnemer = Deelnemer.objects.select_for_update().get(pk=deelnemer_id)
    require(deelnemer.samenwerkingsverband_id == actor.samenwerkingsverband_id, "Andere regio.")
    if status not in Deelnemer.Status.values:
        raise NotPossible(f"Onbekende status {status}.")
    if deelnemer.status in BEEINDIGT_SIGNALERINGEN:
        raise NotPossible("Deze deelname is al beëindigd.")
    lopend = _lopende_uitsluiting(deelnemer)
    if status == Deelnemer.Status.ACTIEF:
        _kan_actief(deelnemer, lopend)
    if status == Deelnemer.Status.UITGESLOTEN and lopend is not None:
        raise NotPossible(
            "Er loopt een tijdelijke uitsluiting: leg het besluit tot definitieve uitsluiting vast."
        )
    if status == Deelnemer.Status.UITGETREDEN and lopend is not None:
        cases.run(UitsluitingDeelname, lopend.pk, actor, "vervalt", now, cases.samenwerkingsverband)
    deelnemer.status, deelnemer.status_sinds = status, now
    stamp(deelnemer, actor, f"deelname {status}")
    deelnemer.save()
    if status == Deelnemer.Status.ACTIEF:
        return deelnemer
    if status in BEEINDIGT_SIGNALERINGEN:
        # Accounts go for good; a suspension is enforced by states.access without touching them.
        get_user_model().objects.filter(medewerker__deelnemer=deelnemer).update(is_active=False)
        _beeindig_signaleringen(actor, deelnemer, now)
    return deelnemer


def toegelaten(deelnemer: Deelnemer) -> bool:
    """ch. 17: admitted with a signed declaration, recorded here or signed before (ADR 0011)."""
    return (
        deelnemer.verklaring_buiten_systeem
        or Toetreding.objects.filter(deelnemer=deelnemer).exists()
    )


def _lopende_uitsluiting(deelnemer: Deelnemer) -> UitsluitingDeelname | None:
    return UitsluitingDeelname.objects.filter(
        deelnemer=deelnemer, state=UitsluitingDeelnameState.TIJDELIJK
    ).first()


def _kan_actief(deelnemer: Deelnemer, lopend: UitsluitingDeelname | None) -> None:
    if not toegelaten(deelnemer):
        raise NotPossible("Leg eerst de getekende toetredingsverklaring vast (hoofdstuk 17).")
    if lopend is not None:
        raise NotPossible(
            "Er loopt een tijdelijke uitsluiting: leg het aanvaarde verbeterplan vast."
        )


def _beeindig_signaleringen(actor: Actor, deelnemer: Deelnemer, now: datetime) -> None:
    signaleringen = Signalering.objects.filter(primaire_bron=deelnemer)
    for pk in signaleringen.filter(state__in=ACTIEF).values_list("pk", flat=True):
        signalering_service.beeindig(actor, pk, Eindreden.DEELNEMER_UITGETREDEN, now)
    for pk in signaleringen.filter(state=SignaleringState.CONCEPT).values_list("pk", flat=True):
        signalering_service.verwerp_concept(actor, pk)
