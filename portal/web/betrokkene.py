"""The person's portal: sign in, see what is registered, file, follow, read every letter."""

from __future__ import annotations

from typing import Any

from django import forms
from django.contrib import messages
from django.contrib.auth import login
from django.http import Http404, HttpRequest, HttpResponse
from django.shortcuts import redirect, render
from django.utils.text import format_lazy
from django.utils.translation import gettext as _t
from django.utils.translation import gettext_lazy as _

from notifications.letter_layout import letter_for
from notifications.letters import render_letter_pdf
from notifications.models import OutboxMessage
from notifications.receivers import ACCOUNT
from notifications.rendering import render as render_notice
from portal import clock, signin
from portal.web.common import domain_errors, own_case, with_actor
from states.models import Betrokkene, Deadline, Geschil, Klacht, Raadpleging, Verzoek
from states.roles import Actor, Rol
from states.services import cases, portaalcode
from states.services import geschil as geschil_service
from states.services import klacht as klacht_service
from states.services import verzoek as verzoek_service
from states.services.intake import Indiening
from states.services.notice_contents import context_for

SOORT_KEUZE = {
    "inzage": (
        _("Inzage en afschrift"),
        _("U krijgt een kopie van alle gegevens die over u zijn vastgelegd."),
    ),
    "rectificatie": (
        _("Correctie"),
        _("Een gegeven over u klopt niet of is onvolledig; u vraagt het te verbeteren."),
    ),
    "wissing": (
        _("Verwijdering"),
        _("U vraagt uw gegevens te verwijderen, bijvoorbeeld omdat ze niet meer nodig zijn."),
    ),
    "beperking": (
        _("Beperking"),
        _("Het gebruik van uw gegevens stopt tijdelijk, zolang er iets wordt uitgezocht."),
    ),
    "bezwaar": (_("Bezwaar"), _("U bent het niet eens met uw plaatsing op de lijst.")),
    "nieuwe_kans": (
        _("Nieuwe kans"),
        _("U laat zien dat uw situatie veranderd is en vraagt om een nieuwe kans."),
    ),
}
STATE_UITLEG = {
    "ontvangen": _("Ontvangen; nog niet in behandeling."),
    "in_behandeling": _("Wordt behandeld."),
    "besloten": _("Er is een besluit genomen."),
    "uitgevoerd": _("Het besluit is uitgevoerd."),
    "afgesloten": _("Afgesloten."),
    "samengevoegd": _("Samengevoegd met uw eerdere, gelijke verzoek."),
    "ingetrokken": _("Ingetrokken."),
    "bevestigd": _("Ontvangst bevestigd; de directie beoordeelt uw klacht."),
    "gegrond": _("Uw klacht is gegrond verklaard."),
    "ongegrond": _("Uw klacht is ongegrond verklaard."),
    "termijn_verstreken": _(
        "U kreeg niet op tijd een reactie; u kunt naar de Geschillencommissie."
    ),
    "hersteld": _("Hersteld."),
    "ingediend": _("Ingediend bij de Geschillencommissie."),
    "advies_gegrond": _("De Geschillencommissie heeft u gelijk gegeven."),
    "advies_ongegrond": _("De Geschillencommissie heeft u geen gelijk gegeven."),
    "doorverwezen_huurcommissie": _("Doorverwezen naar de Huurcommissie."),
}


class EmailForm(forms.Form):
    email = forms.EmailField(label=_("Uw e-mailadres"))


class CodeForm(forms.Form):
    email = forms.EmailField(label=_("Uw e-mailadres"))
    code = forms.CharField(label=_("De code uit de e-mail"), max_length=6, min_length=6)


def inloggen(request: HttpRequest) -> HttpResponse:
    form = EmailForm(request.POST or None)
    if request.method == "POST" and form.is_valid():
        signin.request_code(
            form.cleaned_data["email"], clock.now(), request.build_absolute_uri("/").rstrip("/")
        )
        request.session["signin_email"] = form.cleaned_data["email"]
        return redirect("inloggen_code")
    return render(request, "portal/inloggen.html", {"form": form})


