"""Matching applicant registrations to signaleringen, and the blokkade after (ch. 6, 12.1).

Identity is compared as a keyed hash (HMAC) of surname, first initial and birth date, so a
registration is stored without its name or birth date. A possible match only notifies the
primaire bron; its functionaris confirms or rejects, and may then decide on a blokkade.
"""

from __future__ import annotations

import hashlib
import hmac
import re
import unicodedata
from dataclasses import dataclass
from datetime import date, datetime

from django.conf import settings
from django.db import connection, transaction
from django.db.models import Q

from states.clock import local_date
from states.models import Inschrijving, Match, Medewerker, Raadpleging, Signalering
from states.models.signalering import SignaleringState
from states.notices import Notice, Recipient, request_notice
from states.policy import PolicyError
from states.roles import Actor, NotPossible, Rol
from states.services.common import fire, lock, require, stamp
from states.services.notice_contents import notice_for
from states.visibility import Blokkade, blokkades, mag_wijzigen
from states.wissing import wissing

ACTIEF = (SignaleringState.GEREGISTREERD, SignaleringState.GEBLOKKEERD)
_VERSLEUTELD = ("voornaam", "voorletters", "achternaam", "geboortedatum", "email", "straat")
_VERSLEUTELD += ("huisnummer", "postcode", "woonplaats")


def normaliseer(text: str) -> str:
    decomposed = unicodedata.normalize("NFKD", text or "")
    return re.sub(r"[^a-z]", "", decomposed.encode("ascii", "ignore").decode().lower())


def sleutel_voor(voornaam: str, achternaam: str, geboortedatum: date | None) -> str:
    """HMAC of the identity; '' when there is not enough to match on."""
    initiaal, naam = normaliseer(voornaam)[:1], normaliseer(achternaam)
    if not (initiaal and naam and geboortedatum):
        return ""
    message = f"{naam}|{initiaal}|{geboortedatum.isoformat()}".encode()
    return hmac.new(settings.MATCH_KEY.encode(), message, hashlib.sha256).hexdigest()


def _meld_mogelijke_match(match: Match, now: datetime) -> None:
    """Tell the primaire bron's functionarissen; the message names no one (ch. 6.4)."""
    sig = match.signalering
    functionarissen = Medewerker.objects.filter(
        deelnemer_id=sig.primaire_bron_id, rol=Rol.FUNCTIONARIS, user__is_active=True
    ).select_related("user")
    for medewerker in functionarissen:
        user = medewerker.user
        request_notice(
            Notice(
                key=f"match:{match.pk}:melding:{user.pk}",
                template="match_melding",
                case_type="signalering",
                case_id=sig.pk,
                recipient=Recipient.staff(user),
                now=now,
                context={
                    "match_id": match.pk,
                    "signalering_id": sig.pk,
                    "datum": local_date(now).isoformat(),
                },
            )
        )


@dataclass(frozen=True)
class Opgegeven:
    """What the applicant gave at a check: shown to the functionaris who judges the match."""

    voornaam: str
    achternaam: str
    geboortedatum: date

    def velden(self) -> dict[str, object]:
        return {
            "opgegeven_voornaam": self.voornaam[:100],
            "opgegeven_achternaam": self.achternaam[:150],
            "opgegeven_geboortedatum": self.geboortedatum,
        }


def _maak_match(
    sig: Signalering, inschrijving: Inschrijving, now: datetime, opgegeven: Opgegeven | None = None
) -> Match | None:
    velden = opgegeven.velden() if opgegeven else {}
    match, created = Match.objects.get_or_create(
        signalering=sig, inschrijving=inschrijving, defaults={"gevonden_op": now, **velden}
    )
    if created:
        _meld_mogelijke_match(match, now)
    elif velden and match.status == Match.Status.MOGELIJK:  # the latest check, still to judge
        Match.objects.filter(pk=match.pk).update(**velden)
    return match if created else None


def zoek_voor_signalering(sig: Signalering, now: datetime) -> list[Match]:
    if not sig.match_sleutel or sig.beperkt:
        return []
    inschrijvingen = Inschrijving.objects.filter(
        samenwerkingsverband_id=sig.samenwerkingsverband_id, match_sleutel=sig.match_sleutel
    )
    return [m for i in inschrijvingen if (m := _maak_match(sig, i, now))]


@dataclass(frozen=True)
class MatchCheck:
    inschrijfnummer: str
    geblokkeerd: bool
    blokkades: tuple[Blokkade, ...]
    nieuwe_matches: int
    # The number and the identity do not agree: its own answer, never "blocked" or an overwrite.
    identiteit_wijkt_af: bool = False


