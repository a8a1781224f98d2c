"""The yearly report (ch. 21–22) as a page, a PDF and a CSV per table. The region's staff and
privacy officer see the region's report and each corporation's; a corporation's directie and
functionaris see their own corporation's. No personal data of the people on the list is in it."""

from __future__ import annotations

from typing import Any

from django import forms
from django.http import Http404, HttpRequest, HttpResponse
from django.shortcuts import render
from django.template.loader import render_to_string

from portal import clock, grafieken
from portal.web.common import require_rol, with_actor
from portal.web.csv_nl import csv_response
from portal.web.pdf import html_naar_pdf
from states.clock import local_date
from states.jaarverslag import Bereik, Inhoud, een_tabel, maak
from states.models import Deelnemer, Jaarverslag
from states.roles import Actor, Rol
from states.services import deadlines
from states.services import jaarverslag as jaarverslag_service

REGIO_ROLLEN = (Rol.MEDEWERKER_SWV, Rol.PRIVACY_OFFICER)
ROLLEN = (*REGIO_ROLLEN, Rol.DIRECTIE, Rol.FUNCTIONARIS)
EERSTE_JAAR = 2000


class KeuzeForm(forms.Form):
    jaar = forms.IntegerField(label="Jaar", error_messages={"invalid": "Vul een jaartal in."})
    corporatie = forms.ChoiceField(label="Corporatie", required=False)

    def __init__(self, data: Any, actor: Actor, huidig_jaar: int) -> None:
        super().__init__(data)
        self.huidig_jaar = huidig_jaar
        deelnemers = Deelnemer.objects.filter(
            samenwerkingsverband_id=actor.samenwerkingsverband_id
        ).order_by("naam")
        if actor.rol in REGIO_ROLLEN:
            keuzes = [("", "Hele regio"), *((str(d.pk), d.naam) for d in deelnemers)]
        else:  # a corporation's report only: its own
            keuzes = [(str(d.pk), d.naam) for d in deelnemers if d.pk == actor.deelnemer_id]
        self.fields["corporatie"].choices = keuzes
        self.fields["corporatie"].required = actor.rol not in REGIO_ROLLEN
        self.fields["corporatie"].error_messages["invalid_choice"] = (
            "Kies een corporatie uit de lijst."
        )
        self.fields["jaar"].widget.attrs.update(min=EERSTE_JAAR, max=huidig_jaar)

    def clean_jaar(self) -> int:
        jaar = self.cleaned_data["jaar"]
        if not EERSTE_JAAR <= jaar <= self.huidig_jaar:
            raise forms.ValidationError(
                f"Kies een jaar van {EERSTE_JAAR} tot en met {self.huidig_jaar}."
            )
        return jaar


def _keuze(request: HttpRequest, actor: Actor) -> tuple[KeuzeForm, Bereik | None]:
    require_rol(actor, *ROLLEN)
    huidig = local_date(clock.now()).year
    data = request.GET.copy()
    data.setdefault("jaar", str(huidig - 1))
    if actor.rol not in REGIO_ROLLEN:
        data.setdefault("corporatie", str(actor.deelnemer_id))
    form = KeuzeForm(data, actor, huidig)
    if not form.is_valid():
        return form, None
    corporatie = form.cleaned_data["corporatie"]
    return form, Bereik(
        actor.samenwerkingsverband_id,
        form.cleaned_data["jaar"],
        int(corporatie) if corporatie else None,
    )


def _uitkomsten(verslag: Inhoud) -> list[tuple[str, list[tuple[str, int]]]]:
    """The chart's groups: all requests, all complaints, and the committee's two kinds apart
    (a dispute's advice and a hardship decision are different outcomes)."""

    def groep(titel: str, kolommen: list[str], rij: list[Any]) -> tuple[str, list[tuple[str, int]]]:
        paren = zip(kolommen[1:-1], rij[1:-1], strict=True)
        return titel, [(uitkomst, n) for uitkomst, n in paren if n]

    groepen = []
    for sleutel, titel in (("verzoeken", "Verzoeken"), ("klachten", "Klachten")):
        tabel = verslag.tabel(sleutel)
        if tabel.rijen:
            groepen.append(groep(titel, tabel.kolommen, tabel.rijen[-1]))
    commissie = verslag.tabel("geschillen")
    for rij in commissie.rijen[:-1]:
        titel = "Geschillen" if rij[0] == "Geschil" else rij[0]
        groepen.append(groep(titel, commissie.kolommen, rij))
    return groepen