def inloggen_code(request: HttpRequest) -> HttpResponse:
    form = CodeForm(
        request.POST or None, initial={"email": request.session.get("signin_email", "")}
    )
    if request.method == "POST" and form.is_valid():
        user = signin.by_code(form.cleaned_data["email"], form.cleaned_data["code"], clock.now())
        if user is not None:
            login(request, user, backend="django.contrib.auth.backends.ModelBackend")
            return redirect("mijn")
        form.add_error(
            "code", _t("Deze code klopt niet of is verlopen. Vraag een nieuwe code aan.")
        )
    return render(request, "portal/inloggen_code.html", {"form": form})


def inloggen_link(request: HttpRequest, token: str) -> HttpResponse:
    user = signin.by_token(token, clock.now())
    if user is None:
        messages.info(request, _t("Deze link is verlopen of al gebruikt. Vraag een nieuwe aan."))
        return redirect("inloggen")
    login(request, user, backend="django.contrib.auth.backends.ModelBackend")
    return redirect("mijn")


def _betrokkene(actor: Actor) -> Betrokkene:
    if actor.rol != Rol.BETROKKENE:
        raise Http404("Dit portaal is voor betrokkenen.")
    return Betrokkene.objects.get(user_id=actor.user_id)


def _open_deadline(case: Any) -> Deadline | None:
    """The date by which the person gets an answer (not the internal acknowledgement term)."""
    return (
        Deadline.objects.filter(case_type=case.CASE_TYPE, case_id=case.pk, status="open")
        .exclude(kind="klacht_bevestigen")
        .order_by("due_at")
        .first()
    )


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
        {"case": c, "deadline": _open_deadline(c), "uitleg": STATE_UITLEG.get(c.state, "")}
        for model in (Verzoek, Klacht, Geschil)
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


