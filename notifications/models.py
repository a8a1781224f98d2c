"""The transactional outbox: one row per message, written in the transition's transaction.

Rows hold personal data (recipient, context): they are erased with their case.
"""

from __future__ import annotations

from django.db import models


class OutboxMessage(models.Model):
    class Channel(models.TextChoices):
        EMAIL = "email", "E-mail"
        BRIEF = "brief", "Brief"

    class Status(models.TextChoices):
        PENDING = "pending", "Wacht op verzending"
        SENT = "sent", "Verzonden"
        FAILED = "failed", "Mislukt"
        # ch. 10: no e-mail and no address: the letter is dated and documented, and sent as
        # soon as an address becomes known.
        DOCUMENTED = "documented", "Gedateerd en gedocumenteerd (geen adres bekend)"
        PRINT_QUEUE = "print_queue", "Brief klaar om te printen"

    idempotency_key = models.CharField(max_length=200, unique=True)
    template = models.CharField(max_length=60)
    case_type = models.CharField(max_length=30)
    case_id = models.BigIntegerField()
    channel = models.CharField(max_length=10, choices=Channel.choices)
    status = models.CharField(max_length=12, choices=Status.choices, default=Status.PENDING)
    to_name = models.CharField(max_length=200, blank=True)
    to_email = models.EmailField(blank=True)
    to_address = models.CharField(max_length=300, blank=True)
    for_betrokkene = models.BooleanField(default=True)
    context = models.JSONField(default=dict)
    language = models.CharField(max_length=5, default="nl")
    created_at = models.DateTimeField()
    attempts = models.PositiveSmallIntegerField(default=0)
    next_attempt_at = models.DateTimeField(null=True, blank=True)
    sent_at = models.DateTimeField(null=True, blank=True)
    provider_message_id = models.CharField(max_length=200, blank=True)
    last_error = models.TextField(blank=True)
    # Delivery events reported by the ESP's webhook (delivered, bounced, …).
    delivery_event = models.CharField(max_length=30, blank=True)
    pdf = models.BinaryField(null=True, blank=True)
    digest_sent_at = models.DateTimeField(null=True, blank=True)

    class Meta:
        indexes = [
            models.Index(fields=["case_type", "case_id"], name="outbox_case"),
            models.Index(
                fields=["next_attempt_at"],
                name="outbox_pending",
                condition=models.Q(status="pending"),
            ),
        ]

    def __str__(self) -> str:
        return f"Bericht #{self.pk} ({self.template})"


# Not yet in the person's hands: the case may not be purged while any of these exist.
UNDELIVERED = (OutboxMessage.Status.PENDING, OutboxMessage.Status.PRINT_QUEUE)
