"""The staff back office: the privacy officer's deadlines, case timelines, the directie's
decisions, the functionaris's registrations, the bevrager's check. Same services as the API."""

from __future__ import annotations

from typing import Any

from django import forms
from django.contrib import messages
from django.http import Http404, HttpRequest, HttpResponse
from django.shortcuts import redirect, render
from django.urls import reverse

from notifications.letter_layout import build_letter
from notifications.models import OutboxMessage
from notifications.rendering import render as render_notice
from portal import clock
from portal.api.case_views import RESOURCES, visible
from portal.web.common import Refused, domain_errors, refused, step, with_actor
from states.models import (
    Besluit,
    Deadline,
    DeadlineKind,
    Herstel,
    Klacht,
)
from states.roles import Actor, Rol
from states.services import klacht as klacht_service
from states.services.cases import case_context, log_read

RESOURCE_OF = {"verzoek": "verzoeken", "klacht": "klachten", "geschil": "geschillen"}


def _timeline(case: Any, case_type: str) -> list[dict[str, Any]]:
    items = [
        {
            "at": h.history_date,
            "wat": f"Toestand: {h.get_state_display()}",
            "detail": h.history_change_reason or "",
        }
        for h in case.history.order_by("history_date", "history_id")
    ]
    for m in OutboxMessage.objects.filter(case_type=case_type, case_id=case.pk):
        items.append(
            {
                "at": m.created_at,
                "wat": f"Bericht: {m.template}",
                "detail": f"{m.get_channel_display()}, {m.get_status_display().lower()}",
            }
        )
    for d in Deadline.objects.filter(case_type=case_type, case_id=case.pk):
        items.append(
            {
                "at": d.start_at,
                "wat": f"Termijn: {DeadlineKind(d.kind).label}",
                "detail": f"uiterlijk {d.last_day or d.due_at:%d-%m-%Y}; "
                f"{d.get_status_display().lower()}. "
                f"{d.computation.get('explanation', '')}",
            }
        )
        if d.escalated_at:
            items.append(
                {"at": d.escalated_at, "wat": "Escalatie", "detail": DeadlineKind(d.kind).label}
            )
    return sorted(items, key=lambda i: i["at"])


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
    return build_letter(
        render_notice("klacht_reactie", context),
        context,
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
    log_read(actor, case, clock.now())
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
    acties = [
        (a, ACTIE_LABELS.get(a, a.replace("_", " ").capitalize()), ActieForm(action=a))
        for a in available_actions(case, resource)
    ]
    return render(
        request,
        "portal/zaak.html",
        {
            "case": case,
            "case_type": case_type,
            "zoek_identiteit": actor.rol in (Rol.PRIVACY_OFFICER, Rol.MEDEWERKER_SWV),
            "timeline": _timeline(case, case_type),
            "form": form,
            "preview": preview,
            "acties": acties,
        },
    )


# Generic case actions: every transition the machine allows now, through the API's handlers.
# What staff read on the button: plain Dutch, never a transition's code name.
ACTIE_LABELS = {
    "neem_in_behandeling": "Neem in behandeling",
    "beslis": "Beslis op het verzoek",
    "voer_uit": "Voer het besluit uit",
    "sluit": "Sluit de zaak",
    "trek_in": "Trek in namens de indiener",
    "verleng": "Verleng de termijn (art. 12 lid 3 AVG)",
    "bevestig": "Bevestig de ontvangst",
    "herstel": "Leg het herstel vast",
    "adviseer_gegrond": "Leg het advies vast: gegrond",
    "adviseer_ongegrond": "Leg het advies vast: ongegrond",
    "verwijs_door": "Verwijs door naar de Huurcommissie",
    "uitkomst_huurcommissie": "Leg de uitkomst van de Huurcommissie vast",
    "opschorten": "Schort de termijn op",
    "hervat": "Hervat de termijn",
}

ACTION_FIELDS = {
    "beslis": ("besluit", "motivering"),
    "adviseer_gegrond": ("advies",),
    "adviseer_ongegrond": ("advies",),
    "herstel": ("herstel",),
    "verwijs_door": ("reden",),
    "uitkomst_huurcommissie": ("uitkomst",),
}
DIRECTIE_ONLY = {"verklaar_gegrond", "verklaar_ongegrond"}  # the preview form handles these
FSM_NAME = {"herstel": "herstel_uit"}


def available_actions(case: Any, resource: str) -> list[str]:
    fsm_names = {t.name for t in case.get_available_state_transitions()}
    actions = [
        name
        for name in RESOURCES[resource].transitions
        if FSM_NAME.get(name, name) in fsm_names and name not in DIRECTIE_ONLY
    ]
    if resource == "geschillen" and case.state == "doorverwezen_huurcommissie":
        actions.append("uitkomst_huurcommissie")
    return actions


class ActieForm(forms.Form):
    besluit = forms.ChoiceField(
        label="Besluit",
        required=False,
        choices=[("", "—"), *Besluit.choices],
    )
    herstel = forms.ChoiceField(
        label="Herstel",
        required=False,
        choices=[("", "—"), *Herstel.choices],
    )
    motivering = forms.CharField(label="Redenen", widget=forms.Textarea, required=False)
    advies = forms.CharField(label="Advies", widget=forms.Textarea, required=False)
    reden = forms.CharField(label="Toelichting", widget=forms.Textarea, required=False)
    uitkomst = forms.CharField(
        label="Uitkomst Huurcommissie", widget=forms.Textarea, required=False
    )

    def __init__(self, *args: Any, action: str, **kwargs: Any) -> None:
        super().__init__(*args, prefix=action, **kwargs)
        keep = set(ACTION_FIELDS.get(action, ("reden",)))
        for name in list(self.fields):
            if name not in keep:
                del self.fields[name]


@with_actor
def zaak_actie(
    request: HttpRequest, actor: Actor, case_type: str, pk: int, action: str
) -> HttpResponse:
    resource = RESOURCE_OF.get(case_type)
    staff = actor.rol != Rol.BETROKKENE  # the person acts through their own portal
    case = visible(RESOURCES[resource], actor).filter(pk=pk).first() if resource and staff else None
    if case is None or request.method != "POST" or action not in available_actions(case, resource):
        raise Http404("Niet gevonden.")
    form = ActieForm(request.POST, action=action)
    if form.is_valid():
        body = {k: v for k, v in form.cleaned_data.items() if v}
        handler = RESOURCES[resource].transitions[action]
        try:
            done = step(form, lambda: handler(actor, pk, body, clock.now()))
        except Refused as exc:  # a step this role may not take: refused, nothing written
            terug = reverse("medewerker_zaak", kwargs={"case_type": case_type, "pk": pk})
            return refused(request, exc, terug)
        if done is not None:
            messages.success(request, "Vastgelegd.")
            return redirect("medewerker_zaak", case_type=case_type, pk=pk)
    messages.error(request, " ".join(str(e) for errs in form.errors.values() for e in errs))
    return redirect("medewerker_zaak", case_type=case_type, pk=pk)
