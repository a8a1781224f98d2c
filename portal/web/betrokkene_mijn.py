"""The person's own pages: the overview, a case page, every letter, linking a letter."""

from __future__ import annotations

from typing import Any

from django import forms
from django.contrib import messages
from django.http import Http404, HttpRequest, HttpResponse
from django.shortcuts import redirect, render
from django.utils.translation import gettext as _t
from django.utils.translation import gettext_lazy as _

from notifications.letter_layout import letter_for
from notifications.letters import render_letter_pdf
from notifications.models import OutboxMessage
from notifications.receivers import ACCOUNT
from notifications.rendering import render as render_notice
from portal import clock
from portal.web.betrokkene import (
    STATE_UITLEG,
    _betrokkene,
    _letters,
    _open_deadline,
    zaak_titel,
)
from portal.web.common import CASE_MODELS, domain_errors, own_case, with_actor
from states.models import Geschil, Hardheidsverzoek, Klacht, Raadpleging, Verzoek
from states.roles import Actor
from states.services import cases, portaalcode
from states.services import geschil as geschil_service
from states.services import klacht as klacht_service
from states.services.intake import Indiening
from states.services.notice_contents import context_for


@with_actor
def mijn(request: HttpRequest, actor: Actor) -> HttpResponse:
    account = _betrokkene(actor)
    now = clock.now()
    registraties = [s for s in account.signaleringen.all() if s.state != "verwijderd"]
    Raadpleging.objects.bulk_create(
        Raadpleging(
            tijdstip=now,
            user_id=actor.user_id,
            rol=actor.rol,
            signalering_id=s.pk,
            actie=Raadpleging.Actie.DETAIL,
            doel=Raadpleging.Doel.VERZOEK_BETROKKENE,
        )
        for s in registraties
    )
    bewaard = _letters(ACCOUNT, [account.pk])
    zaken = [
        {
            "case": c,
            "deadline": _open_deadline(c),
            "uitleg": STATE_UITLEG.get(c.state, ""),
            "titel": zaak_titel(c),
        }
        for model in (Verzoek, Klacht, Geschil, Hardheidsverzoek)
        for c in model.objects.filter(indiener_id=actor.user_id).order_by("-ontvangen_op")
    ]
    return render(
        request,
        "portal/mijn.html",
        {
            "registraties": [{"sig": s, "gegevens": context_for(s, now)} for s in registraties],
            "zaken": zaken,
            "brieven": _letters("signalering", [s.pk for s in registraties]) + bewaard,
            # ch. 12.4: erased from the list, but the person still sees that it ended, and why.
            "afgelopen": [b for b in bewaard if b["row"].template == "verwijdering"],
        },
    )


class KoppelForm(forms.Form):
    code = forms.CharField(
        label=_("Persoonlijke code uit uw brief"),
        max_length=20,
        help_text=_("Bijvoorbeeld ABCD-EFGH-JKLM."),
    )


@with_actor
def koppelen(request: HttpRequest, actor: Actor) -> HttpResponse:
    _betrokkene(actor)
    form = KoppelForm(request.POST or None)
    if request.method == "POST" and form.is_valid():
        sig = domain_errors(form, lambda: portaalcode.koppel(actor, form.cleaned_data["code"]))
        if sig is not None:
            messages.success(request, _t("Uw registratie is gekoppeld aan uw account."))
            return redirect("mijn")
    return render(
        request,
        "portal/formulier.html",
        {
            "form": form,
            "titel": _t("Uw brief koppelen"),
            "intro": _t(
                "Met de persoonlijke code uit de brief over uw registratie ziet u hier wat "
                "er over u is vastgelegd."
            ),
            "knop": _t("Koppelen"),
        },
    )


class KlachtBForm(forms.Form):
    gronden = forms.CharField(
        label=_("Waarom bent u het niet eens met (het uitblijven van) dit besluit?"),
        widget=forms.Textarea,
    )


