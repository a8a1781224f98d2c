"""Protocol versions (ch. 23) for the samenwerkingsverband and its privacy officer: the list, the
draft editor, the comparison with the version in force, the AP consultation and publication
with a confirmation page. ADR 0012."""

from __future__ import annotations

import json
from typing import Any

from django import forms
from django.contrib import messages
from django.http import Http404, HttpRequest, HttpResponse
from django.shortcuts import redirect, render

from portal import clock
from portal.web.common import Refused, refused, require_rol, step, with_actor
from portal.web.protocol_waarden import WaardenForm
from states.beleid_invoer import MAX_TEKST
from states.models import ApUitkomst, ProtocolVersie, ProtocolVersieState, Samenwerkingsverband
from states.protocol_diff import beschrijf, per_onderdeel, vergelijk
from states.roles import Actor, Rol
from states.services import protocol as service

ROLLEN = (Rol.MEDEWERKER_SWV, Rol.PRIVACY_OFFICER)
DATUM = forms.DateInput(attrs={"type": "date"}, format="%Y-%m-%d")


class NieuweVersieForm(forms.Form):
    versie = forms.CharField(
        label="Versienummer van de nieuwe versie", max_length=20, help_text="Bijvoorbeeld 1.5."
    )


class ConceptForm(forms.Form):
    beleid_data = forms.CharField(
        label="Het beleid (JSON)",
        max_length=MAX_TEKST,
        widget=forms.Textarea(attrs={"rows": 24, "spellcheck": "false"}),
        help_text="Categorieën, criteria, formele gronden, schijven van categorie D en termijnen. "
        "Alleen een geldig beleid wordt opgeslagen.",
    )
    toelichting = forms.CharField(
        label="Wat verandert en waarom",
        max_length=5000,
        required=False,
        widget=forms.Textarea(attrs={"rows": 4}),
    )


class ApForm(forms.Form):
    uitkomst = forms.ChoiceField(
        label="Wat kwam er uit de raadpleging van de Autoriteit Persoonsgegevens?",
        choices=ApUitkomst.choices,
        widget=forms.RadioSelect,
    )
    verzonden_op = forms.DateField(label="Raadpleging verzonden op", required=False, widget=DATUM)
    antwoord_op = forms.DateField(
        label="Antwoord van de AP ontvangen op",
        required=False,
        widget=DATUM,
        help_text="Leeg bij geen reactie binnen de termijn.",
    )
    kenmerk = forms.CharField(label="Kenmerk van de AP", max_length=100, required=False)
    samenvatting = forms.CharField(
        label="Samenvatting van het antwoord, of waarom toestemming niet nodig is",
        max_length=5000,
        required=False,
        widget=forms.Textarea(attrs={"rows": 4}),
    )


class PublicatieForm(forms.Form):
    besluit_bestuur_op = forms.DateField(
        label="Datum van het besluit van het bestuur", widget=DATUM
    )
    ingangsdatum = forms.DateField(
        label="Gaat in op",
        widget=DATUM,
        help_text="Vandaag of later: een wijziging gaat in bij de publicatie (protocol 23).",
    )


def _versie(actor: Actor, pk: int) -> ProtocolVersie:
    versie = ProtocolVersie.objects.filter(
        pk=pk, samenwerkingsverband_id=actor.samenwerkingsverband_id
    ).first()
    if versie is None:
        raise Http404("Niet gevonden.")
    return versie


def _geldend(actor: Actor) -> ProtocolVersie | None:
    return Samenwerkingsverband.objects.get(pk=actor.samenwerkingsverband_id).geldend_protocol(
        clock.now()
    )


@with_actor
def protocolversies(request: HttpRequest, actor: Actor) -> HttpResponse:
    require_rol(actor, *ROLLEN)
    form = NieuweVersieForm(request.POST or None)
    if request.method == "POST":
        if actor.rol != Rol.MEDEWERKER_SWV:
            raise Http404("Niet beschikbaar voor uw rol.")
        if form.is_valid():
            concept = step(
                form, lambda: service.stel_op(actor, form.cleaned_data["versie"], clock.now())
            )
            if concept is not None:
                messages.success(request, f"Concept {concept.versie} opgesteld.")
                return redirect("protocolversie", pk=concept.pk)
    now, geldend = clock.now(), _geldend(actor)
    versies = list(
        ProtocolVersie.objects.filter(samenwerkingsverband_id=actor.samenwerkingsverband_id)
        .select_related("opgesteld_door", "gepubliceerd_door")
        .order_by("-ingangsdatum", "-pk")[:50]
    )
    for v in versies:
        v.status = service.status(v, geldend, now)
    context = {
        "versies": versies,
        "form": form,
        "mag_opstellen": actor.rol == Rol.MEDEWERKER_SWV,
        "heeft_concept": any(v.state == ProtocolVersieState.CONCEPT for v in versies),
    }
    return render(request, "portal/protocolversies.html", context)


