"""The person files a verzoek."""

from __future__ import annotations

from typing import Any

from django import forms
from django.contrib import messages
from django.http import HttpRequest, HttpResponse
from django.shortcuts import redirect, render
from django.utils.text import format_lazy
from django.utils.translation import gettext as _t
from django.utils.translation import gettext_lazy as _

from portal import clock
from portal.web.betrokkene import SOORT_KEUZE, _betrokkene
from portal.web.common import domain_errors, with_actor
from states.models import Betrokkene
from states.roles import Actor
from states.services import verzoek as verzoek_service
from states.services.intake import Indiening


class VerzoekForm(forms.Form):
    soort = forms.ChoiceField(
        label=_("Wat wilt u vragen?"),
        widget=forms.RadioSelect,
        choices=[
            (k, format_lazy("{} – {}", label, uitleg)) for k, (label, uitleg) in SOORT_KEUZE.items()
        ],
    )
    signalering = forms.TypedChoiceField(
        label=_("Over welke registratie?"), coerce=int, required=False, empty_value=None
    )
    toelichting = forms.CharField(
        label=_("Toelichting"),
        widget=forms.Textarea,
        required=False,
        help_text=_("Schrijf in uw eigen woorden wat u wilt en waarom."),
    )
    veld = forms.ChoiceField(
        label=_("Welk gegeven moet anders? (alleen bij rectificatie)"),
        required=False,
        choices=[
            ("", "—"),
            ("voornaam", _("Voornaam")),
            ("achternaam", _("Achternaam")),
            ("geboortedatum", _("Geboortedatum (JJJJ-MM-DD)")),
            ("straat", _("Straat")),
            ("huisnummer", _("Huisnummer")),
            ("postcode", _("Postcode")),
            ("woonplaats", _("Woonplaats")),
            ("email", _("E-mailadres")),
        ],
    )
    nieuwe_waarde = forms.CharField(label=_("Wat is het juiste gegeven?"), required=False)

    def __init__(self, *args: Any, account: Betrokkene, **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        self.fields["signalering"].choices = [("", _("Ik weet het niet"))] + [
            (
                s.pk,
                _t("Registratie door %(bron)s (sinds %(sinds)s)")
                % {"bron": s.primaire_bron.naam, "sinds": f"{s.ingangsdatum:%d-%m-%Y}"},
            )
            for s in account.signaleringen.exclude(state="verwijderd")
        ]


@with_actor
def nieuw_verzoek(request: HttpRequest, actor: Actor) -> HttpResponse:
    account = _betrokkene(actor)
    form = VerzoekForm(
        request.POST or None, account=account, initial={"soort": request.GET.get("soort", "")}
    )
    if request.method == "POST" and form.is_valid():
        data = form.cleaned_data
        correctie = (
            {data["veld"]: data["nieuwe_waarde"]}
            if data["soort"] == "rectificatie" and data["veld"]
            else None
        )
        case = domain_errors(
            form,
            lambda: verzoek_service.dien_in(
                actor,
                data["soort"],
                Indiening(
                    kanaal="portaal",
                    toelichting=data["toelichting"],
                    signalering_id=data["signalering"],
                ),
                clock.now(),
                correctie,
            ),
        )
        if case is not None:
            messages.success(
                request, _t("Uw verzoek is ontvangen. U krijgt een bevestiging per e-mail.")
            )
            return redirect("mijn_zaak", case_type="verzoek", pk=case.pk)
    return render(
        request,
        "portal/formulier.html",
        {
            "form": form,
            "titel": _t("Een verzoek indienen"),
            "intro": _t(
                "Wij beslissen binnen vier weken na ontvangst en laten u dat schriftelijk weten. "
                "Uw gegevens meenemen naar een andere organisatie (overdraagbaarheid, artikel 20 "
                "AVG) kan hier niet: de lijst rust op gerechtvaardigd belang, niet op uw "
                "toestemming of een overeenkomst (protocol 15.6). Inzage en een afschrift "
                "krijgt u wel."
            ),
            "knop": _t("Verzoek versturen"),
        },
    )
