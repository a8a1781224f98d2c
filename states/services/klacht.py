"""The write path of a klacht to the directie of the primaire bron (protocol ch. 16.1–16.4)."""

from __future__ import annotations

from datetime import datetime
from typing import Any

from django.db import transaction

from states import calendar
from states.models import (
    DeadlineKind,
    Herstel,
    Klacht,
    KlachtSoort,
    Samenwerkingsverband,
    Verzoek,
)
from states.models.signalering import Eindreden
from states.policy import PolicyError
from states.roles import Actor, NotAllowed, NotPossible, Rol
from states.services import bezwaarstatus, cases, deadlines, intake, inzage
from states.services import correctie as correctie_service
from states.services import signalering as signalering_service
from states.services.common import serialize_on
from states.services.matching import ACTIEF
from states.services.notice_contents import context_for


def samenwerkingsverband_zonder_bron(actor: Actor, case: Any) -> bool:
    """A complaint about a request that concerns no signalering (e.g. "we hold no data") has no
    primaire bron; the samenwerkingsverband that answered it decides it (ADR 0004)."""
    return (
        cases.regio(actor, case)
        and actor.rol == Rol.MEDEWERKER_SWV
        and getattr(case, "primaire_bron_id", None) is None
    )


BEHANDELAAR = cases.any_of(cases.directie, cases.bron)
# the directie decides its corporation's complaints (ch. 16.1)
BESLISSER = cases.any_of(cases.directie, samenwerkingsverband_zonder_bron)
HERSTELLER = cases.any_of(cases.bron, cases.directie, cases.automaat)
VERSTRIJKER = cases.any_of(cases.automaat, cases.privacy)


def _verzoek_of(actor: Actor, verzoek_id: int | None) -> Verzoek:
    verzoek = Verzoek.objects.filter(
        pk=verzoek_id, samenwerkingsverband_id=actor.samenwerkingsverband_id
    ).first()
    if verzoek is None or not _mag_noemen(actor, verzoek):
        # the same words for a missing request and one the filer may not know of
        raise PolicyError({"verzoek": ["Noem het verzoek waarover u klaagt."]})
    return verzoek


def _mag_noemen(actor: Actor, verzoek: Verzoek) -> bool:
    """The person names their own request; staff one of their own corporation's signaleringen,
    the region roles any in the region."""
    if actor.rol == Rol.BETROKKENE:
        return verzoek.indiener_id == actor.user_id
    if cases.privacy(actor, verzoek):
        return True
    bron = verzoek.primaire_bron_id
    return bron is not None and actor.deelnemer_id == bron


def window_start(verzoek: Verzoek) -> datetime | None:
    """Kind (b) runs from the decision, or from the day it was due when none came."""
    if verzoek.besloten_op:
        return verzoek.besloten_op
    due = deadlines.of_case(verzoek).filter(kind=DeadlineKind.VERZOEK_BESLISSEN).first()
    return due.due_at if due and due.status in ("open", "missed") else None


def _check_window(verzoek: Verzoek, ontvangen: datetime) -> None:
    start = window_start(verzoek)
    if start is None or ontvangen < start:
        raise PolicyError(
            {"verzoek": ["Op dit verzoek is nog beslist noch de termijn verstreken."]}
        )
    weken = verzoek.protocol_versie.beleid.termijnen["klacht_b_venster_weken"]
    if ontvangen >= calendar.weeks(start, weken).due_at:
        raise PolicyError(
            {
                "verzoek": [
                    f"Een klacht hierover kan tot {weken} weken na het besluit "
                    "of na de dag waarop het uiterlijk had moeten komen."
                ]
            }
        )


