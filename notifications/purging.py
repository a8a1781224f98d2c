"""Purge ended signaleringen once the person has been told (ch. 12.4).

The removal notice carries the name and address it is sent to, so the purge waits until nothing
for the case is still pending in the outbox; then the purge erases the outbox rows as well.
"""

from __future__ import annotations

from datetime import datetime

from notifications.delivery import pending_for
from notifications.models import UNDELIVERED, OutboxMessage
from states.models import Signalering
from states.models.signalering import SignaleringState
from states.roles import Actor, NotAllowed, NotPossible
from states.services import signalering as signalering_service


def verwijder_na_bericht(actor: Actor, pk: int, now: datetime) -> Signalering:
    """Purge on request, but not before the removal notice has gone out."""
    if pending_for("signalering", pk):
        raise NotPossible("Het verwijderingsbericht is nog niet verzonden; daarna wordt gewist.")
    return signalering_service.verwijder(actor, pk, now)


def purge_told(now: datetime) -> list[int]:
    purged = []
    untold = OutboxMessage.objects.filter(case_type="signalering", status__in=UNDELIVERED).values(
        "case_id"
    )
    ended = (
        Signalering.objects.filter(state=SignaleringState.BEEINDIGD)
        .exclude(pk__in=untold)  # one query, not one per ended signalering
        .values_list("pk", "samenwerkingsverband_id")
    )
    for pk, swv_id in list(ended):
        try:
            signalering_service.verwijder(Actor.automaat(swv_id), pk, now)
        except (NotPossible, NotAllowed):
            continue  # purged meanwhile by someone else
        purged.append(pk)
    return purged
