"""Deadline enforcement: claim due deadlines, re-check each case, escalate — exactly once.

Claiming uses SELECT … FOR UPDATE SKIP LOCKED in batches, so two workers never take the same
deadline; a batch is one transaction, so a run killed mid-batch leaves nothing half-done and the
rerun takes the same deadlines again. Each escalation records how late it fired. After an outage
the staff get one summary, not one alert per deadline; the person is always told.
"""

from __future__ import annotations

import logging
import traceback
import uuid
from collections.abc import Callable
from dataclasses import dataclass, field
from datetime import datetime, timedelta
from pathlib import Path
from typing import Any

from django.db import models, transaction
from django.db.models import F, Q, Value
from django.db.models.functions import Coalesce

from states.clock import local_date
from states.models import (
    Datalek,
    Deadline,
    DeadlineKind,
    DeadlineStatus,
    Geschil,
    Herstel,
    Klacht,
    Medewerker,
    Verzoek,
)
from states.notices import Notice, Recipient, request_notice
from states.roles import Actor, Rol
from states.services import cases
from states.services import geschil as geschil_service
from states.services import klacht as klacht_service
from states.services import verzoek as verzoek_service

log = logging.getLogger(__name__)

CASE_MODELS: dict[str, type[models.Model]] = {
    m.CASE_TYPE: m for m in (Verzoek, Klacht, Geschil, Datalek)
}


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


def _alert(case: Any, kind: str, now: datetime, rollen: tuple[str, ...]) -> None:
    cases.alert_staff(
        case,
        "escalatie",
        now,
        rollen,
        getattr(case, "primaire_bron_id", None),
        key_suffix=f":{kind}",
        termijn=DeadlineKind(kind).label,
    )


def _remove_or_alert(service: Any, case: Any, kind: str, now: datetime, alert: bool) -> None:
    """Remedy overdue: where the decision was removal, remove now; otherwise escalate."""
    if case.besloten_herstel == Herstel.VERWIJDERD:
        service.herstel(
            Actor.automaat(case.samenwerkingsverband_id), case.pk, Herstel.VERWIJDERD, now
        )
    if alert:
        _alert(case, kind, now, (Rol.PRIVACY_OFFICER, Rol.DIRECTIE, Rol.FUNCTIONARIS))


def _escalate(case: Any, deadline: Deadline, now: datetime, alert: bool) -> None:
    kind = deadline.kind
    if kind == DeadlineKind.VERZOEK_BESLISSEN:
        verzoek_service.uitblijven_besluit(case, now, alert)
    elif kind == DeadlineKind.KLACHT_REAGEREN:
        klacht_service.verstrijk(Actor.automaat(case.samenwerkingsverband_id), case.pk, now)
        if alert:
            _alert(case, kind, now, (Rol.PRIVACY_OFFICER, Rol.DIRECTIE))
    elif kind == DeadlineKind.KLACHT_HERSTEL:
        _remove_or_alert(klacht_service, case, kind, now, alert)
    elif kind == DeadlineKind.GESCHIL_HERSTEL:
        _remove_or_alert(geschil_service, case, kind, now, alert)
    elif alert:
        rollen = {
            DeadlineKind.VERZOEK_UITVOEREN: (Rol.PRIVACY_OFFICER, Rol.FUNCTIONARIS),
            DeadlineKind.KLACHT_BEVESTIGEN: (Rol.DIRECTIE,),
            DeadlineKind.DATALEK_MELDEN: (Rol.PRIVACY_OFFICER,),
            DeadlineKind.DATALEK_BETROKKENEN: (Rol.PRIVACY_OFFICER,),
        }[kind]
        _alert(case, kind, now, rollen)


def _bron(model: type[models.Model]) -> tuple[str, ...]:
    return ("primaire_bron",) if model is not Datalek else ()


def _handle(deadline: Deadline, now: datetime, report: Report) -> None:
    model = CASE_MODELS[deadline.case_type]
    case = (
        model.objects.select_for_update(of=("self",))
        .select_related("samenwerkingsverband", "protocol_versie", *_bron(model))
        .filter(pk=deadline.case_id)
        .first()
    )
    if case is None or deadline.kind not in case.required_deadlines():
        # The case moved on (or is gone) and nobody closed this one: close it, nothing to tell.
        deadline.status, deadline.closed_at = DeadlineStatus.CANCELLED, now
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
    deadline.save()
    _escalate(case, deadline, now, alert=not catch_up)
    report.escalated += 1
    report.max_late_seconds = max(report.max_late_seconds, late)
    if catch_up:
        report.catch_up += 1
        swv = case.samenwerkingsverband_id
        report.per_swv[swv] = report.per_swv.get(swv, 0) + 1
        bron = getattr(case, "primaire_bron_id", None) or getattr(case, "deelnemer_id", None)
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


