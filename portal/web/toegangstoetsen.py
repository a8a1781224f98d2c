"""The half-yearly access review (ch. 14.1) for its reviewer — the corporation's directie, or
for the region's own staff its privacy officer — and, to read, the region's privacy officer:
the list of reviews, and one review with a confirm or withdraw per user and a finish step."""

from __future__ import annotations

from typing import Any

from django.contrib import messages
from django.db.models import Count, Q, QuerySet
from django.http import Http404, HttpRequest, HttpResponse
from django.shortcuts import redirect, render

from portal import clock
from portal.web.common import Refused, refused, require_rol, with_actor
from states.models import Oordeel, Toegangstoets, ToegangstoetsRegel
from states.roles import Actor, NotAllowed, NotPossible, Rol
from states.services import deadlines
from states.services import toegangstoets as service

ROLLEN = (Rol.DIRECTIE, Rol.PRIVACY_OFFICER)


def zichtbaar(actor: Actor) -> QuerySet[Toegangstoets]:
    """The reviews this actor may read: their corporation's, or as privacy officer the region's."""
    qs = Toegangstoets.objects.filter(samenwerkingsverband_id=actor.samenwerkingsverband_id)
    if actor.rol != Rol.PRIVACY_OFFICER:
        qs = qs.filter(deelnemer_id=actor.deelnemer_id)
    return qs


@with_actor
def toegangstoetsen(request: HttpRequest, actor: Actor) -> HttpResponse:
    require_rol(actor, *ROLLEN)
    toetsen = list(
        zichtbaar(actor)
        .select_related("deelnemer")
        .annotate(
            aantal=Count("regels"),
            open=Count("regels", filter=Q(regels__oordeel=Oordeel.OPEN)),
        )
        .order_by("-periode", "deelnemer__naam")[:100]
    )
    uiterlijk = deadlines.last_days(Toegangstoets.CASE_TYPE, [t.pk for t in toetsen])
    for toets in toetsen:
        toets.uiterlijk = uiterlijk.get(toets.pk)
    return render(request, "portal/toegangstoetsen.html", {"toetsen": toetsen})


def _regel_id(value: str | None) -> int:
    try:
        return int(value or "")
    except ValueError:
        return 0


@with_actor
def toegangstoets(request: HttpRequest, actor: Actor, pk: int) -> HttpResponse:
    require_rol(actor, *ROLLEN)
    toets = zichtbaar(actor).select_related("deelnemer").filter(pk=pk).first()
    if toets is None or not service.mag_lezen(actor, toets):
        raise Http404("Niet gevonden.")
    fout = ""
    if request.method == "POST":
        try:
            antwoord = _stap(request, actor, toets)
        except Refused as exc:
            return refused(request, exc, request.path, "Terug naar de toets")
        except (NotPossible, LookupError) as exc:
            fout = str(exc)
        else:
            if antwoord is not None:
                return antwoord
            return redirect("toegangstoets", pk=pk)
    return render(request, "portal/toegangstoets.html", _context(actor, toets, fout))


def _stap(request: HttpRequest, actor: Actor, toets: Toegangstoets) -> HttpResponse | None:
    """One step: confirm a user, withdraw one (after a confirmation page), or finish."""
    now = clock.now()
    try:
        if "rond_af" in request.POST:
            service.rond_af(actor, toets.pk, now)
            messages.success(request, "De toets is afgerond.")
            return None
        oordeel, regel_id = request.POST.get("oordeel", ""), _regel_id(request.POST.get("regel"))
        if oordeel == Oordeel.INGETROKKEN and request.POST.get("bevestigd") != "1":
            return _bevestig_intrekken(request, actor, toets, regel_id)
        service.beoordeel(actor, toets.pk, regel_id, oordeel, now)
    except NotAllowed as exc:
        raise Refused(str(exc)) from exc
    messages.success(
        request,
        "Toegang ingetrokken: deze medewerker kan niet meer inloggen."
        if oordeel == Oordeel.INGETROKKEN
        else "Toegang bevestigd.",
    )
    return None


def _bevestig_intrekken(
    request: HttpRequest, actor: Actor, toets: Toegangstoets, regel_id: int
) -> HttpResponse:
    regel = toets.regels.select_related("medewerker__user").filter(pk=regel_id).first()
    if regel is None:
        raise LookupError("Deze medewerker staat niet in de toets.")
    if not service.beoordelaar(actor, toets):
        raise Refused("Alleen de directie van de deelnemer (of de privacy officer) toetst.")
    return render(request, "portal/toegangstoets_intrekken.html", {"toets": toets, "r": regel})


def _context(actor: Actor, toets: Toegangstoets, fout: str) -> dict[str, Any]:
    regels = list(
        ToegangstoetsRegel.objects.filter(toets=toets)
        .select_related("medewerker__user", "beoordeeld_door")
        .order_by("rol", "medewerker__user__last_name", "pk")
    )
    return {
        "toets": toets,
        "regels": regels,
        "nog_open": sum(1 for r in regels if r.oordeel == Oordeel.OPEN),
        "uiterlijk": deadlines.last_days(Toegangstoets.CASE_TYPE, [toets.pk]).get(toets.pk),
        "mag_beoordelen": toets.state == "open" and service.beoordelaar(actor, toets),
        "eigen_user_id": actor.user_id,
        "fout": fout,
    }
