"""The person files a verzoek: which registration, what kind, details, check, confirmation."""

from __future__ import annotations

from typing import Any

from django import forms
from django.http import HttpRequest, HttpResponse
from django.shortcuts import redirect, render
from django.utils.text import format_lazy
from django.utils.translation import gettext as _t
from django.utils.translation import gettext_lazy as _

from portal import clock
from portal.web.betrokkene import SOORT_KEUZE, _betrokkene, _open_deadline, zaak_titel
from portal.web.betrokkene_flow import Flow, Step, confirm_page, open_step
from portal.web.common import own_case, with_actor
from states.models import Betrokkene
from states.roles import Actor
from states.services import verzoek as verzoek_service
from states.services.intake import Indiening

VELDEN = [
    ("voornaam", _("Voornaam")),
    ("achternaam", _("Achternaam")),
    ("geboortedatum", _("Geboortedatum (JJJJ-MM-DD)")),
    ("straat", _("Straat")),
    ("huisnummer", _("Huisnummer")),
    ("postcode", _("Postcode")),
    ("woonplaats", _("Woonplaats")),
    ("email", _("E-mailadres")),
]
MAX_TEKST = 5000


def registraties(account: Betrokkene) -> list[Any]:
    return list(account.signaleringen.exclude(state="verwijderd").order_by("pk"))


def registratie_naam(sig: Any) -> str:
    return _t("Registratie door %(bron)s (sinds %(sinds)s)") % {
        "bron": sig.primaire_bron.naam,
        "sinds": f"{sig.ingangsdatum:%d-%m-%Y}",
    }


