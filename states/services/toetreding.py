"""Admission of a corporation (ch. 17 "Toetreding"): recorded by the region's staff with the
declaration the corporation signed that it will comply with the protocol in full. The new
deelnemer is active from the moment the declaration is on file, never before (ADR 0011)."""

from __future__ import annotations

import re
from dataclasses import dataclass
from datetime import date, datetime

from django.core.exceptions import ValidationError
from django.core.validators import validate_email
from django.db import transaction

from states.clock import local_date
from states.models import BesluitSoort, Deelnamebesluit, Deelnemer, Samenwerkingsverband, Toetreding
from states.policy import PolicyError
from states.roles import Actor, NotPossible, Rol
from states.services import dossier
from states.services.common import lock, require, serialize_on, stamp

EERSTE_DATUM = date(2000, 1, 1)  # older than any signalering list in the Netherlands
CODE = re.compile(r"^[a-z0-9][a-z0-9-]{1,49}$")


@dataclass(frozen=True)
class NieuweDeelnemer:
    code: str
    naam: str
    adres: str
    email: str


@dataclass(frozen=True)
class Verklaring:
    ondertekend_op: date
    ondertekenaar_naam: str
    ondertekenaar_functie: str
    bestandsnaam: str
    inhoud: bytes


def _tekst(errors: dict[str, list[str]], veld: str, waarde: str, maximum: int) -> None:
    if not waarde.strip():
        errors.setdefault(veld, []).append("Vul dit in.")
    elif len(waarde) > maximum:
        errors.setdefault(veld, []).append(f"Hoogstens {maximum} tekens.")
    elif "\x00" in waarde:
        errors.setdefault(veld, []).append("De tekst bevat een ongeldig teken.")


def controleer_verklaring(verklaring: Verklaring, now: datetime) -> None:
    """The declaration's own checks: a signing date that has been, a signer, a real document."""
    errors: dict[str, list[str]] = {}
    if verklaring.ondertekend_op > local_date(now):
        errors["ondertekend_op"] = ["De datum van ondertekening ligt in de toekomst."]
    elif verklaring.ondertekend_op < EERSTE_DATUM:
        errors["ondertekend_op"] = ["De datum van ondertekening ligt vóór 2000."]
    _tekst(errors, "ondertekenaar_naam", verklaring.ondertekenaar_naam, 200)
    _tekst(errors, "ondertekenaar_functie", verklaring.ondertekenaar_functie, 200)
    if not verklaring.inhoud:
        errors["verklaring"] = ["Voeg de getekende verklaring toe."]
    elif len(verklaring.inhoud) > dossier.MAX_BYTES:
        errors["verklaring"] = ["Hoogstens 10 MB."]
    elif dossier.soort_van(verklaring.inhoud) is None:
        errors["verklaring"] = ["Alleen een PDF, of een scan als JPEG of PNG."]
    if errors:
        raise PolicyError(errors)


def _controleer_deelnemer(gegevens: NieuweDeelnemer, swv_id: int) -> None:
    errors: dict[str, list[str]] = {}
    if not CODE.match(gegevens.code):
        errors["code"] = ["Kleine letters, cijfers en streepjes, 2 tot 50 tekens."]
    elif Deelnemer.objects.filter(code=gegevens.code).exists():
        errors["code"] = ["Deze code is al in gebruik; kies een andere."]
    _tekst(errors, "naam", gegevens.naam, 200)
    regio = Deelnemer.objects.filter(samenwerkingsverband_id=swv_id)
    if "naam" not in errors and regio.filter(naam__iexact=gegevens.naam.strip()).exists():
        # Two participants of one name would be one in every letter, list and report.
        errors["naam"] = ["Een deelnemer met deze naam neemt al deel."]
    _tekst(errors, "adres", gegevens.adres, 300)
    _tekst(errors, "email", gegevens.email, 254)
    if "email" not in errors:
        try:
            validate_email(gegevens.email.strip())
        except ValidationError:
            errors["email"] = ["Geen geldig e-mailadres."]
    if errors:
        raise PolicyError(errors)


