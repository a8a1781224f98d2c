"""What every service shares: locking a case, recording who did it and why."""

from __future__ import annotations

import hashlib
from typing import TypeVar

from django.contrib.auth import get_user_model
from django.db import connection, models
from django_fsm import TransitionNotAllowed

from states.roles import Actor, NotAllowed, NotPossible

M = TypeVar("M", bound=models.Model)


def lock(model: type[M], pk: int) -> M:
    """The row, locked for this transaction: concurrent transitions queue here, one at a time."""
    try:
        return model.objects.select_for_update().get(pk=pk)
    except model.DoesNotExist as exc:
        raise LookupError(f"{model.__name__} {pk} bestaat niet.") from exc


def serialize_on(*parts: object) -> None:
    """Two transactions about the same thing queue here until the first commits (a PostgreSQL
    advisory lock for this transaction), so "look for a duplicate, then insert" cannot race."""
    digest = hashlib.blake2b(repr(parts).encode(), digest_size=8).digest()
    key = int.from_bytes(digest, "big", signed=True)
    with connection.cursor() as cursor:
        cursor.execute("SELECT pg_advisory_xact_lock(%s)", [key])


def stamp(instance: models.Model, actor: Actor, reason: str) -> None:
    """Actor and reason go into the history row the next save writes."""
    # simple-history reads _history_user; a bare instance with the pk saves a query.
    instance._history_user = get_user_model()(pk=actor.user_id) if actor.user_id else None
    instance._change_reason = f"[{actor.rol}] {reason}".strip()


def fire(instance: models.Model, transition: str) -> None:
    """Run a django-fsm transition, turning a refusal into NotPossible (→ 409)."""
    try:
        getattr(instance, transition)()
    except TransitionNotAllowed as exc:
        state = getattr(instance, "state", "?")
        raise NotPossible(f"'{transition}' kan niet vanuit de toestand '{state}'.") from exc


def require(condition: bool, message: str) -> None:
    if not condition:
        raise NotAllowed(message)
