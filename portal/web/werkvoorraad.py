"""The staff start page: per role, what is theirs to do now, earliest due first — and the list of
messages that could not be delivered. Every queue costs two queries (count and first rows),
whatever the number of open cases."""

from __future__ import annotations

from dataclasses import dataclass, field
from typing import Any
from urllib.parse import urlencode

from django.core.paginator import Paginator
from django.db.models import Q, QuerySet
from django.http import HttpRequest, HttpResponse
from django.shortcuts import redirect, render
from django.urls import reverse

from notifications.labels import bericht_label
from notifications.models import OutboxMessage
from notifications.templatetags.berichten import periode
from portal import clock
from portal.api.case_views import RESOURCES, visible
from portal.web.common import require_rol, with_actor
from portal.web.lijsten import GESLOTEN, LIJSTEN, PAGE_SIZE, case_row, visible_cases
from states.clock import local_date
from states.models import Controle, Match, Signalering, UitsluitingDeelname
from states.roles import Actor, Rol
from states.services import controle as controle_service
from states.services import deadlines

QUEUE_SIZE = 10


@dataclass
class Wachtrij:
    titel: str
    uitleg: str
    aantal: int
    rows: list[dict[str, Any]]
    alle: str  # the full list, filtered the same way
    leeg: str = "Niets te doen."
    kolommen: list[str] = field(default_factory=list)


def _case_queue(actor: Actor, slug: str, titel: str, uitleg: str, **where: Any) -> Wachtrij:
    lijst = LIJSTEN[slug]
    qs = visible(RESOURCES[lijst.resource], actor)
    qs = qs.exclude(state__in=GESLOTEN).filter(**where).order_by("termijn_due", "pk")
    related = "deelnemer" if slug == "datalekken" else "primaire_bron"
    now = clock.now()
    rows = [case_row(lijst, c, now) for c in qs.select_related(related)[:QUEUE_SIZE]]
    alle = reverse(f"lijst_{slug}") + "?" + urlencode({"open": "open"})
    return Wachtrij(titel, uitleg, qs.count(), rows, alle, kolommen=["zaak"])


def _matches(actor: Actor) -> Wachtrij:
    qs = Match.objects.filter(
        status=Match.Status.MOGELIJK,
        signalering__primaire_bron_id=actor.deelnemer_id,
        signalering__samenwerkingsverband_id=actor.samenwerkingsverband_id,
    ).order_by("gevonden_op", "pk")
    rows = [
        {
            "href": reverse("signalering_detail", kwargs={"pk": m.signalering_id}),
            "nummer": f"Signalering {m.signalering_id}",
            "soort": "Mogelijke match",
            "state": "Te beoordelen",
            "ontvangen": m.gevonden_op,
        }
        for m in qs[:QUEUE_SIZE]
    ]
    return Wachtrij(
        "Mogelijke matches om te beoordelen",
        "Een woningzoekende lijkt op een van uw signaleringen: vergelijk de gegevens en beslis.",
        qs.count(),
        rows,
        reverse("signaleringen") + "?" + urlencode({"match": "mogelijk"}),
    )


def _periodiek(qs: QuerySet, case_type: str, url: str, naam: Any, **wachtrij: Any) -> Wachtrij:
    """A queue of open periodic duties (access review, checks), earliest opened first."""
    page = list(qs.order_by("geopend_op", "pk")[:QUEUE_SIZE])
    due = deadlines.last_days(case_type, [row.pk for row in page])
    rows = [
        {
            "href": reverse(url, kwargs={"pk": row.pk}),
            "nummer": naam(row),
            "state": "Open",
            "uiterlijk": due.get(row.pk),
            "verstreken": bool(due.get(row.pk) and due[row.pk] < local_date(clock.now())),
        }
        for row in page
    ]
    return Wachtrij(aantal=qs.count(), rows=rows, leeg="Niets open.", **wachtrij)


