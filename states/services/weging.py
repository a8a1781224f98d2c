"""The corporation's weighing when a blocked applicant comes forward (ch. 9): refused, or
accepted under additional conditions, always with reasons. Only for an applicant that is blocked
for this corporation now; recorded against the signaleringen behind the blokkade."""

from __future__ import annotations

from datetime import datetime

from django.db import transaction

from states.clock import local_date
from states.models import (
    Inschrijving,
    Match,
    Signalering,
    Weging,
    WegingMoment,
    Wegingstelling,
    WegingUitkomst,
)
from states.policy import PolicyError
from states.roles import Actor, NotPossible, Rol
from states.services.common import require
from states.visibility import blokkeert_deelnemer

MAX_TEKST = 2000


def blokkerend(actor: Actor, inschrijving: Inschrijving, now: datetime) -> list[Signalering]:
    """The signaleringen that block this applicant for the actor's corporation today."""
    vandaag = local_date(now)
    sigs = Signalering.objects.filter(
        samenwerkingsverband_id=actor.samenwerkingsverband_id,
        state="geblokkeerd",
        matches__inschrijving=inschrijving,
        matches__status=Match.Status.BEVESTIGD,
    ).distinct()
    return [s for s in sigs if blokkeert_deelnemer(s, actor.deelnemer_id, vandaag)]


def _tekst(value: str) -> str:
    return value.replace("\x00", "").strip()


def _controleer(moment: str, uitkomst: str, voorwaarden: str, motivering: str) -> None:
    errors: dict[str, list[str]] = {}
    if moment not in WegingMoment.values:
        errors["moment"] = ["Kies het moment van de afweging."]
    if uitkomst not in WegingUitkomst.values:
        errors["uitkomst"] = ["Kies: geweigerd, of geaccepteerd onder aanvullende voorwaarden."]
    if uitkomst == WegingUitkomst.VOORWAARDEN and not voorwaarden:
        errors["voorwaarden"] = ["Noem de aanvullende voorwaarden (hoofdstuk 9)."]
    if not motivering:
        errors["motivering"] = ["Geef de redenen van de afweging."]
    for name, value in (("voorwaarden", voorwaarden), ("motivering", motivering)):
        if len(value) > MAX_TEKST:
            errors.setdefault(name, []).append(f"Hoogstens {MAX_TEKST} tekens.")
    if errors:
        raise PolicyError(errors)


@transaction.atomic
def leg_vast(
    actor: Actor,
    inschrijfnummer: str,
    moment: str,
    uitkomst: str,
    voorwaarden: str,
    motivering: str,
    now: datetime,
) -> Weging:
    require(actor.rol == Rol.FUNCTIONARIS, "Alleen een geautoriseerd functionaris weegt af.")
    voorwaarden, motivering = _tekst(voorwaarden), _tekst(motivering)
    _controleer(moment, uitkomst, voorwaarden, motivering)
    if uitkomst == WegingUitkomst.GEWEIGERD:
        voorwaarden = ""
    inschrijving = Inschrijving.objects.filter(
        samenwerkingsverband_id=actor.samenwerkingsverband_id,
        inschrijfnummer=inschrijfnummer[:40],
    ).first()
    achter = blokkerend(actor, inschrijving, now) if inschrijving else []
    if not achter:
        raise NotPossible(
            "Deze woningzoekende is voor uw corporatie niet geblokkeerd: er is niets af te wegen."
        )
    weging = Weging.objects.create(
        samenwerkingsverband_id=actor.samenwerkingsverband_id,
        deelnemer_id=actor.deelnemer_id,
        inschrijving=inschrijving,
        moment=moment,
        uitkomst=uitkomst,
        voorwaarden=voorwaarden,
        motivering=motivering,
        vastgelegd_door_id=actor.user_id,
        vastgelegd_op=now,
    )
    weging.signaleringen.set(achter)
    Wegingstelling.objects.create(
        samenwerkingsverband_id=actor.samenwerkingsverband_id,
        deelnemer_id=actor.deelnemer_id,
        maand=local_date(now).replace(day=1),
        moment=moment,
        uitkomst=uitkomst,
    )
    return weging


def van_signalering(sig: Signalering) -> list[Weging]:
    """The weighings behind this signalering, newest first (its primaire bron and the person)."""
    return list(sig.wegingen.select_related("deelnemer").order_by("-vastgelegd_op", "-pk"))
