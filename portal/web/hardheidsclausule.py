"""The hardship clause (ch. 24) for staff: the list, a corporation's request, and the case page
where the Geschillencommissie's secretary records the decision and the primaire bron applies
it. Every read of a case is logged; every step is the service's."""

from __future__ import annotations

from typing import Any

from django import forms
from django.contrib import messages
from django.db.models import Q, QuerySet
from django.http import Http404, HttpRequest, HttpResponse
from django.shortcuts import redirect, render

from portal import clock
from portal.web import zaak_overzicht
from portal.web.common import Refused, refused, require_rol, step, with_actor
from states.models import Afwijking, Deadline, Hardheidsverzoek
from states.roles import Actor, Rol
from states.services import hardheid as service
from states.services.cases import log_read

ROLLEN = (
    Rol.SECRETARIS_GC,
    Rol.PRIVACY_OFFICER,
    Rol.MEDEWERKER_SWV,
    Rol.FUNCTIONARIS,
    Rol.DIRECTIE,
)
AANVRAGERS = (Rol.FUNCTIONARIS, Rol.DIRECTIE)


def zichtbaar(actor: Actor) -> QuerySet[Hardheidsverzoek]:
    """What `service.mag_lezen` allows, as a query: the region's, or the corporation's own."""
    qs = Hardheidsverzoek.objects.filter(samenwerkingsverband_id=actor.samenwerkingsverband_id)
    if actor.rol in AANVRAGERS:
        eigen = Q(primaire_bron_id=actor.deelnemer_id) | Q(verzocht_door_id=actor.deelnemer_id)
        qs = qs.filter(eigen)
    return qs


@with_actor
def hardheidsclausules(request: HttpRequest, actor: Actor) -> HttpResponse:
    require_rol(actor, *ROLLEN)
    verzoeken = list(
        zichtbaar(actor)
        .select_related("primaire_bron", "verzocht_door")
        .order_by("-ontvangen_op")[:200]
    )
    open_ = Deadline.objects.filter(
        case_type=Hardheidsverzoek.CASE_TYPE, case_id__in=[v.pk for v in verzoeken], status="open"
    )
    uiterlijk = dict(open_.values_list("case_id", "last_day"))
    for verzoek in verzoeken:
        verzoek.uiterlijk = uiterlijk.get(verzoek.pk)
    context = {"verzoeken": verzoeken, "mag_aanvragen": actor.rol in AANVRAGERS}
    return render(request, "portal/hardheidsclausules.html", context)


class AanvraagForm(forms.Form):
    signalering = forms.TypedChoiceField(label="Over welke signalering?", coerce=int)
    gronden = forms.CharField(
        label="Welke zeer bijzondere omstandigheden maken toepassing van het protocol onbillijk?",
        widget=forms.Textarea,
        max_length=service.MAX_GRONDEN,
        help_text="De betrokkene krijgt bericht dat uw corporatie dit heeft gevraagd.",
    )


def _keuze(actor: Actor) -> list[tuple[int, str]]:
    keuzes = []
    for sig in service.signaleringen_voor_deelnemer(actor):
        if sig.primaire_bron_id == actor.deelnemer_id:
            label = f"Signalering #{sig.pk}: {sig.naam}, tot {sig.einddatum:%d-%m-%Y}"
        else:  # known only from a weighing of this applicant (ch. 9)
            label = f"Blokkade #{sig.pk} uit een weging van uw corporatie"
        keuzes.append((sig.pk, label))
    return keuzes


@with_actor
def hardheidsclausule_nieuw(request: HttpRequest, actor: Actor) -> HttpResponse:
    require_rol(actor, *AANVRAGERS)
    form = AanvraagForm(request.POST or None)
    form.fields["signalering"].choices = _keuze(actor)
    if request.method == "POST" and form.is_valid():
        data = form.cleaned_data
        case = step(
            form,
            lambda: service.vraag_aan_deelnemer(
                actor, data["signalering"], data["gronden"], clock.now()
            ),
        )
        if case is not None:
            messages.success(request, "Het verzoek is ingediend bij de Geschillencommissie.")
            return redirect("hardheidsclausule", pk=case.pk)
    return render(
        request,
        "portal/formulier.html",
        {
            "form": form,
            "titel": "Vraag de Geschillencommissie de hardheidsclausule toe te passen",
            "intro": "Alleen in uitzonderlijke gevallen, als toepassing van het protocol tot een "
            "onbillijkheid van zwaarwegende aard leidt (hoofdstuk 24). De Geschillencommissie "
            "beslist binnen vier weken.",
            "knop": "Dien het verzoek in",
        },
    )