def _toegangstoetsen(actor: Actor) -> Wachtrij:
    """Open access reviews this actor must finish (ch. 14.1)."""
    from portal.web.toegangstoetsen import zichtbaar

    return _periodiek(
        zichtbaar(actor).filter(state="open", deelnemer_id=actor.deelnemer_id),
        "toegangstoets",
        "toegangstoets",
        lambda t: f"Toegangstoets {periode(t.periode)}",
        titel="Toegangstoets",
        uitleg="Twee keer per jaar: bevestig wie toegang houdt. Wie niet op tijd is bevestigd, "
        "verliest de toegang.",
        alle=reverse("toegangstoetsen"),
    )


def _controles(actor: Actor) -> Wachtrij:
    """Open checks this actor carries out (ch. 8 for the region, ch. 11 per corporation)."""
    return _periodiek(
        Controle.objects.filter(controle_service.open_voor(actor)),
        "controle",
        "periodieke_controle",
        lambda c: f"{c.get_soort_display()}, {periode(c.periode)}",
        titel="Periodieke controle",
        uitleg="Loop de controlelijst na en leg uw bevindingen vast.",
        alle=reverse("periodieke_controles"),
    )


def _deelname(actor: Actor) -> Wachtrij:
    """Temporary exclusions waiting for the participants' next decision (ch. 20)."""
    qs = UitsluitingDeelname.objects.filter(
        samenwerkingsverband_id=actor.samenwerkingsverband_id, state="tijdelijk"
    ).select_related("deelnemer")
    page = list(qs.order_by("geopend_op", "pk")[:QUEUE_SIZE])
    due = deadlines.last_days(UitsluitingDeelname.CASE_TYPE, [u.pk for u in page])
    vandaag = local_date(clock.now())
    rows = [
        {
            "href": reverse("deelname_deelnemer", kwargs={"code": u.deelnemer.code}),
            "nummer": u.deelnemer.naam,
            "soort": "Tijdelijk uitgesloten",
            "state": "Besluit nodig"
            if due.get(u.pk) and due[u.pk] < vandaag
            else "Wacht op verbeterplan",
            "uiterlijk": due.get(u.pk),
            "verstreken": bool(due.get(u.pk) and due[u.pk] < vandaag),
        }
        for u in page
    ]
    return Wachtrij(
        "Deelname",
        "Tijdelijk uitgesloten deelnemers: aanvaard het verbeterplan, of leg na de termijn het "
        "besluit tot definitieve uitsluiting vast.",
        qs.count(),
        rows,
        reverse("deelname"),
        leeg="Geen deelnemer uitgesloten.",
    )


def _mislukt(actor: Actor) -> Wachtrij:
    qs = failed_messages(actor)
    rows = [_bericht_row(m) for m in qs[:QUEUE_SIZE]]
    return Wachtrij(
        "Mislukte berichten",
        "Deze berichten kwamen niet aan. Zorg dat de betrokkene ze alsnog krijgt.",
        qs.count(),
        rows,
        reverse("mislukte_berichten"),
    )


