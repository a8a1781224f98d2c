"""Deadline enforcement: claim due deadlines, re-check each case, escalate — exactly once.

Claiming uses SELECT … FOR UPDATE SKIP LOCKED in batches, so two workers never take the same
deadline; a batch is one transaction, so a run killed mid-batch leaves nothing half-done and the
rerun takes the same deadlines again. Each escalation records how late it fired. After an outage
the staff get one summary, not one alert per deadline; the person is always told.

A batch is set-based: one locking select of its cases per case type, one read of their other
open deadlines, one UPDATE of the escalated deadlines with one INSERT of their history rows, and
one INSERT of every notice (outbox row). Escalations that only tell people are decided in memory
between those statements; those that move the case on (a complaint's four weeks passing, a
removal that is due) still run one by one in a savepoint through their service, as a step would.
"""

from __future__ import annotations

import json
import logging
import traceback
import uuid
from collections.abc import Callable
from dataclasses import dataclass, field
from datetime import datetime
from pathlib import Path
from typing import Any

from django.db import connection, models, transaction
from django.db.models import F, Q, Value
from django.db.models.functions import Coalesce

from states.clock import local_date
from states.models import (
    Controle,
    Datalek,
    Deadline,
    DeadlineKind,
    DeadlineStatus,
    Geschil,
    Hardheidsverzoek,
    Jaarverslag,
    Klacht,
    Medewerker,
    Toegangstoets,
    UitsluitingDeelname,
    Verzoek,
)
from states.notices import (
    Notice,
    Recipient,
    collected,
    request_notice,
    request_notices,
    written_at_once,
)
from states.roles import Rol
from states.services import cases, deadlines
from states.services.escalatie import escalate as _escalate

log = logging.getLogger(__name__)

CASE_MODELS: dict[str, type[models.Model]] = {
    m.CASE_TYPE: m
    for m in (
        Verzoek,
        Klacht,
        Geschil,
        Datalek,
        Toegangstoets,
        Controle,
        Hardheidsverzoek,
        Jaarverslag,
    )
}
CASE_MODELS[UitsluitingDeelname.CASE_TYPE] = UitsluitingDeelname  # ch. 20, ADR 0011


@dataclass
class Report:
    escalated: int = 0
    stale: int = 0
    failed: int = 0
    catch_up: int = 0
    max_late_seconds: float = 0.0
    per_swv: dict[int, int] = field(default_factory=dict)
    # Each case escalated in a catch-up: (region, corporation, "verzoek #12", kind), so the
    # summary can name them to everyone responsible.
    ingehaald: list[tuple[int, int | None, str, str]] = field(default_factory=list)
    mislukt: list[int] = field(default_factory=list)  # deadlines whose escalation raised


def _bron(model: type[models.Model]) -> tuple[str, ...]:
    return ("primaire_bron",) if any(f.name == "primaire_bron" for f in model._meta.fields) else ()


# Escalations whose only effects are notices and the deadline's own row: decided in memory and
# written per batch. The other kinds transition the case through its service, one by one.
ONLY_TELL = {
    DeadlineKind.VERZOEK_BESLISSEN,
    DeadlineKind.VERZOEK_UITVOEREN,
    DeadlineKind.KLACHT_BEVESTIGEN,
    DeadlineKind.DATALEK_MELDEN,
    DeadlineKind.DATALEK_BETROKKENEN,
    DeadlineKind.CONTROLE_PROCES,
    DeadlineKind.CONTROLE_VERIFICATIE,
    DeadlineKind.HARDHEID_BESLISSEN,
    DeadlineKind.JAARVERSLAG,
    DeadlineKind.DEELNAME_VERBETERPLAN,
}
WRITTEN = (
    "status",
    "closed_at",
    "escalated_at",
    "journal",
    "escalatie_mislukt_sinds",
    "escalatie_pogingen",
    "escalatie_fout",
)


def _lock_cases(batch: list[Deadline]) -> dict[tuple[str, int], Any]:
    """The batch's cases, locked: one query per case type, in key order (two workers holding
    deadlines of one case wait for each other instead of deadlocking)."""
    found: dict[tuple[str, int], Any] = {}
    for case_type, model in CASE_MODELS.items():
        ids = {d.case_id for d in batch if d.case_type == case_type}
        if not ids:
            continue
        locked = (
            model.objects.select_for_update()
            # A few regions, versions and corporations serve the whole batch: read each once
            # and share it, instead of a copy (with the protocol's rules) on every row.
            .prefetch_related("samenwerkingsverband", "protocol_versie", *_bron(model))
            .filter(pk__in=ids)
            .order_by("pk")
        )
        found.update(((case_type, case.pk), case) for case in locked)
    return found


