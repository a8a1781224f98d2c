"""Changing the protocol (ch. 23): draft a new version as data, record the AP consultation,
publish the board's decision with its effective date. ADR 0012.

"Het bestuur van Woning in Zicht kan besluiten tot aanpassing of wijziging van het protocol. Een
dergelijk besluit wordt genomen nadat de aanpassingen of wijzigingen niet op bezwaren zijn
gestuit bij de Autoriteit Persoonsgegevens, voor zover toestemming is vereist. De aanpassing of
wijziging gaat in op het moment dat die openbaar is gemaakt." (ch. 23)

The samenwerkingsverband's staff draft, edit and publish; the privacy officer (the FG is the
contact point of the AP, art. 39 AVG) records the consultation, or that approval is not required
for this change, with the reason. Publication needs that record, never an AP objection.
"""

from __future__ import annotations

import copy
import re
from dataclasses import dataclass
from datetime import date, datetime, timedelta

from django.db import transaction

from states.beleid_invoer import lees
from states.clock import local_date
from states.models import ApUitkomst, ProtocolVersie, ProtocolVersieState, Samenwerkingsverband
from states.policy import EERSTE_DATUM, PolicyError, add_months
from states.roles import Actor, NotPossible, Rol
from states.services import cases
from states.services.common import fire, lock, require, stamp

# art. 36(2) AVG: the AP answers a prior consultation within eight weeks (extendable by six; an
# extension is then its answer, recorded as "bezwaar" until it speaks).
AP_TERMIJN = timedelta(weeks=8)
VERSIE_PATROON = re.compile(r"[0-9A-Za-z][0-9A-Za-z.\-]{0,19}")
MAX_VOORUIT_MAANDEN = 24  # an effective date further ahead is a typing error
TE_INFORMEREN = (Rol.DIRECTIE, Rol.FUNCTIONARIS, Rol.PRIVACY_OFFICER)


def mag_lezen(actor: Actor) -> bool:
    return actor.rol in (Rol.MEDEWERKER_SWV, Rol.PRIVACY_OFFICER)


def _eigen(actor: Actor, pk: int) -> ProtocolVersie:
    """A version of the actor's own region, locked; another region's id is 'not found'."""
    versie = lock(ProtocolVersie, pk)
    if versie.samenwerkingsverband_id != actor.samenwerkingsverband_id:
        raise LookupError("Deze protocolversie bestaat niet.")
    return versie


def _concept(versie: ProtocolVersie) -> None:
    if versie.state != ProtocolVersieState.CONCEPT:
        raise NotPossible("Deze versie is gepubliceerd en verandert niet meer.")


@transaction.atomic
def stel_op(actor: Actor, versie: str, now: datetime) -> ProtocolVersie:
    """A draft: a copy of the version in force at `now`, under a new version number."""
    require(actor.rol == Rol.MEDEWERKER_SWV, "Alleen het samenwerkingsverband stelt een versie op.")
    swv = Samenwerkingsverband.objects.select_for_update().get(pk=actor.samenwerkingsverband_id)
    versie = versie.strip()
    if not VERSIE_PATROON.fullmatch(versie):
        raise PolicyError(
            {"versie": ["Een versienummer als 1.5: cijfers, letters, punt of streepje."]}
        )
    if swv.protocolversies.filter(versie=versie).exists():
        raise PolicyError({"versie": [f"Versie {versie} bestaat al."]})
    if swv.protocolversies.filter(state=ProtocolVersieState.CONCEPT).exists():
        raise NotPossible(
            "Er is al een concept; werk dat bij in plaats van een tweede te beginnen."
        )
    geldend = swv.geldend_protocol(now)
    if geldend is None:
        raise NotPossible("Er is geen geldende versie om van uit te gaan.")
    data = copy.deepcopy(geldend.beleid_data)
    data["versie"] = versie
    concept = ProtocolVersie(
        samenwerkingsverband=swv, versie=versie, ingangsdatum=local_date(now), beleid_data=data,
        opgesteld_door_id=actor.user_id, opgesteld_op=now, gewijzigd_op=now,
        toelichting=f"Gebaseerd op versie {geldend.versie}.",
    )  # fmt: skip
    stamp(concept, actor, f"concept opgesteld op basis van {geldend.versie}")
    concept.save()
    return concept


