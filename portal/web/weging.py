"""The functionaris records the weighing for a blocked candidate (ch. 9)."""

from __future__ import annotations

from django import forms
from django.contrib import messages
from django.http import HttpRequest, HttpResponse
from django.shortcuts import redirect, render

from portal import clock
from portal.web.common import domain_errors, require_rol, with_actor
from states.models import WegingMoment, WegingUitkomst
from states.roles import Actor, Rol
from states.services import weging as service


class WegingForm(forms.Form):
    inschrijfnummer = forms.CharField(label="Inschrijfnummer", max_length=40)
    moment = forms.ChoiceField(
        label="Wanneer", choices=WegingMoment.choices, widget=forms.RadioSelect
    )
    uitkomst = forms.ChoiceField(
        label="Uw afweging", choices=WegingUitkomst.choices, widget=forms.RadioSelect
    )
    voorwaarden = forms.CharField(
        label="Aanvullende voorwaarden",
        required=False,
        max_length=service.MAX_TEKST,
        widget=forms.Textarea(attrs={"rows": 4}),
        help_text="Alleen bij acceptatie: bijvoorbeeld begeleiding of een gedragsverklaring.",
    )
    motivering = forms.CharField(
        label="Redenen",
        max_length=service.MAX_TEKST,
        widget=forms.Textarea(attrs={"rows": 5}),
        help_text="Waarom u zo afweegt. De betrokkene kan deze tekst lezen bij een inzage.",
    )


@with_actor
def weging(request: HttpRequest, actor: Actor) -> HttpResponse:
    require_rol(actor, Rol.FUNCTIONARIS)
    if request.method == "POST":
        form = WegingForm(request.POST)
        if form.is_valid():
            d = form.cleaned_data
            vastgelegd = domain_errors(
                form,
                lambda: service.leg_vast(
                    actor,
                    d["inschrijfnummer"],
                    d["moment"],
                    d["uitkomst"],
                    d["voorwaarden"],
                    d["motivering"],
                    clock.now(),
                ),
            )
            if vastgelegd is not None:
                messages.success(request, "Uw afweging is vastgelegd; de primaire bron ziet haar.")
                return redirect("controle")
    else:
        form = WegingForm(initial={"inschrijfnummer": request.GET.get("inschrijfnummer", "")[:40]})
    return render(request, "portal/weging.html", {"form": form})