# One statement: insert the registration, or refresh it when the identity agrees (or the
# allocation system, which owns the registrations, changes it). No row back: the identity
# disagrees, and the row is left as it was (but locked, as the check's transaction runs on).
_REGISTRATIE = """
INSERT INTO states_inschrijving AS i
    (samenwerkingsverband_id, inschrijfnummer, match_sleutel, bijgewerkt_op)
VALUES (%s, %s, %s, %s)
ON CONFLICT (samenwerkingsverband_id, inschrijfnummer) DO UPDATE
    SET match_sleutel = excluded.match_sleutel, bijgewerkt_op = excluded.bijgewerkt_op
    WHERE i.match_sleutel = excluded.match_sleutel OR %s
RETURNING id
"""


def _registratie(
    actor: Actor, inschrijfnummer: str, sleutel: str, now: datetime
) -> Inschrijving | None:
    """The applicant registration, or None when the identity given disagrees with it. Only the
    allocation system may change a registration's identity."""
    swv = actor.samenwerkingsverband_id
    with connection.cursor() as cursor:
        cursor.execute(_REGISTRATIE, [swv, inschrijfnummer, sleutel, now, actor.rol == Rol.SYSTEEM])
        row = cursor.fetchone()
    if row is None:
        return None
    return Inschrijving(
        pk=row[0],
        samenwerkingsverband_id=swv,
        inschrijfnummer=inschrijfnummer,
        match_sleutel=sleutel,
        bijgewerkt_op=now,
    )


def _meld_afwijking(actor: Actor, bron_ids: set[int], now: datetime) -> None:
    """A check whose number and identity disagree: the privacy officer and the primaire bron's
    functionarissen are told; the message names no one."""
    staff = Medewerker.objects.filter(
        Q(rol=Rol.PRIVACY_OFFICER) | Q(rol=Rol.FUNCTIONARIS, deelnemer_id__in=bron_ids),
        samenwerkingsverband_id=actor.samenwerkingsverband_id,
        user__is_active=True,
    ).select_related("user")
    for medewerker in staff:
        user = medewerker.user
        request_notice(
            Notice(
                key=f"afwijking:{actor.user_id}:{now.isoformat()}:{user.pk}",
                template="match_afwijking",
                case_type="inschrijving",
                case_id=0,
                recipient=Recipient.staff(user),
                now=now,
                context={"datum": local_date(now).isoformat(), "rol": actor.rol},
            )
        )


def op_nummer_en_identiteit(
    actor: Actor, inschrijfnummer: str, sleutel: str
) -> tuple[list[Signalering], set[int]]:
    """The blocked signaleringen of this applicant: the number *and* the identity must agree
    (ch. 6.5: a checked match); and the primaire bronnen where only the number agreed."""
    op_nummer = list(
        Signalering.objects.filter(
            samenwerkingsverband_id=actor.samenwerkingsverband_id,
            state=SignaleringState.GEBLOKKEERD,
            inschrijfnummer=inschrijfnummer,
        ).select_related("protocol_versie")
    )
    geblokkeerd = [s for s in op_nummer if s.match_sleutel == sleutel]
    return geblokkeerd, {s.primaire_bron_id for s in op_nummer if s.match_sleutel != sleutel}


def _zoek(
    actor: Actor, inschrijfnummer: str, sleutel: str
) -> tuple[list[Signalering], list[Signalering], set[int]]:
    """One indexed read for both questions of a check: the active, unrestricted signaleringen
    with this identity (possible matches), and the blocked ones with this number, split as in
    `op_nummer_en_identiteit`. The person's encrypted fields are not read (nor decrypted)."""
    rows = list(
        Signalering.objects.filter(samenwerkingsverband_id=actor.samenwerkingsverband_id)
        .filter(
            Q(state__in=ACTIEF, match_sleutel=sleutel, beperkt=False)
            | Q(state=SignaleringState.GEBLOKKEERD, inschrijfnummer=inschrijfnummer)
        )
        .defer(*_VERSLEUTELD)
        .order_by("pk")
    )
    kandidaten = [s for s in rows if s.match_sleutel == sleutel and not s.beperkt]
    op_nummer = [
        s
        for s in rows
        if s.state == SignaleringState.GEBLOKKEERD and s.inschrijfnummer == inschrijfnummer
    ]
    geblokkeerd = [s for s in op_nummer if s.match_sleutel == sleutel]
    return kandidaten, geblokkeerd, {s.primaire_bron_id for s in op_nummer if s not in geblokkeerd}


