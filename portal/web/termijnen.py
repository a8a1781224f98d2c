"""The deadline page: the open deadlines an actor may see, counted by urgency, kind and
corporation in SQL, one page of them at a time, with the escalations, the deadlines whose
escalation failed, a chart of deadlines met on time per month; and its CSV (Excel NL)."""

from __future__ import annotations

import csv
import textwrap
from datetime import datetime, timedelta
from typing import Any
from zoneinfo import ZoneInfo

from django.db.models import Case, Count, F, Q, QuerySet, When
from django.db.models.functions import TruncMonth
from django.http import HttpRequest, HttpResponse
from django.shortcuts import render

from notifications.templatetags.berichten import MAANDEN
from portal import clock
from portal.api.case_views import REGIO_ROLLEN
from portal.web.common import require_rol, with_actor
from portal.web.paginering import Counted
from states.models import Deadline, DeadlineKind, Deelnemer
from states.roles import Actor, Rol
from states.services.enforcement import failing

RESOURCE_OF = {"verzoek": "verzoeken", "klacht": "klachten", "geschil": "geschillen"}
AMSTERDAM = ZoneInfo("Europe/Amsterdam")
PAGE_SIZE = 25
ROLLEN = (Rol.PRIVACY_OFFICER, Rol.MEDEWERKER_SWV, Rol.DIRECTIE, Rol.FUNCTIONARIS)


def _zichtbaar(actor: Actor) -> Q:
    """Deadlines of the cases this actor may see, by the region and corporation each deadline
    carries (kept from its case by the database): the same cases as the API's `visible` for the
    roles of this page, without a subquery over the cases."""
    regio = actor.samenwerkingsverband_id
    scope = Q(case_type__in=list(RESOURCE_OF), samenwerkingsverband_id=regio)
    if actor.rol in REGIO_ROLLEN:
        return scope
    if actor.rol in (Rol.DIRECTIE, Rol.FUNCTIONARIS):
        return scope & Q(primaire_bron_id=actor.deelnemer_id)
    return Q(pk__in=[])


def _open(actor: Actor) -> QuerySet:
    """The open deadlines this actor may see."""
    return Deadline.objects.filter(_zichtbaar(actor), status="open")


def _bronnen(actor: Actor) -> dict[int | None, str]:
    """The names of the region's corporations (a handful), to label deadlines with."""
    deelnemers = Deelnemer.objects.filter(samenwerkingsverband_id=actor.samenwerkingsverband_id)
    return {None: "—", **dict(deelnemers.values_list("pk", "naam"))}


def _bucket(due_at: datetime, now: datetime) -> str:
    if due_at <= now:
        return "verstreken"
    return "deze week" if due_at <= now + timedelta(days=7) else "later"


def _tellingen(open_qs: QuerySet, now: datetime) -> list[dict[str, Any]]:
    """One pass over the open deadlines, counted per kind and corporation, overdue and due this
    week among them: the buckets, the chart and the per-corporation list all add these up."""
    week = now + timedelta(days=7)
    return list(
        open_qs.values("kind", "primaire_bron_id")
        .annotate(
            n=Count("pk"),
            verstreken=Count("pk", filter=Q(due_at__lte=now)),
            week=Count("pk", filter=Q(due_at__gt=now, due_at__lte=week)),
        )
        .order_by()
    )


def _buckets(tellingen: list[dict[str, Any]]) -> list[tuple[str, int]]:
    verstreken = sum(r["verstreken"] for r in tellingen)
    week = sum(r["week"] for r in tellingen)
    later = sum(r["n"] for r in tellingen) - verstreken - week
    return [("verstreken", verstreken), ("deze week", week), ("later", later)]


def _opgeteld(tellingen: list[dict[str, Any]], key: str) -> dict[Any, int]:
    totals: dict[Any, int] = {}
    for r in tellingen:
        totals[r[key]] = totals.get(r[key], 0) + r["n"]
    return totals


def _bar_chart(per_soort: list[dict[str, Any]]) -> dict[str, Any]:
    """Geometry for a 320-wide viewBox: each label (wrapped) on its own lines above its bar, the
    value right of the bar; bars at most 260 wide so the value always has room."""
    biggest = max((r["n"] for r in per_soort), default=1) or 1
    bars, top = [], 0
    for r in per_soort:
        lines = textwrap.wrap(DeadlineKind(r["kind"]).label, 44)
        bar_y = top + 13 * len(lines) + 3
        width = max(1, round(260 * r["n"] / biggest))
        bars.append(
            {
                "label": DeadlineKind(r["kind"]).label,
                "lines": [{"text": t, "y": top + 13 * (k + 1)} for k, t in enumerate(lines)],
                "n": r["n"],
                "bar_y": bar_y,
                "width": width,
                "value_x": width + 5,
                "value_y": bar_y + 11,
            }
        )
        top = bar_y + 22
    return {"bars": bars, "height": max(top, 20)}


