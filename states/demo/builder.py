"""Build the demo: every case created by the services that staff and people use, so each state
machine, deadline, journal row and letter is the real thing. Cases are filed with a `now` in
the past, so their deadlines fall due around the real today: some this week, some overdue."""

from __future__ import annotations

from datetime import datetime, timedelta
from typing import Any

from anymail.signals import AnymailTrackingEvent, tracking
from django.contrib.auth import get_user_model
from django.db import transaction

from notifications.models import OutboxMessage
from states.access import actor_for
from states.demo.people import DEMI, DEMO_EMAIL, SIGNALERINGEN, gegevens
from states.models import Betrokkene, Deelnemer, Match, Medewerker, Samenwerkingsverband
from states.models.case import Kanaal
from states.roles import Actor
from states.services import datalek, geschil, hardheid, klacht, matching, portaalcode, verzoek
from states.services import signalering as signalering_service
from states.services.intake import Indiening

__all__ = ["DEMO_EMAIL", "build_demo_data"]


def staff(username: str) -> Actor:
    return actor_for(Medewerker.objects.select_related("user").get(user__username=username).user)


def ago(today: datetime, days: float) -> datetime:
    return today - timedelta(days=days)


def _signalering(key: str, code: str, state: str, who: dict[str, Any], when: datetime) -> Any:
    functionaris = staff(f"{code}-functionaris")
    deelnemer = Deelnemer.objects.get(code=code)
    data = gegevens(who, (when - timedelta(days=30)).date())
    sig = signalering_service.maak_concept(functionaris, deelnemer.pk, data, when)
    if state == "concept":
        return sig
    signalering_service.registreer(functionaris, sig.pk, when)
    if state == "geblokkeerd":
        # Another corporation's applicant matches: the bron confirms and blocks the offer.
        later = when + timedelta(days=3)
        matching.match_check(
            staff("wiz-systeem"),
            f"WZ-DEMO-{sig.pk}",
            who["voornaam"],
            who["achternaam"],
            who["geboortedatum"],
            later,
        )
        match = Match.objects.get(signalering=sig, status="mogelijk")
        matching.beoordeel_match(functionaris, match.pk, True, later, blokkeren=True)
    if state == "beeindigd":
        signalering_service.beeindig(functionaris, sig.pk, "nieuwe_kans", when + timedelta(days=20))
    sig.refresh_from_db()
    return sig


def _demo_person(swv: Samenwerkingsverband, sig: Any) -> Actor:
    """Demi signs in with a code by e-mail and links her registration with the letter's code."""
    User = get_user_model()
    user, created = User.objects.get_or_create(
        username=DEMO_EMAIL,
        defaults={"email": DEMO_EMAIL, "first_name": DEMI["voornaam"], "last_name": "Demo"},
    )
    if created:
        user.set_unusable_password()  # the portal signs people in by a code, never a password
        user.save()
    Betrokkene.objects.get_or_create(user=user, samenwerkingsverband=swv)
    person = actor_for(user)
    letter = OutboxMessage.objects.get(
        case_type="signalering", case_id=sig.pk, context__has_key="portaalcode"
    )
    portaalcode.koppel(person, letter.context["portaalcode"])
    return person


def _demi_cases(person: Actor, sig: Any, today: datetime) -> None:
    """An open request due this week, and a complaint judged unfounded now at the commission."""
    verzoek.dien_in(
        person,
        "inzage",
        Indiening(kanaal=Kanaal.PORTAAL, signalering_id=sig.pk, toelichting="Wat staat er?"),
        ago(today, 26),
    )
    gronden = "Er is nooit een vonnis geweest; de signalering is onrechtmatig."
    k = klacht.dien_in(
        person,
        "a",
        gronden,
        Indiening(kanaal=Kanaal.PORTAAL, signalering_id=sig.pk),
        ago(today, 45),
    )
    directie = staff("tbv-directie")
    klacht.bevestig(directie, k.pk, ago(today, 44))
    klacht.verklaar(
        directie,
        k.pk,
        False,
        "Het vonnis van de kantonrechter is onherroepelijk (demo).",
        ago(today, 30),
        adres_gehuurde_woning="Voorbeeldstraat 7, Tilburg",
    )
    geschil.dien_in(
        person,
        k.pk,
        "De directie woog mijn situatie niet.",
        Indiening(kanaal=Kanaal.PORTAAL),
        ago(today, 20),
    )