def _handle(deadline: Deadline, case: Any, now: datetime, report: Report, save: bool) -> None:
    """Escalate one deadline of a locked case (or close it when the case moved on). With
    `save`, the deadline is written at once; otherwise the batch writes it."""
    if case is None or deadline.kind not in case.required_deadlines():
        # The case moved on (or is gone) and nobody closed this one: close it, nothing to tell.
        deadline.status, deadline.closed_at = DeadlineStatus.CANCELLED, now
        if save:
            deadline.save()
        report.stale += 1
        return
    late = (now - deadline.due_at).total_seconds()
    deadline.escalatie_mislukt_sinds, deadline.escalatie_pogingen = None, 0
    deadline.escalatie_fout = ""
    drempel = case.protocol_versie.beleid.termijnen.get("inhaal_drempel_minuten", 60)
    catch_up = late > drempel * 60
    deadline.status, deadline.escalated_at = DeadlineStatus.MISSED, now
    deadline.journal = [
        *deadline.journal,
        {"type": "escalatie", "at": now.isoformat(), "late_seconds": int(late)},
    ]
    if save:
        deadline.save()
    _escalate(case, deadline, now, alert=not catch_up)
    report.escalated += 1
    report.max_late_seconds = max(report.max_late_seconds, late)
    if catch_up:
        report.catch_up += 1
        swv = case.samenwerkingsverband_id
        report.per_swv[swv] = report.per_swv.get(swv, 0) + 1
        bron = cases.bron_id(case)
        report.ingehaald.append((swv, bron, f"{case.CASE_TYPE} #{case.pk}", deadline.kind))


def claim(now: datetime, batch_size: int, tried: list[int] | None = None) -> list[Deadline]:
    """The next due deadlines, skipping those another worker holds and those whose escalation
    already failed in this run (they stay open for the next run, and must not fill every batch
    so that the deadlines behind them are never reached)."""
    qs = Deadline.objects.select_for_update(skip_locked=True).filter(
        status=DeadlineStatus.OPEN, suspended_since__isnull=True, due_at__lte=now
    )
    if tried:
        qs = qs.exclude(pk__in=tried)
    return list(qs.order_by("due_at", "pk")[:batch_size])


def _one_by_one(batch: list[Deadline], found: dict[tuple[str, int], Any]) -> set[tuple[str, int]]:
    """Cases with a deadline that moves the case on: all their deadlines in this batch go
    through the services one by one, in order, so no batch write overtakes a transition."""
    return {
        (d.case_type, d.case_id)
        for d in batch
        if d.kind not in ONLY_TELL and (d.case_type, d.case_id) in found
    }


def _enforce_batch(
    batch: list[Deadline],
    now: datetime,
    report: Report,
    after_each: Callable[[Deadline], None] | None,
) -> None:
    found = _lock_cases(batch)
    deadlines.remember_open(found.values(), batch)
    slow = _one_by_one(batch, found)
    written: list[Deadline] = []
    outbox: list[Notice] = []
    with cases.staff_remembered():
        for deadline in batch:
            key = (deadline.case_type, deadline.case_id)
            try:
                if key in slow:
                    with transaction.atomic(), written_at_once():  # a failing case undoes itself
                        _handle(deadline, found.get(key), now, report, save=True)
                else:
                    with collected() as told:
                        _handle(deadline, found.get(key), now, report, save=False)
                    written.append(deadline)
                    outbox.extend(told)  # only once the escalation went through
            except Exception as exc:  # noqa: BLE001 - stays open, retried next run
                log.exception("escalating deadline %s failed", deadline.pk)
                _record_failure(deadline, exc, now)
                report.failed += 1
                report.mislukt.append(deadline.pk)
            if after_each is not None:
                after_each(deadline)
    _write(written)
    request_notices(outbox)


def _write(written: list[Deadline]) -> None:
    """The batch's deadlines in one UPDATE (arrays unnested: seven parameters, not seven per
    row) and their history rows in one INSERT, as `save()` would have written them."""
    if not written:
        return
    columns = {name: [getattr(d, name) for d in written] for name in ("pk", *WRITTEN)}
    columns["journal"] = [json.dumps(j) for j in columns["journal"]]
    with connection.cursor() as cursor:
        cursor.execute(
            f"""UPDATE {Deadline._meta.db_table} AS d
                SET status = v.status, closed_at = v.closed_at, escalated_at = v.escalated_at,
                    journal = v.journal::jsonb, escalatie_mislukt_sinds = v.mislukt_sinds,
                    escalatie_pogingen = v.pogingen, escalatie_fout = v.fout
                FROM unnest(%s::bigint[], %s::text[], %s::timestamptz[], %s::timestamptz[],
                            %s::text[], %s::timestamptz[], %s::integer[], %s::text[])
                  AS v(id, status, closed_at, escalated_at, journal, mislukt_sinds, pogingen, fout)
                WHERE d.id = v.id""",
            [columns[name] for name in ("pk", *WRITTEN)],
        )
    Deadline.history.bulk_history_create(written, update=True)


