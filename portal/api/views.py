"""REST API v1 (DESIGN.md §7). Views translate HTTP to service calls; services hold the rules."""

from __future__ import annotations

from typing import Any

from django.db.models import QuerySet
from django.http import HttpResponse
from drf_spectacular.types import OpenApiTypes
from drf_spectacular.utils import OpenApiParameter, extend_schema
from rest_framework import serializers
from rest_framework.request import Request
from rest_framework.response import Response
from rest_framework.views import APIView

from notifications import digest, purging
from notifications.models import OutboxMessage
from portal import clock
from portal.api import serializers as s
from states.access import actor_for
from states.models import Deelnemer, Match, Raadpleging, Signalering
from states.roles import Actor, NotAllowed, Rol
from states.services import cases, deelname, matching, raadpleging
from states.services import signalering as signalering_service
from states.visibility import ANDERE_BLOKKADE, Zicht


def _actor(request: Request) -> Actor:
    return actor_for(request.user)


# Who may call a writing endpoint at all: checked before the body is read or a record is
# looked up (and its read logged), so a refused caller learns nothing and leaves no trace.
BEHEER = (Rol.FUNCTIONARIS, Rol.MEDEWERKER_SWV)
CONTROLE = (Rol.SYSTEEM, Rol.MEDEWERKER_SWV, Rol.FUNCTIONARIS, Rol.BEVRAGER)


def _actor_in(request: Request, rollen: Any, message: str) -> Actor:
    actor = _actor(request)
    if actor.rol not in rollen:
        raise NotAllowed(message)
    return actor


def _valid(serializer_class: type[serializers.Serializer], request: Request, **kw: Any):
    serializer = serializer_class(data=request.data, **kw)
    serializer.is_valid(raise_exception=True)
    return serializer


def history(record: Any) -> list[dict[str, Any]]:
    """A record's transitions as its simple-history rows tell them: when, which state, who, why."""
    return [
        {
            "tijdstip": h.history_date,
            "state": h.state,
            "door": h.history_user_id,
            "reden": h.history_change_reason or "",
        }
        for h in record.history.order_by("history_date", "history_id")
    ]


def present(sig: Signalering, zicht: Zicht, with_history: bool = False) -> dict[str, Any]:
    if zicht == Zicht.RESTANT:
        return s.SignaleringRestantSerializer(sig).data
    data = dict(s.SignaleringVolledigSerializer(sig).data)
    if with_history:
        data["history"] = history(sig)
    return data


class SignaleringList(APIView):
    @extend_schema(
        parameters=[s.LijstParametersSerializer],
        responses=s.SignaleringVolledigSerializer(many=True),
    )
    def get(self, request: Request) -> Response:
        params = s.LijstParametersSerializer(data=request.query_params)
        params.is_valid(raise_exception=True)
        rows = raadpleging.lijst(_actor(request), clock.now(), **params.validated_data)
        return Response([present(sig, z) for sig, z in rows])

    @extend_schema(
        request=s.SignaleringInvoerSerializer, responses={201: s.SignaleringVolledigSerializer}
    )
    def post(self, request: Request) -> Response:
        actor = _actor_in(request, BEHEER, "Deze rol voert geen signaleringen op.")
        invoer = _valid(s.SignaleringInvoerSerializer, request)
        code = invoer.validated_data.get("deelnemer")
        if code:
            deelnemer = Deelnemer.objects.filter(code=code).first()
            if deelnemer is None:
                return Response({"deelnemer": ["Onbekende deelnemer."]}, status=400)
            deelnemer_id = deelnemer.pk
        elif actor.deelnemer_id:
            deelnemer_id = actor.deelnemer_id
        else:
            return Response({"deelnemer": ["Noem de primaire bron."]}, status=400)
        sig = signalering_service.maak_concept(actor, deelnemer_id, invoer.gegevens(), clock.now())
        return Response(present(sig, Zicht.VOLLEDIG), status=201)


class SignaleringDetail(APIView):
    @extend_schema(responses=s.SignaleringVolledigSerializer)
    def get(self, request: Request, pk: int) -> Response:
        sig, zicht = raadpleging.lees(_actor(request), pk, clock.now())
        return Response(present(sig, zicht, with_history=True))

    @extend_schema(request=s.SignaleringWijzigSerializer, responses=s.SignaleringVolledigSerializer)
    def patch(self, request: Request, pk: int) -> Response:
        actor = _actor_in(request, BEHEER, "Deze rol wijzigt geen signaleringen.")
        now = clock.now()
        sig, _ = raadpleging.lees(actor, pk, now)
        invoer = _valid(s.SignaleringWijzigSerializer, request)
        sig = signalering_service.wijzig(
            actor,
            pk,
            invoer.persoon(),
            invoer.gegevens_of_none(sig),
            now,
            invoer.validated_data.get("reden", ""),
        )
        return Response(present(sig, Zicht.VOLLEDIG))

    @extend_schema(responses={204: None})
    def delete(self, request: Request, pk: int) -> Response:
        actor = _actor_in(request, BEHEER, "Deze rol verwerpt geen signaleringen.")
        raadpleging.lees(actor, pk, clock.now())
        signalering_service.verwerp_concept(actor, pk)
        return Response(status=204)


