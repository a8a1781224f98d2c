"""REST resources for the cases: verzoeken, klachten, geschillen, datalekken, and deadlines.

Each resource declares who sees which cases, how one is filed, and its transitions; the views
are generic. Every read of a case is logged; GET shows its deadlines and history.
"""

from __future__ import annotations

from collections.abc import Callable
from dataclasses import dataclass
from typing import Any

from django.db import transaction
from django.db.models import Model, Q, QuerySet
from django.http import HttpResponse
from drf_spectacular.types import OpenApiTypes
from drf_spectacular.utils import (
    OpenApiParameter,
    extend_schema,
    extend_schema_view,
    inline_serializer,
)
from rest_framework import serializers
from rest_framework.parsers import MultiPartParser
from rest_framework.request import Request
from rest_framework.response import Response
from rest_framework.views import APIView

from portal import clock
from portal.api.schema import (
    DEADLINE_FIELDS,
    DEADLINE_LIST_FIELDS,
    case_columns,
    case_serializer,
    columns,
)
from portal.api.serializers import (
    Datum,
    Moment,
    Tekst,
    choice_values,
    filter_enum,
    query_choice,
)
from portal.api.views import history
from states.access import actor_for
from states.models import (
    Bijlage,
    Datalek,
    Deadline,
    Geschil,
    Hardheidsverzoek,
    Klacht,
    Raadpleging,
    Verzoek,
)
from states.models.case import Kanaal
from states.roles import Actor, NotAllowed, Rol
from states.services import (
    cases,
    datalek,
    deadlines,
    dossier,
    geschil,
    hardheid,
    identiteit,
    intake,
    klacht,
    verzoek,
)

REGIO_ROLLEN = (Rol.PRIVACY_OFFICER, Rol.MEDEWERKER_SWV)


class IndieningSerializer(serializers.Serializer):
    naam = Tekst(max_length=200, required=False, allow_blank=True)
    email = serializers.EmailField(required=False, allow_blank=True)
    adres = Tekst(max_length=300, required=False, allow_blank=True)
    kanaal = serializers.ChoiceField(choices=Kanaal.choices, default=Kanaal.API)
    ontvangen_op = Moment(required=False, help_text="Werkelijke ontvangst.")
    toelichting = Tekst(required=False, allow_blank=True)
    signalering = serializers.IntegerField(required=False)
    taal = serializers.ChoiceField(choices=["nl", "en"], default="nl")
    voornaam = Tekst(required=False, allow_blank=True, max_length=100)
    achternaam = Tekst(required=False, allow_blank=True, max_length=150)
    geboortedatum = Datum(
        required=False, help_text="Zonder gekoppelde code: om de registratie te kunnen vinden."
    )

    def indiening(self) -> intake.Indiening:
        d = self.validated_data
        return intake.Indiening(
            naam=d.get("naam", ""),
            email=d.get("email", ""),
            adres=d.get("adres", ""),
            kanaal=d["kanaal"],
            ontvangen_op=d.get("ontvangen_op"),
            toelichting=d.get("toelichting", ""),
            signalering_id=d.get("signalering"),
            taal=d["taal"],
            voornaam=d.get("voornaam", ""),
            achternaam=d.get("achternaam", ""),
            geboortedatum=d.get("geboortedatum"),
        )


class VerzoekInSerializer(IndieningSerializer):
    soort = Tekst()
    correctie = serializers.DictField(required=False)


class KlachtInSerializer(IndieningSerializer):
    soort = serializers.ChoiceField(choices=["a", "b"])
    gronden = Tekst()
    verzoek = serializers.IntegerField(required=False)


class GeschilInSerializer(IndieningSerializer):
    klacht = serializers.IntegerField()
    gronden = Tekst()
    hardheidsclausule = serializers.BooleanField(default=False)


class HardheidInSerializer(serializers.Serializer):
    """Ch. 24: a corporation (its functionaris or directie) or the person asks."""

    signalering = serializers.IntegerField(min_value=1, max_value=2**62)
    gronden = Tekst(max_length=5000)


class DatalekInSerializer(serializers.Serializer):
    omschrijving = Tekst()
    ontdekt_op = Moment(help_text="Wanneer het lek bekend werd: de 72 uur lopen vanaf hier.")


