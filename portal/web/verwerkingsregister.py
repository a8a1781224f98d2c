"""The register entry for the list (art. 30 AVG), generated from the protocol version in force:
a page for the region's staff and the corporations' directie, and a plain printable version."""

from __future__ import annotations

from django.http import HttpRequest, HttpResponse
from django.shortcuts import render

from portal import clock
from portal.web.common import require_rol, with_actor
from states.models import Samenwerkingsverband
from states.roles import Actor, Rol
from states.services.verwerkingsregister import geldend_register

# The controllers answer for the register (art. 30(1), 26 AVG): each corporation's directie, and
# for the samenwerkingsverband its staff and privacy officer.
ROLLEN = (Rol.MEDEWERKER_SWV, Rol.PRIVACY_OFFICER, Rol.DIRECTIE)


def _context(actor: Actor) -> dict:
    swv = Samenwerkingsverband.objects.get(pk=actor.samenwerkingsverband_id)
    now = clock.now()
    return {"register": geldend_register(swv, now), "opgesteld_op": now}


@with_actor
def verwerkingsregister(request: HttpRequest, actor: Actor) -> HttpResponse:
    require_rol(actor, *ROLLEN)
    return render(request, "portal/verwerkingsregister.html", _context(actor))


@with_actor
def verwerkingsregister_afdrukken(request: HttpRequest, actor: Actor) -> HttpResponse:
    require_rol(actor, *ROLLEN)
    return render(request, "portal/verwerkingsregister_afdrukken.html", _context(actor))