@transaction.atomic
def bewerk(actor: Actor, pk: int, tekst: str, toelichting: str, now: datetime) -> ProtocolVersie:
    """Replace the draft's policy by `tekst` (JSON) once it is valid; else PolicyError."""
    require(actor.rol == Rol.MEDEWERKER_SWV, "Alleen het samenwerkingsverband bewerkt een concept.")
    versie = _eigen(actor, pk)
    _concept(versie)
    if "\x00" in toelichting or len(toelichting) > 5000:
        raise PolicyError({"toelichting": ["Hoogstens 5000 tekens, zonder ongeldige tekens."]})
    data, _ = lees(tekst, versie.versie)
    versie.beleid_data, versie.toelichting, versie.gewijzigd_op = data, toelichting.strip(), now
    stamp(versie, actor, "concept bewerkt")
    versie.save()
    return versie


@dataclass(frozen=True)
class ApRaadpleging:
    uitkomst: str
    verzonden_op: date | None = None
    antwoord_op: date | None = None
    kenmerk: str = ""
    samenvatting: str = ""


def _check_ap(r: ApRaadpleging, vandaag: date) -> dict[str, list[str]]:
    if r.uitkomst not in ApUitkomst.values:
        return {"uitkomst": ["Kies wat er uit de raadpleging kwam."]}
    errors: dict[str, list[str]] = {
        veld: ["Een datum tot en met vandaag."]
        for veld in ("verzonden_op", "antwoord_op")
        if getattr(r, veld) is not None and not EERSTE_DATUM <= getattr(r, veld) <= vandaag
    }
    if r.uitkomst != ApUitkomst.GEEN_REACTIE and not r.samenvatting.strip():
        errors["samenvatting"] = [
            "Schrijf waarom toestemming niet nodig is."
            if r.uitkomst == ApUitkomst.NIET_VEREIST
            else "Vat het antwoord van de AP samen."
        ]
    if r.uitkomst == ApUitkomst.NIET_VEREIST or errors:
        return errors
    return _check_ap_data(r, vandaag)


def _check_ap_data(r: ApRaadpleging, vandaag: date) -> dict[str, list[str]]:
    """Sent, and answered after sending; "no answer" only once the eight weeks have passed."""
    if r.verzonden_op is None:
        return {"verzonden_op": ["Wanneer is de raadpleging naar de AP gestuurd?"]}
    if r.uitkomst == ApUitkomst.GEEN_REACTIE:
        if r.antwoord_op is not None:
            return {"antwoord_op": ["Geen reactie: laat de datum van het antwoord leeg."]}
        if vandaag < r.verzonden_op + AP_TERMIJN:
            tot = (r.verzonden_op + AP_TERMIJN).strftime("%d-%m-%Y")
            return {"uitkomst": [f"De AP heeft acht weken (art. 36 lid 2 AVG): tot {tot}."]}
        return {}
    if r.antwoord_op is None:
        return {"antwoord_op": ["Wanneer antwoordde de AP?"]}
    if r.antwoord_op < r.verzonden_op:
        return {"antwoord_op": ["Het antwoord komt na de verzending."]}
    return {}


@transaction.atomic
def leg_ap_vast(actor: Actor, pk: int, r: ApRaadpleging, now: datetime) -> ProtocolVersie:
    """The privacy officer records the consultation of the AP (ch. 23), or that none is needed."""
    require(
        actor.rol == Rol.PRIVACY_OFFICER, "Alleen de privacy officer legt de AP-raadpleging vast."
    )
    versie = _eigen(actor, pk)
    _concept(versie)
    errors = _check_ap(r, local_date(now))
    if errors:
        raise PolicyError(errors)
    versie.ap_uitkomst, versie.ap_verzonden_op, versie.ap_antwoord_op = (
        r.uitkomst, r.verzonden_op, r.antwoord_op,
    )  # fmt: skip
    versie.ap_kenmerk, versie.ap_samenvatting = r.kenmerk.strip(), r.samenvatting.strip()
    versie.ap_vastgelegd_door_id, versie.ap_vastgelegd_op, versie.gewijzigd_op = (
        actor.user_id,
        now,
        now,
    )
    stamp(versie, actor, f"AP-raadpleging: {r.uitkomst}")
    versie.save()
    return versie


def vroegste_besluit(versie: ProtocolVersie) -> date | None:
    """ch. 23: the board decides after the change met no objection at the AP."""
    if versie.ap_uitkomst == ApUitkomst.GEEN_BEZWAAR:
        return versie.ap_antwoord_op
    if versie.ap_uitkomst == ApUitkomst.GEEN_REACTIE and versie.ap_verzonden_op:
        return versie.ap_verzonden_op + AP_TERMIJN
    return None