class TransitieBodySerializer(serializers.Serializer):
    reden = Tekst(required=False, allow_blank=True, default="")
    besluit = Tekst(required=False, default="")
    motivering = Tekst(required=False, allow_blank=True, default="")
    correctie = serializers.DictField(required=False)
    herstel = Tekst(required=False, default="")
    advies = Tekst(required=False, allow_blank=True, default="")
    ap_kenmerk = Tekst(required=False, allow_blank=True, default="")
    beoordeling = Tekst(required=False, allow_blank=True, default="")
    uitkomst = Tekst(required=False, allow_blank=True, default="")
    adres_gehuurde_woning = Tekst(required=False, allow_blank=True, max_length=300)
    # datalek beoordeel: a high risk to the people concerned (AVG art. 34)
    hoog_risico = serializers.BooleanField(required=False, default=False)
    signaleringen = serializers.ListField(
        child=serializers.IntegerField(min_value=1, max_value=2**62),
        required=False,
        max_length=10000,
    )
    uitleg_betrokkenen = Tekst(required=False, allow_blank=True, max_length=10000)
    gevolgen = Tekst(required=False, allow_blank=True, max_length=10000)
    maatregelen = Tekst(required=False, allow_blank=True, max_length=10000)
    # hardheidsclausule beslis_toe: the deviation the committee allows (ch. 24)
    afwijking = Tekst(required=False, allow_blank=True, default="")
    termijnen = serializers.DictField(child=serializers.IntegerField(), required=False)
    categorie = Tekst(required=False, allow_blank=True, default="", max_length=1)
    # zoek_identiteit / koppel: a request without a linked code (AVG art. 15)
    voornaam = Tekst(required=False, allow_blank=True, max_length=100)
    achternaam = Tekst(required=False, allow_blank=True, max_length=150)
    geboortedatum = Datum(required=False)
    signalering = serializers.IntegerField(required=False, min_value=1, max_value=2**62)


Handler = Callable[[Actor, int, dict[str, Any], Any], Model]


@dataclass(frozen=True)
class Resource:
    model: type[Model]
    create_serializer: type[serializers.Serializer]
    create: Callable[[Actor, serializers.Serializer, Any], Model]
    transitions: dict[str, Handler]
    bron_field: str = "primaire_bron_id"


def visible(resource: Resource, actor: Actor) -> QuerySet:
    qs = resource.model.objects.filter(samenwerkingsverband_id=actor.samenwerkingsverband_id)
    if actor.rol in REGIO_ROLLEN:
        return qs
    if actor.rol == Rol.BETROKKENE and resource.model is not Datalek:
        return qs.filter(indiener_id=actor.user_id)
    if resource.model is Hardheidsverzoek:
        return _hardheid_zichtbaar(qs, actor)
    if actor.rol in (Rol.DIRECTIE, Rol.FUNCTIONARIS):
        return qs.filter(**{resource.bron_field: actor.deelnemer_id})
    if actor.rol == Rol.SECRETARIS_GC and resource.model in (Geschil, Klacht):
        return qs.filter(
            Q(geschillen__isnull=False) if resource.model is Klacht else Q()
        ).distinct()
    return qs.none()


def _hardheid_zichtbaar(qs: QuerySet, actor: Actor) -> QuerySet:
    """As `hardheid.mag_lezen` says, in SQL: the committee; the primaire bron's functionaris and
    directie, and the corporation that asked (ch. 24)."""
    if actor.rol == Rol.SECRETARIS_GC:
        return qs
    if actor.rol in (Rol.DIRECTIE, Rol.FUNCTIONARIS):
        eigen = Q(primaire_bron_id=actor.deelnemer_id) | Q(verzocht_door_id=actor.deelnemer_id)
        return qs.filter(eigen)
    return qs.none()


DEADLINE_STATUSES = [c for c, _ in Deadline._meta.get_field("status").choices]
CLOCK_ACTIONS = ["opschorten", "hervatten"]


def _deadlines(case: Model) -> list[dict[str, Any]]:
    return list(deadlines.of_case(case).order_by("start_at", "id").values(*DEADLINE_FIELDS))


