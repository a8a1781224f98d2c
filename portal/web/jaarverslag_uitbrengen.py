"""Bringing the yearly report out (ch. 22): the region's staff send the report of a year to the
participants' directie and the privacy officer; the PDF is kept exactly as sent, and those it
was sent to download that copy."""

from __future__ import annotations

from django import forms
from django.contrib import messages
from django.http import Http404, HttpRequest, HttpResponse
from django.shortcuts import redirect
from django.template.loader import render_to_string
from django.urls import reverse

from portal import clock
from portal.web.common import require_rol, with_actor
from portal.web.jaarverslag import context_voor
from portal.web.pdf import html_naar_pdf
from states.jaarverslag import Bereik, maak
from states.models import Jaarverslag
from states.roles import Actor, NotAllowed, NotPossible, Rol
from states.services import jaarverslag as service


class UitbrengForm(forms.Form):
    nagelezen = forms.BooleanField(
        label="Ik heb het verslag nagelezen; stuur het naar de directies en de privacy officer.",
        error_messages={"required": "Vink aan dat u het verslag hebt nagelezen."},
    )


def _verslag(actor: Actor, pk: int) -> Jaarverslag:
    verslag = Jaarverslag.objects.filter(pk=pk).first()
    if verslag is None or not service.mag_lezen(actor, verslag):
        raise Http404("Dit jaarverslag bestaat niet.")
    return verslag


@with_actor
def uitbrengen(request: HttpRequest, actor: Actor, pk: int) -> HttpResponse:
    require_rol(actor, Rol.MEDEWERKER_SWV)
    if request.method != "POST":
        raise Http404("Alleen met het formulier.")
    verslag = _verslag(actor, pk)
    terug = f"{reverse('jaarverslag')}?jaar={verslag.jaar}"
    form = UitbrengForm(request.POST)
    if not form.is_valid():
        messages.error(request, form.errors["nagelezen"][0])
        return redirect(terug)
    now = clock.now()
    inhoud = maak(Bereik(verslag.samenwerkingsverband_id, verslag.jaar), now)
    pdf = html_naar_pdf(render_to_string("portal/jaarverslag_pdf.html", context_voor(inhoud)))
    try:
        service.breng_uit(actor, verslag.pk, pdf, now)
    except (NotAllowed, NotPossible):
        messages.error(request, "Dit jaarverslag is al uitgebracht.")
        return redirect(terug)
    messages.success(
        request,
        f"Het jaarverslag {verslag.jaar} is uitgebracht aan de directies en de privacy officer.",
    )
    return redirect(terug)


@with_actor
def uitgebracht_pdf(request: HttpRequest, actor: Actor, pk: int) -> HttpResponse:
    verslag = _verslag(actor, pk)
    if not verslag.pdf:
        raise Http404("Dit jaarverslag is nog niet uitgebracht.")
    response = HttpResponse(bytes(verslag.pdf), content_type="application/pdf")
    response["Content-Disposition"] = (
        f'attachment; filename="jaarverslag-{verslag.jaar}-uitgebracht.pdf"'
    )
    response["Cache-Control"] = "no-store"
    return response