def kan_publiceren(versie: ProtocolVersie) -> str:
    """Why this draft cannot be published yet ("" when it can)."""
    if versie.state != ProtocolVersieState.CONCEPT:
        return "Deze versie is al gepubliceerd."
    if not versie.ap_uitkomst:
        return "Eerst legt de privacy officer de raadpleging van de AP vast (protocol 23)."
    if versie.ap_uitkomst == ApUitkomst.BEZWAAR:
        return "De AP heeft bezwaren: zo kan het bestuur niet besluiten (protocol 23)."
    return ""


def _check_publicatie(
    versie: ProtocolVersie, ingangsdatum: date, besluit_op: date, vandaag: date
) -> dict[str, list[str]]:
    errors: dict[str, list[str]] = {}
    if not EERSTE_DATUM <= besluit_op <= vandaag:
        errors["besluit_bestuur_op"] = ["Het besluit is genomen: een datum tot en met vandaag."]
    elif (vroegst := vroegste_besluit(versie)) and besluit_op < vroegst:
        errors["besluit_bestuur_op"] = [
            f"Het bestuur besluit nadat de AP geen bezwaren had: op of na {vroegst:%d-%m-%Y} "
            "(protocol 23)."
        ]
    if ingangsdatum < vandaag:
        errors["ingangsdatum"] = [
            "Een wijziging gaat in bij de publicatie, niet eerder: vandaag of later (protocol 23)."
        ]
    elif ingangsdatum > add_months(vandaag, MAX_VOORUIT_MAANDEN):
        errors["ingangsdatum"] = [f"Hoogstens {MAX_VOORUIT_MAANDEN} maanden vooruit."]
    else:
        later = versie.samenwerkingsverband.protocolversies.filter(
            state=ProtocolVersieState.GEPUBLICEERD, ingangsdatum__gt=ingangsdatum
        ).first()
        if later is not None:
            errors["ingangsdatum"] = [
                f"Versie {later.versie} gaat pas in op {later.ingangsdatum:%d-%m-%Y}: kies die "
                "datum of later."
            ]
    return errors


def controleer_publicatie(
    versie: ProtocolVersie, ingangsdatum: date, besluit_bestuur_op: date, now: datetime
) -> None:
    """The dates of a publication, checked before the confirmation page and again at publishing."""
    errors = _check_publicatie(versie, ingangsdatum, besluit_bestuur_op, local_date(now))
    if errors:
        raise PolicyError(errors)


@transaction.atomic
def publiceer(
    actor: Actor, pk: int, ingangsdatum: date, besluit_bestuur_op: date, now: datetime
) -> ProtocolVersie:
    """The board's decision made public; from `ingangsdatum` new work runs under it (ch. 23)."""
    require(actor.rol == Rol.MEDEWERKER_SWV, "Alleen het samenwerkingsverband publiceert.")
    versie = _eigen(actor, pk)
    reden = kan_publiceren(versie)
    if reden:
        raise NotPossible(reden)
    controleer_publicatie(versie, ingangsdatum, besluit_bestuur_op, now)
    _ = versie.beleid  # the draft parses (the editor only saves what does)
    versie.ingangsdatum, versie.besluit_bestuur_op = ingangsdatum, besluit_bestuur_op
    versie.gepubliceerd_door_id, versie.gepubliceerd_op, versie.gewijzigd_op = (
        actor.user_id,
        now,
        now,
    )
    fire(versie, "publiceer")
    stamp(versie, actor, f"gepubliceerd, geldt vanaf {ingangsdatum.isoformat()}")
    versie.save()
    # Those who apply the protocol are told (ch. 14: participants answer for following it).
    cases.alert_staff(
        versie, "protocol_gepubliceerd", now, TE_INFORMEREN,
        protocol_versie=versie.versie, ingangsdatum=ingangsdatum.isoformat(),
    )  # fmt: skip
    return versie


def status(versie: ProtocolVersie, geldend: ProtocolVersie | None, now: datetime) -> str:
    """How staff read a version's place: draft, in force, coming, or replaced."""
    if versie.state == ProtocolVersieState.CONCEPT:
        return "Concept"
    if geldend is not None and versie.pk == geldend.pk:
        return f"Geldt sinds {versie.ingangsdatum:%d-%m-%Y}"
    if versie.ingangsdatum > local_date(now):
        return f"Gepubliceerd, geldt vanaf {versie.ingangsdatum:%d-%m-%Y}"
    return "Vervangen door een latere versie"
