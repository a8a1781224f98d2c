"""The steps staff take on a case page: which steps the reader may take now, the form for each,
and a confirmation before a step that cannot be undone. Same handlers as the API."""

from __future__ import annotations

from typing import Any

from django import forms
from django.contrib import messages
from django.http import Http404, HttpRequest, HttpResponse
from django.shortcuts import redirect, render
from django.urls import reverse

from portal import clock, logs
from portal.api.case_views import RESOURCES, visible
from portal.web.common import Refused, refused, step, with_actor
from portal.web.zaak_overzicht import titel
from states.models import Besluit, Herstel
from states.models.verzoek import AVG_SOORTEN, OPEN
from states.roles import Actor, Rol
from states.services import datalek, geschil, klacht, verzoek

RESOURCE_OF = {
    "verzoek": "verzoeken",
    "klacht": "klachten",
    "geschil": "geschillen",
    "datalek": "datalekken",
}
WIE_MAG = {
    "verzoeken": verzoek.WIE_MAG,
    "klachten": klacht.WIE_MAG,
    "geschillen": geschil.WIE_MAG,
    "datalekken": datalek.WIE_MAG,
}

# What staff read on the button: plain Dutch, never a transition's code name.
ACTIE_LABELS = {
    "neem_in_behandeling": "Neem in behandeling",
    "beslis": "Beslis op het verzoek",
    "voer_uit": "Voer het besluit uit",
    "sluit": "Sluit de zaak",
    "trek_in": "Trek in namens de indiener",
    "verleng": "Verleng de termijn met twee maanden (art. 12 lid 3 AVG)",
    "bevestig": "Bevestig de ontvangst",
    "herstel": "Leg het herstel vast",
    "adviseer_gegrond": "Leg het advies vast: gegrond",
    "adviseer_ongegrond": "Leg het advies vast: ongegrond",
    "verwijs_door": "Verwijs door naar de Huurcommissie",
    "uitkomst_huurcommissie": "Leg de uitkomst van de Huurcommissie vast",
    "beoordeel": "Leg de beoordeling van het risico vast",
    "meld_ap": "Leg de melding bij de Autoriteit Persoonsgegevens vast",
    "niet_meldplichtig": "Leg vast dat het lek niet meldplichtig is",
    "informeer_betrokkenen": "Informeer de betrokkenen",
}

# Steps that cannot be undone ask first, and say what will happen.
ONHERROEPELIJK = {
    "beslis": "Het besluit gaat met een brief naar de indiener en kan daarna niet meer worden "
    "gewijzigd.",
    "voer_uit": "Het besluit wordt uitgevoerd. Gaat het om wissing of verwijdering, dan worden "
    "de gegevens definitief gewist; dat kan niet ongedaan worden gemaakt.",
    "sluit": "De zaak wordt afgesloten; daarna kan er niets meer in worden vastgelegd.",
    "trek_in": "Het verzoek wordt ingetrokken namens de indiener en krijgt geen besluit meer.",
    "meld_ap": "U legt vast dat het datalek bij de Autoriteit Persoonsgegevens is gemeld.",
    "niet_meldplichtig": "U legt vast dat het datalek niet bij de Autoriteit Persoonsgegevens "
    "wordt gemeld.",
    "informeer_betrokkenen": "Elke betrokkene krijgt nu een bericht over het datalek.",
}

