"""The periodic checks (ch. 8 process check, ch. 11 data verification) for whoever carries them
out — the region's own colleague, or the corporation's functionaris — and, to read, the
corporation's directie and the region's privacy officer: the list, and one check with its
checklist and the findings form."""

from __future__ import annotations

from django import forms
from django.contrib import messages
from django.db.models import QuerySet
from django.http import Http404, HttpRequest, HttpResponse
from django.shortcuts import redirect, render

from portal import clock
from portal.web.common import Refused, refused, require_rol, step, with_actor
from states.models import Controle
from states.roles import Actor, Rol
from states.services import controle as service
from states.services import deadlines

ROLLEN = (Rol.FUNCTIONARIS, Rol.DIRECTIE, Rol.MEDEWERKER_SWV, Rol.PRIVACY_OFFICER)


class BevindingenForm(forms.Form):
    bevindingen = forms.CharField(
        label="Bevindingen",
        max_length=service.MAX_BEVINDINGEN,
        widget=forms.Textarea(attrs={"rows": 8}),
        help_text="Wat u naliep, wat u vond en wat er is of wordt gedaan. Geen namen.",
    )


def zichtbaar(actor: Actor) -> QuerySet[Controle]:
    qs = Controle.objects.filter(samenwerkingsverband_id=actor.samenwerkingsverband_id)
    if actor.rol in (Rol.FUNCTIONARIS, Rol.DIRECTIE):
        return qs.filter(deelnemer_id=actor.deelnemer_id)
    if actor.rol == Rol.MEDEWERKER_SWV:
        return qs.filter(soort="proces")
    return qs


@with_actor
def controles(request: HttpRequest, actor: Actor) -> HttpResponse:
    require_rol(actor, *ROLLEN)
    rows = list(
        zichtbaar(actor).select_related("deelnemer").order_by("-periode", "soort", "pk")[:100]
    )
    uiterlijk = deadlines.last_days(Controle.CASE_TYPE, [t.pk for t in rows])
    for row in rows:
        row.uiterlijk = uiterlijk.get(row.pk)
    return render(request, "portal/periodieke_controles.html", {"controles": rows})


@with_actor
def controle(request: HttpRequest, actor: Actor, pk: int) -> HttpResponse:
    require_rol(actor, *ROLLEN)
    gevonden = zichtbaar(actor).select_related("deelnemer").filter(pk=pk).first()
    if gevonden is None or not service.mag_lezen(actor, gevonden):
        raise Http404("Niet gevonden.")
    mag = gevonden.state == "open" and service.uitvoerder(actor, gevonden)
    if request.method == "POST" and not service.uitvoerder(actor, gevonden):
        reden = Refused("Alleen wie de controle uitvoert, legt de bevindingen vast.")
        return refused(request, reden, request.path, "Terug naar de controle")
    form = BevindingenForm(request.POST if request.method == "POST" else None)
    if request.method == "POST" and form.is_valid():  # else: the errors beside the field
        bevindingen = form.cleaned_data["bevindingen"]
        try:
            done = step(form, lambda: service.rond_af(actor, pk, bevindingen, clock.now()))
        except Refused as exc:
            return refused(request, exc, request.path, "Terug naar de controle")
        if done is not None:
            messages.success(request, "De controle is afgerond; de bevindingen zijn vastgelegd.")
            return redirect("periodieke_controle", pk=pk)
    context = {
        "c": gevonden,
        "uiterlijk": deadlines.last_days(Controle.CASE_TYPE, [gevonden.pk]).get(gevonden.pk),
        "mag_afronden": mag,
        "form": form,
    }
    return render(request, "portal/periodieke_controle.html", context)
