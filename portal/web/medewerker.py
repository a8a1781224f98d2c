"""The staff case page: what the case is, its deadlines and history, the steps the reader may
take now, and the directie's decision on a complaint with the letter shown before it goes."""

from __future__ import annotations

from typing import Any

from django import forms
from django.contrib import messages
from django.http import Http404, HttpRequest, HttpResponse
from django.shortcuts import redirect, render

from notifications.letter_layout import build_letter
from notifications.rendering import render as render_notice
from portal import clock, logs
from portal.api.case_views import RESOURCES, visible
from portal.web import zaak_overzicht
from portal.web.common import domain_errors, with_actor
from portal.web.zaak_acties import ONHERROEPELIJK, RESOURCE_OF, ActieForm, actie_forms
from states.models import Deadline, Klacht
from states.roles import Actor, Rol
from states.services import klacht as klacht_service
from states.services.cases import case_context, log_read


class BesluitForm(forms.Form):
    oordeel = forms.ChoiceField(
        label="Oordeel",
        widget=forms.RadioSelect,
        choices=[("gegrond", "Gegrond"), ("ongegrond", "Ongegrond")],
    )
    motivering = forms.CharField(
        label="Redenen",
        widget=forms.Textarea,
        required=False,
        help_text="Verplicht bij ongegrond: de betrokkene leest dit in de brief.",
    )
    adres_gehuurde_woning = forms.CharField(
        label="Adres van de woning die de betrokkene huurde",
        required=False,
        max_length=300,
        help_text="Staat in de brief (protocol 16.3); de signaleringslijst bewaart alleen het "
        "contactadres.",
    )

    def clean(self) -> dict[str, Any]:
        data = super().clean()
        if data.get("oordeel") == "ongegrond" and not data.get("motivering", "").strip():
            self.add_error("motivering", "Vermeld de redenen voor de ongegrondverklaring.")
        return data


def _preview(klacht: Klacht, gegrond: bool, motivering: str, adres: str) -> Any:
    """The letter as it will go, before it goes: rendered from the same template."""
    now = clock.now()
    klacht.motivering = motivering  # in memory only, never saved
    reaction = klacht_service.reaction_context(klacht, now, gegrond, adres)
    context = case_context(klacht, now, **reaction)
    # In the language the person chose: the preview is the letter as it will go.
    return build_letter(
        render_notice("klacht_reactie", context, klacht.taal),
        context,
        language=klacht.taal,
        to_name=klacht.indiener_naam,
        to_address=klacht.indiener_adres,
        case_type="klacht",
        case_id=klacht.pk,
    )


@with_actor
def zaak(request: HttpRequest, actor: Actor, case_type: str, pk: int) -> HttpResponse:
    resource = RESOURCE_OF.get(case_type)
    case = visible(RESOURCES[resource], actor).filter(pk=pk).first() if resource else None
    if case is None or actor.rol == Rol.BETROKKENE:
        raise Http404("Niet gevonden.")
    logs.bind_case(case_type, pk)
    form, preview = None, None
    if (
        case_type == "klacht"
        and actor.rol == Rol.DIRECTIE
        and case.state in ("ontvangen", "bevestigd", "in_behandeling", "termijn_verstreken")
    ):
        form = BesluitForm(request.POST or None)
        if request.method == "POST" and form.is_valid():
            gegrond = form.cleaned_data["oordeel"] == "gegrond"
            if "bevestigen" not in request.POST:
                preview = _preview(
                    Klacht.objects.get(pk=pk),
                    gegrond,
                    form.cleaned_data["motivering"],
                    form.cleaned_data["adres_gehuurde_woning"],
                )
            else:
                done = domain_errors(
                    form,
                    lambda: klacht_service.verklaar(
                        actor,
                        pk,
                        gegrond,
                        form.cleaned_data["motivering"],
                        clock.now(),
                        adres_gehuurde_woning=form.cleaned_data["adres_gehuurde_woning"],
                    ),
                )
                if done is not None:
                    messages.success(
                        request, "Het oordeel is vastgelegd en de brief gaat naar de betrokkene."
                    )
                    return redirect("medewerker_zaak", case_type=case_type, pk=pk)
    return zaak_pagina(request, actor, case, case_type, besluit=form, preview=preview)


def zaak_pagina(
    request: HttpRequest,
    actor: Actor,
    case: Any,
    case_type: str,
    bound: ActieForm | None = None,
    bound_action: str = "",
    status: int = 200,
    **extra: Any,
) -> HttpResponse:
    """The case page: facts, deadlines with their computation, the steps the reader may take
    now (one of them possibly with the errors of a failed attempt), and the timeline."""
    log_read(actor, case, clock.now())
    resource = RESOURCE_OF[case_type]
    deadlines = list(Deadline.objects.filter(case_type=case_type, case_id=case.pk))
    deadlines.sort(key=lambda d: (d.status != "open", d.due_at))
    context = {
        "case": case,
        "case_type": case_type,
        "titel": zaak_overzicht.titel(case, case_type),
        "feiten": zaak_overzicht.feiten(case, case_type, actor),
        "termijnen": zaak_overzicht.termijnen(deadlines),
        "zoek_identiteit": actor.rol in (Rol.PRIVACY_OFFICER, Rol.MEDEWERKER_SWV),
        "timeline": zaak_overzicht.tijdlijn(case, case_type, deadlines),
        "acties": actie_forms(case, resource, actor, bound, bound_action),
        "onherroepelijk": ONHERROEPELIJK,
        "fout_actie": bound_action,
        **extra,
    }
    return render(request, "portal/zaak.html", context, status=status)