ACTION_FIELDS = {
    "beslis": ("besluit", "motivering"),
    "voer_uit": ("reden",),
    "trek_in": ("reden",),
    "verleng": ("reden",),
    "adviseer_gegrond": ("advies", "herstel"),
    "adviseer_ongegrond": ("advies",),
    "herstel": ("herstel",),
    "verwijs_door": ("reden",),
    "uitkomst_huurcommissie": ("uitkomst",),
    "beoordeel": (
        "beoordeling",
        "hoog_risico",
        "signaleringen",
        "uitleg_betrokkenen",
        "gevolgen",
        "maatregelen",
    ),
    "meld_ap": ("ap_kenmerk",),
    "niet_meldplichtig": ("beoordeling",),
}
# The same field means something different per step: say what it is for.
REDEN = {
    "verleng": ("Redenen voor de verlenging", "De indiener krijgt deze redenen te lezen.", True),
    "trek_in": ("Hoe de indiener introk", "Bijvoorbeeld: per telefoon op 1 december.", False),
    "voer_uit": ("Toelichting bij de uitvoering", "", False),
    "verwijs_door": ("Toelichting bij de doorverwijzing", "", False),
}
# Not offered as a button: the directie's decision has its own form with the letter preview,
# and the lapse of a complaint is the scheduled flow's step.
ELDERS = {"verklaar_gegrond", "verklaar_ongegrond", "verstrijk"}
FSM_NAME = {"herstel": "herstel_uit"}


def available_actions(case: Any, resource: str, actor: Actor) -> list[str]:
    """The steps the machine allows now and the reader's role may take."""
    fsm_names = {t.name for t in case.get_available_state_transitions()}
    if resource == "verzoeken" and case.state in OPEN and case.soort in AVG_SOORTEN:
        fsm_names.add("verleng")
    if resource == "geschillen" and case.state == "doorverwezen_huurcommissie":
        fsm_names.add("uitkomst_huurcommissie")
    if resource == "datalekken" and case.moet_betrokkenen_informeren:
        fsm_names.add("informeer_betrokkenen")
    wie_mag = WIE_MAG[resource]
    return [
        name
        for name in RESOURCES[resource].transitions
        if FSM_NAME.get(name, name) in fsm_names
        and name not in ELDERS
        and name in wie_mag
        and wie_mag[name](actor, case)
    ]


class SignaleringNummers(forms.CharField):
    """Signalering numbers, separated by commas or spaces."""

    def to_python(self, value: Any) -> list[int]:
        text = super().to_python(value)
        parts = text.replace(",", " ").split()
        if not all(p.isdigit() and len(p) < 12 for p in parts):
            raise forms.ValidationError(
                "Vul nummers van signaleringen in, gescheiden door komma's."
            )
        return [int(p) for p in parts]


class ActieForm(forms.Form):
    besluit = forms.ChoiceField(label="Besluit", choices=[("", "—"), *Besluit.choices])
    herstel = forms.ChoiceField(label="Herstel", choices=[("", "—"), *Herstel.choices])
    motivering = forms.CharField(label="Redenen", widget=forms.Textarea, required=False)
    advies = forms.CharField(label="Advies van de Geschillencommissie", widget=forms.Textarea)
    reden = forms.CharField(label="Toelichting", widget=forms.Textarea, required=False)
    uitkomst = forms.CharField(label="Uitkomst bij de Huurcommissie", widget=forms.Textarea)
    beoordeling = forms.CharField(label="Beoordeling en redenen", widget=forms.Textarea)
    hoog_risico = forms.BooleanField(
        label="Hoog risico voor de betrokkenen (art. 34 AVG)", required=False
    )
    signaleringen = SignaleringNummers(
        label="Signaleringen van de betrokkenen",
        required=False,
        help_text="Alleen bij hoog risico: de nummers, gescheiden door komma's.",
    )
    uitleg_betrokkenen = forms.CharField(
        label="Wat er gebeurde, in gewone taal", widget=forms.Textarea, required=False
    )
    gevolgen = forms.CharField(
        label="Waarschijnlijke gevolgen", widget=forms.Textarea, required=False
    )
    maatregelen = forms.CharField(
        label="Genomen maatregelen", widget=forms.Textarea, required=False
    )
    ap_kenmerk = forms.CharField(label="Kenmerk van de melding bij de AP", max_length=100)

    def __init__(self, *args: Any, action: str, **kwargs: Any) -> None:
        super().__init__(*args, prefix=action, **kwargs)
        keep = set(ACTION_FIELDS.get(action, ()))
        for name in list(self.fields):
            if name not in keep:
                del self.fields[name]
        for field in self.fields.values():
            if isinstance(field.widget, forms.Textarea):
                field.widget.attrs["rows"] = 4
        if action in REDEN:
            reden = self.fields["reden"]
            reden.label, reden.help_text, reden.required = REDEN[action]

    def body(self) -> dict[str, Any]:
        return {k: v for k, v in self.cleaned_data.items() if v}

    def summary(self) -> list[tuple[str, str]]:
        """What will be recorded, for the confirmation page."""
        rows = []
        for name, field in self.fields.items():
            value = self.cleaned_data.get(name)
            if isinstance(field, forms.ChoiceField):
                value = dict(field.choices).get(value, value)
            elif isinstance(value, bool):
                value = "ja" if value else "nee"
            elif isinstance(value, list):
                value = ", ".join(str(v) for v in value)
            rows.append((str(field.label), str(value or "—")))
        return rows


