"""The daily digest of failed messages for the operators (no personal data in it)."""

from __future__ import annotations

from datetime import datetime

from django.conf import settings
from django.core.mail import EmailMessage
from django.db import transaction

from notifications.models import OutboxMessage
from states.clock import local_date
from states.models import Deadline
from states.roles import NotPossible
from states.services.enforcement import failing

MAX_LINES = 200


@transaction.atomic
def send_failure_digest(now: datetime) -> int:
    """One e-mail a day: every failed message not reported before, and every escalation that is
    still failing (each day until it succeeds); returns how many were listed."""
    failed = list(
        OutboxMessage.objects.select_for_update(skip_locked=True)
        .filter(status=OutboxMessage.Status.FAILED, digest_sent_at__isnull=True)
        .order_by("pk")
    )
    stuck = list(failing()[:MAX_LINES])
    if not failed and not stuck:
        return 0
    EmailMessage(
        subject=f"Mislukt {local_date(now):%d-%m-%Y}: {len(failed)} berichten, "
        f"{len(stuck)} escalaties",
        body=_body(failed, stuck),
        from_email=settings.DEFAULT_FROM_EMAIL,
        to=settings.OPERATOR_EMAILS,
    ).send()
    OutboxMessage.objects.filter(pk__in=[m.pk for m in failed]).update(digest_sent_at=now)
    return len(failed) + len(stuck)


def _body(failed: list[OutboxMessage], stuck: list[Deadline]) -> str:
    parts = []
    if failed:
        parts.append(
            "Deze berichten zijn niet afgeleverd. Opnieuw versturen kan in het portaal of via "
            "POST /api/v1/outbox/<id>/transitions/opnieuw.\n\n"
            + "\n".join(
                f"#{m.pk} {m.template} ({m.case_type} {m.case_id}), {m.attempts} pogingen: "
                f"{m.last_error[:160]}"
                for m in failed[:MAX_LINES]
            )
        )
    if stuck:
        parts.append(
            "Deze termijnen zijn verstreken, maar hun escalatie mislukt bij elke poging; de "
            "betrokkene en de behandelaar zijn nog niet ingelicht. Los de fout op: de volgende "
            "run van enforce-deadlines escaleert ze dan alsnog.\n\n"
            + "\n".join(
                f"termijn #{d.pk} {d.get_kind_display()} ({d.case_type} {d.case_id}), uiterlijk "
                f"{d.due_at:%d-%m-%Y %H:%M}, mislukt sinds "
                f"{d.escalatie_mislukt_sinds:%d-%m-%Y %H:%M}, {d.escalatie_pogingen} pogingen: "
                f"{d.escalatie_fout}"
                for d in stuck
            )
        )
    return "\n\n".join(parts)


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