class RegistratieForm(forms.Form):
    signalering = forms.TypedChoiceField(
        label=_("Over welke registratie gaat uw verzoek?"),
        widget=forms.RadioSelect,
        coerce=int,
        error_messages={"required": _("Kies de registratie waarover uw verzoek gaat.")},
    )

    def __init__(self, *args: Any, account: Betrokkene, answers: dict, **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        self.fields["signalering"].choices = [
            (s.pk, registratie_naam(s)) for s in registraties(account)
        ]


class SoortForm(forms.Form):
    soort = forms.ChoiceField(
        label=_("Wat wilt u vragen?"),
        widget=forms.RadioSelect,
        choices=[
            (k, format_lazy("{} – {}", label, uitleg)) for k, (label, uitleg) in SOORT_KEUZE.items()
        ],
        error_messages={"required": _("Kies wat u wilt vragen.")},
    )

    def __init__(self, *args: Any, account: Betrokkene, answers: dict, **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)


class DetailsForm(forms.Form):
    toelichting = forms.CharField(
        label=_("Toelichting"),
        widget=forms.Textarea,
        required=False,
        max_length=MAX_TEKST,
        help_text=_("Schrijf in uw eigen woorden wat u wilt en waarom."),
    )

    def __init__(self, *args: Any, account: Betrokkene, answers: dict, **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        self.soort = answers.get("soort")
        if self.soort == "rectificatie":
            self.fields["veld"] = forms.ChoiceField(
                label=_("Welk gegeven moet anders?"),
                choices=[("", "—"), *VELDEN],
                error_messages={"required": _("Kies welk gegeven anders moet.")},
            )
            self.fields["nieuwe_waarde"] = forms.CharField(
                label=_("Wat is het juiste gegeven?"),
                max_length=200,
                error_messages={"required": _("Schrijf wat het juiste gegeven is.")},
            )

    def clean_toelichting(self) -> str:
        tekst = self.cleaned_data["toelichting"]
        if self.soort == "bezwaar" and not tekst.strip():
            raise forms.ValidationError(
                _t(
                    "Schrijf waarom u bezwaar maakt: wat in uw situatie maakt dat uw gegevens "
                    "niet gebruikt mogen worden."
                )
            )
        return tekst


FLOW = Flow(
    key="verzoek",
    steps=(
        Step(
            "registratie",
            RegistratieForm,
            _("Over welke registratie gaat uw verzoek?"),
            lambda account, answers: len(registraties(account)) > 1,
        ),
        Step("soort", SoortForm, _("Wat wilt u vragen?")),
        Step("details", DetailsForm, _("Vertel ons meer")),
    ),
    button=_("Doorgaan"),
    start="nieuw_verzoek",
)


def _account_answers(request: HttpRequest, account: Betrokkene) -> None:
    """Start from the registration the person has: with exactly one, nothing to ask."""
    answers = FLOW.answers(request)
    if "signalering" not in answers:
        eigen = registraties(account)
        answers["signalering"] = eigen[0].pk if len(eigen) == 1 else None
        FLOW.save(request, answers)


@with_actor
def nieuw_verzoek(request: HttpRequest, actor: Actor) -> HttpResponse:
    """The start page: what a verzoek is and how long it takes; the button starts afresh."""
    account = _betrokkene(actor)
    if request.method == "POST":
        answers: dict[str, Any] = {}
        if request.POST.get("soort") in SOORT_KEUZE:
            answers = {"soort": request.POST["soort"]}
        FLOW.save(request, answers)
        _account_answers(request, account)
        return redirect(FLOW.next_url(account, FLOW.answers(request), None))
    return render(
        request,
        "portal/verzoek_start.html",
        {"soort": request.GET.get("soort", "") if request.GET.get("soort") in SOORT_KEUZE else ""},
    )


@with_actor
def verzoek_stap(request: HttpRequest, actor: Actor, stap: str) -> HttpResponse:
    account = _betrokkene(actor)
    _account_answers(request, account)
    if stap == "controle":
        return confirm_page(
            request,
            FLOW,
            account,
            lambda answers: _rijen(account, answers),
            lambda answers: _dien_in(actor, answers),
            {"titel": _t("Controleer uw verzoek"), "knop": _t("Verzoek versturen")},
        )
    if stap == "klaar":
        return _klaar(request, actor)
    return open_step(request, FLOW, stap, account)


def _rijen(account: Betrokkene, answers: dict[str, Any]) -> list[tuple[Any, str, str]]:
    sig = next((s for s in registraties(account) if s.pk == answers.get("signalering")), None)
    rows = [
        (
            _t("Registratie"),
            registratie_naam(sig) if sig else _t("Geen registratie"),
            "registratie",
        ),
        (_t("Soort verzoek"), str(SOORT_KEUZE[answers["soort"]][0]), "soort"),
        (_t("Toelichting"), answers.get("toelichting") or "—", "details"),
    ]
    if answers.get("soort") == "rectificatie":
        veld = str(dict(VELDEN).get(answers.get("veld"), answers.get("veld")))
        rows.append(
            (_t("Juiste gegeven"), f"{veld}: {answers.get('nieuwe_waarde', '')}", "details")
        )
    return rows


def _dien_in(actor: Actor, answers: dict[str, Any]) -> Any:
    correctie = (
        {answers["veld"]: answers["nieuwe_waarde"]}
        if answers["soort"] == "rectificatie" and answers.get("veld")
        else None
    )
    return verzoek_service.dien_in(
        actor,
        answers["soort"],
        Indiening(
            kanaal="portaal",
            toelichting=answers.get("toelichting", ""),
            signalering_id=answers.get("signalering"),
        ),
        clock.now(),
        correctie,
    )


def _klaar(request: HttpRequest, actor: Actor) -> HttpResponse:
    pk = request.session.get("verzoek_klaar")
    if pk is None:
        return redirect("mijn")
    case = own_case(actor, "verzoek", pk)
    return render(
        request,
        "portal/klaar.html",
        {
            "case": case,
            "titel": _t("Uw verzoek is ontvangen"),
            "soort": zaak_titel(case),
            "deadline": _open_deadline(case),
            "verder": _t(
                "Wij sturen u een bevestiging per e-mail. Een medewerker behandelt uw verzoek "
                "en u krijgt het besluit schriftelijk. Duurt het langer, dan hoort u dat "
                "vóór de datum hieronder, met de reden."
            ),
        },
    )
