"""The staff lists of cases: verzoeken, klachten, geschillen and datalekken, each searchable,
filterable, sortable and paged, with a count. What a role may see is the API's scope
(`visible`); the filters are django-filter; each page costs the same few queries whatever the
number of cases. The rows carry no personal data: a case is found by its number."""

from __future__ import annotations

from dataclasses import dataclass
from datetime import timedelta
from typing import Any

import django_filters as filters
from django.core.paginator import Paginator
from django.db.models import Model, Q, QuerySet
from django.http import HttpRequest, HttpResponse
from django.shortcuts import render
from django.urls import reverse

from portal import clock
from portal.api.case_views import REGIO_ROLLEN, RESOURCES, visible
from portal.web.common import require_rol, with_actor
from states.models import DeadlineKind, Deelnemer
from states.roles import Actor, Rol

PAGE_SIZE = 25
TERMIJN_KEUZES = [
    ("verstreken", "Verstreken"),
    ("week", "Binnen 7 dagen"),
    ("later", "Later"),
    ("geen", "Geen lopende termijn"),
]


GESLOTEN = ("afgesloten", "samengevoegd", "ingetrokken")  # a case in these needs nobody


def due_bucket(qs: QuerySet, value: str, now: Any) -> QuerySet:
    week = now + timedelta(days=7)
    return {
        "verstreken": lambda: qs.filter(termijn_due__lte=now),
        "week": lambda: qs.filter(termijn_due__gt=now, termijn_due__lte=week),
        "later": lambda: qs.filter(termijn_due__gt=week),
        "geen": lambda: qs.filter(termijn_due__isnull=True),
    }.get(value, lambda: qs)()