def _months(now: datetime) -> list[datetime]:
    """The first instants of the last twelve Amsterdam months, oldest first."""
    here = now.astimezone(AMSTERDAM)
    year, month = here.year, here.month
    firsts = []
    for _ in range(12):
        firsts.append(datetime(year, month, 1, tzinfo=AMSTERDAM))
        year, month = (year, month - 1) if month > 1 else (year - 1, 12)
    return firsts[::-1]


def _per_maand(actor: Actor, now: datetime) -> list[dict[str, Any]]:
    """Deadlines closed per Amsterdam month: met on time versus late or missed (one query)."""
    months = _months(now)
    moment = Case(When(status="missed", then=F("escalated_at")), default=F("closed_at"))
    recent = Q(status="met", closed_at__gte=months[0]) | Q(
        status="missed", escalated_at__gte=months[0]
    )
    rows = (
        Deadline.objects.filter(_zichtbaar(actor), recent)
        .annotate(maand=TruncMonth(moment, tzinfo=AMSTERDAM))
        .filter(maand__gte=months[0])
        .values("maand")
        .annotate(
            op_tijd=Count("pk", filter=Q(status="met", met_late=False)),
            te_laat=Count("pk", filter=Q(status="missed") | Q(met_late=True)),
        )
    )
    found = {r["maand"].astimezone(AMSTERDAM).date(): r for r in rows}
    biggest = max((r["op_tijd"] + r["te_laat"] for r in found.values()), default=0) or 1
    chart = []
    for i, first in enumerate(months):
        r = found.get(first.date(), {"op_tijd": 0, "te_laat": 0})
        h_op, h_laat = 90 * r["op_tijd"] / biggest, 90 * r["te_laat"] / biggest
        name = MAANDEN[first.month - 1]
        chart.append(
            {
                "kort": name[:3],
                "naam": f"{name} {first.year}",
                "op_tijd": r["op_tijd"],
                "te_laat": r["te_laat"],
                "totaal": r["op_tijd"] + r["te_laat"],
                "x": 12 + i * 25 + 5,
                "mid": 12 + i * 25 + 12.5,
                "h_op": round(h_op, 2),
                "y_op": round(115 - h_op, 2),
                "h_laat": round(h_laat, 2),
                "y_laat": round(115 - h_op - h_laat, 2),
                "y_totaal": round(112 - h_op - h_laat, 2),
            }
        )
    return chart


def _rows(page_qs: Any, bronnen: dict[int | None, str], now: datetime) -> list[dict[str, Any]]:
    return [
        {"d": d, "bron": bronnen.get(d.primaire_bron_id, "—"), "bucket": _bucket(d.due_at, now)}
        for d in page_qs
    ]


@with_actor
def termijnen(request: HttpRequest, actor: Actor) -> HttpResponse:
    require_rol(actor, *ROLLEN)
    now = clock.now()
    open_qs = _open(actor)
    tellingen = _tellingen(open_qs, now)
    per_soort = [{"kind": k, "n": n} for k, n in sorted(_opgeteld(tellingen, "kind").items())]
    bronnen = _bronnen(actor)
    per_bron = sorted(
        (bronnen.get(pk, "—"), n) for pk, n in _opgeteld(tellingen, "primaire_bron_id").items()
    )
    total = sum(r["n"] for r in tellingen)
    ordered = open_qs.order_by("due_at", "pk")
    page = Counted(ordered, PAGE_SIZE, total).get_page(request.GET.get("p"))
    # Only the escalations of cases this actor may see: not every corporation's.
    escalaties = Deadline.objects.filter(_zichtbaar(actor), status="missed").order_by(
        "-escalated_at"
    )[:20]
    return render(
        request,
        "portal/termijnen.html",
        {
            "page": page,
            "rows": _rows(page.object_list, bronnen, now),
            "buckets": _buckets(tellingen),
            "per_bron": per_bron,
            "chart": _bar_chart(per_soort),
            "maanden": _per_maand(actor, now),
            "escalaties": escalaties,
            "mislukt": list(failing(_zichtbaar(actor))[:50]),
        },
    )


def _dag(value: Any) -> str:
    return value.strftime("%d-%m-%Y") if value else ""


@with_actor
def termijnen_csv(request: HttpRequest, actor: Actor) -> HttpResponse:
    """Opens directly in Excel NL: UTF-8 with a BOM, semicolons, dd-mm-jjjj, Dutch headers."""
    require_rol(actor, *ROLLEN)
    response = HttpResponse(content_type="text/csv; charset=utf-8")
    response["Content-Disposition"] = 'attachment; filename="termijnen.csv"'
    response.write("\ufeff")
    writer = csv.writer(response, delimiter=";")
    writer.writerow(["Zaak", "Soort termijn", "Corporatie", "Uiterlijk", "Streefdatum", "Stand"])
    now = clock.now()
    bronnen = _bronnen(actor)
    for d in _open(actor).order_by("due_at", "pk").iterator():
        writer.writerow(
            [
                f"{d.case_type.capitalize()} {d.case_id}",
                DeadlineKind(d.kind).label,
                bronnen.get(d.primaire_bron_id, ""),
                _dag(d.last_day or d.due_at.astimezone(AMSTERDAM).date()),
                _dag(d.internal_target),
                _bucket(d.due_at, now).capitalize(),
            ]
        )
    return response
