"""Delivering pending e-mail through anymail, with retries and backoff.

Rows are claimed with FOR UPDATE SKIP LOCKED, so two senders never take the same row. Each
message is its own transaction: a worker killed mid-run loses at most the message in flight
(sent again on the next run, under the same Message-ID, so a provider or a mail client can tell
it is the same message), never a batch of messages already accepted by the provider.
"""

from __future__ import annotations

import logging
from dataclasses import dataclass
from datetime import datetime, timedelta

from django.conf import settings
from django.core.mail import EmailMessage, get_connection
from django.core.mail.backends.base import BaseEmailBackend
from django.db import transaction
from django.db.models import Q

from notifications.letter_layout import letter_of
from notifications.letters import render_pdf
from notifications.models import UNDELIVERED, OutboxMessage
from notifications.rendering import render

log = logging.getLogger(__name__)

MAX_ATTEMPTS = 8
MESSAGE_ID_DOMAIN = "signaleringslijst.woninginzicht.nl"
BACKOFF = timedelta(minutes=1)  # 1, 2, 4, … minutes; capped below
BATCH = 200  # ids read per query of the due queue
# What a delivery attempt changes (fall_back_to_letter writes its own row).
DELIVERY_FIELDS = [
    "provider_message_id",
    "attempts",
    "last_error",
    "status",
    "next_attempt_at",
    "sent_at",
    "context",
]


@dataclass
class DeliveryReport:
    sent: int = 0
    retried: int = 0
    failed: int = 0


def backoff(attempts: int) -> timedelta:
    return min(BACKOFF * 2 ** max(attempts - 1, 0), timedelta(hours=6))


def _send(row: OutboxMessage, connection: BaseEmailBackend | None = None) -> str:
    rendered = render(row.template, row.context, row.language)
    message = EmailMessage(
        subject=rendered.subject,
        body=rendered.body,
        from_email=settings.DEFAULT_FROM_EMAIL,
        to=[row.to_email],
        connection=connection,
    )
    if connection is not None:
        connection.open()  # kept open across messages (a no-op while it is open)
    # anymail: the ids let a delivery webhook find this row again.
    message.metadata = {"outbox_id": str(row.pk), "case": f"{row.case_type}:{row.case_id}"}
    message.extra_headers = {"Message-ID": f"<outbox-{row.pk}@{MESSAGE_ID_DOMAIN}>"}
    message.send()
    status = getattr(message, "anymail_status", None)
    message_id = status.message_id if status is not None else None
    return "" if message_id is None else str(message_id)


def _deliver_one(
    row: OutboxMessage,
    now: datetime,
    report: DeliveryReport,
    connection: BaseEmailBackend | None = None,
) -> None:
    try:
        row.provider_message_id = _send(row, connection)
    except Exception as exc:  # noqa: BLE001 - any provider failure is retried, never lost
        if connection is not None:  # a broken session is not reused: the next one reconnects
            connection.close()
        row.attempts += 1
        row.last_error = f"{type(exc).__name__}: {exc}"[:2000]
        if row.attempts >= MAX_ATTEMPTS:
            row.status = OutboxMessage.Status.FAILED
            fall_back_to_letter(row)
            report.failed += 1
        else:
            row.next_attempt_at = now + backoff(row.attempts)
            report.retried += 1
        log.warning("outbox %s attempt %s failed: %s", row.pk, row.attempts, row.last_error)
    else:
        row.attempts += 1
        row.status, row.sent_at, row.last_error = OutboxMessage.Status.SENT, now, ""
        forget_code(row)
        report.sent += 1
    row.save(update_fields=DELIVERY_FIELDS)


CODE_GONE = "(staat alleen in de verzonden brief)"


def forget_code(row: OutboxMessage) -> None:
    """The personal code is printed in the placement letter and kept nowhere in clear once the
    letter has been produced (sent, or rendered for print): only its hash stays, on the
    signalering. A copy of the letter shown later says where the code is."""
    if row.context.get("portaalcode"):
        row.context = {**row.context, "portaalcode": CODE_GONE}