class CaseFilter(filters.FilterSet):
    """Search by number, and filter on kind, state, corporation and due date."""

    q = filters.CharFilter(method="zoek", label="Zoek op zaaknummer")
    soort = filters.ChoiceFilter(label="Soort", empty_label="Alle soorten")
    state = filters.ChoiceFilter(label="Toestand", empty_label="Alle toestanden")
    corporatie = filters.ModelChoiceFilter(
        label="Corporatie", field_name="primaire_bron", queryset=Deelnemer.objects.none(),
        empty_label="Alle corporaties",
    )  # fmt: skip
    termijn = filters.ChoiceFilter(
        label="Termijn", choices=TERMIJN_KEUZES, method="op_termijn", empty_label="Alle"
    )
    open = filters.ChoiceFilter(
        label="Open of afgesloten",
        choices=[("open", "Alleen open zaken"), ("afgesloten", "Alleen afgesloten zaken")],
        method="op_open",
        empty_label="Open en afgesloten",
    )
    sorteer = filters.OrderingFilter(
        label="Sorteer op",
        fields=(("termijn_due", "termijn"), ("ontvangen_op", "ontvangen"), ("pk", "nummer")),
        field_labels={"termijn": "Termijn", "ontvangen": "Ontvangen", "nummer": "Zaaknummer"},
        empty_label="Termijn (eerst verstreken)",
    )

    def __init__(self, *args: Any, model: type[Model], actor: Actor, **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        self.now = clock.now()
        fields = {f.name for f in model._meta.get_fields()}
        for name in ("soort", "state"):
            if name in fields:
                self.filters[name].extra["choices"] = model._meta.get_field(name).choices
            else:
                del self.filters[name]
        bron = "primaire_bron" if "primaire_bron" in fields else "deelnemer"
        if actor.rol in REGIO_ROLLEN or actor.rol == Rol.SECRETARIS_GC:
            self.filters["corporatie"].field_name = bron
            self.filters["corporatie"].queryset = Deelnemer.objects.filter(
                samenwerkingsverband_id=actor.samenwerkingsverband_id
            ).order_by("naam")
        else:
            del self.filters["corporatie"]  # a corporation's staff see only their own

    def zoek(self, qs: QuerySet, name: str, value: str) -> QuerySet:
        digits = value.strip().lstrip("#")
        return qs.filter(pk=int(digits)) if digits.isdigit() and len(digits) < 12 else qs.none()

    def op_open(self, qs: QuerySet, name: str, value: str) -> QuerySet:
        return qs.exclude(state__in=GESLOTEN) if value == "open" else qs.filter(state__in=GESLOTEN)

    def op_termijn(self, qs: QuerySet, name: str, value: str) -> QuerySet:
        return due_bucket(qs, value, self.now)


@dataclass(frozen=True)
class Lijst:
    resource: str  # the API's resource name: verzoeken, klachten, ...
    case_type: str
    titel: str
    rollen: tuple[str, ...]
    ontvangen: str = "ontvangen_op"


LIJSTEN = {
    "verzoeken": Lijst(
        "verzoeken", "verzoek", "Verzoeken",
        (Rol.FUNCTIONARIS, Rol.DIRECTIE, Rol.PRIVACY_OFFICER, Rol.MEDEWERKER_SWV),
    ),
    "klachten": Lijst(
        "klachten", "klacht", "Klachten",
        (Rol.FUNCTIONARIS, Rol.DIRECTIE, Rol.PRIVACY_OFFICER, Rol.MEDEWERKER_SWV),
    ),
    "geschillen": Lijst(
        "geschillen", "geschil", "Geschillen",
        (Rol.SECRETARIS_GC, Rol.DIRECTIE, Rol.FUNCTIONARIS, Rol.PRIVACY_OFFICER,
         Rol.MEDEWERKER_SWV),
    ),
    "datalekken": Lijst(
        "datalekken", "datalek", "Datalekken",
        (Rol.PRIVACY_OFFICER, Rol.MEDEWERKER_SWV, Rol.FUNCTIONARIS, Rol.DIRECTIE),
        ontvangen="ontdekt_op",
    ),
}  # fmt: skip


def case_row(lijst: Lijst, case: Any, now: Any) -> dict[str, Any]:
    bron = getattr(case, "primaire_bron", None) or getattr(case, "deelnemer", None)
    due = case.termijn_due
    return {
        "href": reverse("medewerker_zaak", kwargs={"case_type": lijst.case_type, "pk": case.pk}),
        "nummer": f"{lijst.case_type.capitalize()} {case.pk}",
        "soort": case.get_soort_display() if hasattr(case, "get_soort_display") else "",
        "state": case.get_state_display(),
        "corporatie": bron.naam if bron else "Samenwerkingsverband",
        "ontvangen": getattr(case, lijst.ontvangen),
        "termijn": DeadlineKind(case.termijn_kind).label if case.termijn_kind else "",
        "uiterlijk": case.termijn_last_day or (due.date() if due else None),
        "verstreken": due is not None and due <= now,
    }


def case_page(request: HttpRequest, actor: Actor, lijst: Lijst) -> dict[str, Any]:
    """The filtered, sorted page of one list, with its count and paging links."""
    resource = RESOURCES[lijst.resource]
    qs = visible(resource, actor)
    related = "deelnemer" if lijst.resource == "datalekken" else "primaire_bron"
    filterset = CaseFilter(request.GET or None, queryset=qs, model=resource.model, actor=actor)
    filtered = filterset.qs if filterset.is_bound and filterset.is_valid() else qs
    if not (filterset.is_bound and filterset.form.cleaned_data.get("sorteer")):
        filtered = filtered.order_by("termijn_due", "pk")  # nulls last: what is due comes first
    page = Paginator(filtered.select_related(related), PAGE_SIZE).get_page(request.GET.get("p"))
    now = clock.now()
    query = request.GET.copy()
    query.pop("p", None)
    return {
        "titel": lijst.titel,
        "filter": filterset.form,
        "page": page,
        "rows": [case_row(lijst, case, now) for case in page.object_list],
        "query": query.urlencode(),
        "met_soort": "soort" in filterset.filters,
        "met_corporatie": "corporatie" in filterset.filters,
    }


def case_list_view(slug: str) -> Any:
    lijst = LIJSTEN[slug]

    @with_actor
    def view(request: HttpRequest, actor: Actor) -> HttpResponse:
        require_rol(actor, *lijst.rollen)
        return render(request, "portal/lijst.html", case_page(request, actor, lijst))

    view.__name__ = f"lijst_{slug}"
    return view


def visible_cases(actor: Actor) -> Q:
    """Deadlines (or messages) of the cases this actor may see: one subquery per case kind."""
    scope = Q(pk__in=[])
    for lijst in LIJSTEN.values():
        ids = visible(RESOURCES[lijst.resource], actor).values("pk")
        scope |= Q(case_type=lijst.case_type, case_id__in=ids)
    return scope
