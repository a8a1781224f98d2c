"""The person files a klacht with the directie: which registration, why, check, confirmation."""

from __future__ import annotations

from typing import Any

from django import forms
from django.http import HttpRequest, HttpResponse
from django.shortcuts import redirect, render
from django.utils.translation import gettext as _t
from django.utils.translation import gettext_lazy as _

from portal import clock
from portal.web.betrokkene import _betrokkene, _open_deadline, zaak_titel
from portal.web.betrokkene_flow import Flow, Step, confirm_page, open_step
from portal.web.common import own_case, with_actor
from states.models import Betrokkene
from states.roles import Actor
from states.services import klacht as klacht_service
from states.services.intake import Indiening


def open_registraties(account: Betrokkene) -> list[Any]:
    return list(
        account.signaleringen.filter(state__in=["geregistreerd", "geblokkeerd"]).order_by("pk")
    )


class RegistratieForm(forms.Form):
    signalering = forms.TypedChoiceField(
        label=_("Over welke registratie gaat uw klacht?"),
        widget=forms.RadioSelect,
        coerce=int,
        error_messages={"required": _("Kies de registratie waarover uw klacht gaat.")},
    )

    def __init__(self, *args: Any, account: Betrokkene, answers: dict, **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        self.fields["signalering"].choices = [
            (s.pk, _t("Registratie door %(bron)s") % {"bron": s.primaire_bron.naam})
            for s in open_registraties(account)
        ]


class GrondenForm(forms.Form):
    gronden = forms.CharField(
        label=_("Waarom is de registratie volgens u niet terecht?"),
        widget=forms.Textarea,
        max_length=5000,
        help_text=_("Schrijf in uw eigen woorden wat er volgens u niet klopt."),
        error_messages={"required": _("Schrijf waarom de registratie volgens u niet klopt.")},
    )

    def __init__(self, *args: Any, account: Betrokkene, answers: dict, **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)


FLOW = Flow(
    key="klacht",
    steps=(
        Step(
            "registratie",
            RegistratieForm,
            _("Over welke registratie gaat uw klacht?"),
            lambda account, answers: len(open_registraties(account)) != 1,
        ),
        Step("gronden", GrondenForm, _("Waarom is de registratie volgens u niet terecht?")),
    ),
    button=_("Doorgaan"),
    start="nieuwe_klacht",
)


def _account_answers(request: HttpRequest, account: Betrokkene) -> None:
    answers = FLOW.answers(request)
    eigen = open_registraties(account)
    if "signalering" not in answers and len(eigen) == 1:
        answers["signalering"] = eigen[0].pk
        answers["_done"] = sorted(set(answers.get("_done", [])) | {"registratie"})
        FLOW.save(request, answers)


@with_actor
def nieuwe_klacht(request: HttpRequest, actor: Actor) -> HttpResponse:
    account = _betrokkene(actor)
    if request.method == "POST":
        FLOW.save(request, {})
        _account_answers(request, account)
        return redirect(FLOW.next_url(account, FLOW.answers(request), None))
    return render(request, "portal/klacht_start.html", {})


@with_actor
def klacht_stap(request: HttpRequest, actor: Actor, stap: str) -> HttpResponse:
    account = _betrokkene(actor)
    _account_answers(request, account)
    if stap == "controle":
        return confirm_page(
            request,
            FLOW,
            account,
            lambda answers: _rijen(account, answers),
            lambda answers: _dien_in(actor, answers),
            {"titel": _t("Controleer uw klacht"), "knop": _t("Klacht versturen")},
        )
    if stap == "klaar":
        return _klaar(request, actor)
    return open_step(request, FLOW, stap, account)


def _rijen(account: Betrokkene, answers: dict[str, Any]) -> list[tuple[Any, str, str]]:
    sig = next((s for s in open_registraties(account) if s.pk == answers.get("signalering")), None)
    naam = _t("Registratie door %(bron)s") % {"bron": sig.primaire_bron.naam} if sig else "—"
    return [
        (_t("Registratie"), naam, "registratie"),
        (_t("Waarom"), answers.get("gronden", ""), "gronden"),
    ]


def _dien_in(actor: Actor, answers: dict[str, Any]) -> Any:
    return klacht_service.dien_in(
        actor,
        "a",
        answers.get("gronden", ""),
        Indiening(kanaal="portaal", signalering_id=answers.get("signalering")),
        clock.now(),
    )


def _klaar(request: HttpRequest, actor: Actor) -> HttpResponse:
    pk = request.session.get("klacht_klaar")
    if pk is None:
        return redirect("mijn")
    case = own_case(actor, "klacht", pk)
    return render(
        request,
        "portal/klaar.html",
        {
            "case": case,
            "titel": _t("Uw klacht is ontvangen"),
            "soort": zaak_titel(case),
            "deadline": _open_deadline(case),
            "verder": _t(
                "De directie bevestigt de ontvangst en beoordeelt uw klacht. U krijgt een "
                "schriftelijke reactie. Krijgt u die niet op tijd, of bent u het er niet mee "
                "eens, dan kunt u naar de Geschillencommissie."
            ),
        },
    )