# What a corporation that asked for the hardship clause about another's registration (a blocked
# candidate it weighed) does not get: how to reach the person (ch. 13: only the primaire bron).
CONTACT = ("indiener_id", "indiener_naam", "indiener_email", "indiener_adres")


def _alleen_gevraagd(case: Model, actor: Actor | None) -> bool:
    return (
        actor is not None
        and isinstance(case, Hardheidsverzoek)
        and actor.rol in (Rol.DIRECTIE, Rol.FUNCTIONARIS)
        and actor.deelnemer_id != case.primaire_bron_id
    )


def present(case: Model, full: bool = True, actor: Actor | None = None) -> dict[str, Any]:
    data = {f.attname: getattr(case, f.attname) for f in case_columns(type(case))}
    if _alleen_gevraagd(case, actor):
        data.update(dict.fromkeys(CONTACT))
    data["case_type"] = case.CASE_TYPE
    if full:
        data["bijlagen"] = dossier.bijlagen(case)
        data["deadlines"] = _deadlines(case)
        data["history"] = history(case)
    return data


def _zoek_identiteit(
    actor: Actor, pk: int, body: dict[str, Any], now: Any
) -> tuple[Model, dict[str, Any]]:
    """The hits, for the staff member to compare with the request before linking one."""
    treffers = identiteit.zoek(
        actor, pk, now, _v(body, "voornaam"), _v(body, "achternaam"), body.get("geboortedatum")
    )
    return Verzoek.objects.get(pk=pk), {
        "treffers": [
            {"signalering": s.pk, "primaire_bron": s.primaire_bron.naam, "state": s.state}
            for s in treffers
        ]
    }


def _hoog_risico(body: dict[str, Any]) -> datalek.HoogRisico | None:
    if not body.get("hoog_risico"):
        return None
    return datalek.HoogRisico(
        signalering_ids=list(body.get("signaleringen") or []),
        uitleg=_v(body, "uitleg_betrokkenen"),
        gevolgen=_v(body, "gevolgen"),
        maatregelen=_v(body, "maatregelen"),
    )


def _v(body: dict[str, Any], key: str) -> Any:
    return body.get(key) or ""


