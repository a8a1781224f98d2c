"""The person's complete data as JSON, downloaded by the privacy officer handling an access
request (AVG art. 15(3); protocol ch. 15.2). Every download is in the read log, per record.

Not offered in the portal: the answer to an access request is the decided copy (ch. 15: within
four weeks, identity checked); a self-service machine-readable file is portability, which has
no function under this protocol (ch. 15.6)."""

from __future__ import annotations

import json

from django.core.serializers.json import DjangoJSONEncoder
from django.http import Http404, HttpRequest, HttpResponse

from portal import clock
from portal.inzage_export import voor_verzoek
from portal.web.common import require_rol, with_actor
from states.models import Raadpleging, Verzoek
from states.roles import Actor, Rol


@with_actor
def inzage_kopie(request: HttpRequest, actor: Actor, pk: int) -> HttpResponse:
    require_rol(actor, Rol.PRIVACY_OFFICER)
    verzoek = Verzoek.objects.filter(
        pk=pk, samenwerkingsverband_id=actor.samenwerkingsverband_id, soort="inzage"
    ).first()
    if verzoek is None:
        raise Http404("Niet gevonden.")
    now = clock.now()
    kopie = voor_verzoek(verzoek, now)
    gelezen = [Raadpleging(signalering_id=s["id"]) for s in kopie["signaleringen"]] + [
        Raadpleging(case_type="verzoek", case_id=verzoek.pk)
    ]
    for row in gelezen:
        row.tijdstip, row.user_id, row.rol = now, actor.user_id, actor.rol
        row.deelnemer_id, row.actie = actor.deelnemer_id, Raadpleging.Actie.KOPIE
        row.doel = Raadpleging.Doel.TOEZICHT
    Raadpleging.objects.bulk_create(gelezen)
    body = json.dumps(kopie, cls=DjangoJSONEncoder, ensure_ascii=False, indent=2)
    response = HttpResponse(body, content_type="application/json; charset=utf-8")
    response["Content-Disposition"] = f'attachment; filename="inzage-verzoek-{pk}.json"'
    response["Cache-Control"] = "no-store"
    return response