@transaction.atomic
def dien_in(
    actor: Actor,
    soort: str,
    gronden: str,
    indiening: intake.Indiening,
    now: datetime,
    verzoek_id: int | None = None,
) -> Klacht:
    if soort not in KlachtSoort.values:
        raise PolicyError({"soort": ["Kies a (rechtmatigheid) of b (beslissing op verzoek)."]})
    if not gronden.strip():
        raise PolicyError({"gronden": ["Vermeld de gronden van de klacht (ch. 16.1)."]})
    ontvangen, kanaal, indiener_id = intake.receipt(actor, indiening, now)
    verzoek = None
    if soort == KlachtSoort.BESLISSING:
        verzoek = _verzoek_of(actor, verzoek_id)
        _check_window(verzoek, ontvangen)
        sig = verzoek.signalering
    else:
        sig = intake.signalering_of(actor, indiening.signalering_id)
        if sig is None or sig.state not in ACTIEF:
            raise PolicyError(
                {
                    "signalering": [
                        "Een klacht over de rechtmatigheid kan zolang de "
                        "signalering loopt (ch. 16.1)."
                    ]
                }
            )
    if sig is None and verzoek is None:
        raise PolicyError({"signalering": ["Noem de signalering waarop de klacht ziet."]})
    fields = intake.filing_fields(actor, indiening, now, ontvangen, kanaal, indiener_id)
    who = indiener_id or (fields["indiener_email"] or fields["indiener_naam"]).lower()
    serialize_on(
        "klacht", actor.samenwerkingsverband_id, soort, sig and sig.pk, verzoek and verzoek.pk, who
    )
    repeat = _open_klacht(soort, sig, verzoek, indiener_id, fields)
    if repeat is not None:
        return repeat  # the same complaint again: the one already running, not a second clock
    swv = Samenwerkingsverband.objects.get(pk=actor.samenwerkingsverband_id)
    klacht = Klacht.objects.create(
        samenwerkingsverband=swv,
        protocol_versie=sig.protocol_versie if sig else verzoek.protocol_versie,
        primaire_bron_id=sig.primaire_bron_id if sig else None,
        signalering=sig,
        verzoek=verzoek,
        soort=soort,
        gronden=gronden,
        **fields,
    )
    deadlines.reconcile(klacht, now)
    bezwaarstatus.werk_bij(klacht.signalering_id, actor)  # ch. 16.2
    if klacht.primaire_bron_id is None:
        cases.alert_staff(klacht, "klacht_binnengekomen", now, (Rol.MEDEWERKER_SWV,))
    else:
        cases.alert_staff(
            klacht, "klacht_binnengekomen", now, (Rol.DIRECTIE,), klacht.primaire_bron_id
        )
    return klacht


def _open_klacht(
    soort: str,
    sig: Any,
    verzoek: Verzoek | None,
    indiener_id: int | None,
    fields: dict[str, Any],
) -> Klacht | None:
    same = Klacht.objects.filter(
        soort=soort,
        signalering=sig,
        verzoek=verzoek,
        state__in=("ontvangen", "bevestigd", "in_behandeling"),
    )
    if indiener_id:
        same = same.filter(indiener_id=indiener_id)
    elif fields["indiener_email"]:
        same = same.filter(indiener_email__iexact=fields["indiener_email"])
    else:
        same = same.filter(indiener_naam__iexact=fields["indiener_naam"])
    return same.order_by("ontvangen_op").first()


@transaction.atomic
def bevestig(actor: Actor, pk: int, now: datetime) -> Klacht:
    klacht = cases.run(Klacht, pk, actor, "bevestig", now, BEHANDELAAR)
    cases.tell(klacht, "klacht_ontvangstbevestiging", now)
    return klacht


@transaction.atomic
def neem_in_behandeling(actor: Actor, pk: int, now: datetime) -> Klacht:
    return cases.run(Klacht, pk, actor, "neem_in_behandeling", now, BEHANDELAAR)


def reaction_context(
    klacht: Klacht, now: datetime, gegrond: bool | None = None, adres_gehuurde_woning: str = ""
) -> dict[str, Any]:
    """Every item of ch. 16.3 that the written reaction must contain (also for a preview of a
    decision not yet taken: pass `gegrond`)."""
    sig = klacht.signalering
    gegevens = context_for(sig, now) if sig and sig.state != "verwijderd" else {}
    besluit = klacht.verzoek.besloten_op if klacht.verzoek and klacht.verzoek.besloten_op else None
    return {
        "besluit_datum": besluit.date().isoformat() if besluit else "",
        "signalering": gegevens,
        "invoerdatum": sig.invoerdatum.isoformat() if sig and sig.invoerdatum else "",
        "gegrond": klacht.state == "gegrond" if gegrond is None else gegrond,
        "motivering": klacht.motivering,
        "adres_gehuurde_woning": adres_gehuurde_woning or klacht.adres_gehuurde_woning,
    }


@transaction.atomic
def verklaar(
    actor: Actor,
    pk: int,
    gegrond: bool,
    motivering: str,
    now: datetime,
    herstel: str = "",
    adres_gehuurde_woning: str = "",
) -> Klacht:
    if not gegrond and not motivering.strip():
        raise PolicyError({"motivering": ["Een ongegrondverklaring vermeldt de redenen (16.3)."]})
    if herstel and herstel not in Herstel.values:
        raise PolicyError({"herstel": [f"Kies een van: {', '.join(Herstel.values)}."]})

    def apply(klacht: Klacht) -> None:
        adres = adres_gehuurde_woning.strip() or klacht.adres_gehuurde_woning
        if klacht.signalering_id and not adres:
            raise PolicyError(
                {
                    "adres_gehuurde_woning": [
                        "De reactie noemt het adres van de gehuurde woning (16.3)."
                    ]
                }
            )
        klacht.adres_gehuurde_woning = adres
        klacht.motivering, klacht.beslist_op = motivering, now
        if gegrond:
            klacht.besloten_herstel = herstel or default_herstel(klacht.soort)

    name = "verklaar_gegrond" if gegrond else "verklaar_ongegrond"
    klacht = cases.run(Klacht, pk, actor, name, now, BESLISSER, motivering, apply)
    uitkomst = "gegrond" if gegrond else "ongegrond"
    bezwaarstatus.werk_bij(klacht.signalering_id, actor, f"Klacht bij de directie: {uitkomst}")
    cases.tell(klacht, "klacht_reactie", now, **reaction_context(klacht, now))
    return klacht