@with_actor
def protocolversie(request: HttpRequest, actor: Actor, pk: int) -> HttpResponse:
    require_rol(actor, *ROLLEN)
    versie = _versie(actor, pk)
    mag_bewerken = actor.rol == Rol.MEDEWERKER_SWV and versie.state == ProtocolVersieState.CONCEPT
    post = request.POST if request.method == "POST" else None
    waarden_post = post if post is not None and post.get("formulier") == "waarden" else None
    json_post = post if post is not None and waarden_post is None else None
    initial = {
        "beleid_data": json.dumps(versie.beleid_data, indent=2, ensure_ascii=False),
        "toelichting": versie.toelichting,
    }
    form = ConceptForm(json_post, initial=initial)
    waarden = WaardenForm(
        versie.beleid_data, versie.beleid, waarden_post, prefix="w",
        initial={"toelichting": versie.toelichting},
    )  # fmt: skip
    if post is not None:
        if not mag_bewerken:
            exc = Refused("Alleen het samenwerkingsverband bewerkt, en alleen een concept.")
            return refused(request, exc, request.path, "Terug naar de versie")
        if _bewaar(actor, pk, waarden if waarden_post is not None else form):
            messages.success(request, "Het concept is opgeslagen.")
            return redirect("protocolversie", pk=pk)
    context = {
        "v": versie,
        "form": form,
        "waarden": waarden,
        "json_open": json_post is not None,
        "mag_bewerken": mag_bewerken,
        "reden": service.kan_publiceren(versie),
        "beleid": beschrijf(versie.beleid),
    }
    return render(request, "portal/protocolversie.html", context)


def _bewaar(actor: Actor, pk: int, form: forms.Form) -> bool:
    """Either form: the numbers, or the whole policy as JSON; the same checks for both."""
    if not form.is_valid():
        return False
    d = form.cleaned_data
    tekst = json.dumps(form.nieuwe_data()) if isinstance(form, WaardenForm) else d["beleid_data"]
    now = clock.now()
    return step(form, lambda: service.bewerk(actor, pk, tekst, d["toelichting"], now)) is not None


@with_actor
def protocolversie_vergelijking(request: HttpRequest, actor: Actor, pk: int) -> HttpResponse:
    require_rol(actor, *ROLLEN)
    versie = _versie(actor, pk)
    geldend = _geldend(actor)
    groepen = per_onderdeel(vergelijk(geldend.beleid, versie.beleid)) if geldend else []
    context = {"v": versie, "geldend": geldend, "groepen": groepen}
    return render(request, "portal/protocolversie_vergelijking.html", context)


@with_actor
def protocolversie_ap(request: HttpRequest, actor: Actor, pk: int) -> HttpResponse:
    require_rol(actor, *ROLLEN)
    versie = _versie(actor, pk)
    mag = actor.rol == Rol.PRIVACY_OFFICER and versie.state == ProtocolVersieState.CONCEPT
    initial = {
        "uitkomst": versie.ap_uitkomst or None,
        "verzonden_op": versie.ap_verzonden_op,
        "antwoord_op": versie.ap_antwoord_op,
        "kenmerk": versie.ap_kenmerk,
        "samenvatting": versie.ap_samenvatting,
    }
    form = ApForm(request.POST or None, initial=initial)
    if request.method == "POST":
        if not mag:
            exc = Refused("Alleen de privacy officer legt de raadpleging vast, bij een concept.")
            return refused(request, exc, request.path, "Terug naar de versie")
        if form.is_valid():
            r = service.ApRaadpleging(**form.cleaned_data)
            if step(form, lambda: service.leg_ap_vast(actor, pk, r, clock.now())) is not None:
                messages.success(request, "De raadpleging van de AP is vastgelegd.")
                return redirect("protocolversie", pk=pk)
    return render(request, "portal/protocolversie_ap.html", {"v": versie, "form": form, "mag": mag})


@with_actor
def protocolversie_publiceren(request: HttpRequest, actor: Actor, pk: int) -> HttpResponse:
    require_rol(actor, Rol.MEDEWERKER_SWV)
    versie = _versie(actor, pk)
    reden = service.kan_publiceren(versie)
    form = PublicatieForm(request.POST or None)
    context: dict[str, Any] = {"v": versie, "form": form, "reden": reden}
    if request.method == "POST" and not reden and form.is_valid():
        d = form.cleaned_data
        if request.POST.get("bevestigd") != "1":
            checked = step(
                form,
                lambda: (
                    service.controleer_publicatie(
                        versie, d["ingangsdatum"], d["besluit_bestuur_op"], clock.now()
                    )
                    or True
                ),
            )
            if checked:
                return render(request, "portal/protocolversie_bevestigen.html", {**context, **d})
            return render(request, "portal/protocolversie_publiceren.html", context)
        done = step(
            form,
            lambda: service.publiceer(
                actor, pk, d["ingangsdatum"], d["besluit_bestuur_op"], clock.now()
            ),
        )
        if done is not None:
            messages.success(
                request, f"Versie {done.versie} is gepubliceerd en geldt vanaf "
                f"{done.ingangsdatum:%d-%m-%Y}."
            )  # fmt: skip
            return redirect("protocolversies")
    return render(request, "portal/protocolversie_publiceren.html", context)
