"""Where the domain's notices become outbox rows, inside the caller's transaction."""

from __future__ import annotations

from collections.abc import Sequence
from typing import Any

from anymail.signals import AnymailTrackingEvent, tracking
from django.dispatch import receiver

from notifications.delivery import fall_back_to_letter
from notifications.models import OutboxMessage
from states.notices import Notice, Recipient, case_erased, contact_known, notice_requested


def channel_and_status(notice: Notice) -> tuple[str, str]:
    """E-mail when known; otherwise a letter; with no address either, a documented letter."""
    if notice.recipient.email:
        return OutboxMessage.Channel.EMAIL, OutboxMessage.Status.PENDING
    if notice.recipient.adres:
        return OutboxMessage.Channel.BRIEF, OutboxMessage.Status.PENDING
    return OutboxMessage.Channel.BRIEF, OutboxMessage.Status.DOCUMENTED


@receiver(notice_requested)
def write_outbox_rows(sender: Any, notices: Sequence[Notice], **kwargs: Any) -> bool:
    """One row per idempotency key, ever: a repeated notice is dropped in the same INSERT."""
    OutboxMessage.objects.bulk_create(
        [_row(notice) for notice in notices],
        ignore_conflicts=True,  # ON CONFLICT DO NOTHING: idempotent, no savepoint needed
    )
    return True


def _row(notice: Notice) -> OutboxMessage:
    channel, status = channel_and_status(notice)
    return OutboxMessage(
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
        language=notice.recipient.taal,
        context=notice.context,
        created_at=notice.now,
        next_attempt_at=notice.now,
    )


# Letters a person keeps in their own account after the case they were about is erased.
KEPT_FOR_ACCOUNT = ("verwijdering",)
ACCOUNT = "account"


@receiver(case_erased)
def erase_outbox_rows(
    sender: Any, case_type: str, case_id: int, keep_for_accounts: Any = (), **kwargs: Any
) -> int:
    rows = OutboxMessage.objects.filter(case_type=case_type, case_id=case_id)
    kept = [
        OutboxMessage(
            **{f: getattr(row, f) for f in COPIED_FIELDS},
            idempotency_key=f"{ACCOUNT}:{account_id}:{row.template}:{row.pk}",
            case_type=ACCOUNT,
            case_id=account_id,
        )
        for row in rows.filter(template__in=KEPT_FOR_ACCOUNT, for_betrokkene=True)
        for account_id in keep_for_accounts
    ]
    OutboxMessage.objects.bulk_create(kept)
    deleted, _ = rows.delete()
    return deleted


COPIED_FIELDS = (
    "template",
    "channel",
    "status",
    "to_name",
    "to_email",
    "to_address",
    "for_betrokkene",
    "context",
    "language",
    "created_at",
    "attempts",
    "sent_at",
)


@receiver(contact_known)
def release_documented_letters(
    sender: Any, case_type: str, case_id: int, recipient: Recipient, **kwargs: Any
) -> int:
    """A dated, documented notice goes out once an e-mail or address is known (ch. 10)."""
    channel = OutboxMessage.Channel.EMAIL if recipient.email else OutboxMessage.Channel.BRIEF
    return OutboxMessage.objects.filter(
        case_type=case_type, case_id=case_id, status=OutboxMessage.Status.DOCUMENTED
    ).update(
        channel=channel,
        status=OutboxMessage.Status.PENDING,
        to_email=recipient.email,
        to_address=recipient.adres,
    )


FAILED_EVENTS = {"bounced", "rejected", "failed", "complained"}


@receiver(tracking)
def record_delivery_event(
    sender: Any, event: AnymailTrackingEvent, esp_name: str, **kwargs: Any
) -> None:
    """The ESP's webhook tells what became of a message; a bounce surfaces as a failure."""
    outbox_id = (event.metadata or {}).get("outbox_id")
    rows = (
        OutboxMessage.objects.filter(pk=outbox_id)
        if outbox_id
        else OutboxMessage.objects.filter(provider_message_id=event.message_id or "-")
    )
    update: dict[str, Any] = {"delivery_event": event.event_type or ""}
    if event.event_type in FAILED_EVENTS:
        update.update(
            status=OutboxMessage.Status.FAILED,
            last_error=f"{esp_name}: {event.event_type} {event.description or ''}"[:2000],
        )
    rows.update(**update)
    if event.event_type in FAILED_EVENTS:
        for row in rows:
            fall_back_to_letter(row)  # a bounce: the person is told by post
