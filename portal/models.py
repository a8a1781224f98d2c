"""Sign-in by one-time link or code sent by e-mail (pluggable: DigiD/OIDC would replace this)."""

from __future__ import annotations

from django.conf import settings
from django.db import models


class LoginCode(models.Model):
    # No account exists until a code is used: an address typed but never confirmed leaves only
    # this row, erased a day after it expired by the retention flow.
    user = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.CASCADE, related_name="+", null=True
    )
    email = models.EmailField(blank=True, db_index=True)
    token_hash = models.CharField(max_length=64, unique=True)
    code_hash = models.CharField(max_length=64)
    expires_at = models.DateTimeField()
    used_at = models.DateTimeField(null=True, blank=True)
    attempts = models.PositiveSmallIntegerField(default=0)

    def __str__(self) -> str:
        return f"LoginCode #{self.pk}"


class ApiToken(models.Model):
    """A key for a system or a member of staff using the API. Only its SHA-256 is kept: the key
    itself is shown once, when issued. It ends at `expires_at` or when revoked."""

    user = models.ForeignKey(settings.AUTH_USER_MODEL, on_delete=models.CASCADE, related_name="+")
    naam = models.CharField(max_length=100, blank=True)
    digest = models.CharField(max_length=64, unique=True)
    created_at = models.DateTimeField()
    expires_at = models.DateTimeField()
    revoked_at = models.DateTimeField(null=True, blank=True)
    last_used_at = models.DateTimeField(null=True, blank=True)

    def __str__(self) -> str:
        return f"ApiToken #{self.pk}"


class FlowStatus(models.Model):
    """How each scheduled flow last ran, for /health/flows and /metrics. Kinds and times only:
    a failure keeps its exception class name, never its message (it may name a person)."""

    name = models.CharField(max_length=100, unique=True)
    first_started_at = models.DateTimeField()
    last_started_at = models.DateTimeField()
    last_success_at = models.DateTimeField(null=True, blank=True)
    last_failure_at = models.DateTimeField(null=True, blank=True)
    last_failure_kind = models.CharField(max_length=200, blank=True)
    consecutive_failures = models.PositiveIntegerField(default=0)
    last_duration_seconds = models.FloatField(null=True, blank=True)

    def __str__(self) -> str:
        return f"FlowStatus {self.name}"
