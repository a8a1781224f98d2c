"""The write path of a verzoek (protocol ch. 15, AVG art. 12–21, nieuwe kans ch. 4.4)."""

from __future__ import annotations

from datetime import datetime
from typing import Any

from django.db import transaction

from states import calendar
from states.models import (
    Besluit,
    DeadlineKind,
    Samenwerkingsverband,
    Signalering,
    Verzoek,
    VerzoekSoort,
)
from states.models.signalering import Eindreden
from states.models.verzoek import AVG_SOORTEN, OPEN
from states.policy import PolicyError
from states.roles import Actor, NotAllowed, NotPossible, Rol
from states.services import bezwaarstatus, cases, deadlines, identiteit, intake, inzage
from states.services import correctie as correctie_service
from states.services import signalering as signalering_service
from states.services.common import lock, serialize_on, stamp
from states.services.notice_contents import context_for

BEHANDELAAR = cases.any_of(cases.bron)
# The controller decides: the primaire bron's functionaris, or the samenwerkingsverband. The
# privacy officer advises and oversees but does not decide (AVG art. 38(6)).
BESLISSER = cases.any_of(cases.eigen_functionaris, cases.samenwerkingsverband)
UITVOERDER = cases.any_of(BESLISSER, cases.automaat)
INTREKKER = cases.any_of(cases.indiener, cases.bron)


def _duplicate_of(verzoek: Verzoek) -> Verzoek | None:
    same = Verzoek.objects.filter(
        samenwerkingsverband_id=verzoek.samenwerkingsverband_id,
        soort=verzoek.soort,
        signalering_id=verzoek.signalering_id,
        state__in=OPEN,
    )
    if verzoek.indiener_id:
        same = same.filter(indiener_id=verzoek.indiener_id)
    elif verzoek.indiener_email:
        same = same.filter(indiener_email__iexact=verzoek.indiener_email)
    else:
        same = same.filter(indiener_naam__iexact=verzoek.indiener_naam)
    return same.order_by("ontvangen_op").first()


def _check_correctie(
    soort: str, correctie: dict[str, Any], sig: Signalering | None, now: datetime
) -> None:
    """A rectification is validated when it is asked for, by the registration's own rules, so
    a grant can always be carried out (art. 16; ch. 12.3)."""
    if soort != VerzoekSoort.RECTIFICATIE:
        if correctie:
            raise PolicyError({"correctie": ["Alleen bij een verzoek om rectificatie."]})
        return
    if sig is None:
        raise PolicyError({"signalering": ["Noem de signalering waarop het verzoek ziet."]})
    correctie_service.valideer(sig, correctie, now)


@transaction.atomic
def dien_in(
    actor: Actor,
    soort: str,
    indiening: intake.Indiening,
    now: datetime,
    correctie: dict[str, Any] | None = None,
) -> Verzoek:
    if soort not in VerzoekSoort.values:
        raise PolicyError({"soort": [f"Kies een van: {', '.join(VerzoekSoort.values)}."]})
    correctie = correctie or {}
    if soort == VerzoekSoort.BEZWAAR and not indiening.toelichting.strip():
        raise PolicyError(
            {
                "toelichting": [
                    "Schrijf waarom u bezwaar maakt: wat in uw situatie maakt dat uw gegevens "
                    "niet gebruikt mogen worden (art. 21 AVG)."
                ]
            }
        )
    ontvangen, kanaal, indiener_id = intake.receipt(actor, indiening, now)
    sig = intake.signalering_of(actor, indiening.signalering_id)
    if soort in (VerzoekSoort.NIEUWE_KANS, VerzoekSoort.RECTIFICATIE) and sig is None:
        raise PolicyError({"signalering": ["Noem de signalering waarop het verzoek ziet."]})
    _check_correctie(soort, correctie, sig, now)
    swv = Samenwerkingsverband.objects.get(pk=actor.samenwerkingsverband_id)
    verzoek = Verzoek(
        samenwerkingsverband=swv,
        protocol_versie=sig.protocol_versie if sig else swv.geldend_protocol(now),
        primaire_bron_id=sig.primaire_bron_id if sig else None,
        signalering=sig,
        soort=soort,
        correctie=correctie,
        identiteit_sleutel=""
        if sig
        else identiteit.sleutel(indiening.voornaam, indiening.achternaam, indiening.geboortedatum),
        **intake.filing_fields(actor, indiening, now, ontvangen, kanaal, indiener_id),
    )
    who = verzoek.indiener_id or (verzoek.indiener_email or verzoek.indiener_naam).lower()
    serialize_on("verzoek", verzoek.samenwerkingsverband_id, soort, verzoek.signalering_id, who)
    original = _duplicate_of(verzoek)
    if original is not None:
        # A repeat: linked to the open request, not a second clock (AVG art. 12(5) context).
        verzoek.duplicaat_van = original
        verzoek.voeg_samen()
    stamp(verzoek, actor, f"ontvangen via {kanaal}")
    verzoek.save()
    deadlines.reconcile(verzoek, now)
    if original is None:
        if soort == VerzoekSoort.BEZWAAR:
            bezwaarstatus.werk_bij(verzoek.signalering_id, actor)
        cases.tell(verzoek, "verzoek_ontvangen", now, soort=verzoek.get_soort_display())
    else:
        cases.tell(verzoek, "verzoek_samengevoegd", now, origineel=original.pk)
    return verzoek