def _letter(naam: str, days: float, today: datetime, **kw: Any) -> Indiening:
    email = naam.lower().replace(" ", ".") + "@example.org"
    return Indiening(
        naam=naam, email=email, kanaal=Kanaal.BRIEF, ontvangen_op=ago(today, days), **kw
    )


def _staff_cases(sigs: dict[str, Any], today: datetime) -> None:
    """Requests and complaints staff registered from letters: due this week and overdue."""
    po = staff("wiz-privacy_officer")
    late = verzoek.dien_in(
        po,
        "inzage",
        _letter("Otto Overtijd", 35, today, voornaam="Otto", achternaam="Overtijd"),
        ago(today, 34),
    )
    _bounce(late)
    functionaris = staff("tiwos-functionaris")
    actief = sigs["actief"]
    verzoek.dien_in(
        functionaris,
        "nieuwe_kans",
        _letter("Anna Actief", 27, today, signalering_id=actief.pk),
        ago(today, 27),
    )
    klacht.dien_in(
        functionaris,
        "a",
        "Mijn schuld is afgelost.",
        _letter("Anna Actief", 25, today, signalering_id=actief.pk),
        ago(today, 25),
    )
    ley = sigs["leystromen"]
    klacht.dien_in(
        staff("leystromen-functionaris"),
        "a",
        "Ik ben nooit gehoord.",
        _letter("Lars Ley", 33, today, signalering_id=ley.pk),
        ago(today, 33),
    )


def _bounce(case: Any) -> None:
    """The e-mail to the filer bounced, as the mail provider's webhook reports it."""
    row = OutboxMessage.objects.filter(
        case_type=case.CASE_TYPE, case_id=case.pk, channel=OutboxMessage.Channel.EMAIL
    ).first()
    if row is None:
        return
    event = AnymailTrackingEvent(
        event_type="bounced",
        message_id=row.provider_message_id or None,
        metadata={"outbox_id": row.pk},
        description="Mailbox unavailable (demo)",
    )
    tracking.send(sender=None, event=event, esp_name="Demo")


def _datalek(today: datetime) -> None:
    datalek.meld(
        staff("wiz-privacy_officer"),
        "Een lijst met inschrijfnummers is per abuis naar een verkeerd adres gemaild (demo).",
        ago(today, 2),
        ago(today, 2) + timedelta(hours=1),
    )


def _hardheid(sigs: dict[str, Any], today: datetime) -> None:
    """Ch. 24: Leystromen asked the committee to apply the hardship clause; not decided yet."""
    hardheid.vraag_aan_deelnemer(
        staff("leystromen-functionaris"),
        sigs["leystromen"].pk,
        "Betrokkene is mantelzorger van een ernstig zieke ouder in de regio (demo).",
        ago(today, 10),
    )


def demo_exists() -> bool:
    return get_user_model().objects.filter(username=DEMO_EMAIL).exists()


@transaction.atomic
def build_demo_data(swv: Samenwerkingsverband, today: datetime) -> bool:
    """Build the demo once, dated around `today`; False when it is already there (seed_demo
    runs on every start)."""
    if demo_exists():
        return False
    placed = ago(today, 60)
    sigs = {
        key: _signalering(key, code, state, who, placed) for key, code, state, who in SIGNALERINGEN
    }
    person = _demo_person(swv, sigs["demi"])
    _demi_cases(person, sigs["demi"], today)
    _staff_cases(sigs, today)
    _hardheid(sigs, today)
    _datalek(today)
    return True