class BesluitForm(forms.Form):
    besluit = forms.ChoiceField(
        label="Besluit van de Geschillencommissie",
        widget=forms.RadioSelect,
        choices=[("toegewezen", "Toegewezen"), ("afgewezen", "Afgewezen")],
    )
    afwijking = forms.ChoiceField(
        label="Wat de commissie toestaat (bij toewijzing)",
        widget=forms.RadioSelect,
        choices=Afwijking.choices,
        required=False,
    )
    categorie = forms.CharField(
        label="Categorie die vervalt", max_length=1, required=False, help_text="Bijvoorbeeld A."
    )
    motivering = forms.CharField(
        label="Redenen van de commissie",
        widget=forms.Textarea,
        max_length=service.MAX_GRONDEN,
        help_text="De betrokkene leest deze redenen in de brief.",
    )

    def __init__(self, *args: Any, termijnen: dict[str, int], **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        for categorie, maanden in sorted(termijnen.items()):
            self.fields[f"termijn_{categorie}"] = forms.IntegerField(
                label=f"Nieuwe termijn categorie {categorie} in maanden (nu {maanden})",
                min_value=1,
                max_value=maanden,
                required=False,
            )

    def nieuwe_termijnen(self) -> dict[str, Any]:
        return {
            name.removeprefix("termijn_"): value
            for name, value in self.cleaned_data.items()
            if name.startswith("termijn_") and value is not None
        }


def _besluit(request: HttpRequest, actor: Actor, case: Hardheidsverzoek) -> BesluitForm | None:
    termijnen = case.signalering.termijnen if case.signalering else {}
    form = BesluitForm(request.POST or None, termijnen=termijnen)
    if request.method != "POST" or "besluit" not in request.POST or not form.is_valid():
        return form
    data = form.cleaned_data
    done = step(
        form,
        lambda: service.beslis(
            actor,
            case.pk,
            data["besluit"] == "toegewezen",
            data["motivering"],
            clock.now(),
            data["afwijking"],
            form.nieuwe_termijnen(),
            data["categorie"].upper(),
        ),
    )
    if done is None:
        return form
    messages.success(request, "Het besluit is vastgelegd; de betrokkene krijgt het bericht.")
    return None


def _pas_toe(request: HttpRequest, actor: Actor, case: Hardheidsverzoek) -> str:
    form = forms.Form(request.POST)
    if step(form, lambda: service.pas_toe(actor, case.pk, clock.now())) is None:
        return " ".join(form.non_field_errors())
    messages.success(request, "Toegepast op de signalering; de betrokkene krijgt bericht.")
    return ""


@with_actor
def hardheidsclausule(request: HttpRequest, actor: Actor, pk: int) -> HttpResponse:
    require_rol(actor, *ROLLEN)
    case = (
        zichtbaar(actor)
        .select_related("signalering", "primaire_bron", "verzocht_door")
        .filter(pk=pk)
        .first()
    )
    if case is None or not service.mag_lezen(actor, case):
        raise Http404("Niet gevonden.")
    form, fout = None, ""
    mag_beslissen = case.state == "ingediend" and service.WIE_MAG["beslis"](actor, case)
    mag_toepassen = case.state == "toegewezen" and service.WIE_MAG["pas_toe"](actor, case)
    try:
        if mag_beslissen:
            form = _besluit(request, actor, case)
            if form is None:
                return redirect("hardheidsclausule", pk=pk)
        elif request.method == "POST" and "pas_toe" in request.POST:
            if not mag_toepassen:
                raise Refused("Alleen de primaire bron past het besluit toe.")
            fout = _pas_toe(request, actor, case)
            if not fout:
                return redirect("hardheidsclausule", pk=pk)
    except Refused as exc:
        return refused(request, exc, request.path, "Terug naar het verzoek")
    return render(request, "portal/hardheidsclausule.html", _context(actor, case, form, fout))


def _context(
    actor: Actor, case: Hardheidsverzoek, form: BesluitForm | None, fout: str
) -> dict[str, Any]:
    log_read(actor, case, clock.now())
    deadlines = sorted(
        Deadline.objects.filter(case_type=case.CASE_TYPE, case_id=case.pk),
        key=lambda d: (d.status != "open", d.due_at),
    )
    # Another corporation that asked knows of a blokkade only (ch. 6.6, 13): not its categories.
    anders = actor.deelnemer_id is not None and actor.deelnemer_id != case.primaire_bron_id
    sig = None if anders else case.signalering
    return {
        "case": case,
        "signalering": sig,
        "verborgen": anders,
        "termijnen_sig": sorted(sig.termijnen.items()) if sig else [],
        "termijnen": zaak_overzicht.termijnen(deadlines),
        "timeline": zaak_overzicht.tijdlijn(case, case.CASE_TYPE, deadlines),
        "form": form,
        "mag_toepassen": case.state == "toegewezen" and service.WIE_MAG["pas_toe"](actor, case),
        "fout": fout,
    }