class SignaleringTransition(APIView):
    NAMES = ("registreer", "beeindig", "verwijder")

    @extend_schema(request=s.TransitieSerializer, responses=s.SignaleringVolledigSerializer)
    def post(self, request: Request, pk: int, name: str) -> Response:
        actor = _actor_in(request, BEHEER, "Deze rol beheert geen signaleringen.")
        now = clock.now()
        raadpleging.lees(actor, pk, now)  # 404 for what the caller may not see
        if name not in self.NAMES:
            return Response(
                {"detail": f"Onbekende transitie; kies uit {', '.join(self.NAMES)}."}, status=404
            )
        body = _valid(s.TransitieSerializer, request).validated_data
        if name == "registreer":
            sig = signalering_service.registreer(actor, pk, now)
        elif name == "beeindig":
            if not body.get("eindreden"):
                return Response({"eindreden": ["Verplicht bij beëindigen."]}, status=400)
            sig = signalering_service.beeindig(
                actor, pk, body["eindreden"], now, body.get("reden", "")
            )
        else:
            sig = purging.verwijder_na_bericht(actor, pk, now)
            return Response(present(sig, Zicht.RESTANT))
        return Response(present(sig, Zicht.VOLLEDIG))


class CategorieOpening(APIView):
    """The category behind the blokkade of one concrete applicant (ch. 13.3), never by id."""

    @extend_schema(request=s.CategorieVerzoekSerializer, responses=s.CategorieAntwoordSerializer)
    def post(self, request: Request) -> Response:
        _actor_in(request, ANDERE_BLOKKADE, "Deze rol opent geen categorie.")
        body = _valid(s.CategorieVerzoekSerializer, request).validated_data
        aanvrager = raadpleging.Aanvrager(
            body["inschrijfnummer"], body["voornaam"], body["achternaam"], body["geboortedatum"]
        )
        delen = raadpleging.open_categorie(
            _actor(request), aanvrager, body["doel"], body["kenmerk"], clock.now()
        )
        return Response({"inschrijfnummer": aanvrager.inschrijfnummer, "blokkades": delen})


def _matches_for(actor: Actor) -> QuerySet[Match]:
    qs = Match.objects.select_related("inschrijving", "signalering").filter(
        signalering__samenwerkingsverband_id=actor.samenwerkingsverband_id
    )
    if actor.rol == Rol.MEDEWERKER_SWV:
        return qs
    if actor.rol == Rol.FUNCTIONARIS:
        return qs.filter(signalering__primaire_bron_id=actor.deelnemer_id)
    raise NotAllowed("Alleen functionarissen van de primaire bron beoordelen matches.")


class MatchList(APIView):
    @extend_schema(
        parameters=[
            OpenApiParameter("status", enum=s.filter_enum(s.choice_values(Match, "status")))
        ],
        responses=s.MatchSerializer(many=True),
    )
    def get(self, request: Request) -> Response:
        qs = _matches_for(_actor(request)).order_by("-gevonden_op")
        status_filter = s.query_choice(request, "status", s.choice_values(Match, "status"))
        if status_filter:
            qs = qs.filter(status=status_filter)
        actor, rows = _actor(request), list(qs[:500])
        Raadpleging.objects.bulk_create(
            Raadpleging(
                tijdstip=clock.now(),
                user_id=actor.user_id,
                rol=actor.rol,
                deelnemer_id=actor.deelnemer_id,
                signalering_id=m.signalering_id,
                actie=Raadpleging.Actie.MATCH,
                doel=Raadpleging.Doel.BEHEER,
            )
            for m in rows
        )
        return Response(s.MatchSerializer(rows, many=True).data)


class MatchTransition(APIView):
    @extend_schema(request=s.MatchBeoordelingSerializer, responses=s.MatchSerializer)
    def post(self, request: Request, pk: int, name: str) -> Response:
        actor = _actor(request)
        if not _matches_for(actor).filter(pk=pk).exists():
            return Response({"detail": "Match niet gevonden."}, status=404)
        if name not in ("bevestig", "wijs_af"):
            return Response({"detail": "Kies bevestig of wijs_af."}, status=404)
        body = _valid(s.MatchBeoordelingSerializer, request).validated_data
        match = matching.beoordeel_match(
            actor,
            pk,
            name == "bevestig",
            clock.now(),
            blokkeren=body["blokkeren"],
            blokkade_start=body.get("blokkade_start"),
            blokkade_eind=body.get("blokkade_eind"),
            reden=body.get("reden", ""),
        )
        return Response(s.MatchSerializer(match).data)


