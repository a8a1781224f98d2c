"""The deadline page: every open deadline an actor may see, counted by urgency, kind and
corporation, with the escalations and the deadlines whose escalation failed; and its CSV."""

from __future__ import annotations

import csv
from collections import Counter
from datetime import timedelta
from typing import Any

from django.db.models import Q
from django.http import HttpRequest, HttpResponse
from django.shortcuts import render

from portal import clock
from portal.api.case_views import RESOURCES, visible
from portal.web.common import require_rol, with_actor
from states.models import Deadline, DeadlineKind
from states.roles import Actor, Rol
from states.services.enforcement import failing

RESOURCE_OF = {"verzoek": "verzoeken", "klacht": "klachten", "geschil": "geschillen"}


def _open_deadlines(actor: Actor) -> list[dict[str, Any]]:
    rows = []
    for case_type, resource in RESOURCE_OF.items():
        cases = {
            c.pk: c for c in visible(RESOURCES[resource], actor).select_related("primaire_bron")
        }
        for d in Deadline.objects.filter(
            case_type=case_type, case_id__in=list(cases), status="open"
        ).order_by("due_at"):
            rows.append({"d": d, "case": cases[d.case_id], "case_type": case_type})
    rows.sort(key=lambda r: r["d"].due_at)
    return rows


def _zichtbaar(actor: Actor) -> Q:
    """Deadlines of the cases this actor may see (one subquery per case type, not an id list)."""
    scope = Q(pk__in=[])
    for case_type, resource in RESOURCE_OF.items():
        ids = visible(RESOURCES[resource], actor).values("pk")
        scope |= Q(case_type=case_type, case_id__in=ids)
    return scope


def _bucket(due_at: Any, now: Any) -> str:
    if due_at <= now:
        return "verstreken"
    return "deze week" if due_at <= now + timedelta(days=7) else "later"


@with_actor
def termijnen(request: HttpRequest, actor: Actor) -> HttpResponse:
    require_rol(actor, Rol.PRIVACY_OFFICER, Rol.MEDEWERKER_SWV, Rol.DIRECTIE, Rol.FUNCTIONARIS)
    now = clock.now()
    rows = _open_deadlines(actor)
    for r in rows:
        r["bucket"] = _bucket(r["d"].due_at, now)
        r["bron"] = r["case"].primaire_bron.naam if r["case"].primaire_bron else "—"
    per_bucket = Counter(r["bucket"] for r in rows)
    per_soort = Counter(DeadlineKind(r["d"].kind).label for r in rows)
    per_bron = Counter(r["bron"] for r in rows)
    # Only the escalations of cases this actor may see: not every corporation's.
    escalaties = Deadline.objects.filter(_zichtbaar(actor), status="missed").order_by(
        "-escalated_at"
    )[:20]
    mislukt = list(failing(_zichtbaar(actor))[:50])
    biggest = max(per_soort.values(), default=1)
    chart = [{"label": k, "n": n, "width": int(300 * n / biggest)} for k, n in per_soort.items()]
    return render(
        request,
        "portal/termijnen.html",
        {
            "rows": rows,
            "buckets": [(b, per_bucket.get(b, 0)) for b in ("verstreken", "deze week", "later")],
            "per_bron": sorted(per_bron.items()),
            "chart": chart,
            "escalaties": escalaties,
            "mislukt": mislukt,
        },
    )


@with_actor
def termijnen_csv(request: HttpRequest, actor: Actor) -> HttpResponse:
    require_rol(actor, Rol.PRIVACY_OFFICER, Rol.MEDEWERKER_SWV, Rol.DIRECTIE, Rol.FUNCTIONARIS)
    response = HttpResponse(content_type="text/csv; charset=utf-8")
    response["Content-Disposition"] = 'attachment; filename="termijnen.csv"'
    writer = csv.writer(response)
    writer.writerow(["zaak", "soort termijn", "corporatie", "uiterlijk", "streefdatum", "status"])
    for r in _open_deadlines(actor):
        d, case = r["d"], r["case"]
        writer.writerow(
            [
                f"{r['case_type']} #{case.pk}",
                DeadlineKind(d.kind).label,
                case.primaire_bron.naam if case.primaire_bron else "",
                d.last_day.isoformat() if d.last_day else d.due_at.isoformat(),
                d.internal_target.isoformat() if d.internal_target else "",
                d.status,
            ]
        )
    return response