@transaction.atomic
def neem_in_behandeling(actor: Actor, pk: int, now: datetime) -> Verzoek:
    return cases.run(Verzoek, pk, actor, "neem_in_behandeling", now, BEHANDELAAR)


@transaction.atomic
def beslis(
    actor: Actor,
    pk: int,
    besluit: str,
    motivering: str,
    now: datetime,
    correctie: dict[str, Any] | None = None,
) -> Verzoek:
    """Decide; a refusal (or partial grant) states its reasons and the person's remedies."""
    if besluit not in Besluit.values:
        raise PolicyError({"besluit": [f"Kies een van: {', '.join(Besluit.values)}."]})
    if besluit != Besluit.TOEGEWEZEN and not motivering.strip():
        raise PolicyError({"motivering": ["Een (deels) afwijzing wordt gemotiveerd (ch. 15)."]})

    def apply(verzoek: Verzoek) -> None:
        if (
            verzoek.signalering_id is None
            and verzoek.soort in AVG_SOORTEN
            and not identiteit.mag_geen_gegevens_antwoorden(verzoek)
        ):
            raise NotPossible(
                "Dit verzoek is aan geen signalering gekoppeld: zoek eerst op identiteit in de "
                "hele regio en koppel een treffer, voordat 'geen gegevens' wordt geantwoord."
            )
        verzoek.besluit, verzoek.motivering, verzoek.besloten_op = besluit, motivering, now
        if correctie is not None:
            _check_correctie(verzoek.soort, correctie, verzoek.signalering, now)
            verzoek.correctie = correctie  # what was granted of the requested correction

    verzoek = cases.run(Verzoek, pk, actor, "beslis", now, BESLISSER, motivering, apply)
    if verzoek.soort == VerzoekSoort.BEZWAAR:
        bezwaarstatus.werk_bij(
            verzoek.signalering_id, actor, f"Bezwaar (art. 21 AVG): {Besluit(besluit).label}"
        )
    weken = verzoek.protocol_versie.beleid.termijnen["klacht_b_venster_weken"]
    cases.tell(
        verzoek,
        "verzoek_besluit",
        now,
        soort=verzoek.get_soort_display(),
        besluit=besluit,
        besluit_label=Besluit(besluit).label,
        motivering=motivering,
        # ch. 16.1 (b): the window for a complaint about this decision, and its last day
        klacht_b_weken=weken,
        klacht_uiterlijk=calendar.weeks(now, weken).last_day.isoformat(),
    )
    if besluit != Besluit.AFGEWEZEN:
        # ch. 15: the samenwerkingsverband is informed of a grant.
        cases.alert_staff(
            verzoek,
            "verzoek_toegewezen_swv",
            now,
            (Rol.MEDEWERKER_SWV,),
            soort=verzoek.get_soort_display(),
        )
    if _werkt_direct(verzoek):
        # ch. 12.4 "direct": a grant takes effect in the decision's own transaction; the
        # two-week term remains only as the outer limit for what cannot be done at once.
        verzoek = _voer_uit(verzoek, now, "direct na het besluit")
    return verzoek


def _werkt_direct(verzoek: Verzoek) -> bool:
    """A full grant always; a partial one where what was granted is in the decision itself
    (the corrections granted, the copy of what may be seen)."""
    if verzoek.besluit == Besluit.TOEGEWEZEN:
        return True
    return verzoek.besluit == Besluit.DEELS and verzoek.soort in DEELS_DIRECT


def _effect(actor: Actor, verzoek: Verzoek, now: datetime) -> None:
    """What a granted request does to the signalering (ch. 12.4, 15)."""
    sig = verzoek.signalering
    soort = verzoek.soort
    if soort in (VerzoekSoort.INZAGE, VerzoekSoort.OVERDRAAGBAARHEID):
        cases.tell(
            verzoek,
            "inzage_afschrift",
            now,
            gegevens=context_for(sig, now) if sig else {},
            afschrift=inzage.afschrift(sig),
            soort=verzoek.get_soort_display(),
            besluit=verzoek.besluit,
            motivering=verzoek.motivering,
        )
        return
    if sig is None:
        return
    uitvoerder = Actor.automaat(verzoek.samenwerkingsverband_id)
    if soort == VerzoekSoort.RECTIFICATIE:
        correctie_service.corrigeer(
            uitvoerder, sig.pk, verzoek.correctie, now, f"rectificatie na verzoek #{verzoek.pk}"
        )
    elif soort == VerzoekSoort.BEPERKING:
        signalering_service.beperk(uitvoerder, sig.pk, True, now, f"verzoek #{verzoek.pk}")
    elif soort in ENDS and sig.state in ("geregistreerd", "geblokkeerd"):
        signalering_service.beeindig(uitvoerder, sig.pk, ENDS[soort], now, f"verzoek #{verzoek.pk}")