@transaction.atomic
def match_check(
    actor: Actor,
    inschrijfnummer: str,
    voornaam: str,
    achternaam: str,
    geboortedatum: date,
    now: datetime,
) -> MatchCheck:
    """Record/refresh an applicant registration, look for matches, answer: blocked for whom?

    The allocation system (or the samenwerkingsverband) sees every blokkade; a corporation's
    bevrager or functionaris sees whether the applicant is blocked *for that corporation*.
    """
    require(
        actor.rol in (Rol.SYSTEEM, Rol.MEDEWERKER_SWV, Rol.FUNCTIONARIS, Rol.BEVRAGER),
        "Deze rol controleert geen inschrijvingen.",
    )
    sleutel = sleutel_voor(voornaam, achternaam, geboortedatum)
    if not sleutel:
        raise PolicyError({"achternaam": ["Naam en geboortedatum zijn nodig om te controleren."]})
    inschrijving = _registratie(actor, inschrijfnummer, sleutel, now)
    if inschrijving is None:
        _meld_afwijking(actor, set(), now)
        return MatchCheck(inschrijfnummer, False, (), 0, identiteit_wijkt_af=True)
    kandidaten, geblokkeerd, afwijkend = _zoek(actor, inschrijfnummer, sleutel)
    opgegeven = Opgegeven(voornaam, achternaam, geboortedatum)
    nieuw = [m for s in kandidaten if (m := _maak_match(s, inschrijving, now, opgegeven))]
    vandaag = local_date(now)
    voor = None if actor.is_regio_breed else actor.deelnemer_id
    if afwijkend:
        _meld_afwijking(actor, afwijkend, now)
    gevonden = tuple(b for s in geblokkeerd for b in blokkades(s, voor, vandaag))
    Raadpleging.objects.bulk_create(
        Raadpleging(
            tijdstip=now,
            user_id=actor.user_id,
            rol=actor.rol,
            deelnemer_id=actor.deelnemer_id,
            signalering_id=s.pk,
            actie=Raadpleging.Actie.MATCH_CHECK,
            doel=Raadpleging.Doel.TOEWIJZING
            if actor.rol == Rol.SYSTEEM
            else Raadpleging.Doel.KANDIDAATSTELLING,
            kenmerk=inschrijfnummer[:60],
        )
        for s in geblokkeerd
    )
    return MatchCheck(
        inschrijfnummer, bool(gevonden), gevonden, len(nieuw), identiteit_wijkt_af=bool(afwijkend)
    )


@transaction.atomic
def beoordeel_match(
    actor: Actor,
    match_id: int,
    bevestigd: bool,
    now: datetime,
    blokkeren: bool = False,
    blokkade_start: date | None = None,
    blokkade_eind: date | None = None,
    reden: str = "",
) -> Match:
    """The primaire bron confirms or rejects a possible match (ch. 6.5); confirming with a
    decision to block sets the blokkade with its start and end and tells the person."""
    match = Match.objects.select_for_update().select_related("inschrijving").get(pk=match_id)
    sig = lock(Signalering, match.signalering_id)
    require(mag_wijzigen(actor, sig), "Alleen de primaire bron beoordeelt deze match.")
    if match.status != Match.Status.MOGELIJK:
        raise NotPossible("Deze match is al beoordeeld.")
    if sig.state not in ACTIEF:
        raise NotPossible("De signalering loopt niet meer.")
    match.status = Match.Status.BEVESTIGD if bevestigd else Match.Status.AFGEWEZEN
    match.beoordeeld_op, match.beoordeeld_door_id = now, actor.user_id
    # Judged: what the applicant gave has served its purpose (data minimisation, ch. 12.1).
    match.opgegeven_voornaam = match.opgegeven_achternaam = ""
    match.opgegeven_geboortedatum = None
    stamp(match, actor, reden or match.get_status_display())
    match.save()
    if bevestigd:
        sig.inschrijfnummer = match.inschrijving.inschrijfnummer
        if blokkeren:
            _blokkeer(sig, actor, now, blokkade_start, blokkade_eind, reden)
        else:
            stamp(sig, actor, "match bevestigd, geen blokkade")
            sig.save()
    return match


def _blokkeer(
    sig: Signalering, actor: Actor, now: datetime, start: date | None, eind: date | None, reden: str
) -> None:
    vandaag = local_date(now)
    start = start or vandaag
    eind = eind or sig.einddatum
    if not (start < eind <= sig.einddatum):
        raise PolicyError(
            {
                "blokkade_eind": [
                    f"De blokkade eindigt na de start en uiterlijk op de einddatum "
                    f"van de signalering ({sig.einddatum:%d-%m-%Y})."
                ]
            }
        )
    fire(sig, "blokkeer")
    sig.blokkade_start, sig.blokkade_eind, sig.gewijzigd_op = start, eind, now
    stamp(sig, actor, reden or "blokkade")
    sig.save()
    request_notice(notice_for(sig, "blokkade", now))


def ontkoppel(sig: Signalering) -> None:
    """After the end the link to the registration is removed automatically (ch. 12.1)."""
    sig.inschrijfnummer = ""
    with wissing("match-ontkoppeld"):
        Match.objects.filter(signalering=sig).delete()
        Match.history.filter(signalering_id=sig.pk).delete()  # also of matches deleted by SQL
