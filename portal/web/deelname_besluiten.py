"""The participation forms (ch. 17, 20) of the samenwerkingsverband: admitting a corporation with
its signed declaration, and recording the participants' decisions — temporary exclusion, the
improvement plan accepted, and definitive exclusion after a confirmation page. Every step is the
service's; odd input is a form error and writes nothing. ADR 0011."""

from __future__ import annotations

from typing import Any

from django import forms
from django.contrib import messages
from django.http import HttpRequest, HttpResponse
from django.shortcuts import redirect, render

from portal import clock
from portal.web import deelname as pagina
from portal.web.common import Refused, refused, require_rol, step, with_actor
from states.models import Toetreding
from states.roles import Actor, Rol
from states.services import dossier, toetreding
from states.services import uitsluiting_deelname as service
from states.services.uitsluiting_deelname import Besluit

DATUM = forms.DateInput(attrs={"type": "date"}, format="%Y-%m-%d")


class VerklaringForm(forms.Form):
    verklaring = forms.FileField(
        label="Getekende verklaring",
        help_text="De verklaring dat de corporatie het protocol onverkort naleeft (hoofdstuk 17): "
        "een PDF of een scan (JPEG, PNG), hoogstens 10 MB.",
    )
    ondertekend_op = forms.DateField(label="Datum van ondertekening", widget=DATUM)
    ondertekenaar_naam = forms.CharField(label="Naam van de ondertekenaar", max_length=200)
    ondertekenaar_functie = forms.CharField(label="Functie van de ondertekenaar", max_length=200)

    def clean_verklaring(self) -> Any:
        upload = self.cleaned_data["verklaring"]
        if upload.size > dossier.MAX_BYTES:
            raise forms.ValidationError("Hoogstens 10 MB.")
        return upload

    def gelezen(self) -> toetreding.Verklaring:
        d = self.cleaned_data
        upload = d["verklaring"]
        return toetreding.Verklaring(
            d["ondertekend_op"],
            d["ondertekenaar_naam"],
            d["ondertekenaar_functie"],
            upload.name,
            upload.read(),
        )


class ToetredingForm(VerklaringForm):
    field_order = ["naam", "code", "adres", "email"]

    naam = forms.CharField(label="Naam van de corporatie", max_length=200)
    code = forms.SlugField(
        label="Korte code",
        max_length=50,
        help_text="Kleine letters, cijfers en streepjes, bijvoorbeeld 'leystromen'.",
    )
    adres = forms.CharField(label="Adres voor bezwaar en klacht", max_length=300)
    email = forms.EmailField(label="E-mailadres voor bezwaar en klacht", max_length=254)


class BesluitForm(forms.Form):
    besloten_op = forms.DateField(label="Datum van het besluit van de deelnemers", widget=DATUM)
    kenmerk = forms.CharField(label="Kenmerk van het besluit", max_length=100)
    redenen = forms.CharField(
        label="Redenen van het besluit",
        max_length=service.MAX_REDENEN,
        widget=forms.Textarea(attrs={"rows": 5}),
        help_text="De medewerkers van de corporatie lezen deze redenen in het bericht.",
    )

    def besluit(self) -> Besluit:
        d = self.cleaned_data
        return Besluit(d["besloten_op"], d["kenmerk"], d["redenen"])


class PlanForm(BesluitForm):
    kenmerk = forms.CharField(label="Kenmerk van het besluit", max_length=100, required=False)
    redenen = forms.CharField(
        label="Wat het plan inhoudt en waarom het afdoende is",
        max_length=service.MAX_REDENEN,
        widget=forms.Textarea(attrs={"rows": 5}),
    )


def _formulier(request: HttpRequest, form: forms.Form, **context: Any) -> HttpResponse:
    return render(request, "portal/deelname_formulier.html", {"form": form, **context})


