"""Participation (ch. 17, 20) for the region's staff: every deelnemer with its status, the next
step and by when; one deelnemer's page with its declaration, its exclusion and the journal of
decisions; the signed declaration itself. The samenwerkingsverband records; the privacy officer
reads. The forms are in portal.web.deelname_besluiten. ADR 0011."""

from __future__ import annotations

from dataclasses import dataclass
from datetime import date, datetime
from typing import Any

from django.http import Http404, HttpRequest, HttpResponse
from django.shortcuts import render

from portal import clock
from portal.web.common import require_rol, with_actor
from states.clock import local_date
from states.models import (
    Bijlage,
    Deadline,
    Deelnemer,
    Toetreding,
    UitsluitingDeelname,
    UitsluitingDeelnameState,
)
from states.roles import Actor, Rol
from states.services import uitsluiting_deelname as service

ROLLEN = (Rol.MEDEWERKER_SWV, Rol.PRIVACY_OFFICER)
BEEINDIGD = (Deelnemer.Status.UITGETREDEN, Deelnemer.Status.UITGESLOTEN)


@dataclass(frozen=True)
class Stap:
    """What happens next for a deelnemer, in plain Dutch, and by when."""

    tekst: str
    uiterlijk: date | None = None
    verstreken: bool = False


def volgende_stap(
    deelnemer: Deelnemer,
    lopend: UitsluitingDeelname | None,
    termijn: Deadline | None,
    now: datetime,
) -> Stap:
    if deelnemer.status in BEEINDIGD:
        return Stap("Geen: de deelname is beëindigd. Nieuwe deelname is een nieuwe toetreding.")
    if lopend is None and deelnemer.status == Deelnemer.Status.OPGESCHORT:
        return Stap("Leg het besluit van de deelnemers tot tijdelijke uitsluiting vast.")
    if lopend is None:
        return Stap("Geen: de deelnemer neemt deel.")
    if termijn is not None and (termijn.status == "missed" or now >= termijn.due_at):
        return Stap(
            "De termijn voor het verbeterplan is verstreken. Leg het besluit van de deelnemers "
            "vast: het plan alsnog aanvaard, of de uitsluiting definitief.",
            termijn.last_day,
            verstreken=True,
        )
    return Stap(
        f"Wacht op het verbeterplan van {deelnemer.naam}. Aanvaarden de deelnemers het, "
        "leg dat dan vast.",
        termijn.last_day if termijn else None,
    )


def regio_deelnemer(actor: Actor, code: str) -> Deelnemer:
    """A deelnemer of the actor's region; another region's is not found (no probing)."""
    deelnemer = Deelnemer.objects.filter(
        code=code, samenwerkingsverband_id=actor.samenwerkingsverband_id
    ).first()
    if deelnemer is None:
        raise Http404("Niet gevonden.")
    return deelnemer


def lopende(deelnemer: Deelnemer) -> UitsluitingDeelname | None:
    return deelnemer.uitsluitingen.filter(state=UitsluitingDeelnameState.TIJDELIJK).first()


def _termijnen(uitsluitingen: list[UitsluitingDeelname]) -> dict[int, Deadline]:
    rows = Deadline.objects.filter(
        case_type=UitsluitingDeelname.CASE_TYPE,
        case_id__in=[u.pk for u in uitsluitingen],
        kind="deelname_verbeterplan",
    ).order_by("start_at", "pk")
    return {d.case_id: d for d in rows}


@with_actor
def deelname(request: HttpRequest, actor: Actor) -> HttpResponse:
    require_rol(actor, *ROLLEN)
    now = clock.now()
    deelnemers = list(
        Deelnemer.objects.filter(samenwerkingsverband_id=actor.samenwerkingsverband_id)
        .select_related("toetreding")
        .order_by("naam")
    )
    lopend = {
        u.deelnemer_id: u
        for u in UitsluitingDeelname.objects.filter(
            deelnemer__in=deelnemers, state=UitsluitingDeelnameState.TIJDELIJK
        )
    }
    termijnen = _termijnen(list(lopend.values()))
    for d in deelnemers:
        case = lopend.get(d.pk)
        d.stap = volgende_stap(d, case, termijnen.get(case.pk) if case else None, now)
    context = {"deelnemers": deelnemers, "mag_vastleggen": actor.rol == Rol.MEDEWERKER_SWV}
    return render(request, "portal/deelname.html", context)


def _toetreding(deelnemer: Deelnemer) -> Toetreding | None:
    return Toetreding.objects.filter(deelnemer=deelnemer).select_related("vastgelegd_door").first()


@with_actor
def deelnemer(request: HttpRequest, actor: Actor, code: str) -> HttpResponse:
    require_rol(actor, *ROLLEN)
    return render(request, "portal/deelname_deelnemer.html", context(actor, code))


def context(actor: Actor, code: str) -> dict[str, Any]:
    now = clock.now()
    dn = regio_deelnemer(actor, code)
    uitsluitingen = list(dn.uitsluitingen.order_by("-geopend_op", "-pk"))
    termijnen = _termijnen(uitsluitingen)
    case = next((u for u in uitsluitingen if u.state == UitsluitingDeelnameState.TIJDELIJK), None)
    termijn = termijnen.get(case.pk) if case else None
    return {
        "d": dn,
        "toetreding": _toetreding(dn),
        "uitsluitingen": [(u, termijnen.get(u.pk)) for u in uitsluitingen],
        "lopend": case,
        "termijn": termijn,
        "stap": volgende_stap(dn, case, termijn, now),
        "besluiten": list(dn.besluiten.select_related("vastgelegd_door").order_by("-pk")),
        "mag_vastleggen": actor.rol == Rol.MEDEWERKER_SWV,
        "kan_definitief": case is not None and not service.kan_definitief(case, now),
        "vandaag": local_date(now),
    }


@with_actor
def verklaring(request: HttpRequest, actor: Actor, code: str) -> HttpResponse:
    """The signed declaration as it was uploaded (ch. 17), for the region and its auditors."""
    require_rol(actor, *ROLLEN)
    toetreding = _toetreding(regio_deelnemer(actor, code))
    row = (
        Bijlage.objects.filter(case_type=Toetreding.CASE_TYPE, case_id=toetreding.pk).first()
        if toetreding
        else None
    )
    if row is None:
        raise Http404("Geen verklaring vastgelegd.")
    response = HttpResponse(bytes(row.inhoud), content_type=row.mime_type)
    extensie = {"application/pdf": "pdf", "image/jpeg": "jpg", "image/png": "png"}
    naam = f"verklaring-{code}.{extensie.get(row.mime_type, 'bin')}"
    response["Content-Disposition"] = f'attachment; filename="{naam}"'
    response["X-Content-Type-Options"] = "nosniff"
    response["Cache-Control"] = "no-store"  # a signed document: not left in a browser cache
    return response
