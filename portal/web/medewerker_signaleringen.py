"""The staff list of signaleringen: search by number, filter on state, category, corporation and
waiting matches, sorted and paged. Only the rows shown are read, and each is logged (ch. 14)."""

from __future__ import annotations

from typing import Any

import django_filters as filters
from django.db.models import Exists, OuterRef, Q, QuerySet
from django.http import HttpRequest, HttpResponse
from django.shortcuts import render

from portal import clock
from portal.api.case_views import REGIO_ROLLEN
from portal.web.common import require_rol, with_actor
from portal.web.lijsten import PAGE_SIZE
from portal.web.paginering import Capped
from states import protocol_v14
from states.models import Deelnemer, Match, Signalering
from states.roles import Actor, Rol
from states.services import raadpleging

CATEGORIEEN = protocol_v14.BELEID["categorieen"]

# Counted up to here (40 pages); beyond it the page asks to narrow the search by number,
# corporation, category or state, instead of counting every signalering of the region.
TELLEN_TOT = 1000


class SignaleringFilter(filters.FilterSet):
    q = filters.CharFilter(method="zoek", label="Zoek op nummer of inschrijfnummer")
    state = filters.ChoiceFilter(
        label="Toestand", choices=Signalering._meta.get_field("state").choices,
        empty_label="Alle toestanden",
    )  # fmt: skip
    categorie = filters.ChoiceFilter(
        label="Categorie",
        choices=[
            (c["code"], f"{c['code']}: {c['naam']}") for c in protocol_v14.BELEID["categorieen"]
        ],
        method="met_categorie",
        empty_label="Alle categorieën",
    )
    corporatie = filters.ModelChoiceFilter(
        label="Corporatie", field_name="primaire_bron", queryset=Deelnemer.objects.none(),
        empty_label="Alle corporaties",
    )  # fmt: skip
    match = filters.ChoiceFilter(
        label="Matches",
        choices=[("mogelijk", "Met een mogelijke match om te beoordelen")],
        method="met_match",
        empty_label="Alle",
    )
    sorteer = filters.OrderingFilter(
        label="Sorteer op",
        fields=(("einddatum", "einddatum"), ("pk", "nummer"), ("aangemaakt_op", "aangemaakt")),
        field_labels={"einddatum": "Einddatum", "nummer": "Nummer", "aangemaakt": "Aangemaakt"},
        empty_label="Nummer",
    )

    def __init__(self, *args: Any, actor: Actor, **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        if actor.rol in REGIO_ROLLEN:
            self.filters["corporatie"].queryset = Deelnemer.objects.filter(
                samenwerkingsverband_id=actor.samenwerkingsverband_id
            ).order_by("naam")
        else:
            del self.filters["corporatie"]

    def zoek(self, qs: QuerySet, name: str, value: str) -> QuerySet:
        value = value.strip().lstrip("#")[:40]
        number = Q(pk=int(value)) if value.isdigit() and len(value) < 12 else Q(pk=None)
        return qs.filter(number | Q(inschrijfnummer=value)) if value else qs

    def met_categorie(self, qs: QuerySet, name: str, value: str) -> QuerySet:
        return qs.filter(categorieen__contains=[value])

    def met_match(self, qs: QuerySet, name: str, value: str) -> QuerySet:
        waiting = Match.objects.filter(signalering=OuterRef("pk"), status=Match.Status.MOGELIJK)
        return qs.filter(Exists(waiting))


@with_actor
def signaleringen(request: HttpRequest, actor: Actor) -> HttpResponse:
    require_rol(
        actor, Rol.FUNCTIONARIS, Rol.MEDEWERKER_SWV, Rol.BEVRAGER, Rol.DIRECTIE, Rol.PRIVACY_OFFICER
    )
    qs = raadpleging.kandidaten(actor)
    filterset = SignaleringFilter(request.GET or None, queryset=qs, actor=actor)
    filtered = filterset.qs if filterset.is_bound and filterset.is_valid() else qs
    if not filtered.query.order_by:
        filtered = filtered.order_by("pk")
    page = Capped(filtered, PAGE_SIZE, TELLEN_TOT).get_page(request.GET.get("p"))
    rows = raadpleging.toon(actor, list(page.object_list), clock.now())
    query = request.GET.copy()
    query.pop("p", None)
    return render(
        request,
        "portal/signaleringen.html",
        {"rows": rows, "page": page, "filter": filterset.form, "query": query.urlencode()},
    )
