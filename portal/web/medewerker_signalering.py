"""The staff back office for signaleringen: registration, the list, a signalering's page with
match judgement and ending, the bevrager's applicant check, the purpose-bound category opening."""

from __future__ import annotations

from decimal import Decimal
from typing import Any

from django import forms
from django.contrib import messages
from django.db import transaction
from django.http import Http404, HttpRequest, HttpResponse
from django.shortcuts import redirect, render
from django.urls import reverse

from portal import clock
from portal.web.common import Refused, domain_errors, refused, require_rol, step, with_actor
from portal.web.match_vergelijking import vergelijk
from states.clock import local_date
from states.models import Deelnemer, Eindreden, Match
from states.policy import Beleid, Beoordeling, PolicyError, Reden, beoordeel, check_datums, maxima
from states.roles import Actor, Rol
from states.services import matching, raadpleging
from states.services import signalering as signalering_service
from states.services import weging as weging_service
from states.services.notice_contents import delen
from states.services.signalering import ADRES, IDENTITEIT, Gegevens, termijnen_van
from states.visibility import blokkades, mag_wijzigen


class SignaleringForm(forms.Form):
    voornaam = forms.CharField(label="Voornaam", max_length=100)
    voorletters = forms.CharField(label="Voorletters", required=False, max_length=20)
    achternaam = forms.CharField(label="Achternaam", max_length=150)
    geboortedatum = forms.DateField(
        label="Geboortedatum", widget=forms.DateInput(attrs={"type": "date"})
    )
    email = forms.EmailField(label="E-mailadres", required=False)
    straat = forms.CharField(label="Straat", required=False, max_length=150)
    huisnummer = forms.CharField(label="Huisnummer", required=False, max_length=20)
    postcode = forms.CharField(label="Postcode", required=False, max_length=10)
    woonplaats = forms.CharField(label="Woonplaats", required=False, max_length=100)
    reden = forms.ChoiceField(label="Criterium en formele grond (hoofdstuk 5)")
    ingangsdatum = forms.DateField(
        label="Datum ontruiming of vertrek", widget=forms.DateInput(attrs={"type": "date"})
    )
    bedrag = forms.DecimalField(
        label="Openstaand bedrag (alleen categorie D)",
        required=False,
        min_value=Decimal("0"),
        decimal_places=2,
    )
    termijn_maanden = forms.IntegerField(
        label="Gekozen termijn in maanden",
        required=False,
        min_value=1,
        max_value=600,
        help_text="Het protocol geeft een maximum; ernst en gevolgen van het gedrag bepalen de "
        "termijn (hoofdstuk 7). Bereken eerst het maximum.",
    )
    termijn_motivering = forms.CharField(
        label="Waarom deze termijn",
        required=False,
        max_length=5000,
        widget=forms.Textarea(attrs={"rows": 3}),
    )

    def __init__(self, *args: Any, beleid: Beleid, **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        # The choices come from the protocol version in force: policy is data, not code.
        self.fields["reden"].choices = [
            (
                f"{crit.code}|{grond}",
                f"{crit.code} ({crit.categorie}) {crit.omschrijving} — "
                f"grond {grond}: {beleid.gronden[grond].omschrijving}",
            )
            for crit in beleid.criteria.values()
            for grond in crit.gronden
        ]

    def gegevens(self) -> Gegevens:
        d = self.cleaned_data
        criterium, grond = d["reden"].split("|")
        persoon = {k: d[k] for k in IDENTITEIT + ADRES if k in self.fields}
        return Gegevens(
            redenen=[Reden(criterium, grond)],
            ingangsdatum=d["ingangsdatum"],
            datum_uitzetting=d["ingangsdatum"],
            bedrag=d.get("bedrag"),
            termijn_maanden=d.get("termijn_maanden"),
            termijn_motivering=d.get("termijn_motivering", ""),
            persoon=persoon,
        )


@with_actor
def nieuwe_signalering(request: HttpRequest, actor: Actor) -> HttpResponse:
    require_rol(actor, Rol.FUNCTIONARIS)
    beleid = (
        Deelnemer.objects.get(pk=actor.deelnemer_id)
        .samenwerkingsverband.geldend_protocol(clock.now())
        .beleid
    )
    form = SignaleringForm(request.POST or None, beleid=beleid)
    oordeel = grenzen = None
    if request.method == "POST" and form.is_valid():
        gegevens = form.gegevens()
        grenzen, oordeel = _preview(form, beleid, gegevens)
        if oordeel is not None and "opslaan" in request.POST:

            @transaction.atomic  # a refusal at registering leaves no concept behind
            def save() -> Any:
                sig = signalering_service.maak_concept(
                    actor, actor.deelnemer_id, gegevens, clock.now()
                )
                return signalering_service.registreer(actor, sig.pk, clock.now())

            sig = domain_errors(form, save)
            if sig is not None:
                messages.success(
                    request,
                    f"Signalering #{sig.pk} is geregistreerd; de plaatsingsbrief staat klaar.",
                )
                return redirect("medewerker")
    return render(
        request,
        "portal/signalering_nieuw.html",
        {"form": form, "oordeel": oordeel, "grenzen": grenzen},
    )


def _preview(
    form: SignaleringForm, beleid: Beleid, gegevens: Gegevens
) -> tuple[dict[str, int] | None, Beoordeling | None]:
    """The maximum per category as guidance; the end dates once a term is chosen (ch. 7)."""
    try:
        grenzen = maxima(beleid, gegevens.redenen, gegevens.bedrag)
    except PolicyError as exc:
        _fout(form, exc)
        return None, None
    if gegevens.termijn_maanden is None:
        return grenzen, None
    try:
        check_datums(
            gegevens.ingangsdatum,
            local_date(clock.now()),
            gegevens.datum_uitzetting,
            gegevens.persoon.get("geboortedatum"),
        )
        termijnen = termijnen_van(beleid, gegevens)
        oordeel = beoordeel(
            beleid, gegevens.redenen, gegevens.ingangsdatum, gegevens.bedrag, termijnen
        )
    except PolicyError as exc:
        _fout(form, exc)
        return grenzen, None
    return grenzen, oordeel


FORM_FIELD = {
    "termijnen": "termijn_maanden",
    "redenen": "reden",
    "datum_uitzetting": "ingangsdatum",
}


def _fout(form: forms.Form, exc: PolicyError) -> None:
    for field, errs in exc.errors.items():
        target = FORM_FIELD.get(field, field)
        for e in errs:
            form.add_error(target if target in form.fields else None, e)


class CheckForm(forms.Form):
    inschrijfnummer = forms.CharField(label="Inschrijfnummer", max_length=40)
    voornaam = forms.CharField(label="Voornaam", max_length=100)
    achternaam = forms.CharField(label="Achternaam", max_length=150)
    geboortedatum = forms.DateField(
        label="Geboortedatum", widget=forms.DateInput(attrs={"type": "date"})
    )


@with_actor
def controle(request: HttpRequest, actor: Actor) -> HttpResponse:
    require_rol(actor, Rol.BEVRAGER, Rol.FUNCTIONARIS)
    form = CheckForm(request.POST or None)
    result = None
    if request.method == "POST" and form.is_valid():
        result = domain_errors(
            form, lambda: matching.match_check(actor, now=clock.now(), **form.cleaned_data)
        )
    return render(
        request,
        "portal/controle.html",
        {
            "form": form,
            "result": result,
            "aanvrager": form.cleaned_data if result else None,
            "doel_form": DoelForm(),
        },
    )


class EindeForm(forms.Form):
    eindreden = forms.ChoiceField(
        label="Reden van beëindiging", choices=[("", "—"), *Eindreden.choices]
    )
    toelichting = forms.CharField(label="Toelichting", required=False, widget=forms.Textarea)


class MatchForm(forms.Form):
    besluit = forms.ChoiceField(
        label="Besluit",
        widget=forms.RadioSelect,
        choices=[
            ("blokkeren", "Terechte match: inschrijving blokkeren"),
            ("bevestigen", "Terechte match, geen blokkade"),
            ("afwijzen", "Geen terechte match"),
        ],
    )
    blokkade_eind = forms.DateField(
        label="Blokkade tot (leeg: einddatum signalering)",
        required=False,
        widget=forms.DateInput(attrs={"type": "date"}),
    )


@with_actor
def signalering_detail(request: HttpRequest, actor: Actor, pk: int) -> HttpResponse:
    try:
        sig, zicht = raadpleging.lees(actor, pk, clock.now())
    except LookupError as exc:
        raise Http404("Niet gevonden.") from exc
    try:
        return _signalering_detail(request, actor, sig, zicht)
    except Refused as exc:  # ending or judging is for the primaire bron: refused, nothing written
        terug = reverse("signalering_detail", kwargs={"pk": pk})
        return refused(request, exc, terug, "Terug naar de signalering")


def _signalering_detail(request: HttpRequest, actor: Actor, sig: Any, zicht: Any) -> HttpResponse:
    pk = sig.pk
    einde = EindeForm(request.POST or None) if "einde" in request.POST else EindeForm()
    if request.method == "POST" and "einde" in request.POST and einde.is_valid():
        done = step(
            einde,
            lambda: signalering_service.beeindig(
                actor,
                pk,
                einde.cleaned_data["eindreden"],
                clock.now(),
                einde.cleaned_data["toelichting"],
            ),
        )
        if done is not None:
            messages.success(request, "De signalering is beëindigd; de betrokkene krijgt bericht.")
            return redirect("signalering_detail", pk=pk)
    match_forms = []
    for match in Match.objects.filter(signalering_id=pk, status="mogelijk").select_related(
        "inschrijving"
    ):
        form = MatchForm(
            request.POST if request.POST.get("match") == str(match.pk) else None,
            prefix=f"m{match.pk}",
        )
        if form.is_bound and form.is_valid():
            besluit = form.cleaned_data["besluit"]
            done = step(
                form,
                lambda m=match, b=besluit, f=form: matching.beoordeel_match(
                    actor,
                    m.pk,
                    b != "afwijzen",
                    clock.now(),
                    blokkeren=b == "blokkeren",
                    blokkade_eind=f.cleaned_data["blokkade_eind"],
                ),
            )
            if done is not None:
                messages.success(request, "Het besluit over de match is vastgelegd.")
                return redirect("signalering_detail", pk=pk)
        match_forms.append((match, form, vergelijk(match, sig)))
    return render(
        request,
        "portal/signalering_detail.html",
        {
            "sig": sig,
            "zicht": zicht.value,
            "einde": einde,
            "match_forms": match_forms,
            "mag_wijzigen": mag_wijzigen(actor, sig),
            "delen": delen(sig) if zicht.value == "volledig" and sig.ingangsdatum else [],
            "blokkade_delen": blokkades(sig, None, local_date(clock.now())),
            "wegingen": weging_service.van_signalering(sig) if zicht.value == "volledig" else [],
        },
    )


class DoelForm(forms.Form):
    doel = forms.ChoiceField(
        label="Doel",
        choices=[
            ("kandidaatstelling", "Controle van een kandidaat voor een woning"),
            ("urgentie", "Toekenning van een urgentie"),
        ],
    )
    kenmerk = forms.CharField(label="Kenmerk van de kandidatuur of urgentieaanvraag", max_length=60)


class CategorieForm(CheckForm, DoelForm):
    """The concrete applicant (as checked) and the purpose: the category is opened for them."""


@with_actor
def categorie(request: HttpRequest, actor: Actor) -> HttpResponse:
    require_rol(actor, Rol.BEVRAGER, Rol.FUNCTIONARIS)
    form = CategorieForm(request.POST if request.method == "POST" else None)
    delen = None
    if request.method == "POST" and form.is_valid():
        d = form.cleaned_data
        aanvrager = raadpleging.Aanvrager(
            d["inschrijfnummer"], d["voornaam"], d["achternaam"], d["geboortedatum"]
        )
        delen = domain_errors(
            form,
            lambda: raadpleging.open_categorie(
                actor, aanvrager, d["doel"], d["kenmerk"], clock.now()
            ),
        )
    return render(request, "portal/categorie.html", {"form": form, "delen": delen})