def context_voor(verslag: Inhoud) -> dict[str, Any]:
    """What the page and the PDF show of one report."""
    b = verslag.bereik
    return {
        "verslag": verslag,
        "titel": f"Jaarverslag {b.jaar}",
        "onderwerp": verslag.corporatie or verslag.regio,
        "lopend": verslag.peil < b.einde,
        "query": f"jaar={b.jaar}" + (f"&corporatie={b.deelnemer_id}" if b.deelnemer_id else ""),
        "grafiek_termijnen": grafieken.termijnen_per_maand(verslag.per_maand),
        "grafiek_open": grafieken.open_zaken(verslag.open_per_maand, verslag.open_reeksen),
        "grafiek_uitkomsten": grafieken.uitkomsten(_uitkomsten(verslag)),
    }


@with_actor
def jaarverslag(request: HttpRequest, actor: Actor) -> HttpResponse:
    form, bereik = _keuze(request, actor)
    if bereik is None:
        return render(request, "portal/jaarverslag.html", {"form": form}, status=400)
    verslag = maak(bereik, clock.now())
    context = {**context_voor(verslag), "form": form, **_uitgave(actor, bereik)}
    return render(request, "portal/jaarverslag.html", context)


def _uitgave(actor: Actor, bereik: Bereik) -> dict[str, Any]:
    """The year's duty to bring the report out (ch. 22), and the reports brought out."""
    regio = Jaarverslag.objects.filter(samenwerkingsverband_id=actor.samenwerkingsverband_id)
    plicht = regio.filter(jaar=bereik.jaar).first() if bereik.deelnemer_id is None else None
    termijn = deadlines.first_open(plicht) if plicht is not None else None
    zichtbaar = [v for v in regio.order_by("-jaar") if jaarverslag_service.mag_lezen(actor, v)]
    return {
        "plicht": plicht,
        "plicht_uiterlijk": termijn.last_day if termijn else None,
        "mag_uitbrengen": plicht is not None and jaarverslag_service.uitbrenger(actor, plicht),
        "uitgebracht": [v for v in zichtbaar if v.uitgebracht_op],
    }


def _bestandsnaam(bereik: Bereik) -> str:
    return f"jaarverslag-{bereik.jaar}" + (
        f"-corporatie-{bereik.deelnemer_id}" if bereik.deelnemer_id else ""
    )


def _fout(form: KeuzeForm) -> HttpResponse:
    """A download asked with a wrong year or corporation: what is wrong, in plain text."""
    tekst = " ".join(m for e in form.errors.values() for m in e)
    return HttpResponse(tekst, status=400, content_type="text/plain; charset=utf-8")


@with_actor
def jaarverslag_pdf(request: HttpRequest, actor: Actor) -> HttpResponse:
    form, bereik = _keuze(request, actor)
    if bereik is None:
        return _fout(form)
    verslag = maak(bereik, clock.now())
    html = render_to_string("portal/jaarverslag_pdf.html", context_voor(verslag))
    response = HttpResponse(html_naar_pdf(html), content_type="application/pdf")
    response["Content-Disposition"] = f'attachment; filename="{_bestandsnaam(bereik)}.pdf"'
    response["Cache-Control"] = "no-store"
    return response


@with_actor
def jaarverslag_csv(request: HttpRequest, actor: Actor, tabel: str) -> HttpResponse:
    form, bereik = _keuze(request, actor)
    if bereik is None:
        return _fout(form)
    try:
        gekozen = een_tabel(bereik, clock.now(), tabel)
    except KeyError:
        raise Http404("Deze tabel bestaat niet.") from None
    return csv_response(
        f"{_bestandsnaam(bereik)}-{gekozen.sleutel}.csv", gekozen.kolommen, gekozen.rijen
    )