def queues(actor: Actor) -> list[Wachtrij]:
    """What is this role's to do now (the design's work queues per role)."""
    rol = actor.rol
    if rol == Rol.FUNCTIONARIS:
        return [
            _matches(actor),
            _case_queue(actor, "verzoeken", "Verzoeken", "AVG-verzoeken over uw signaleringen."),
            _case_queue(actor, "klachten", "Klachten", "Klachten over uw signaleringen."),
            _controles(actor),
        ]
    if rol == Rol.DIRECTIE:
        return [
            _case_queue(
                actor, "klachten", "Klachten om te beslissen",
                "U beslist binnen vier weken; de betrokkene krijgt uw reactie per brief.",
            ),
            _toegangstoetsen(actor),
        ]  # fmt: skip
    if rol == Rol.SECRETARIS_GC:
        return [_case_queue(actor, "geschillen", "Geschillen", "Voor de Geschillencommissie.")]
    if rol == Rol.MEDEWERKER_SWV:
        zonder = {"primaire_bron__isnull": True}
        return [
            _case_queue(actor, "verzoeken", "Verzoeken zonder primaire bron",
                        "Het samenwerkingsverband behandelt ze.", **zonder),
            _case_queue(actor, "klachten", "Klachten zonder primaire bron",
                        "Over een besluit van het samenwerkingsverband.", **zonder),
            _controles(actor),
            _deelname(actor),
        ]  # fmt: skip
    if rol == Rol.PRIVACY_OFFICER:
        return [
            _case_queue(actor, "verzoeken", "Verzoeken", "Alle open verzoeken in de regio."),
            _case_queue(actor, "klachten", "Klachten", "Alle open klachten in de regio."),
            _case_queue(actor, "datalekken", "Datalekken", "Melden binnen 72 uur."),
            _mislukt(actor),
            _toegangstoetsen(actor),
        ]
    return []


def home(request: HttpRequest) -> HttpResponse:
    """The header link: staff to their work queues, the person to their overview, anyone else
    to signing in."""
    if not request.user.is_authenticated:
        return redirect("inloggen")
    is_staff = hasattr(request.user, "medewerker")
    return redirect("medewerker" if is_staff else "mijn")


@with_actor
def start(request: HttpRequest, actor: Actor) -> HttpResponse:
    if actor.rol == Rol.BETROKKENE:
        return redirect("mijn")
    return render(
        request,
        "portal/medewerker_start.html",
        {"rol": Rol(actor.rol).label, "wachtrijen": queues(actor)},
    )


def failed_messages(actor: Actor) -> QuerySet:
    """Undelivered messages of the cases and signaleringen this actor may see."""
    region = Signalering.objects.filter(samenwerkingsverband_id=actor.samenwerkingsverband_id)
    scope = visible_cases(actor) | Q(case_type="signalering", case_id__in=region.values("pk"))
    if actor.rol in (Rol.PRIVACY_OFFICER, Rol.MEDEWERKER_SWV):  # ch. 20: notices to a corporation
        regio = UitsluitingDeelname.objects.filter(
            samenwerkingsverband_id=actor.samenwerkingsverband_id
        )
        scope |= Q(case_type=UitsluitingDeelname.CASE_TYPE, case_id__in=regio.values("pk"))
    return OutboxMessage.objects.filter(scope, status=OutboxMessage.Status.FAILED).order_by(
        "created_at", "pk"
    )


def _bericht_row(m: OutboxMessage) -> dict[str, Any]:
    nummer = f"{m.case_type.capitalize()} {m.case_id}"
    if m.case_type == "signalering":
        href = reverse("signalering_detail", kwargs={"pk": m.case_id})
    elif m.case_type == UitsluitingDeelname.CASE_TYPE:  # ch. 20: the deelnemer's page
        code = UitsluitingDeelname.objects.filter(pk=m.case_id).values_list(
            "deelnemer__code", flat=True
        )
        href, nummer = reverse("deelname_deelnemer", args=[code[0]]), "Deelname"
    else:
        href = reverse("medewerker_zaak", kwargs={"case_type": m.case_type, "pk": m.case_id})
    return {
        "href": href,
        "nummer": nummer,
        "soort": bericht_label(m.template),
        "state": f"{m.get_channel_display()}, {m.attempts} poging{'en' if m.attempts != 1 else ''}",
        "ontvangen": m.created_at,
    }


@with_actor
def mislukte_berichten(request: HttpRequest, actor: Actor) -> HttpResponse:
    require_rol(actor, Rol.PRIVACY_OFFICER, Rol.MEDEWERKER_SWV)
    page = Paginator(failed_messages(actor), PAGE_SIZE).get_page(request.GET.get("p"))
    return render(
        request,
        "portal/berichten.html",
        {"page": page, "rows": [_bericht_row(m) for m in page.object_list], "query": ""},
    )
