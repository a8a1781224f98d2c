"""Where the domain's notices become outbox rows, inside the caller's transaction."""

from __future__ import annotations

from typing import Any

from django.db import IntegrityError, transaction
from django.dispatch import receiver

from notifications.models import OutboxMessage
from states.notices import Notice, case_erased, notice_requested


def channel_and_status(notice: Notice) -> tuple[str, str]:
    """E-mail when known; otherwise a letter; with no address either, a documented letter."""
    if notice.recipient.email:
        return OutboxMessage.Channel.EMAIL, OutboxMessage.Status.PENDING
    if notice.recipient.adres:
        return OutboxMessage.Channel.BRIEF, OutboxMessage.Status.PENDING
    return OutboxMessage.Channel.BRIEF, OutboxMessage.Status.DOCUMENTED


@receiver(notice_requested)
def write_outbox_row(sender: Any, notice: Notice, **kwargs: Any) -> int | None:
    channel, status = channel_and_status(notice)
    try:
        with transaction.atomic():  # a savepoint: a repeated key must not spoil the caller
            row = OutboxMessage.objects.create(
                idempotency_key=notice.key,
                template=notice.template,
                case_type=notice.case_type,
                case_id=notice.case_id,
                channel=channel,
                status=status,
                to_name=notice.recipient.naam,
                to_email=notice.recipient.email,
                to_address=notice.recipient.adres,
                for_betrokkene=notice.recipient.is_betrokkene,
                context=notice.context,
                created_at=notice.now,
                next_attempt_at=notice.now,
            )
    except IntegrityError:
        return None  # already written for this key: idempotent
    return row.pk


@receiver(case_erased)
def erase_outbox_rows(sender: Any, case_type: str, case_id: int, **kwargs: Any) -> int:
    deleted, _ = OutboxMessage.objects.filter(case_type=case_type, case_id=case_id).delete()
    return deleted