def enforce(
    now: datetime,
    batch_size: int = 200,
    after_each: Callable[[Deadline], None] | None = None,
) -> Report:
    report = Report()
    while True:
        with transaction.atomic():
            batch = claim(now, batch_size, report.mislukt)
            _enforce_batch(batch, now, report, after_each)
        if len(batch) < batch_size:
            break
    _summarise(report, now)
    return report


def _record_failure(deadline: Deadline, exc: BaseException, now: datetime) -> None:
    """Keep the failure on the deadline: since when, how often, what kind and where — not the
    exception's message, which may quote personal data."""
    frame = traceback.extract_tb(exc.__traceback__)[-1] if exc.__traceback__ else None
    where = f" in {Path(frame.filename).name}:{frame.lineno} {frame.name}" if frame else ""
    Deadline.objects.filter(pk=deadline.pk).update(
        escalatie_mislukt_sinds=Coalesce(F("escalatie_mislukt_sinds"), Value(now)),
        escalatie_pogingen=F("escalatie_pogingen") + 1,
        escalatie_fout=f"{type(exc).__name__}{where}"[:200],
    )


def failing(scope: Q | None = None) -> models.QuerySet:
    """Open deadlines whose escalation keeps failing, longest first (the page and the digest)."""
    qs = Deadline.objects.filter(status=DeadlineStatus.OPEN, escalatie_mislukt_sinds__isnull=False)
    return (qs.filter(scope) if scope is not None else qs).order_by("escalatie_mislukt_sinds", "pk")


# Who answers for a late deadline of each kind, besides the privacy officer (region-wide).
VERANTWOORDELIJK = {
    DeadlineKind.VERZOEK_BESLISSEN: (Rol.DIRECTIE, Rol.FUNCTIONARIS),
    DeadlineKind.VERZOEK_UITVOEREN: (Rol.FUNCTIONARIS,),
    DeadlineKind.KLACHT_BEVESTIGEN: (Rol.DIRECTIE,),
    DeadlineKind.KLACHT_REAGEREN: (Rol.DIRECTIE,),
    DeadlineKind.KLACHT_HERSTEL: (Rol.DIRECTIE, Rol.FUNCTIONARIS),
    DeadlineKind.GESCHIL_HERSTEL: (Rol.DIRECTIE, Rol.FUNCTIONARIS),
    DeadlineKind.HARDHEID_TOEPASSEN: (Rol.DIRECTIE, Rol.FUNCTIONARIS),
    DeadlineKind.TOEGANGSTOETS: (Rol.DIRECTIE,),
    DeadlineKind.CONTROLE_VERIFICATIE: (Rol.DIRECTIE, Rol.FUNCTIONARIS),
}


MAX_GENOEMD = 500  # a summary names at most this many cases; the portal lists every one


def _summarise(report: Report, now: datetime) -> None:
    """After an outage nobody is left uninformed: one summary per responsible person, naming
    their late cases — the privacy officer all of the region's, each corporation's directie and
    functionarissen their own. A run id keeps two runs at one timestamp from colliding."""
    run = uuid.uuid4().hex[:12]
    groups: dict[tuple[int, int | None, str], list[dict[str, str]]] = {}
    for swv_id, bron, zaak, kind in report.ingehaald:
        item = {"zaak": zaak, "termijn": DeadlineKind(kind).label}
        groups.setdefault((swv_id, bron, kind), []).append(item)
    per_user: dict[int, tuple[Any, list[dict[str, str]]]] = {}
    for (swv_id, bron, kind), items in groups.items():  # one query per group, not per case
        staff = Medewerker.objects.filter(
            Q(rol=Rol.PRIVACY_OFFICER)
            | Q(rol__in=VERANTWOORDELIJK.get(kind, ()), deelnemer_id=bron),
            samenwerkingsverband_id=swv_id,
            user__is_active=True,
        ).select_related("user")
        for medewerker in staff:
            per_user.setdefault(medewerker.user_id, (medewerker, []))[1].extend(items)
    for user_id, (medewerker, zaken) in per_user.items():
        request_notice(
            Notice(
                key=f"achterstand:{run}:{user_id}",
                template="achterstand_samenvatting",
                case_type="regio",
                case_id=medewerker.samenwerkingsverband_id,
                recipient=Recipient.staff(medewerker.user),
                now=now,
                context={
                    "aantal": len(zaken),
                    "zaken": zaken[:MAX_GENOEMD],
                    "meer": max(len(zaken) - MAX_GENOEMD, 0),
                    "datum": local_date(now).isoformat(),
                    "max_uren_te_laat": round(report.max_late_seconds / 3600, 1),
                },
            )
        )


def overdue(now: datetime) -> dict[str, Any]:
    """The start-up check: deadlines past due and not yet handled."""
    qs = Deadline.objects.filter(
        status=DeadlineStatus.OPEN, suspended_since__isnull=True, due_at__lte=now
    )
    oldest = qs.order_by("due_at").values_list("due_at", flat=True).first()
    return {"overdue": qs.count(), "oldest_due": oldest.isoformat() if oldest else None}