def actie_forms(case: Any, resource: str, actor: Actor, bound: ActieForm | None, bound_action: str):
    return [
        (a, ACTIE_LABELS[a], bound if a == bound_action else ActieForm(action=a))
        for a in available_actions(case, resource, actor)
    ]


@with_actor
def zaak_actie(
    request: HttpRequest, actor: Actor, case_type: str, pk: int, action: str
) -> HttpResponse:
    from portal.web.medewerker import zaak_pagina  # the case page renders a form with errors

    resource = RESOURCE_OF.get(case_type)
    staff = actor.rol != Rol.BETROKKENE  # the person acts through their own portal
    case = visible(RESOURCES[resource], actor).filter(pk=pk).first() if resource and staff else None
    # Only the steps a case page offers: linking and the directie's decision have their own page.
    if case is None or request.method != "POST" or action not in ACTIE_LABELS:
        raise Http404("Niet gevonden.")
    logs.bind_case(case_type, pk)
    if action not in RESOURCES[resource].transitions:
        raise Http404("Niet gevonden.")
    terug = reverse("medewerker_zaak", kwargs={"case_type": case_type, "pk": pk})
    if action not in available_actions(case, resource, actor):
        if action in WIE_MAG[resource] and not WIE_MAG[resource][action](actor, case):
            return refused(request, Refused(f"Uw rol mag '{ACTIE_LABELS[action]}' niet."), terug)
        nu = f"De zaak is nu: {case.get_state_display().lower()}."
        return refused(
            request, Refused(f"'{ACTIE_LABELS[action]}' kan niet meer. {nu}"), terug, status=409
        )
    form = ActieForm(request.POST, action=action)
    if form.is_valid():
        if action in ONHERROEPELIJK and request.POST.get("bevestigd") != "1":
            return _bevestig(request, case, case_type, action, form, terug)
        handler = RESOURCES[resource].transitions[action]
        try:
            done = step(form, lambda: handler(actor, pk, form.body(), clock.now()))
        except Refused as exc:  # a step this role may not take: refused, nothing written
            return refused(request, exc, terug)
        if done is not None:
            messages.success(request, f"Vastgelegd: {ACTIE_LABELS[action].lower()}.")
            return redirect(terug)
    return zaak_pagina(request, actor, case, case_type, form, action)


def _bevestig(
    request: HttpRequest, case: Any, case_type: str, action: str, form: ActieForm, terug: str
) -> HttpResponse:
    return render(
        request,
        "portal/zaak_bevestigen.html",
        {
            "case": case,
            "case_type": case_type,
            "titel": titel(case, case_type),
            "naam": action,
            "label": ACTIE_LABELS[action],
            "gevolg": ONHERROEPELIJK[action],
            "samenvatting": form.summary(),
            "form": form,
            "terug": terug,
        },
    )
