"""Purge ended signaleringen once the person has been told (ch. 12.4).

The removal notice carries the name and address it is sent to, so the purge waits until nothing
for the case is still pending in the outbox; then the purge erases the outbox rows as well.
"""

from __future__ import annotations

from datetime import datetime, timedelta

from django.db.models import Q

from notifications.delivery import pending_for
from notifications.models import UNDELIVERED, OutboxMessage
from states.clock import local_date
from states.models import Medewerker, Signalering
from states.models.signalering import SignaleringState
from states.notices import Notice, Recipient, request_notice
from states.roles import Actor, NotAllowed, NotPossible, Rol
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


UNPRINTED_AFTER = timedelta(days=7)


def escalate_unprinted(now: datetime) -> int:
    """A removal waits for its notice (ch. 12.4); a letter not printed within a week keeps the
    person's data on file, so the privacy officer and the primaire bron's functionarissen are
    told — once per letter (the notice key is its idempotency)."""
    waiting = OutboxMessage.objects.filter(
        case_type="signalering",
        template="verwijdering",
        channel=OutboxMessage.Channel.BRIEF,
        status__in=UNDELIVERED,
        created_at__lte=now - UNPRINTED_AFTER,
    )
    sigs = {
        s.pk: s
        for s in Signalering.objects.filter(
            pk__in=waiting.values("case_id"), state=SignaleringState.BEEINDIGD
        )
    }
    told = 0
    for row in waiting.filter(case_id__in=list(sigs)):
        sig = sigs[row.case_id]
        staff = Medewerker.objects.filter(
            Q(rol=Rol.PRIVACY_OFFICER) | Q(rol=Rol.FUNCTIONARIS, deelnemer_id=sig.primaire_bron_id),
            samenwerkingsverband_id=sig.samenwerkingsverband_id,
            user__is_active=True,
        ).select_related("user")
        for medewerker in staff:
            request_notice(
                Notice(
                    key=f"outbox:{row.pk}:niet_geprint:{medewerker.user_id}",
                    template="brief_niet_geprint",
                    case_type="signalering",
                    case_id=sig.pk,
                    recipient=Recipient.staff(medewerker.user),
                    now=now,
                    context={
                        "zaak": f"signalering #{sig.pk}",
                        "bericht_id": row.pk,
                        "aangemaakt": local_date(row.created_at).isoformat(),
                        "datum": local_date(now).isoformat(),
                    },
                )
            )
            told += 1
    return told
