"""The privacy office's identity search for a request without a linked code (AVG art. 15;
ADR 0006): search the region by name and birth date, compare, and link the confirmed hit."""

from __future__ import annotations

from django import forms
from django.contrib import messages
from django.http import Http404, HttpRequest, HttpResponse
from django.shortcuts import redirect, render

from portal import clock
from portal.web.common import domain_errors, require_rol, with_actor
from states.models import Verzoek
from states.roles import Actor, Rol
from states.services import identiteit


class ZoekForm(forms.Form):
    voornaam = forms.CharField(
        label="Voornaam",
        required=False,
        max_length=100,
        help_text="Leeg: de gegevens die de indiener bij het verzoek gaf.",
    )
    achternaam = forms.CharField(label="Achternaam", required=False, max_length=150)
    geboortedatum = forms.DateField(
        label="Geboortedatum", required=False, widget=forms.DateInput(attrs={"type": "date"})
    )


@with_actor
def identiteit_zoeken(request: HttpRequest, actor: Actor, pk: int) -> HttpResponse:
    require_rol(actor, Rol.PRIVACY_OFFICER, Rol.MEDEWERKER_SWV)
    verzoek = Verzoek.objects.filter(
        pk=pk, samenwerkingsverband_id=actor.samenwerkingsverband_id, signalering__isnull=True
    ).first()
    if verzoek is None:
        raise Http404("Niet gevonden.")
    form = ZoekForm(request.POST if request.method == "POST" else None)
    treffers = None
    if request.method == "POST" and "koppel" in request.POST:
        gekoppeld = domain_errors(
            form,
            lambda: identiteit.koppel(actor, pk, _int(request.POST.get("koppel")), clock.now()),
        )
        if gekoppeld is not None:
            messages.success(request, "Het verzoek is gekoppeld; de primaire bron beslist.")
            return redirect("medewerker_zaak", case_type="verzoek", pk=pk)
    elif request.method == "POST" and form.is_valid():
        d = form.cleaned_data
        treffers = domain_errors(
            form,
            lambda: identiteit.zoek(
                actor, pk, clock.now(), d["voornaam"], d["achternaam"], d["geboortedatum"]
            ),
        )
    return render(
        request,
        "portal/identiteit.html",
        {"verzoek": verzoek, "form": form, "treffers": treffers},
    )


def _int(value: str | None) -> int:
    try:
        return int(value or "")
    except ValueError:
        return 0
