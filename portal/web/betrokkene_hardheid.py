"""The person asks the Geschillencommissie to apply the hardship clause (protocol ch. 24:
"op verzoek [...] van de betrokkene zelf"), about a registration linked to their account."""

from __future__ import annotations

from django import forms
from django.contrib import messages
from django.http import HttpRequest, HttpResponse
from django.shortcuts import redirect, render
from django.utils.translation import gettext as _t
from django.utils.translation import gettext_lazy as _

from portal import clock
from portal.web.betrokkene import _betrokkene
from portal.web.common import domain_errors, with_actor
from states.roles import Actor
from states.services import hardheid
from states.services.matching import ACTIEF


class HardheidForm(forms.Form):
    signalering = forms.TypedChoiceField(label=_("Over welke registratie?"), coerce=int)
    gronden = forms.CharField(
        label=_("Welke bijzondere omstandigheden maken de regels in uw geval onredelijk?"),
        widget=forms.Textarea,
        max_length=hardheid.MAX_GRONDEN,
    )


@with_actor
def mijn_hardheidsclausule(request: HttpRequest, actor: Actor) -> HttpResponse:
    account = _betrokkene(actor)
    lopend = [s for s in account.signaleringen.all() if s.state in ACTIEF]
    form = HardheidForm(request.POST or None)
    form.fields["signalering"].choices = [
        (s.pk, _t("Registratie van %(bron)s, tot %(eind)s")
         % {"bron": s.primaire_bron.naam, "eind": s.einddatum.strftime("%d-%m-%Y")})
        for s in lopend
    ]  # fmt: skip
    if request.method == "POST" and lopend and form.is_valid():
        data = form.cleaned_data
        case = domain_errors(
            form,
            lambda: hardheid.vraag_aan_betrokkene(
                actor, data["signalering"], data["gronden"], clock.now()
            ),
        )
        if case is not None:
            messages.success(request, _t("Uw verzoek is ingediend bij de Geschillencommissie."))
            return redirect("mijn_zaak", case_type="hardheid", pk=case.pk)
    intro = _t(
        "In zeer bijzondere omstandigheden kan de Geschillencommissie toestaan dat van het "
        "protocol wordt afgeweken in uw voordeel, als de regels in uw geval tot een ernstige "
        "onbillijkheid leiden (protocol hoofdstuk 24). De commissie beslist binnen vier weken; "
        "u krijgt het besluit en wat er daarna gebeurt per e-mail of brief."
    )
    if not lopend:
        intro = _t("Er is geen lopende registratie aan uw account gekoppeld.")
    return render(
        request,
        "portal/formulier.html",
        {
            "form": form if lopend else None,
            "titel": _t("Verzoek om toepassing van de hardheidsclausule"),
            "intro": intro,
            "knop": _t("Verzoek indienen"),
        },
    )