def default_herstel(soort: str) -> str:
    """An upheld complaint about the lawfulness means removal; about a decision, the information."""
    return Herstel.VERWIJDERD if soort == KlachtSoort.RECHTMATIGHEID else Herstel.INFORMATIE


def remedy(actor: Actor, case: Any, herstel: str, correctie: dict[str, Any], now: datetime) -> None:
    """Remove, correct, or provide the information asked for (ch. 16.3, 16.4)."""
    if herstel not in Herstel.values:
        raise PolicyError({"herstel": [f"Kies een van: {', '.join(Herstel.values)}."]})
    sig = case.signalering
    uitvoerder = Actor.automaat(case.samenwerkingsverband_id)
    if herstel == Herstel.VERWIJDERD:
        if sig is not None and sig.state in ACTIEF:
            signalering_service.beeindig(
                uitvoerder, sig.pk, Eindreden.BEZWAAR_GEGROND, now, f"{case} gegrond"
            )
    elif herstel == Herstel.GECORRIGEERD:
        if not correctie or sig is None:
            raise PolicyError({"correctie": ["Noem de gecorrigeerde gegevens."]})
        correctie_service.corrigeer(uitvoerder, sig.pk, correctie, now, f"{case} gegrond")
    else:
        live = sig if sig and sig.state != "verwijderd" else None
        cases.tell(
            case,
            "inzage_afschrift",
            now,
            gegevens=context_for(live, now) if live else {},
            afschrift=inzage.afschrift(live),
            soort="Informatie",
        )


def herstel_uit(
    model: type[Any],
    actor: Actor,
    pk: int,
    soort: str,
    now: datetime,
    correctie: dict[str, Any] | None,
) -> Any:
    """The remedy after an upheld complaint or advice: the same for klacht and geschil."""

    def apply(case: Any) -> None:
        remedy(actor, case, soort, correctie or {}, now)
        case.herstel, case.hersteld_op = soort, now

    return cases.run(model, pk, actor, "herstel_uit", now, HERSTELLER, soort, apply)


@transaction.atomic
def herstel(
    actor: Actor, pk: int, soort: str, now: datetime, correctie: dict[str, Any] | None = None
) -> Klacht:
    return herstel_uit(Klacht, actor, pk, soort, now, correctie)


@transaction.atomic
def sluit(actor: Actor, pk: int, now: datetime) -> Klacht:
    return cases.run(Klacht, pk, actor, "sluit", now, BEHANDELAAR)


@transaction.atomic
def verstrijk(actor: Actor, pk: int, now: datetime) -> Klacht:
    """Four weeks without a written reaction: the Geschillencommissie route opens (ch. 16.4)."""

    def apply(klacht: Klacht) -> None:
        due = deadlines.of_case(klacht).filter(kind=DeadlineKind.KLACHT_REAGEREN).first()
        if due is None or now < due.due_at:
            raise NotPossible("De termijn voor een schriftelijke reactie loopt nog.")

    klacht = cases.run(
        Klacht, pk, actor, "verstrijk", now, VERSTRIJKER, "termijn verstreken", apply
    )
    bezwaarstatus.werk_bij(
        klacht.signalering_id, actor, "Klacht bij de directie: geen reactie binnen vier weken"
    )
    cases.tell(klacht, "geschillencommissie_route", now)
    return klacht


def open_voor_geschil(klacht: Klacht) -> bool:
    return klacht.state in ("ongegrond", "termijn_verstreken") or (
        klacht.state == "afgesloten" and not klacht.herstel
    )


def assert_may_read(actor: Actor, klacht: Klacht) -> None:
    if not (
        BEHANDELAAR(actor, klacht)
        or cases.indiener(actor, klacht)
        or cases.secretaris(actor, klacht)
    ):
        raise NotAllowed("Niet uw klacht.")


# Who may take each step, by step: what a page offers is what the service will allow.
WIE_MAG: dict[str, cases.Guard] = {
    "bevestig": BEHANDELAAR,
    "neem_in_behandeling": BEHANDELAAR,
    "verklaar_gegrond": BESLISSER,
    "verklaar_ongegrond": BESLISSER,
    "herstel": HERSTELLER,
    "sluit": BEHANDELAAR,
    "verstrijk": VERSTRIJKER,
}