DEELS_DIRECT = {VerzoekSoort.RECTIFICATIE, VerzoekSoort.INZAGE, VerzoekSoort.OVERDRAAGBAARHEID}

ENDS = {
    VerzoekSoort.WISSING: Eindreden.WISSING,
    VerzoekSoort.BEZWAAR: Eindreden.BEZWAAR_GEGROND,
    VerzoekSoort.NIEUWE_KANS: Eindreden.NIEUWE_KANS,
}


def _run_voer_uit(actor: Actor, pk: int, now: datetime, toelichting: str) -> Verzoek:
    def apply(verzoek: Verzoek) -> None:
        verzoek.uitgevoerd_op = now

    verzoek = cases.run(Verzoek, pk, actor, "voer_uit", now, UITVOERDER, toelichting, apply)
    if _werkt_direct(verzoek):
        _effect(actor, verzoek, now)
    return verzoek


def _voer_uit(verzoek: Verzoek, now: datetime, toelichting: str) -> Verzoek:
    return _run_voer_uit(
        Actor.automaat(verzoek.samenwerkingsverband_id), verzoek.pk, now, toelichting
    )


@transaction.atomic
def voer_uit(actor: Actor, pk: int, now: datetime, toelichting: str = "") -> Verzoek:
    """Carried out by staff: what a partial grant asked of them, within the two weeks."""
    return _run_voer_uit(actor, pk, now, toelichting)


@transaction.atomic
def sluit(actor: Actor, pk: int, now: datetime) -> Verzoek:
    return cases.run(Verzoek, pk, actor, "sluit", now, BEHANDELAAR)


@transaction.atomic
def trek_in(actor: Actor, pk: int, now: datetime, reden: str = "") -> Verzoek:
    verzoek = cases.run(Verzoek, pk, actor, "trek_in", now, INTREKKER, reden)
    if verzoek.soort == VerzoekSoort.BEZWAAR:
        bezwaarstatus.werk_bij(verzoek.signalering_id, actor, "Bezwaar (art. 21 AVG): ingetrokken")
    return verzoek


@transaction.atomic
def verleng(actor: Actor, pk: int, reden: str, now: datetime) -> Verzoek:
    """AVG art. 12(3): two further months, with reasons, told to the person within the term."""
    verzoek = lock(Verzoek, pk)
    if not BESLISSER(actor, verzoek):
        raise NotAllowed("Alleen wie beslist verlengt de termijn.")
    if verzoek.soort not in AVG_SOORTEN:
        raise NotPossible("Alleen de termijn van een AVG-verzoek kan worden verlengd.")
    maanden = verzoek.protocol_versie.beleid.termijnen["avg_verlenging_maanden"]
    deadline = deadlines.extend(verzoek, DeadlineKind.VERZOEK_BESLISSEN, maanden, reden, now)
    verzoek.verlengd_op, verzoek.verlenging_reden, verzoek.gewijzigd_op = now, reden, now
    stamp(verzoek, actor, f"termijn verlengd: {reden}")
    verzoek.save()
    cases.tell(
        verzoek,
        "verzoek_verlenging",
        now,
        reden=reden,
        nieuw_uiterlijk=deadline.last_day.isoformat(),
    )
    return verzoek


def uitblijven_besluit(verzoek: Verzoek, now: datetime, alert: bool = True) -> None:
    """The four weeks passed undecided: the person is told of the delay and of the right to
    complain; the privacy officer and the directie are alerted (in a catch-up after an outage
    they get one summary instead). Called by enforcement."""
    cases.tell(verzoek, "verzoek_vertraagd", now, soort=verzoek.get_soort_display())
    if alert:
        cases.alert_staff(
            verzoek,
            "escalatie_verzoek",
            now,
            (Rol.PRIVACY_OFFICER, Rol.DIRECTIE),
            verzoek.primaire_bron_id,
        )


# Who may take each step: the guards above, by step, so a page offers only the steps its
# reader may take (the service checks the same guard when the step is taken).
WIE_MAG: dict[str, cases.Guard] = {
    "neem_in_behandeling": BEHANDELAAR,
    "beslis": BESLISSER,
    "voer_uit": UITVOERDER,
    "sluit": BEHANDELAAR,
    "trek_in": INTREKKER,
    "verleng": BESLISSER,
}
