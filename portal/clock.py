"""The web layer's one source of `now`, passed into every service; tests move it."""

from __future__ import annotations

from datetime import datetime

from django.utils import timezone


def now() -> datetime:
    return timezone.now()
