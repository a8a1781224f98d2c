"""Erasure (ch. 12.4, AVG art. 17): gone from every table, history and copies included.

What stays of an ended signalering is its own row as an anonymous tombstone: categories, the
month and year of start and end, end reason and participant, for statistics and audit. Nothing
that identifies the person, and nothing of the person's that points at it: the portal account's
link, the read log's references, the cases about it and their history, the letters (the removal
letter is kept in the person's own account only, no longer linked to the tombstone).
"""

from __future__ import annotations

from collections.abc import Sequence
from datetime import UTC, datetime
from typing import Any

from django.contrib.admin.models import LogEntry
from django.contrib.contenttypes.models import ContentType
from django.db.models import Q

from states.clock import AMSTERDAM, local_date
from states.models import (
    Betrokkene,
    Datalek,
    Geschil,
    Hardheidsverzoek,
    Klacht,
    Match,
    Raadpleging,
    Signalering,
    Verzoek,
    Weging,
)
from states.models.signalering import PERSOONSVELDEN
from states.notices import erase_case
from states.roles import Rol
from states.wissing import wissing

TOMBSTONE_NONE = (
    "datum_uitzetting",
    "invoerdatum",
    "blokkade_eind",
    "beperkt_sinds",
    "regio_beeindigd_op",
)
# The month a blokkade started stays, like the start and end: the yearly report counts blokkades.
TOMBSTONE_MONTH = ("ingangsdatum", "einddatum", "einddatum_regio", "blokkade_start")
TOMBSTONE_MONTH_TIME = ("beeindigd_op", "verwijderd_op", "aangemaakt_op", "gewijzigd_op")


def _month(value: Any) -> Any:
    """Only month and year stay: the exact day would help re-identify the person. The month is
    Amsterdam's: an end at 00:30 on 1 January belongs to the new year's report, not the old."""
    if value is None:
        return None
    if isinstance(value, datetime):
        here = value.astimezone(AMSTERDAM)
        first = here.replace(day=1, hour=0, minute=0, second=0, microsecond=0, tzinfo=None)
        return first.replace(tzinfo=AMSTERDAM).astimezone(UTC)
    return value.replace(day=1)


def _unlink_person(sig: Signalering) -> list[int]:
    """Cut every link from the person to the tombstone; returns the accounts that had one."""
    accounts = list(Betrokkene.objects.filter(signaleringen=sig).values_list("pk", flat=True))
    Betrokkene.signaleringen.through.objects.filter(signalering_id=sig.pk).delete()
    log = Raadpleging.objects.filter(signalering_id=sig.pk)
    log.update(kenmerk="")  # the applicant's registration number or candidacy reference
    # The person's own reads and the reads of their cases would tie them to the tombstone.
    log.filter(Q(rol=Rol.BETROKKENE) | ~Q(case_type="")).update(signalering_id=None)
    for model in (Verzoek, Klacht, Geschil, Datalek, Hardheidsverzoek):
        if "signalering" not in {f.name for f in model._meta.fields}:
            continue
        ids = list(model.objects.filter(signalering_id=sig.pk).values_list("pk", flat=True))
        model.objects.filter(pk__in=ids).update(signalering_id=None)
        model.history.filter(signalering_id=sig.pk).update(signalering_id=None)
    return accounts


def _erase_wegingen(sig: Signalering) -> None:
    """A corporation's weighing (ch. 9) is about the person: it goes with the last signalering
    behind it, history included; one that another running signalering still backs stays."""
    ids = list(Weging.objects.filter(signaleringen=sig).values_list("pk", flat=True))
    Weging.signaleringen.through.objects.filter(signalering_id=sig.pk).delete()
    orphans = list(
        Weging.objects.filter(pk__in=ids, signaleringen__isnull=True).values_list("pk", flat=True)
    )
    Weging.objects.filter(pk__in=orphans).delete()
    Weging.history.filter(id__in=orphans).delete()  # after: deleting writes a history row


def _erase_copies(sig: Signalering, keep_for_accounts: Sequence[int] = ()) -> None:
    _erase_wegingen(sig)
    Match.objects.filter(signalering_id=sig.pk).delete()
    Match.history.filter(signalering_id=sig.pk).delete()
    sig.history.all().delete()
    LogEntry.objects.filter(
        content_type=ContentType.objects.get_for_model(Signalering), object_id=str(sig.pk)
    ).delete()
    erase_case("signalering", sig.pk, keep_for_accounts)


def wis(sig: Signalering, now: datetime) -> None:
    """Blank the personal fields and erase every copy; the caller has fired `verwijder`."""
    for name in PERSOONSVELDEN:
        field = Signalering._meta.get_field(name)
        setattr(sig, name, None if field.null else field.get_default())
    sig.functionaris = None
    sig.bezwaar_aanhangig = sig.beperkt = False
    sig.termijn_motivering = ""  # free text about the person's behaviour
    sig.verwijderd_op = now
    sig.gewijzigd_op = now
    if sig.beeindigd_op is not None:  # before the dates lose their day: the report's "on time"
        sig.verwijderd_na_dagen = max(0, (local_date(now) - local_date(sig.beeindigd_op)).days)
    for name in TOMBSTONE_NONE:
        setattr(sig, name, None)
    for name in TOMBSTONE_MONTH + TOMBSTONE_MONTH_TIME:
        setattr(sig, name, _month(getattr(sig, name)))
    with wissing("purge"):
        _erase_copies(sig, _unlink_person(sig))
        # No history row for the tombstone itself: the history of this record is what we erase.
        sig.skip_history_when_saving = True
        try:
            sig.save()
        finally:
            del sig.skip_history_when_saving


def verwerp(sig: Signalering) -> None:
    """Delete a never-registered draft entirely."""
    with wissing("concept-verworpen"):
        _erase_copies(sig)
        sig.delete()
