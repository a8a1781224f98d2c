"""The person files a klacht with the directie."""

from __future__ import annotations

from typing import Any

from django import forms
from django.contrib import messages
from django.http import HttpRequest, HttpResponse
from django.shortcuts import redirect, render
from django.utils.translation import gettext as _t
from django.utils.translation import gettext_lazy as _

from portal import clock
from portal.web.betrokkene import _betrokkene
from portal.web.common import domain_errors, with_actor
from states.models import Betrokkene
from states.roles import Actor
from states.services import klacht as klacht_service
from states.services.intake import Indiening


class KlachtForm(forms.Form):
    signalering = forms.TypedChoiceField(label=_("Over welke registratie?"), coerce=int)
    gronden = forms.CharField(
        label=_("Waarom is de registratie volgens u niet terecht?"), widget=forms.Textarea
    )

    def __init__(self, *args: Any, account: Betrokkene, **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        self.fields["signalering"].choices = [
            (s.pk, _t("Registratie door %(bron)s") % {"bron": s.primaire_bron.naam})
            for s in account.signaleringen.filter(state__in=["geregistreerd", "geblokkeerd"])
        ]


@with_actor
def nieuwe_klacht(request: HttpRequest, actor: Actor) -> HttpResponse:
    account = _betrokkene(actor)
    form = KlachtForm(request.POST or None, account=account)
    if request.method == "POST" and form.is_valid():
        data = form.cleaned_data
        case = domain_errors(
            form,
            lambda: klacht_service.dien_in(
                actor,
                "a",
                data["gronden"],
                Indiening(kanaal="portaal", signalering_id=data["signalering"]),
                clock.now(),
            ),
        )
        if case is not None:
            messages.success(request, _t("Uw klacht is ontvangen door de directie."))
            return redirect("mijn_zaak", case_type="klacht", pk=case.pk)
    return render(
        request,
        "portal/formulier.html",
        {
            "form": form,
            "titel": _t("Een klacht indienen bij de directie"),
            "intro": _t(
                "U krijgt binnen vier weken een schriftelijke reactie. Krijgt u die niet, "
                "of bent u het er niet mee eens, dan kunt u naar de "
                "Geschillencommissie."
            ),
            "knop": _t("Klacht versturen"),
        },
    )