RESOURCES: dict[str, Resource] = {
    "verzoeken": Resource(
        Verzoek,
        VerzoekInSerializer,
        lambda a, s, now: verzoek.dien_in(
            a, s.validated_data["soort"], s.indiening(), now, s.validated_data.get("correctie")
        ),
        {
            "neem_in_behandeling": lambda a, pk, b, now: verzoek.neem_in_behandeling(a, pk, now),
            "beslis": lambda a, pk, b, now: verzoek.beslis(
                a, pk, _v(b, "besluit"), _v(b, "motivering"), now, b.get("correctie")
            ),
            "voer_uit": lambda a, pk, b, now: verzoek.voer_uit(a, pk, now, _v(b, "reden")),
            "sluit": lambda a, pk, b, now: verzoek.sluit(a, pk, now),
            "trek_in": lambda a, pk, b, now: verzoek.trek_in(a, pk, now, _v(b, "reden")),
            "verleng": lambda a, pk, b, now: verzoek.verleng(a, pk, _v(b, "reden"), now),
            "zoek_identiteit": lambda a, pk, b, now: _zoek_identiteit(a, pk, b, now),
            "koppel": lambda a, pk, b, now: identiteit.koppel(a, pk, b.get("signalering"), now),
        },
    ),
    "klachten": Resource(
        Klacht,
        KlachtInSerializer,
        lambda a, s, now: klacht.dien_in(
            a,
            s.validated_data["soort"],
            s.validated_data["gronden"],
            s.indiening(),
            now,
            s.validated_data.get("verzoek"),
        ),
        {
            "bevestig": lambda a, pk, b, now: klacht.bevestig(a, pk, now),
            "neem_in_behandeling": lambda a, pk, b, now: klacht.neem_in_behandeling(a, pk, now),
            "verklaar_gegrond": lambda a, pk, b, now: klacht.verklaar(
                a,
                pk,
                True,
                _v(b, "motivering"),
                now,
                _v(b, "herstel"),
                _v(b, "adres_gehuurde_woning"),
            ),
            "verklaar_ongegrond": lambda a, pk, b, now: klacht.verklaar(
                a, pk, False, _v(b, "motivering"), now, "", _v(b, "adres_gehuurde_woning")
            ),
            "herstel": lambda a, pk, b, now: klacht.herstel(
                a, pk, _v(b, "herstel"), now, b.get("correctie")
            ),
            "sluit": lambda a, pk, b, now: klacht.sluit(a, pk, now),
            "verstrijk": lambda a, pk, b, now: klacht.verstrijk(a, pk, now),
        },
    ),
    "geschillen": Resource(
        Geschil,
        GeschilInSerializer,
        lambda a, s, now: geschil.dien_in(
            a,
            s.validated_data["klacht"],
            s.validated_data["gronden"],
            s.indiening(),
            now,
            s.validated_data["hardheidsclausule"],
        ),
        {
            "neem_in_behandeling": lambda a, pk, b, now: geschil.neem_in_behandeling(a, pk, now),
            "adviseer_gegrond": lambda a, pk, b, now: geschil.adviseer(
                a, pk, True, _v(b, "advies"), now, _v(b, "herstel")
            ),
            "adviseer_ongegrond": lambda a, pk, b, now: geschil.adviseer(
                a, pk, False, _v(b, "advies"), now
            ),
            "herstel": lambda a, pk, b, now: geschil.herstel(
                a, pk, _v(b, "herstel"), now, b.get("correctie")
            ),
            "sluit": lambda a, pk, b, now: geschil.sluit(a, pk, now),
            "verwijs_door": lambda a, pk, b, now: geschil.verwijs_door(a, pk, now, _v(b, "reden")),
            "uitkomst_huurcommissie": lambda a, pk, b, now: (
                geschil.registreer_uitkomst_huurcommissie(a, pk, _v(b, "uitkomst"), now)
            ),
        },
    ),
    "hardheidsverzoeken": Resource(
        Hardheidsverzoek,
        HardheidInSerializer,
        lambda a, s, now: (
            hardheid.vraag_aan_betrokkene
            if a.rol == Rol.BETROKKENE
            else hardheid.vraag_aan_deelnemer
        )(a, s.validated_data["signalering"], s.validated_data["gronden"], now),
        {
            "beslis_toe": lambda a, pk, b, now: hardheid.beslis(
                a,
                pk,
                True,
                _v(b, "motivering"),
                now,
                _v(b, "afwijking"),
                b.get("termijnen"),
                _v(b, "categorie"),
            ),
            "beslis_af": lambda a, pk, b, now: hardheid.beslis(
                a, pk, False, _v(b, "motivering"), now
            ),
            "pas_toe": lambda a, pk, b, now: hardheid.pas_toe(a, pk, now),
        },
    ),
    "datalekken": Resource(
        Datalek,
        DatalekInSerializer,
        lambda a, s, now: datalek.meld(
            a, s.validated_data["omschrijving"], s.validated_data["ontdekt_op"], now
        ),
        {
            "beoordeel": lambda a, pk, b, now: datalek.beoordeel(
                a, pk, _v(b, "beoordeling"), now, _hoog_risico(b)
            ),
            "informeer_betrokkenen": lambda a, pk, b, now: datalek.informeer_betrokkenen(
                a, pk, now
            ),
            "meld_ap": lambda a, pk, b, now: datalek.meld_ap(a, pk, _v(b, "ap_kenmerk"), now),
            "niet_meldplichtig": lambda a, pk, b, now: datalek.niet_meldplichtig(
                a, pk, _v(b, "beoordeling"), now
            ),
            "sluit": lambda a, pk, b, now: datalek.sluit(a, pk, now),
        },
        bron_field="deelnemer_id",
    ),
}

BY_CASE_TYPE = {res.model.CASE_TYPE: name for name, res in RESOURCES.items()}


