"""The one write path of a signalering: create, maintain, register, end, purge (ch. 6, 12).

Each function runs in one transaction, locks the row, checks role and ownership, fires the
transition, records actor and reason in the history and requests the notices the protocol
requires. Callers (API, pages, flows) pass `now`.
"""

from __future__ import annotations

import copy
from dataclasses import dataclass, field, replace
from datetime import date, datetime
from decimal import Decimal
from typing import Any

from django.db import transaction
from django.db.models import F

from states.clock import local_date
from states.models import Deelnemer, ProtocolVersie, Signalering, SignaleringState
from states.models.signalering import Eindreden
from states.notices import new_contact, request_notice
from states.policy import (
    CORPORATIE,
    Beleid,
    PolicyError,
    Reden,
    beoordeel,
    check_datums,
    eindreden_toegestaan,
    maxima,
)
from states.roles import Actor, NotAllowed, NotPossible, Rol
from states.services import matching, portaalcode, purge
from states.services.common import fire, lock, require, stamp
from states.services.notice_contents import notice_for, recipient_for
from states.visibility import mag_wijzigen

IDENTITEIT = ("voornaam", "voorletters", "achternaam", "geboortedatum", "geslacht", "email")
ADRES = ("straat", "huisnummer", "postcode", "woonplaats")
BEZWAAR = ("bezwaar_aanhangig", "uitkomst_bezwaar")


@dataclass
class Gegevens:
    """What a functionaris enters. Only the fields of ch. 12.1, plus the amount of a D claim,
    which decides the term and is then forgotten (it is not a field of ch. 12.1)."""

    redenen: list[Reden]
    ingangsdatum: date
    datum_uitzetting: date | None = None
    bedrag: Decimal | None = None
    # The chosen term per category (ch. 7); `termijn_maanden` is shorthand for "this term for
    # every category" (one category, mostly). Neither defaults to the maximum.
    termijnen: dict[str, int] | None = None
    termijn_motivering: str = ""
    persoon: dict[str, Any] = field(default_factory=dict)
    termijn_maanden: int | None = None


def termijnen_van(beleid: Beleid, gegevens: Gegevens) -> dict[str, int] | None:
    if gegevens.termijnen is not None or gegevens.termijn_maanden is None:
        return gegevens.termijnen
    return {c: gegevens.termijn_maanden for c in maxima(beleid, gegevens.redenen, gegevens.bedrag)}


def toets(sig: Signalering, gegevens: Gegevens, now: datetime) -> None:
    """The registration's rules, on a copy: raises PolicyError, changes nothing."""
    _apply_policy(copy.copy(sig), gegevens, now)


def _apply_policy(sig: Signalering, gegevens: Gegevens, now: datetime) -> None:
    """The same rules for a registration and for every later correction (ch. 7, 12.3)."""
    beleid = sig.protocol_versie.beleid
    check_datums(
        gegevens.ingangsdatum, local_date(now), gegevens.datum_uitzetting, sig.geboortedatum
    )
    oordeel = beoordeel(
        beleid,
        gegevens.redenen,
        gegevens.ingangsdatum,
        gegevens.bedrag,
        termijnen_van(beleid, gegevens),
    )
    motivering = gegevens.termijn_motivering.strip() or sig.termijn_motivering
    if not motivering:
        raise PolicyError(
            {"termijn_motivering": ["Leg vast waarom deze termijn: ernst en gevolgen (ch. 7)."]}
        )
    sig.termijn_motivering = motivering
    sig.redenen = [{"criterium": r.criterium, "grond": r.grond} for r in gegevens.redenen]
    sig.categorieen = list(oordeel.categorieen)
    sig.termijnen = oordeel.termijnen
    sig.reikwijdte = oordeel.reikwijdte
    sig.termijn_maanden = oordeel.termijn_maanden
    sig.ingangsdatum = gegevens.ingangsdatum
    sig.datum_uitzetting = gegevens.datum_uitzetting
    sig.einddatum = oordeel.einddatum
    sig.einddatum_regio = oordeel.einddatum_regio
    if sig.einddatum_regio is None or local_date(now) < sig.einddatum_regio:
        sig.regio_beeindigd_op = None
    if sig.blokkade_eind and sig.blokkade_eind > sig.einddatum:
        sig.blokkade_eind = sig.einddatum  # a blokkade never outlives its signalering


