"""The one path allowed to change the read log and the history tables: erasure the law requires
(purge after removal, retention terms, a discarded draft, a match that no longer holds).

Inside `wissing(reden)` the database's append-only triggers let UPDATE and DELETE through and
log each statement (table, operation, rows, reason) in the wissingslog; everywhere else they
refuse. The reason is a fixed label, never personal data."""

from __future__ import annotations

from collections.abc import Iterator
from contextlib import contextmanager

from django.db import connection, transaction

REDENEN = frozenset(
    {
        "purge",
        "concept-verworpen",
        "match-ontkoppeld",
        "dossier-bewaartermijn",
        "leeslog-bewaartermijn",
        "account-bewaartermijn",
        "sleutelrotatie",  # the values stay; only their encryption changes (states.crypto)
    }
)


def _set(value: str) -> None:
    with connection.cursor() as cursor:
        cursor.execute("SELECT set_config('signalering.wissing', %s, true)", [value])


@contextmanager
def wissing(reden: str) -> Iterator[None]:
    """Open the erasure path for the statements inside, in one transaction."""
    if reden not in REDENEN:
        raise ValueError(f"Geen wettelijke grond voor wissing: {reden!r}")
    with transaction.atomic():
        outer = _current()
        _set(reden)
        yield
        # A nested erasure hands the outer one its reason back; on an error the rollback (of the
        # transaction or savepoint) undoes the setting by itself.
        _set(outer)


def _current() -> str:
    with connection.cursor() as cursor:
        cursor.execute("SELECT coalesce(current_setting('signalering.wissing', true), '')")
        return cursor.fetchone()[0]