class CaseList(APIView):
    def get(self, request: Request, resource: str) -> Response:
        res = RESOURCES[resource]
        actor = actor_for(request.user)
        qs = visible(res, actor).order_by("-pk")
        state = query_choice(request, "state", choice_values(res.model, "state"))
        if state:
            qs = qs.filter(state=state)
        rows = list(qs[:500])
        if resource != "datalekken":
            cases.log_reads(actor, rows, clock.now(), Raadpleging.Actie.LIJST)
        return Response([present(c, full=False, actor=actor) for c in rows])

    def post(self, request: Request, resource: str) -> Response:
        res = RESOURCES[resource]
        actor = actor_for(request.user)
        body = res.create_serializer(data=request.data)
        body.is_valid(raise_exception=True)
        now = clock.now()
        case = res.create(actor, body, now)
        cases.log_read(actor, case, now)  # the answer shows the case: a read like any other
        return Response(present(case, actor=actor), status=201)


def _get_visible(resource: str, actor: Actor, pk: int) -> Model:
    case = visible(RESOURCES[resource], actor).filter(pk=pk).first()
    if case is None:
        raise LookupError(f"{resource} {pk} niet gevonden.")
    return case


class CaseDetail(APIView):
    def get(self, request: Request, resource: str, pk: int) -> Response:
        actor = actor_for(request.user)
        case = _get_visible(resource, actor, pk)
        if resource != "datalekken":
            cases.log_read(actor, case, clock.now())
        return Response(present(case, actor=actor))


class CaseTransition(APIView):
    def post(self, request: Request, resource: str, pk: int, name: str) -> Response:
        actor = actor_for(request.user)
        _get_visible(resource, actor, pk)
        handler = RESOURCES[resource].transitions.get(name)
        if handler is None:
            names = ", ".join(RESOURCES[resource].transitions)
            return Response({"detail": f"Onbekende transitie; kies uit {names}."}, status=404)
        body = TransitieBodySerializer(data=request.data)
        body.is_valid(raise_exception=True)
        now = clock.now()
        result = handler(actor, pk, body.validated_data, now)
        case, extra = result if isinstance(result, tuple) else (result, {})
        cases.log_read(actor, case, now)
        return Response({**present(case, actor=actor), **extra})


class DeadlineList(APIView):
    """Open (or all) deadlines of the cases the caller may see, earliest first."""

    @extend_schema(
        parameters=[OpenApiParameter("status", enum=filter_enum(["all", *DEADLINE_STATUSES]))],
        responses=columns("TermijnInLijst", Deadline, DEADLINE_LIST_FIELDS)(many=True),
    )
    def get(self, request: Request) -> Response:
        actor = actor_for(request.user)
        qs = Deadline.objects.all()
        if actor.rol not in REGIO_ROLLEN:
            allowed = Q(pk__in=[])
            for res in RESOURCES.values():
                ids = list(visible(res, actor).values_list("pk", flat=True))
                allowed |= Q(case_type=res.model.CASE_TYPE, case_id__in=ids)
            qs = qs.filter(allowed)
        status = query_choice(request, "status", ["all", *DEADLINE_STATUSES], "open")
        if status != "all":
            qs = qs.filter(status=status)
        return Response(list(qs.order_by("due_at").values(*DEADLINE_LIST_FIELDS)[:1000]))


class DeadlineTransition(APIView):
    """Stop or restart a clock where the protocol version allows it."""

    @extend_schema(
        parameters=[OpenApiParameter("name", OpenApiTypes.STR, "path", enum=CLOCK_ACTIONS)],
        request=TransitieBodySerializer,
        responses=columns("TermijnNaWijziging", Deadline, ("id", "due_at", "last_day", "journal")),
    )
    def post(self, request: Request, pk: int, name: str) -> Response:
        actor = actor_for(request.user)
        deadline = Deadline.objects.filter(pk=pk).first()
        resource = BY_CASE_TYPE.get(getattr(deadline, "case_type", None))
        case = None
        if resource is not None:
            case = visible(RESOURCES[resource], actor).filter(pk=deadline.case_id).first()
        if case is None:  # the same words whether the deadline is missing or not the caller's
            return Response({"detail": "Niet gevonden."}, status=404)
        if not cases.bron(actor, case):
            raise NotAllowed("Alleen de behandelaar schort een termijn op.")
        body = TransitieBodySerializer(data=request.data)
        body.is_valid(raise_exception=True)
        with transaction.atomic():
            if name == "opschorten":
                deadline = deadlines.suspend(
                    case, deadline.kind, body.validated_data["reden"], clock.now()
                )
            elif name == "hervatten":
                deadline = deadlines.resume(case, deadline.kind, clock.now())
            else:
                return Response({"detail": "Kies opschorten of hervatten."}, status=404)
        return Response(
            {
                "id": deadline.pk,
                "due_at": deadline.due_at,
                "last_day": deadline.last_day,
                "journal": deadline.journal,
            }
        )