def enforce(
    now: datetime,
    batch_size: int = 200,
    after_each: Callable[[Deadline], None] | None = None,
) -> Report:
    report = Report()
    while True:
        with transaction.atomic():
            batch = claim(now, batch_size, report.mislukt)
            for deadline in batch:
                try:
                    with transaction.atomic():  # one failing case never blocks the others
                        _handle(deadline, now, report)
                except Exception as exc:  # noqa: BLE001 - stays open, retried next run
                    log.exception("escalating deadline %s failed", deadline.pk)
                    _record_failure(deadline, exc, now)
                    report.failed += 1
                    report.mislukt.append(deadline.pk)
                if after_each is not None:
                    after_each(deadline)
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


def _reminder_day(target: Any, lead: dict[str, int]) -> Any:
    from states.holidays import non_working_reason

    if "dagen" in lead:
        return target - timedelta(days=lead["dagen"])
    day, left = target, lead["werkdagen"]
    while left:
        day -= timedelta(days=1)
        if non_working_reason(day, "atw") is None:
            left -= 1
    return day


REMINDED_ROLES = {
    DeadlineKind.VERZOEK_BESLISSEN: (Rol.FUNCTIONARIS, Rol.PRIVACY_OFFICER),
    DeadlineKind.VERZOEK_UITVOEREN: (Rol.FUNCTIONARIS, Rol.PRIVACY_OFFICER),
    DeadlineKind.KLACHT_BEVESTIGEN: (Rol.DIRECTIE,),
    DeadlineKind.KLACHT_REAGEREN: (Rol.DIRECTIE,),
    DeadlineKind.KLACHT_HERSTEL: (Rol.FUNCTIONARIS, Rol.DIRECTIE),
    DeadlineKind.GESCHIL_HERSTEL: (Rol.FUNCTIONARIS, Rol.DIRECTIE),
}


def _cases_of(deadlines_: list[Deadline]) -> dict[tuple[str, int], Any]:
    """The cases of these deadlines, one query per case type."""
    found: dict[tuple[str, int], Any] = {}
    for case_type, model in CASE_MODELS.items():
        ids = [d.case_id for d in deadlines_ if d.case_type == case_type]
        for case in model.objects.filter(pk__in=ids).select_related("protocol_versie"):
            found[(case_type, case.pk)] = case
    return found


def _remind_one(deadline: Deadline, case: Any, now: datetime) -> int:
    today, rollen = local_date(now), REMINDED_ROLES[deadline.kind]
    sent = []
    for lead in case.protocol_versie.beleid.termijnen.get("herinneringen", []):
        key = "-".join(f"{k}{v}" for k, v in lead.items())
        if key in deadline.reminders_sent or today < _reminder_day(deadline.internal_target, lead):
            continue
        cases.alert_staff(
            case,
            "herinnering",
            now,
            rollen,
            getattr(case, "primaire_bron_id", None),
            key_suffix=f":{deadline.pk}:{key}",
            termijn=DeadlineKind(deadline.kind).label,
            streefdatum=deadline.internal_target.isoformat(),
            uiterlijk=deadline.last_day.isoformat() if deadline.last_day else "",
        )
        sent.append(key)
    if sent:  # save only on change: every save writes a history row
        deadline.reminders_sent = [*deadline.reminders_sent, *sent]
        deadline.save(update_fields=["reminders_sent"])
    return len(sent)


@transaction.atomic
def remind(now: datetime) -> int:
    """Remind the responsible role before each internal target, once per reminder."""
    due_soon = list(
        Deadline.objects.select_for_update(skip_locked=True).filter(
            status=DeadlineStatus.OPEN,
            suspended_since__isnull=True,
            internal_target__isnull=False,
            internal_target__lte=local_date(now) + timedelta(days=14),
            kind__in=list(REMINDED_ROLES),
        )
    )
    found = _cases_of(due_soon)
    return sum(
        _remind_one(d, found[(d.case_type, d.case_id)], now)
        for d in due_soon
        if (d.case_type, d.case_id) in found
    )
