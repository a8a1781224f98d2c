"""Two registers: the datalekkenregister for the privacy officer (AVG art. 33(5): every breach
with its facts, its effects and the remedial action, and whether and when the Autoriteit
Persoonsgegevens and the people concerned were told), as a page and as CSV; and the public
list of participating corporations that the placement letter points to (protocol ch. 10),
with the address for an objection or a complaint — no personal data, no sign-in."""

from __future__ import annotations

from typing import Any

from django.db.models import Count, QuerySet
from django.http import Http404, HttpRequest, HttpResponse
from django.shortcuts import render

from portal import clock
from portal.web.common import require_rol, with_actor
from portal.web.csv_nl import csv_response
from states.clock import local_date
from states.models import Datalek, Deelnemer, Raadpleging, Samenwerkingsverband
from states.roles import Actor, Rol
from states.services.cases import log_reads

KOLOMMEN = [
    ("nummer", "Nummer"),
    ("ontdekt", "Ontdekt op"),
    ("gemeld_door", "Gemeld door"),
    ("feiten", "Feiten (wat er gebeurde)"),
    ("beoordeling", "Beoordeling van het risico"),
    ("gevolgen", "Gevolgen"),
    ("maatregelen", "Genomen maatregelen"),
    ("aantal", "Aantal betrokken registraties"),
    ("ap", "Gemeld bij de Autoriteit Persoonsgegevens"),
    ("betrokkenen", "Betrokkenen ingelicht"),
    ("stand", "Stand"),
]


def _register(actor: Actor) -> QuerySet[Datalek]:
    return (
        Datalek.objects.filter(samenwerkingsverband_id=actor.samenwerkingsverband_id)
        .select_related("deelnemer", "samenwerkingsverband")
        .annotate(aantal=Count("betrokken_signaleringen"))
        .order_by("-ontdekt_op", "-pk")
    )


def _datum(value: Any) -> str:
    return local_date(value).strftime("%d-%m-%Y") if value else ""


def regel(lek: Datalek) -> dict[str, Any]:
    """One breach as art. 33(5) asks: facts, effects, remedy, and who was told when."""
    if lek.gemeld_ap_op:
        ap = f"Ja, op {_datum(lek.gemeld_ap_op)}" + (
            f" (kenmerk {lek.ap_kenmerk})" if lek.ap_kenmerk else ""
        )
    elif lek.state in ("niet_meldplichtig", "afgesloten"):
        ap = "Nee: niet meldplichtig (redenen bij de beoordeling)"
    else:
        ap = "Nog niet besloten"
    if lek.betrokkenen_geinformeerd_op:
        betrokkenen = f"Ja, op {_datum(lek.betrokkenen_geinformeerd_op)}"
    elif lek.hoog_risico:
        betrokkenen = "Nog niet (hoog risico: zij moeten worden ingelicht)"
    else:
        betrokkenen = "Niet vereist (geen hoog risico)"
    return {
        "pk": lek.pk,
        "nummer": f"Datalek {lek.pk}",
        "ontdekt": _datum(lek.ontdekt_op),
        "gemeld_door": lek.deelnemer.naam if lek.deelnemer else lek.samenwerkingsverband.naam,
        "feiten": lek.omschrijving,
        "beoordeling": lek.beoordeling,
        "gevolgen": lek.gevolgen,
        "maatregelen": lek.maatregelen,
        "aantal": lek.aantal,
        "ap": ap,
        "betrokkenen": betrokkenen,
        "stand": lek.get_state_display(),
    }


@with_actor
def datalekkenregister(request: HttpRequest, actor: Actor) -> HttpResponse:
    require_rol(actor, Rol.PRIVACY_OFFICER)
    lekken = list(_register(actor)[:1000])
    log_reads(actor, lekken, clock.now(), Raadpleging.Actie.LIJST)
    context = {"regels": [regel(lek) for lek in lekken], "kolommen": KOLOMMEN}
    return render(request, "portal/datalekkenregister.html", context)


@with_actor
def datalekkenregister_csv(request: HttpRequest, actor: Actor) -> HttpResponse:
    """Opens directly in Excel NL: UTF-8 with a BOM, semicolons, dd-mm-jjjj, Dutch headers."""
    require_rol(actor, Rol.PRIVACY_OFFICER)
    lekken = list(_register(actor))
    log_reads(actor, lekken, clock.now(), Raadpleging.Actie.LIJST)
    rijen = ([r[naam] for naam, _ in KOLOMMEN] for r in map(regel, lekken))
    return csv_response("datalekkenregister.csv", [kop for _, kop in KOLOMMEN], rijen)


def deelnemers(request: HttpRequest, code: str) -> HttpResponse:
    """Public: which corporations take part, and where to send an objection or a complaint."""
    swv = Samenwerkingsverband.objects.filter(code=code).first()
    if swv is None:
        raise Http404("Onbekend samenwerkingsverband.")
    actief = Deelnemer.objects.filter(samenwerkingsverband=swv, status=Deelnemer.Status.ACTIEF)
    context = {
        "swv": swv,
        "deelnemers": list(actief.order_by("naam").values("naam", "adres", "email")),
    }
    return render(request, "portal/deelnemers.html", context)