@with_actor
def toelaten(request: HttpRequest, actor: Actor) -> HttpResponse:
    require_rol(actor, Rol.MEDEWERKER_SWV)
    form = ToetredingForm(request.POST or None, request.FILES or None)
    if request.method == "POST" and form.is_valid():
        d = form.cleaned_data
        gegevens = toetreding.NieuweDeelnemer(d["code"], d["naam"], d["adres"], d["email"])
        verklaring = form.gelezen()
        try:
            nieuw = step(
                form, lambda: toetreding.laat_toe(actor, gegevens, verklaring, clock.now())
            )
        except Refused as exc:
            return refused(request, exc, "/medewerker/deelname", "Terug naar deelname")
        if nieuw is not None:
            messages.success(request, f"{nieuw.naam} is toegelaten en neemt vanaf nu deel.")
            return redirect("deelname_deelnemer", code=nieuw.code)
    return _formulier(
        request,
        form,
        titel="Laat een corporatie toe als deelnemer",
        intro="Alleen toegelaten instellingen met sociale huurwoningen in de regio (hoofdstuk "
        "17). De corporatie neemt deel zodra de getekende verklaring is vastgelegd.",
        knop="Laat toe en leg de verklaring vast",
    )


@with_actor
def verklaring_vastleggen(request: HttpRequest, actor: Actor, code: str) -> HttpResponse:
    """The paper declaration of a corporation that took part before admissions were recorded."""
    require_rol(actor, Rol.MEDEWERKER_SWV)
    dn = pagina.regio_deelnemer(actor, code)
    reden = ""
    if dn.status in pagina.BEEINDIGD:
        reden = "Deze deelname is beëindigd."
    elif Toetreding.objects.filter(deelnemer=dn).exists():
        reden = "De verklaring van deze deelnemer is al vastgelegd."
    form = VerklaringForm(request.POST or None, request.FILES or None)
    if request.method == "POST" and not reden and form.is_valid():
        verklaring = form.gelezen()
        try:
            done = step(
                form,
                lambda: toetreding.leg_verklaring_vast(actor, dn.pk, verklaring, clock.now()),
            )
        except Refused as exc:
            return refused(request, exc, f"/medewerker/deelname/{code}", "Terug naar de deelnemer")
        if done is not None:
            messages.success(request, "De getekende verklaring is vastgelegd.")
            return redirect("deelname_deelnemer", code=code)
    return _formulier(
        request,
        None if reden else form,
        titel=f"Leg de getekende verklaring van {dn.naam} vast",
        intro="De verklaring die de corporatie tekende voordat toetredingen in dit systeem werden "
        "vastgelegd (hoofdstuk 17). De deelname verandert niet.",
        reden=reden,
        knop="Leg de verklaring vast",
        d=dn,
    )


def _besluit(
    request: HttpRequest, form_class: type[BesluitForm], doe: Any, reden: str
) -> tuple[BesluitForm, Any]:
    """Validate the form and run the step, unless the step cannot be taken now (`reden`);
    (form, result or None)."""
    form = form_class(request.POST or None)
    if reden or request.method != "POST" or not form.is_valid():
        return form, None
    return form, step(form, lambda: doe(form.besluit()))


@with_actor
def uitsluiten(request: HttpRequest, actor: Actor, code: str) -> HttpResponse:
    require_rol(actor, Rol.MEDEWERKER_SWV)
    dn = pagina.regio_deelnemer(actor, code)
    reden = ""
    if dn.status in pagina.BEEINDIGD:
        reden = "Deze deelname is al beëindigd."
    elif pagina.lopende(dn) is not None:
        reden = "Er loopt al een tijdelijke uitsluiting van deze deelnemer."
    try:
        form, done = _besluit(
            request,
            BesluitForm,
            lambda b: service.sluit_tijdelijk_uit(actor, dn.pk, b, clock.now()),
            reden,
        )
    except Refused as exc:
        return refused(request, exc, f"/medewerker/deelname/{code}", "Terug naar de deelnemer")
    if done is not None:
        messages.success(
            request, f"{dn.naam} is tijdelijk uitgesloten; de corporatie is ingelicht."
        )
        return redirect("deelname_deelnemer", code=code)
    return _formulier(
        request,
        None if reden else form,
        titel=f"Sluit {dn.naam} tijdelijk uit",
        intro="Leg het besluit van de gezamenlijke deelnemers vast (hoofdstuk 20). De "
        "autorisaties van de corporatie worden direct opgeschort; de corporatie krijgt een "
        "termijn om een verbeterplan voor te leggen.",
        reden=reden,
        knop="Leg de tijdelijke uitsluiting vast",
        d=dn,
    )