class VerzoekForm(forms.Form):
    soort = forms.ChoiceField(
        label=_("Wat wilt u vragen?"),
        widget=forms.RadioSelect,
        choices=[
            (k, format_lazy("{} – {}", label, uitleg)) for k, (label, uitleg) in SOORT_KEUZE.items()
        ],
    )
    signalering = forms.TypedChoiceField(
        label=_("Over welke registratie?"), coerce=int, required=False, empty_value=None
    )
    toelichting = forms.CharField(
        label=_("Toelichting"),
        widget=forms.Textarea,
        required=False,
        help_text=_("Schrijf in uw eigen woorden wat u wilt en waarom."),
    )
    veld = forms.ChoiceField(
        label=_("Welk gegeven moet anders? (alleen bij rectificatie)"),
        required=False,
        choices=[
            ("", "—"),
            ("voornaam", _("Voornaam")),
            ("achternaam", _("Achternaam")),
            ("geboortedatum", _("Geboortedatum (JJJJ-MM-DD)")),
            ("straat", _("Straat")),
            ("huisnummer", _("Huisnummer")),
            ("postcode", _("Postcode")),
            ("woonplaats", _("Woonplaats")),
            ("email", _("E-mailadres")),
        ],
    )
    nieuwe_waarde = forms.CharField(label=_("Wat is het juiste gegeven?"), required=False)

    def __init__(self, *args: Any, account: Betrokkene, **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        self.fields["signalering"].choices = [("", _("Ik weet het niet"))] + [
            (
                s.pk,
                _t("Registratie door %(bron)s (sinds %(sinds)s)")
                % {"bron": s.primaire_bron.naam, "sinds": f"{s.ingangsdatum:%d-%m-%Y}"},
            )
            for s in account.signaleringen.exclude(state="verwijderd")
        ]


@with_actor
def nieuw_verzoek(request: HttpRequest, actor: Actor) -> HttpResponse:
    account = _betrokkene(actor)
    form = VerzoekForm(
        request.POST or None, account=account, initial={"soort": request.GET.get("soort", "")}
    )
    if request.method == "POST" and form.is_valid():
        data = form.cleaned_data
        correctie = (
            {data["veld"]: data["nieuwe_waarde"]}
            if data["soort"] == "rectificatie" and data["veld"]
            else None
        )
        case = domain_errors(
            form,
            lambda: verzoek_service.dien_in(
                actor,
                data["soort"],
                Indiening(
                    kanaal="portaal",
                    toelichting=data["toelichting"],
                    signalering_id=data["signalering"],
                ),
                clock.now(),
                correctie,
            ),
        )
        if case is not None:
            messages.success(
                request, _t("Uw verzoek is ontvangen. U krijgt een bevestiging per e-mail.")
            )
            return redirect("mijn_zaak", case_type="verzoek", pk=case.pk)
    return render(
        request,
        "portal/formulier.html",
        {
            "form": form,
            "titel": _t("Een verzoek indienen"),
            "intro": _t(
                "Wij beslissen binnen vier weken na ontvangst en laten u dat schriftelijk weten. "
                "Uw gegevens meenemen naar een andere organisatie (overdraagbaarheid, artikel 20 "
                "AVG) kan hier niet: de lijst rust op gerechtvaardigd belang, niet op uw "
                "toestemming of een overeenkomst (protocol 15.6). Inzage en een afschrift "
                "krijgt u wel."
            ),
            "knop": _t("Verzoek versturen"),
        },
    )


class KlachtForm(forms.Form):
    signalering = forms.TypedChoiceField(label=_("Over welke registratie?"), coerce=int)
    gronden = forms.CharField(
        label=_("Waarom is de registratie volgens u niet terecht?"), widget=forms.Textarea
    )

    def __init__(self, *args: Any, account: Betrokkene, **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        self.fields["signalering"].choices = [
            (s.pk, _t("Registratie door %(bron)s") % {"bron": s.primaire_bron.naam})
            for s in account.signaleringen.filter(state__in=["geregistreerd", "geblokkeerd"])
        ]


@with_actor
def nieuwe_klacht(request: HttpRequest, actor: Actor) -> HttpResponse:
    account = _betrokkene(actor)
    form = KlachtForm(request.POST or None, account=account)
    if request.method == "POST" and form.is_valid():
        data = form.cleaned_data
        case = domain_errors(
            form,
            lambda: klacht_service.dien_in(
                actor,
                "a",
                data["gronden"],
                Indiening(kanaal="portaal", signalering_id=data["signalering"]),
                clock.now(),
            ),
        )
        if case is not None:
            messages.success(request, _t("Uw klacht is ontvangen door de directie."))
            return redirect("mijn_zaak", case_type="klacht", pk=case.pk)
    return render(
        request,
        "portal/formulier.html",
        {
            "form": form,
            "titel": _t("Een klacht indienen bij de directie"),
            "intro": _t(
                "U krijgt binnen vier weken een schriftelijke reactie. Krijgt u die niet, "
                "of bent u het er niet mee eens, dan kunt u naar de "
                "Geschillencommissie."
            ),
            "knop": _t("Klacht versturen"),
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
            "case_type": case_type,
            "deadline": _open_deadline(case),
            "uitleg": STATE_UITLEG.get(case.state, ""),
            "history": case.history.order_by("history_date", "history_id"),
            "letters": letters,
            "geschil_form": geschil_form,
            "klacht_form": klacht_form,
        },
    )


def _letters(case_type: str, ids: list[int]) -> list[dict[str, Any]]:
    rows = OutboxMessage.objects.filter(
        case_type=case_type, case_id__in=ids, for_betrokkene=True
    ).order_by("created_at")
    return [
        {"row": r, "subject": render_notice(r.template, r.context, r.language).subject}
        for r in rows
    ]


@with_actor
def mijn_brief(request: HttpRequest, actor: Actor, pk: int) -> HttpResponse:
    row = OutboxMessage.objects.filter(pk=pk, for_betrokkene=True).first()
    if row is None or row.case_type not in ("verzoek", "klacht", "geschil", "signalering", ACCOUNT):
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