class CaseAttachments(APIView):
    """Add an attachment to the case file (multipart field `bestand`), or fetch one."""

    parser_classes = [MultiPartParser]

    def post(self, request: Request, resource: str, pk: int) -> Response:
        actor = actor_for(request.user)
        case = _get_visible(resource, actor, pk)
        upload = request.FILES.get("bestand")
        if upload is None:
            return Response({"bestand": ["Kies een bestand."]}, status=400)
        if upload.size > dossier.MAX_BYTES:
            return Response({"bestand": ["Hoogstens 10 MB."]}, status=400)
        bijlage = dossier.voeg_bijlage_toe(
            actor, case, upload.name, upload.content_type or "", upload.read(), clock.now()
        )
        return Response(
            {"id": bijlage.pk, "naam": bijlage.naam, "grootte": bijlage.grootte}, status=201
        )


class CaseAttachment(APIView):
    def get(self, request: Request, resource: str, pk: int, bijlage: int) -> HttpResponse:
        actor = actor_for(request.user)
        case = _get_visible(resource, actor, pk)
        row = Bijlage.objects.filter(pk=bijlage, case_type=case.CASE_TYPE, case_id=case.pk).first()
        if row is None:
            raise LookupError("Bijlage niet gevonden.")
        cases.log_read(actor, case, clock.now())
        response = HttpResponse(bytes(row.inhoud), content_type=row.mime_type)
        response["Content-Disposition"] = f'attachment; filename="bijlage-{row.pk}"'
        response["Cache-Control"] = "no-store"
        return response


def _typed(name: str) -> dict[str, type[APIView]]:
    """The generic views for one case kind, each with that kind's bodies and answers in the
    OpenAPI document (one path per kind: /verzoeken, /klachten, ...)."""
    res = RESOURCES[name]
    full, kort = case_serializer(res.model, True), case_serializer(res.model, False)
    states = choice_values(res.model, "state")
    met_treffers = type(
        f"{res.model.__name__}NaTransitie",
        (full,),
        {"treffers": serializers.ListField(child=serializers.DictField(), required=False)},
    )
    label = res.model.__name__
    names = list(res.transitions)

    def view(base: type[APIView], **methods: Any) -> type[APIView]:
        return extend_schema_view(**methods)(type(f"{label}{base.__name__}", (base,), {}))

    bestand = inline_serializer(f"{label}Bestand", {"bestand": serializers.FileField()})
    geupload = columns(f"{label}Bijlage", Bijlage, ("id", "naam", "grootte"))
    return {
        "list": view(
            CaseList,
            get=extend_schema(
                operation_id=f"{name}_list",
                tags=[name],
                parameters=[OpenApiParameter("state", enum=filter_enum(states))],
                responses=kort(many=True),
            ),
            post=extend_schema(
                operation_id=f"{name}_create",
                tags=[name],
                request=res.create_serializer,
                responses={201: full},
            ),
        ),
        "detail": view(
            CaseDetail,
            get=extend_schema(operation_id=f"{name}_retrieve", tags=[name], responses=full),
        ),
        "transition": view(
            CaseTransition,
            post=extend_schema(
                operation_id=f"{name}_transition",
                tags=[name],
                parameters=[OpenApiParameter("name", OpenApiTypes.STR, "path", enum=names)],
                request=TransitieBodySerializer,
                responses=met_treffers,
            ),
        ),
        "attachments": view(
            CaseAttachments,
            post=extend_schema(
                operation_id=f"{name}_attachment_create",
                tags=[name],
                request={"multipart/form-data": bestand},
                responses={201: geupload},
            ),
        ),
        "attachment": view(
            CaseAttachment,
            get=extend_schema(
                operation_id=f"{name}_attachment_retrieve",
                tags=[name],
                responses={(200, "application/octet-stream"): OpenApiTypes.BINARY},
            ),
        ),
    }


TYPED = {name: _typed(name) for name in RESOURCES}
