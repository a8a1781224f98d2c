"""The OpenAPI document: every operation lists the refusals any operation can give, and the
case answers are typed from the models, so the document and the answers cannot drift apart."""

from __future__ import annotations

import functools
from typing import Any

from django.db import models
from drf_spectacular.openapi import AutoSchema
from drf_spectacular.utils import OpenApiResponse, inline_serializer
from rest_framework import serializers

from states.models.case import TERMIJN_VELDEN

Detail = inline_serializer("Fout", {"detail": serializers.CharField()})
Veldfouten = inline_serializer(
    "Veldfouten",
    {"detail": serializers.CharField(required=False)},
)

DEADLINE_LIST_FIELDS = (
    "id",
    "case_type",
    "case_id",
    "kind",
    "status",
    "due_at",
    "last_day",
    "internal_target",
    "escalated_at",
    "suspended_since",
)
DEADLINE_FIELDS = (
    "id",
    "kind",
    "status",
    "start_at",
    "due_at",
    "last_day",
    "internal_target",
    "computation",
    "journal",
    "suspended_since",
    "escalated_at",
    "closed_at",
    "met_late",
)

# One declaration for every operation (portal.api.errors maps the domain onto these).
ERRORS: dict[str, OpenApiResponse] = {
    "400": OpenApiResponse(Veldfouten, "Ongeldige invoer: per veld wat er mis is."),
    "401": OpenApiResponse(Detail, "Geen of een ongeldige, verlopen of ingetrokken sleutel."),
    "403": OpenApiResponse(Detail, "Deze rol mag dit niet."),
    "404": OpenApiResponse(Detail, "Niet gevonden, of niet zichtbaar voor deze gebruiker."),
    "409": OpenApiResponse(Detail, "Niet mogelijk in de huidige toestand van de zaak."),
}


class SignaleringAutoSchema(AutoSchema):
    def _get_response_bodies(self, direction: Any = "response") -> dict[str, Any]:
        bodies = super()._get_response_bodies(direction)
        for code, answer in ERRORS.items():
            if code not in bodies:
                bodies[code] = self._get_response_for_code(answer, code, direction=direction)
        return bodies


def _field(model_field: models.Field) -> serializers.Field:
    """The serializer field documenting one column as `present()` shows it (by attname)."""
    if model_field.is_relation:
        return serializers.IntegerField(read_only=True, allow_null=model_field.null)
    field_class, kwargs = serializers.ModelSerializer().build_standard_field(
        model_field.name, model_field
    )
    keep = {"choices", "max_digits", "decimal_places", "allow_null", "allow_blank", "help_text"}
    kwargs = {k: v for k, v in kwargs.items() if k in keep}
    if model_field.null:
        kwargs["allow_null"] = True
    if "choices" in kwargs and model_field.blank:
        kwargs["allow_blank"] = True
    return field_class(read_only=True, **kwargs)


@functools.cache
def columns(name: str, model: type[models.Model], attnames: tuple[str, ...]) -> type:
    """A serializer documenting the given columns of `model`, as `.values()` returns them
    (one class per name: the document has one component per name)."""
    by_attname = {f.attname: f for f in model._meta.concrete_fields}
    fields: dict[str, Any] = {a: _field(by_attname[a]) for a in attnames}
    return type(name, (serializers.Serializer,), {**fields, "__module__": __name__})


class HistorieSerializer(serializers.Serializer):
    tijdstip = serializers.DateTimeField()
    state = serializers.CharField()
    door = serializers.IntegerField(allow_null=True)
    reden = serializers.CharField(allow_blank=True)


def case_columns(model: type[models.Model]) -> list[models.Field]:
    """A case's own columns; not the summary of its deadlines the database keeps for the lists
    (an instance in memory may hold it stale; the deadlines themselves are in the answer)."""
    return [f for f in model._meta.concrete_fields if f.name not in TERMIJN_VELDEN]


def case_serializer(model: type[models.Model], full: bool) -> type[serializers.Serializer]:
    """The answer for one case kind: its columns, and with `full` its file, clocks and history."""
    fields: dict[str, Any] = {f.attname: _field(f) for f in case_columns(model)}
    fields["case_type"] = serializers.CharField(read_only=True)
    if full:
        from states.models import Bijlage, Deadline
        from states.services.dossier import BIJLAGE_FIELDS

        fields["bijlagen"] = columns("Bijlage", Bijlage, BIJLAGE_FIELDS)(many=True, read_only=True)
        fields["deadlines"] = columns("Termijn", Deadline, DEADLINE_FIELDS)(
            many=True, read_only=True
        )
        fields["history"] = HistorieSerializer(many=True, read_only=True)
    name = f"{model.__name__}{'' if full else 'Kort'}"
    return type(name, (serializers.Serializer,), {**fields, "__module__": __name__})
