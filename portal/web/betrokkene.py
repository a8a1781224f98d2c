"""The person's portal: sign in, and what the person pages share."""

from __future__ import annotations

from typing import Any

from django import forms
from django.contrib import messages
from django.contrib.auth import login
from django.http import Http404, HttpRequest, HttpResponse
from django.shortcuts import redirect, render
from django.utils.translation import gettext as _t
from django.utils.translation import gettext_lazy as _

from notifications.models import OutboxMessage
from notifications.rendering import render as render_notice
from portal import clock, signin
from states.models import Betrokkene, Deadline
from states.roles import Actor, Rol

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
    "toegewezen": _(
        "De Geschillencommissie heeft het verzoek toegewezen; de corporatie past het toe."
    ),
    "afgewezen": _("De Geschillencommissie heeft het verzoek afgewezen."),
    "toegepast": _("Toegepast: uw registratie is aangepast of beëindigd."),
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


# How a message to the person stands, in their language (the model's labels are Dutch).
KANAAL = {"email": _("E-mail"), "brief": _("Brief")}
BERICHT_STAND = {
    "pending": _("wacht op verzending"),
    "sent": _("verzonden"),
    "failed": _("niet afgeleverd; wij sturen een brief"),
    "documented": _("gedateerd en bewaard; er is geen adres bekend"),
    "print_queue": _("brief wordt geprint"),
}


def _letters(case_type: str, ids: list[int]) -> list[dict[str, Any]]:
    rows = OutboxMessage.objects.filter(
        case_type=case_type, case_id__in=ids, for_betrokkene=True
    ).order_by("created_at")
    return [
        {
            "row": r,
            "subject": render_notice(r.template, r.context, r.language).subject,
            "kanaal": KANAAL.get(r.channel, r.channel),
            "stand": BERICHT_STAND.get(r.status, ""),
        }
        for r in rows
    ]


ZAAK_SOORT = {
    "inzage": _("Verzoek om inzage"),
    "rectificatie": _("Verzoek om correctie"),
    "wissing": _("Verzoek om verwijdering"),
    "beperking": _("Verzoek om beperking"),
    "overdraagbaarheid": _("Verzoek om overdraagbaarheid"),
    "bezwaar": _("Bezwaar"),
    "nieuwe_kans": _("Verzoek om een nieuwe kans"),
    "klacht": _("Klacht bij de directie"),
    "geschil": _("Geschil bij de Geschillencommissie"),
    "hardheid": _("Verzoek om toepassing van de hardheidsclausule"),
}


def zaak_titel(case: Any) -> str:
    """What the person asked, in their words: "Verzoek om inzage"."""
    key = case.soort if case.CASE_TYPE == "verzoek" else case.CASE_TYPE
    return str(ZAAK_SOORT.get(key, case.CASE_TYPE.capitalize()))