class GeschilForm(forms.Form):
    gronden = forms.CharField(
        label=_("Waarom bent u het niet eens met de uitkomst?"), widget=forms.Textarea
    )
    hardheidsclausule = forms.BooleanField(
        label=_("Ik vraag ook om toepassing van de hardheidsclausule (bijzondere omstandigheden)"),
        required=False,
    )


@with_actor
def mijn_zaak(request: HttpRequest, actor: Actor, case_type: str, pk: int) -> HttpResponse:
    case = own_case(actor, case_type, pk)
    cases.log_read(actor, case, clock.now())
    geschil_form = None
    if (
        case_type == "klacht"
        and klacht_service.open_voor_geschil(case)
        and not case.geschillen.exists()
    ):
        geschil_form = GeschilForm(request.POST or None)
        if request.method == "POST" and geschil_form.is_valid():
            data = geschil_form.cleaned_data
            geschil = domain_errors(
                geschil_form,
                lambda: geschil_service.dien_in(
                    actor,
                    case.pk,
                    data["gronden"],
                    Indiening(kanaal="portaal"),
                    clock.now(),
                    data["hardheidsclausule"],
                ),
            )
            if geschil is not None:
                messages.success(request, _t("Uw geschil is ingediend bij de Geschillencommissie."))
                return redirect("mijn_zaak", case_type="geschil", pk=geschil.pk)
    klacht_form = None
    start = klacht_service.window_start(case) if case_type == "verzoek" else None
    if start is not None and start <= clock.now():  # decided, or the answer is overdue
        klacht_form = KlachtBForm(request.POST or None, prefix="b")
        if request.method == "POST" and "b-gronden" in request.POST and klacht_form.is_valid():
            klacht = domain_errors(
                klacht_form,
                lambda: klacht_service.dien_in(
                    actor,
                    "b",
                    klacht_form.cleaned_data["gronden"],
                    Indiening(kanaal="portaal"),
                    clock.now(),
                    case.pk,
                ),
            )
            if klacht is not None:
                messages.success(request, _t("Uw klacht is ontvangen door de directie."))
                return redirect("mijn_zaak", case_type="klacht", pk=klacht.pk)
    letters = _letters(case_type, [case.pk])
    return render(
        request,
        "portal/mijn_zaak.html",
        {
            "case": case,
            "titel": zaak_titel(case),
            "case_type": case_type,
            "deadline": _open_deadline(case),
            "uitleg": STATE_UITLEG.get(case.state, ""),
            "history": _verloop(case),
            "letters": letters,
            "geschil_form": geschil_form,
            "klacht_form": klacht_form,
        },
    )


def _verloop(case: Any) -> list[dict[str, Any]]:
    """Each change of state, in plain words in the person's language."""
    items, vorige = [], None
    for h in case.history.order_by("history_date", "history_id"):
        if h.state != vorige:
            eerste = vorige is None and getattr(case, "ontvangen_op", None)
            at = eerste or h.history_date  # the case starts when it was really received
            items.append({"at": at, "wat": STATE_UITLEG.get(h.state, "")})
        vorige = h.state
    return items


@with_actor
def mijn_brief(request: HttpRequest, actor: Actor, pk: int) -> HttpResponse:
    row = OutboxMessage.objects.filter(pk=pk, for_betrokkene=True).first()
    if row is None or row.case_type not in (*CASE_MODELS, "signalering", ACCOUNT):
        raise Http404("Niet gevonden.")
    if row.case_type == ACCOUNT:
        if row.case_id != _betrokkene(actor).pk:
            raise Http404("Niet gevonden.")
    elif row.case_type == "signalering":
        if not _betrokkene(actor).signaleringen.filter(pk=row.case_id).exists():
            raise Http404("Niet gevonden.")
    else:
        own_case(actor, row.case_type, row.case_id)
    cases.log_letter(actor, row.case_type, row.case_id, clock.now())
    letter = letter_for(row, render_notice(row.template, row.context, row.language))
    if request.GET.get("pdf"):
        response = HttpResponse(render_letter_pdf(letter), content_type="application/pdf")
        response["Content-Disposition"] = f'attachment; filename="brief-{row.pk}.pdf"'
        return response
    return render(request, "portal/brief.html", {"letter": letter, "row": row})