def fall_back_to_letter(row: OutboxMessage) -> OutboxMessage | None:
    """An e-mail to the person that failed for good goes as a printed letter instead (ch. 10:
    the person is told in writing); with no address it is dated and documented until one is
    known. Staff messages are not re-sent by post: the failure digest reports them."""
    if not row.for_betrokkene or row.channel != OutboxMessage.Channel.EMAIL:
        return None
    letter, _ = OutboxMessage.objects.get_or_create(
        idempotency_key=f"{row.idempotency_key}:brief",
        defaults={
            "template": row.template,
            "case_type": row.case_type,
            "case_id": row.case_id,
            "channel": OutboxMessage.Channel.BRIEF,
            "status": OutboxMessage.Status.PENDING
            if row.to_address
            else OutboxMessage.Status.DOCUMENTED,
            "to_name": row.to_name,
            "to_address": row.to_address,
            "for_betrokkene": True,
            "language": row.language,
            "context": row.context,
            "created_at": row.created_at,
            "next_attempt_at": row.next_attempt_at,
        },
    )
    return letter


def queue_letters(now: datetime, batch_size: int = 100) -> int:
    """Render pending letters to PDF and put them in the print queue. A letter that fails to
    render is retried with backoff (then reported as failed), never blocking the others."""
    with transaction.atomic():
        rows = list(
            OutboxMessage.objects.select_for_update(skip_locked=True)
            .filter(status=OutboxMessage.Status.PENDING, channel=OutboxMessage.Channel.BRIEF)
            .filter(Q(attempts=0) | Q(next_attempt_at__lte=now))
            .order_by("pk")[:batch_size]
        )
        queued = 0
        for row in rows:
            try:
                with transaction.atomic():
                    rendered = render(row.template, row.context, row.language)
                    row.pdf = render_pdf(rendered, row.to_name, row.to_address, **letter_of(row))
            except Exception as exc:  # noqa: BLE001 - a bad letter waits, the rest goes out
                _letter_failed(row, exc, now)
                continue
            row.status, row.attempts = OutboxMessage.Status.PRINT_QUEUE, row.attempts + 1
            forget_code(row)  # from here the code is only in the PDF, gone once printed
            row.save(update_fields=["pdf", "status", "attempts", "context"])
            queued += 1
    return queued


def _letter_failed(row: OutboxMessage, exc: Exception, now: datetime) -> None:
    row.attempts += 1
    row.last_error = f"PDF: {type(exc).__name__}"  # not the message: it may quote the letter
    row.next_attempt_at = now + backoff(row.attempts)
    if row.attempts >= MAX_ATTEMPTS:
        row.status = OutboxMessage.Status.FAILED
    log.warning("letter %s could not be rendered (attempt %s)", row.pk, row.attempts)
    row.save(update_fields=["attempts", "last_error", "next_attempt_at", "status"])


def deliver_pending(now: datetime, limit: int = 10_000) -> DeliveryReport:
    """Send what is due, one message per transaction (see the module's note), at most `limit`.

    The due rows are read a batch of ids at a time, in (next_attempt_at, pk) order and onward
    from the last one seen, then each is locked by its key: a queue of thousands is not scanned
    again for every message (sent rows linger in the index until vacuum)."""
    report = DeliveryReport()
    due = OutboxMessage.objects.filter(
        status=OutboxMessage.Status.PENDING,
        channel=OutboxMessage.Channel.EMAIL,
        next_attempt_at__lte=now,
    )
    # One session with the provider for the whole run (SMTP: one connection, not one per
    # message), opened at the first message due; each message still commits on its own.
    connection = get_connection()
    handled, after = 0, Q()
    try:
        while handled < limit:
            batch = list(
                due.filter(after)
                .order_by("next_attempt_at", "pk")
                .values_list("next_attempt_at", "pk")[: min(BATCH, limit - handled)]
            )
            if not batch:
                break
            for _, pk in batch:
                with transaction.atomic():
                    rows = due.select_for_update(skip_locked=True).filter(pk=pk)[:1]
                    row = next(iter(rows), None)
                    if row is not None:  # else another sender has it, or it changed
                        _deliver_one(row, now, report, connection)
                handled += 1
            last_at, last_pk = batch[-1]
            after = Q(next_attempt_at__gt=last_at) | Q(next_attempt_at=last_at, pk__gt=last_pk)
    finally:
        connection.close()
    return report


def pending_for(case_type: str, case_id: int) -> bool:
    return OutboxMessage.objects.filter(
        case_type=case_type, case_id=case_id, status__in=UNDELIVERED
    ).exists()
