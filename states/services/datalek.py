"""The write path of a datalek (privacyreglement §8, AVG art. 33): 72 hours to notify the AP."""

from __future__ import annotations

from dataclasses import dataclass
from datetime import datetime

from django.db import transaction

from states.clock import local_date
from states.models import Datalek, Samenwerkingsverband, Signalering
from states.notices import Notice, request_notice
from states.policy import PolicyError
from states.roles import Actor, NotAllowed, NotPossible, Rol
from states.services import cases, deadlines
from states.services.common import lock, stamp
from states.services.notice_contents import recipient_for

PRIVACY = cases.privacy
MELDERS = (
    Rol.FUNCTIONARIS,
    Rol.BEVRAGER,
    Rol.DIRECTIE,
    Rol.PRIVACY_OFFICER,
    Rol.MEDEWERKER_SWV,
    Rol.SECRETARIS_GC,
)


@transaction.atomic
def meld(actor: Actor, omschrijving: str, ontdekt_op: datetime, now: datetime) -> Datalek:
    if actor.rol not in MELDERS:
        raise NotAllowed("Alleen medewerkers melden een datalek.")
    if not omschrijving.strip():
        raise PolicyError({"omschrijving": ["Beschrijf wat er is gebeurd."]})
    if ontdekt_op > now:
        raise PolicyError({"ontdekt_op": ["Het moment van ontdekking ligt niet in de toekomst."]})
    swv = Samenwerkingsverband.objects.get(pk=actor.samenwerkingsverband_id)
    datalek = Datalek(
        samenwerkingsverband=swv,
        protocol_versie=swv.geldend_protocol(now),
        deelnemer_id=actor.deelnemer_id,
        ontdekt_op=ontdekt_op,
        gemeld_door_id=actor.user_id,
        omschrijving=omschrijving,
        geregistreerd_op=now,
        gewijzigd_op=now,
    )
    stamp(datalek, actor, "gemeld")
    datalek.save()
    deadlines.reconcile(datalek, now)
    cases.alert_staff(datalek, "datalek_gemeld", now, (Rol.PRIVACY_OFFICER,))
    return datalek


@dataclass(frozen=True)
class HoogRisico:
    """AVG art. 34(2): what the people concerned are told, and who they are."""

    signalering_ids: list[int]
    uitleg: str
    gevolgen: str
    maatregelen: str


def _check_hoog_risico(actor: Actor, risico: HoogRisico) -> list[Signalering]:
    errors = {
        name: ["Verplicht bij een hoog risico (art. 34 lid 2 AVG)."]
        for name, value in (
            ("uitleg_betrokkenen", risico.uitleg),
            ("gevolgen", risico.gevolgen),
            ("maatregelen", risico.maatregelen),
        )
        if not value.strip()
    }
    sigs = list(
        Signalering.objects.filter(
            pk__in=risico.signalering_ids, samenwerkingsverband_id=actor.samenwerkingsverband_id
        ).exclude(state="verwijderd")
    )
    if not sigs or len(sigs) != len(set(risico.signalering_ids)):
        errors["signaleringen"] = ["Noem de signaleringen van de mensen die het lek raakt."]
    if errors:
        raise PolicyError(errors)
    return sigs


@transaction.atomic
def beoordeel(
    actor: Actor, pk: int, beoordeling: str, now: datetime, hoog_risico: HoogRisico | None = None
) -> Datalek:
    """The risk assessed; a high risk starts the clock to tell the people concerned."""
    sigs = _check_hoog_risico(actor, hoog_risico) if hoog_risico else []

    def apply(datalek: Datalek) -> None:
        datalek.beoordeling = beoordeling
        if hoog_risico:
            datalek.hoog_risico, datalek.hoog_risico_op = True, now
            datalek.uitleg_betrokkenen = hoog_risico.uitleg
            datalek.gevolgen, datalek.maatregelen = hoog_risico.gevolgen, hoog_risico.maatregelen

    datalek = cases.run(Datalek, pk, actor, "beoordeel", now, PRIVACY, beoordeling, apply)
    datalek.betrokken_signaleringen.set(sigs)
    if hoog_risico:
        deadlines.reconcile(datalek, now)
    return datalek


@transaction.atomic
def informeer_betrokkenen(actor: Actor, pk: int, now: datetime) -> Datalek:
    """AVG art. 34: each person concerned is told, in plain words, what happened, what it may
    mean for them, what was done, and whom to ask."""
    datalek = lock(Datalek, pk)
    if not PRIVACY(actor, datalek):
        raise NotAllowed("Alleen de privacy officer of het samenwerkingsverband informeert.")
    if not datalek.moet_betrokkenen_informeren:
        raise NotPossible("Geen hoog risico vastgesteld, of de betrokkenen zijn al ingelicht.")
    swv = datalek.samenwerkingsverband
    for sig in datalek.betrokken_signaleringen.exclude(state="verwijderd"):
        request_notice(
            Notice(
                key=f"datalek:{datalek.pk}:betrokkene:{sig.pk}",
                template="datalek_betrokkene",
                case_type="datalek",
                case_id=datalek.pk,
                recipient=recipient_for(sig),
                now=now,
                context={
                    "datum_brief": local_date(now).isoformat(),
                    "naam": sig.naam,
                    "adres": sig.adres,
                    "uitleg": datalek.uitleg_betrokkenen,
                    "gevolgen": datalek.gevolgen,
                    "maatregelen": datalek.maatregelen,
                    "samenwerkingsverband": swv.naam,
                    "fg_contact": swv.fg_contact,
                },
            )
        )
    datalek.betrokkenen_geinformeerd_op, datalek.gewijzigd_op = now, now
    stamp(datalek, actor, "betrokkenen ingelicht (art. 34 AVG)")
    datalek.save()
    deadlines.reconcile(datalek, now)
    return datalek


@transaction.atomic
def meld_ap(actor: Actor, pk: int, kenmerk: str, now: datetime) -> Datalek:
    if not kenmerk.strip():
        raise PolicyError({"ap_kenmerk": ["Vermeld het kenmerk van de melding bij de AP."]})

    def apply(datalek: Datalek) -> None:
        datalek.ap_kenmerk, datalek.gemeld_ap_op = kenmerk, now

    return cases.run(Datalek, pk, actor, "meld_ap", now, PRIVACY, kenmerk, apply)


@transaction.atomic
def niet_meldplichtig(actor: Actor, pk: int, redenen: str, now: datetime) -> Datalek:
    if not redenen.strip():
        raise PolicyError({"beoordeling": ["Leg vast waarom het lek niet meldplichtig is."]})

    def apply(datalek: Datalek) -> None:
        datalek.beoordeling = redenen

    return cases.run(Datalek, pk, actor, "niet_meldplichtig", now, PRIVACY, redenen, apply)


@transaction.atomic
def sluit(actor: Actor, pk: int, now: datetime) -> Datalek:
    def apply(datalek: Datalek) -> None:
        if datalek.moet_betrokkenen_informeren:
            raise NotPossible("Licht eerst de betrokkenen in (art. 34 AVG).")

    return cases.run(Datalek, pk, actor, "sluit", now, PRIVACY, "", apply)


# Who may take each step, by step: what a page offers is what the service will allow.
WIE_MAG: dict[str, cases.Guard] = {
    name: PRIVACY
    for name in ("beoordeel", "informeer_betrokkenen", "meld_ap", "niet_meldplichtig", "sluit")
}