class MatchCheck(APIView):
    @extend_schema(request=s.MatchCheckSerializer, responses=s.MatchCheckAntwoordSerializer)
    def post(self, request: Request) -> Response:
        _actor_in(request, CONTROLE, "Deze rol controleert geen inschrijvingen.")
        body = _valid(s.MatchCheckSerializer, request).validated_data
        deelnemers = dict(Deelnemer.objects.values_list("pk", "code"))
        result = matching.match_check(_actor(request), now=clock.now(), **body)
        return Response(
            {
                "inschrijfnummer": result.inschrijfnummer,
                "geblokkeerd": result.geblokkeerd,
                "identiteit_wijkt_af": result.identiteit_wijkt_af,
                "blokkades": [
                    {
                        "reikwijdte": b.reikwijdte,
                        "tot": b.tot,
                        "deelnemer": deelnemers.get(b.deelnemer_id),
                    }
                    for b in result.blokkades
                ],
            }
        )


class OutboxList(APIView):
    """Delivery status of messages; the contents stay in the case (privacy officer, SWV)."""

    @extend_schema(
        parameters=[
            OpenApiParameter("status", enum=s.filter_enum(s.choice_values(OutboxMessage, "status")))
        ],
        responses=s.OutboxRegelSerializer(many=True),
    )
    def get(self, request: Request) -> Response:
        _operator(request)
        qs = OutboxMessage.objects.order_by("-created_at")
        status = s.query_choice(request, "status", s.choice_values(OutboxMessage, "status"))
        if status:
            qs = qs.filter(status=status)
        fields = (
            "id",
            "template",
            "case_type",
            "case_id",
            "channel",
            "status",
            "created_at",
            "attempts",
            "sent_at",
            "last_error",
        )
        return Response(list(qs.values(*fields)[:500]))


def _operator(request: Request) -> Actor:
    actor = _actor(request)
    if actor.rol not in (Rol.PRIVACY_OFFICER, Rol.MEDEWERKER_SWV):
        raise NotAllowed("Alleen de privacy officer en het samenwerkingsverband.")
    return actor


class OutboxTransition(APIView):
    """`opnieuw`: re-send a failed message; `geprint`: a queued letter has been printed."""

    @extend_schema(request=None, responses=s.OutboxRegelSerializer)
    def post(self, request: Request, pk: int, name: str) -> Response:
        _operator(request)
        if not OutboxMessage.objects.filter(pk=pk).exists():
            return Response({"detail": "Niet gevonden."}, status=404)
        actions = {"opnieuw": digest.resend, "geprint": digest.mark_printed}
        if name not in actions:
            return Response({"detail": "Kies opnieuw of geprint."}, status=404)
        row = actions[name](pk, clock.now())
        return Response({"id": row.pk, "status": row.status})


class OutboxLetter(APIView):
    """The PDF of a letter in the print queue."""

    @extend_schema(responses={(200, "application/pdf"): OpenApiTypes.BINARY})
    def get(self, request: Request, pk: int) -> HttpResponse:
        _operator(request)
        row = OutboxMessage.objects.filter(pk=pk, pdf__isnull=False).first()
        if row is None:
            return Response({"detail": "Geen brief."}, status=404)
        cases.log_letter(_actor(request), row.case_type, row.case_id, clock.now())
        return HttpResponse(bytes(row.pdf), content_type="application/pdf")


class DeelnemerTransition(APIView):
    TARGETS = {
        "uittreden": Deelnemer.Status.UITGETREDEN,
        "uitsluiten": Deelnemer.Status.UITGESLOTEN,
        "opschorten": Deelnemer.Status.OPGESCHORT,
        "heractiveren": Deelnemer.Status.ACTIEF,
    }

    @extend_schema(request=None, responses=s.DeelnameSerializer)
    def post(self, request: Request, code: str, name: str) -> Response:
        actor = _actor(request)
        deelnemer = Deelnemer.objects.filter(code=code).first()
        if deelnemer is None or name not in self.TARGETS:
            return Response({"detail": "Niet gevonden."}, status=404)
        deelnemer = deelname.wijzig_deelname(actor, deelnemer.pk, self.TARGETS[name], clock.now())
        return Response({"code": deelnemer.code, "status": deelnemer.status})