@transaction.atomic
def laat_toe(
    actor: Actor, gegevens: NieuweDeelnemer, verklaring: Verklaring, now: datetime
) -> Deelnemer:
    """Admit a corporation: the deelnemer, its declaration and the journal row, in one go."""
    require(actor.rol == Rol.MEDEWERKER_SWV, "Alleen het samenwerkingsverband laat deelnemers toe.")
    serialize_on("toetreding", gegevens.code)  # two admissions under one code: one waits
    _controleer_deelnemer(gegevens, actor.samenwerkingsverband_id)
    controleer_verklaring(verklaring, now)
    swv = Samenwerkingsverband.objects.get(pk=actor.samenwerkingsverband_id)
    deelnemer = Deelnemer(
        samenwerkingsverband=swv,
        code=gegevens.code,
        naam=gegevens.naam.strip(),
        adres=gegevens.adres.strip(),
        email=gegevens.email.strip(),
        status=Deelnemer.Status.ACTIEF,
        status_sinds=now,
    )
    stamp(deelnemer, actor, "toegelaten met getekende verklaring (hfst. 17)")
    deelnemer.save()
    _leg_vast(actor, deelnemer, verklaring, now)
    return deelnemer


@transaction.atomic
def leg_verklaring_vast(
    actor: Actor, deelnemer_id: int, verklaring: Verklaring, now: datetime
) -> Toetreding:
    """The paper declaration of a corporation that took part before admissions were recorded
    here (ADR 0011), put on file afterwards; its participation does not change."""
    require(actor.rol == Rol.MEDEWERKER_SWV, "Alleen het samenwerkingsverband legt dit vast.")
    deelnemer = lock(Deelnemer, deelnemer_id)
    require(deelnemer.samenwerkingsverband_id == actor.samenwerkingsverband_id, "Andere regio.")
    if deelnemer.status in (Deelnemer.Status.UITGETREDEN, Deelnemer.Status.UITGESLOTEN):
        raise NotPossible("Deze deelname is beëindigd.")
    if Toetreding.objects.filter(deelnemer=deelnemer).exists():
        raise NotPossible("De verklaring van deze deelnemer is al vastgelegd.")
    controleer_verklaring(verklaring, now)
    return _leg_vast(actor, deelnemer, verklaring, now)


def _leg_vast(
    actor: Actor, deelnemer: Deelnemer, verklaring: Verklaring, now: datetime
) -> Toetreding:
    """The declaration, its document (encrypted, like every attachment) and the journal row."""
    toetreding = Toetreding(
        samenwerkingsverband_id=deelnemer.samenwerkingsverband_id,
        deelnemer=deelnemer,
        ondertekend_op=verklaring.ondertekend_op,
        ondertekenaar_naam=verklaring.ondertekenaar_naam.strip(),
        ondertekenaar_functie=verklaring.ondertekenaar_functie.strip(),
        vastgelegd_door_id=actor.user_id,
        vastgelegd_op=now,
    )
    stamp(toetreding, actor, "verklaring vastgelegd")
    toetreding.save()
    naam = verklaring.bestandsnaam.replace("\x00", "")[:200] or "verklaring"
    soort = dossier.soort_van(verklaring.inhoud) or ""
    dossier.voeg_bijlage_toe(actor, toetreding, naam, soort, verklaring.inhoud, now)
    Deelnamebesluit.objects.create(
        samenwerkingsverband_id=deelnemer.samenwerkingsverband_id,
        deelnemer=deelnemer,
        soort=BesluitSoort.TOETREDING,
        besloten_op=verklaring.ondertekend_op,
        toelichting=f"Verklaring getekend door {toetreding.ondertekenaar_naam} "
        f"({toetreding.ondertekenaar_functie}).",
        vastgelegd_door_id=actor.user_id,
        vastgelegd_op=now,
    )
    return toetreding
