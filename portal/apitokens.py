"""API keys: issued once, kept as a SHA-256 digest, ending by date or by revocation.

A key is 256 random bits, so a plain SHA-256 cannot be reversed or guessed; a slow password hash
would only slow every API call down."""

from __future__ import annotations

import hashlib
import secrets
from datetime import datetime, timedelta
from typing import Any

from django.conf import settings

from portal.models import ApiToken

PREFIX = "sl_"


def digest(key: str) -> str:
    return hashlib.sha256(key.encode()).hexdigest()


def issue(user: Any, now: datetime, days: int | None = None, naam: str = "") -> str:
    """A new key for `user`, valid for `days` (the default and the maximum come from settings)."""
    days = settings.API_TOKEN_DAYS if days is None else days
    if not 0 < days <= settings.API_TOKEN_MAX_DAYS:
        raise ValueError(f"Een sleutel geldt 1 tot {settings.API_TOKEN_MAX_DAYS} dagen.")
    key = PREFIX + secrets.token_urlsafe(32)
    ApiToken.objects.create(
        user=user,
        naam=naam[:100],
        digest=digest(key),
        created_at=now,
        expires_at=now + timedelta(days=days),
    )
    return key


def valid(key: str, now: datetime) -> ApiToken | None:
    """The token behind `key` if it is neither expired nor revoked; its use is noted hourly."""
    if not key or len(key) > 100:  # keys moved from the old table have no prefix
        return None
    token = (
        ApiToken.objects.select_related("user")
        .filter(digest=digest(key), revoked_at__isnull=True, expires_at__gt=now)
        .first()
    )
    if token is not None and (
        token.last_used_at is None or now - token.last_used_at > timedelta(hours=1)
    ):
        ApiToken.objects.filter(pk=token.pk).update(last_used_at=now)
    return token


def revoke(user: Any, now: datetime, token_id: int | None = None) -> int:
    """Revoke one of the user's keys, or all of them; returns how many were still valid."""
    tokens = ApiToken.objects.filter(user=user, revoked_at__isnull=True)
    if token_id is not None:
        tokens = tokens.filter(pk=token_id)
    return tokens.update(revoked_at=now)
