"""Erasure (ch. 12.4, AVG art. 17): gone from every table, history and copies included.

What stays of an ended signalering is its own row as an anonymous tombstone: category,
dates, end reason and participant, for statistics and audit. Nothing that identifies the person.
"""

from __future__ import annotations

from datetime import datetime

from django.contrib.admin.models import LogEntry
from django.contrib.contenttypes.models import ContentType

from states.models import Match, Signalering
from states.models.signalering import PERSOONSVELDEN
from states.notices import erase_case


def _erase_copies(sig: Signalering) -> None:
    Match.objects.filter(signalering_id=sig.pk).delete()
    Match.history.filter(signalering_id=sig.pk).delete()
    sig.history.all().delete()
    LogEntry.objects.filter(
        content_type=ContentType.objects.get_for_model(Signalering), object_id=str(sig.pk)
    ).delete()
    erase_case("signalering", sig.pk)


def wis(sig: Signalering, now: datetime) -> None:
    """Blank the personal fields and erase every copy; the caller has fired `verwijder`."""
    for name in PERSOONSVELDEN:
        field = Signalering._meta.get_field(name)
        setattr(sig, name, None if field.null else field.get_default())
    sig.functionaris = None
    sig.verwijderd_op = now
    sig.gewijzigd_op = now
    _erase_copies(sig)
    # No history row for the tombstone itself: the history of this record is what we erase.
    sig.skip_history_when_saving = True
    try:
        sig.save()
    finally:
        del sig.skip_history_when_saving


def verwerp(sig: Signalering) -> None:
    """Delete a never-registered draft entirely."""
    _erase_copies(sig)
    sig.delete()