def _apply_persoon(sig: Signalering, persoon: dict[str, Any]) -> None:
    unknown = set(persoon) - set(IDENTITEIT + ADRES + BEZWAAR)
    if unknown:
        # Data minimisation by construction: nothing outside ch. 12.1 is accepted.
        raise PolicyError(
            {f: ["Dit gegeven wordt niet vastgelegd (protocol 12.1)."] for f in unknown}
        )
    for name, value in persoon.items():
        setattr(sig, name, value)
    sig.match_sleutel = matching.sleutel_voor(
        sig.voornaam or sig.voorletters, sig.achternaam, sig.geboortedatum
    )


def _check_persoon_compleet(sig: Signalering) -> None:
    missing = [f for f in ("achternaam", "geboortedatum") if not getattr(sig, f)]
    if not (sig.voornaam or sig.voorletters):
        missing.append("voornaam")
    if missing:
        raise PolicyError({f: ["Verplicht om te kunnen registreren en matchen."] for f in missing})


@transaction.atomic
def maak_concept(actor: Actor, deelnemer_id: int, gegevens: Gegevens, now: datetime) -> Signalering:
    """A draft, seen only by the primaire bron; nobody is told and nothing is shared yet."""
    deelnemer = Deelnemer.objects.get(pk=deelnemer_id)
    require(
        actor.rol == Rol.MEDEWERKER_SWV
        or (actor.rol == Rol.FUNCTIONARIS and actor.werkt_bij(deelnemer_id)),
        "Alleen een geautoriseerd functionaris van de deelnemer zelf of het samenwerkingsverband "
        "voert een signalering op.",
    )
    require(deelnemer.samenwerkingsverband_id == actor.samenwerkingsverband_id, "Andere regio.")
    if not deelnemer.is_actief:
        raise NotPossible("Deze deelnemer neemt niet (meer) deel.")
    sig = Signalering(
        samenwerkingsverband_id=deelnemer.samenwerkingsverband_id,
        protocol_versie=_geldend_protocol(deelnemer, now),
        primaire_bron=deelnemer,
        functionaris_id=actor.user_id if actor.rol == Rol.FUNCTIONARIS else None,
        aangemaakt_op=now,
        gewijzigd_op=now,
    )
    _apply_persoon(sig, gegevens.persoon)
    _apply_policy(sig, gegevens, now)
    stamp(sig, actor, "concept opgevoerd")
    sig.save()
    return sig


def _geldend_protocol(deelnemer: Deelnemer, now: datetime) -> ProtocolVersie:
    """New work runs under the version in force at `now` (ch. 23); a signalering keeps it."""
    versie = deelnemer.samenwerkingsverband.geldend_protocol(now)
    if versie is None:
        raise NotPossible("Voor dit samenwerkingsverband is geen protocol vastgesteld.")
    return versie


def _for_change(actor: Actor, pk: int) -> Signalering:
    sig = lock(Signalering, pk)
    require(
        mag_wijzigen(actor, sig),
        "Alleen de primaire bron of het samenwerkingsverband wijzigt deze signalering.",
    )
    return sig


