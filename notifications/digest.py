"""The daily digest of failed messages for the operators (no personal data in it)."""

from __future__ import annotations

from datetime import datetime

from django.conf import settings
from django.core.mail import EmailMessage
from django.db import transaction

from notifications.models import OutboxMessage
from states.clock import local_date
from states.roles import NotPossible


@transaction.atomic
def send_failure_digest(now: datetime) -> int:
    """One e-mail a day listing every failure not reported before; returns how many."""
    failed = list(
        OutboxMessage.objects.select_for_update(skip_locked=True)
        .filter(status=OutboxMessage.Status.FAILED, digest_sent_at__isnull=True)
        .order_by("pk")
    )
    if not failed:
        return 0
    lines = [
        f"#{m.pk} {m.template} ({m.case_type} {m.case_id}), {m.attempts} pogingen: "
        f"{m.last_error[:160]}"
        for m in failed
    ]
    EmailMessage(
        subject=f"Mislukte berichten {local_date(now):%d-%m-%Y}: {len(failed)}",
        body="Deze berichten zijn niet afgeleverd. Opnieuw versturen kan in het portaal of via "
        "POST /api/v1/outbox/<id>/transitions/opnieuw.\n\n" + "\n".join(lines),
        from_email=settings.DEFAULT_FROM_EMAIL,
        to=settings.OPERATOR_EMAILS,
    ).send()
    OutboxMessage.objects.filter(pk__in=[m.pk for m in failed]).update(digest_sent_at=now)
    return len(failed)


@transaction.atomic
def resend(message_id: int, now: datetime) -> OutboxMessage:
    row = OutboxMessage.objects.select_for_update().get(pk=message_id)
    if row.status != OutboxMessage.Status.FAILED:
        raise NotPossible("Alleen een mislukt bericht wordt opnieuw verstuurd.")
    row.status, row.attempts, row.next_attempt_at = OutboxMessage.Status.PENDING, 0, now
    row.digest_sent_at = None
    row.save()
    return row


@transaction.atomic
def mark_printed(message_id: int, now: datetime) -> OutboxMessage:
    """The letter left the print room: it counts as sent, and its PDF is no longer kept."""
    row = OutboxMessage.objects.select_for_update().get(pk=message_id)
    if row.status != OutboxMessage.Status.PRINT_QUEUE:
        raise NotPossible("Deze brief staat niet in de printwachtrij.")
    row.status, row.sent_at, row.pdf = OutboxMessage.Status.SENT, now, None
    row.save()
    return row