@with_actor
def verbeterplan(request: HttpRequest, actor: Actor, code: str) -> HttpResponse:
    require_rol(actor, Rol.MEDEWERKER_SWV)
    dn = pagina.regio_deelnemer(actor, code)
    case = pagina.lopende(dn)
    reden = "" if case else "Er loopt geen tijdelijke uitsluiting van deze deelnemer."
    try:
        form, done = _besluit(
            request,
            PlanForm,
            lambda b: service.aanvaard_verbeterplan(actor, case.pk, b, clock.now()),
            reden,
        )
    except Refused as exc:
        return refused(request, exc, f"/medewerker/deelname/{code}", "Terug naar de deelnemer")
    if done is not None:
        messages.success(request, f"Verbeterplan aanvaard: {dn.naam} neemt weer deel.")
        return redirect("deelname_deelnemer", code=code)
    return _formulier(
        request,
        None if reden else form,
        titel=f"Verbeterplan van {dn.naam} aanvaard",
        intro="Leg vast dat de deelnemers het verbeterplan afdoende vinden. De uitsluiting wordt "
        "opgeheven en de medewerkers van de corporatie kunnen direct weer inloggen.",
        reden=reden,
        knop="Leg het aanvaarde plan vast",
        d=dn,
    )


def _gevolgen(dn: Any) -> dict[str, int]:
    """What the confirmation page names: the accounts and signaleringen the decision ends."""
    from django.contrib.auth import get_user_model

    from states.models import Signalering
    from states.services.matching import ACTIEF

    users = get_user_model().objects.filter(medewerker__deelnemer=dn, is_active=True)
    sigs = Signalering.objects.filter(primaire_bron=dn, state__in=ACTIEF)
    return {"aantal_accounts": users.count(), "aantal_signaleringen": sigs.count()}


@with_actor
def definitief(request: HttpRequest, actor: Actor, code: str) -> HttpResponse:
    require_rol(actor, Rol.MEDEWERKER_SWV)
    dn = pagina.regio_deelnemer(actor, code)
    case = pagina.lopende(dn)
    reden = service.kan_definitief(case, clock.now()) if case else "Er loopt geen uitsluiting."
    form = BesluitForm(request.POST or None)
    context = {"titel": f"Sluit {dn.naam} definitief uit", "d": dn, "reden": reden}
    if request.method == "POST" and not reden and form.is_valid():
        if request.POST.get("bevestigd") != "1":
            gevolgen = {**context, **form.cleaned_data, **_gevolgen(dn)}
            return render(request, "portal/deelname_bevestigen.html", gevolgen)
        try:
            done = step(
                form,
                lambda: service.sluit_definitief_uit(actor, case.pk, form.besluit(), clock.now()),
            )
        except Refused as exc:
            return refused(request, exc, f"/medewerker/deelname/{code}", "Terug naar de deelnemer")
        if done is not None:
            messages.success(
                request,
                f"{dn.naam} is definitief uitgesloten: de accounts zijn ingetrokken en de "
                "signaleringen beëindigd.",
            )
            return redirect("deelname_deelnemer", code=code)
    return _formulier(
        request,
        None if reden else form,
        intro="Alleen als de corporatie niet binnen de termijn een afdoende verbeterplan heeft "
        "voorgelegd (hoofdstuk 20). U bevestigt op de volgende pagina.",
        knop="Verder naar bevestigen",
        **context,
    )