@transaction.atomic
def wijzig(
    actor: Actor,
    pk: int,
    persoon: dict[str, Any],
    gegevens: Gegevens | None,
    now: datetime,
    reden: str = "",
) -> Signalering:
    """Maintenance by the primaire bron (ch. 12.3); a new term is recomputed from the policy."""
    sig = _for_change(actor, pk)
    if sig.state not in (SignaleringState.CONCEPT, *matching.ACTIEF):
        raise NotPossible("Een beëindigde signalering wordt niet meer gewijzigd.")
    contact_before = (sig.email, sig.adres)
    before = {name: getattr(sig, name) for name in TOLD_WHEN_CORRECTED}
    _apply_persoon(sig, persoon)
    if gegevens is not None:
        _apply_policy(sig, gegevens, now)
    elif sig.ingangsdatum is not None:
        check_datums(sig.ingangsdatum, local_date(now), sig.datum_uitzetting, sig.geboortedatum)
    sig.gewijzigd_op = now
    stamp(sig, actor, reden or "gegevens bijgewerkt")
    sig.save()
    if (sig.email, sig.adres) != contact_before and (sig.email or sig.adres):
        new_contact("signalering", sig.pk, recipient_for(sig))
    gewijzigd = sorted(n for n, v in before.items() if getattr(sig, n) != v)
    if gewijzigd and sig.state in matching.ACTIEF:
        _tell_corrected(sig, gewijzigd, reden or "gegevens bijgewerkt", now)
    return sig


# A registered person is told in writing when what is recorded about them changes (ch. 12.3);
# a new e-mail or address only releases letters that were waiting for one. Field → the words
# the letter uses (Dutch, English).
TOLD_WHEN_CORRECTED = {
    "voornaam": ("voornaam", "first name"),
    "voorletters": ("voorletters", "initials"),
    "achternaam": ("achternaam", "surname"),
    "geboortedatum": ("geboortedatum", "date of birth"),
    "geslacht": ("geslacht", "sex"),
    "redenen": ("reden van de registratie", "reason for the registration"),
    "termijnen": ("termijn per categorie", "term per category"),
    "ingangsdatum": ("datum van plaatsing", "start date"),
    "datum_uitzetting": ("datum uitzetting", "date of eviction"),
}


def _tell_corrected(sig: Signalering, gewijzigd: list[str], reden: str, now: datetime) -> None:
    notice = notice_for(sig, "gegevens_gecorrigeerd", now)
    notice.context.update(
        gewijzigd=[
            {"nl": TOLD_WHEN_CORRECTED[n][0], "en": TOLD_WHEN_CORRECTED[n][1]} for n in gewijzigd
        ],
        reden=reden,
    )
    request_notice(replace(notice, key=f"{notice.key}:{now.isoformat()}"))


@transaction.atomic
def registreer(actor: Actor, pk: int, now: datetime) -> Signalering:
    """Placed on the list (ch. 6.1–6.2): the person is told, possible matches are sought."""
    sig = _for_change(actor, pk)
    fire(sig, "registreer")
    _check_persoon_compleet(sig)
    sig.invoerdatum = local_date(now)
    if sig.einddatum <= sig.invoerdatum:
        raise PolicyError({"einddatum": ["De uitsluitingstermijn is al verstreken."]})
    code = portaalcode.nieuw()
    sig.portaalcode_hash = portaalcode.hash_van(code)
    sig.gewijzigd_op = now
    stamp(sig, actor, "geregistreerd op de signaleringslijst")
    sig.save()
    notice = notice_for(sig, "plaatsing", now)
    notice.context["portaalcode"] = code  # printed in the letter, kept only as a hash
    request_notice(notice)
    matching.zoek_voor_signalering(sig, now)
    return sig


@transaction.atomic
def beeindig(
    actor: Actor, pk: int, eindreden: str, now: datetime, toelichting: str = ""
) -> Signalering:
    """Ended (ch. 12.4): sharing stops at once, the link is removed, the person is told.

    The personal data is erased by `verwijder` once the removal notice has gone out."""
    sig = _for_change(actor, pk)
    if eindreden not in Eindreden.values:
        raise PolicyError({"eindreden": [f"Kies een van: {', '.join(Eindreden.values)}."]})
    if not eindreden_toegestaan(sig.protocol_versie.beleid, eindreden, sig.categorieen):
        raise PolicyError(
            {
                "eindreden": [
                    "Voldaan of geschikt beëindigt alleen een signalering met uitsluitend "
                    "categorie D (protocol 12.4)."
                ]
            }
        )
    if eindreden == Eindreden.TERMIJN_VERSTREKEN and local_date(now) < sig.einddatum:
        raise PolicyError({"eindreden": [f"De termijn loopt tot {sig.einddatum:%d-%m-%Y}."]})
    fire(sig, "beeindig")
    sig.eindreden = eindreden
    sig.beeindigd_op = now
    sig.gewijzigd_op = now
    matching.ontkoppel(sig)
    stamp(sig, actor, f"beëindigd: {Eindreden(eindreden).label}. {toelichting}")
    sig.save()
    request_notice(notice_for(sig, "verwijdering", now))
    return sig


@transaction.atomic
def beperk(actor: Actor, pk: int, beperkt: bool, now: datetime, reden: str = "") -> Signalering:
    """AVG art. 18: set or lift the restriction; while set, no matching and no sharing."""
    sig = _for_change(actor, pk)
    if sig.state not in (SignaleringState.CONCEPT, *matching.ACTIEF):
        raise NotPossible("Deze signalering loopt niet meer.")
    sig.beperkt, sig.beperkt_sinds, sig.gewijzigd_op = beperkt, now if beperkt else None, now
    stamp(sig, actor, f"{'beperking ingesteld' if beperkt else 'beperking opgeheven'}. {reden}")
    sig.save()
    return sig


@transaction.atomic
def verwijder(actor: Actor, pk: int, now: datetime) -> Signalering:
    """Erase every personal field, history and copy; keep the anonymous tombstone (ch. 12.4)."""
    sig = _for_change(actor, pk)
    fire(sig, "verwijder")
    purge.wis(sig, now)
    return sig


@transaction.atomic
def verwerp_concept(actor: Actor, pk: int) -> None:
    """A draft that was never registered is deleted outright, history included."""
    sig = _for_change(actor, pk)
    if sig.state != SignaleringState.CONCEPT:
        raise NotPossible("Alleen een concept kan worden verworpen; beëindig een signalering.")
    purge.verwerp(sig)


@transaction.atomic
def beeindig_regiodeel(actor: Actor, pk: int, now: datetime) -> bool:
    """The region-wide part (B, C, E) ended before the corporation part (A, D): from today the
    person is blocked only at the primaire bron, and is told so (ch. 7). Idempotent."""
    sig = _for_change(actor, pk)
    vandaag = local_date(now)
    if (
        sig.state not in matching.ACTIEF
        or sig.regio_beeindigd_op is not None
        or sig.einddatum_regio is None
        or vandaag < sig.einddatum_regio
        or sig.einddatum_regio >= sig.einddatum
    ):
        return False
    sig.regio_beeindigd_op, sig.reikwijdte, sig.gewijzigd_op = now, CORPORATIE, now
    stamp(sig, actor, "uitsluiting in de regio afgelopen; alleen nog bij de primaire bron")
    sig.save()
    request_notice(notice_for(sig, "regio_vervallen", now))
    return True


def beeindig_regiodelen(samenwerkingsverband_id: int, now: datetime) -> list[int]:
    actor = Actor.automaat(samenwerkingsverband_id)
    due = Signalering.objects.filter(
        samenwerkingsverband_id=samenwerkingsverband_id,
        state__in=matching.ACTIEF,
        regio_beeindigd_op__isnull=True,
        einddatum_regio__lte=local_date(now),
        einddatum__gt=F("einddatum_regio"),
    ).values_list("pk", flat=True)
    return [pk for pk in list(due) if beeindig_regiodeel(actor, pk, now)]


def beeindig_verlopen(samenwerkingsverband_id: int, now: datetime) -> list[int]:
    """End every signalering whose term has run out (ch. 6.7, 12.4). Idempotent."""
    actor = Actor.automaat(samenwerkingsverband_id)
    due = Signalering.objects.filter(
        samenwerkingsverband_id=samenwerkingsverband_id,
        state__in=matching.ACTIEF,
        einddatum__lte=local_date(now),
    ).values_list("pk", flat=True)
    ended = []
    for pk in list(due):
        try:
            beeindig(actor, pk, Eindreden.TERMIJN_VERSTREKEN, now, "automatisch")
            ended.append(pk)
        except (NotPossible, NotAllowed):
            continue  # ended by someone else meanwhile
    return ended
