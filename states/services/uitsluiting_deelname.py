"""Exclusion of a deelnemer (ch. 20), as the participants decide it and the region's staff
record it: a temporary exclusion suspends the authorisations and gives the deelnemer a term
to present an improvement plan; an accepted plan restores the participation; once the term
has passed without an adequate plan the participants may decide the exclusion is definitive.
When the term passes the region is asked to decide; the clock never excludes anyone (ADR 0011).
Every decision is journalled (Deelnamebesluit) and the corporation's staff are told."""

from __future__ import annotations

from dataclasses import dataclass
from datetime import date, datetime

from django.db import transaction

from states.clock import local_date
from states.models import (
    BesluitSoort,
    Deadline,
    DeadlineKind,
    Deelnamebesluit,
    Deelnemer,
    UitsluitingDeelname,
    UitsluitingDeelnameState,
)
from states.policy import PolicyError
from states.roles import Actor, NotAllowed, NotPossible, Rol
from states.services import cases, deadlines
from states.services.common import lock, stamp
from states.services.deelname import wijzig_deelname

EERSTE_DATUM = date(2000, 1, 1)
MAX_REDENEN = 5000
# Who at the corporation hears of a decision: everyone whose access it suspends or ends.
CORPORATIE = (Rol.DIRECTIE, Rol.FUNCTIONARIS, Rol.BEVRAGER)
# Who is asked to decide when the improvement-plan term has passed.
REGIO = (Rol.MEDEWERKER_SWV, Rol.PRIVACY_OFFICER)


@dataclass(frozen=True)
class Besluit:
    """A decision of the participants as recorded: its date, their reference, the reasons."""

    besloten_op: date
    kenmerk: str
    redenen: str


def _controleer(besluit: Besluit, now: datetime, kenmerk_verplicht: bool = True) -> None:
    errors: dict[str, list[str]] = {}
    if besluit.besloten_op > local_date(now):
        errors["besloten_op"] = ["De datum van het besluit ligt in de toekomst."]
    elif besluit.besloten_op < EERSTE_DATUM:
        errors["besloten_op"] = ["De datum van het besluit ligt vóór 2000."]
    if kenmerk_verplicht and not besluit.kenmerk.strip():
        errors["kenmerk"] = ["Vul het kenmerk van het besluit in."]
    elif len(besluit.kenmerk) > 100 or "\x00" in besluit.kenmerk:
        errors["kenmerk"] = ["Hoogstens 100 tekens, zonder ongeldige tekens."]
    if not besluit.redenen.strip():
        errors["redenen"] = ["Vul de redenen van het besluit in."]
    elif len(besluit.redenen) > MAX_REDENEN or "\x00" in besluit.redenen:
        errors["redenen"] = [f"Hoogstens {MAX_REDENEN} tekens, zonder ongeldige tekens."]
    if errors:
        raise PolicyError(errors)


def _regio_staf(actor: Actor, deelnemer: Deelnemer) -> None:
    if actor.rol != Rol.MEDEWERKER_SWV:
        raise NotAllowed("Alleen het samenwerkingsverband legt besluiten over deelname vast.")
    if actor.samenwerkingsverband_id != deelnemer.samenwerkingsverband_id:
        raise NotAllowed("Andere regio.")


def _journaal(
    case: UitsluitingDeelname, soort: str, b: Besluit, actor: Actor, now: datetime
) -> None:
    Deelnamebesluit.objects.create(
        samenwerkingsverband_id=case.samenwerkingsverband_id,
        deelnemer_id=case.deelnemer_id,
        uitsluiting=case,
        soort=soort,
        besloten_op=b.besloten_op,
        kenmerk=b.kenmerk.strip(),
        toelichting=b.redenen.strip(),
        vastgelegd_door_id=actor.user_id,
        vastgelegd_op=now,
    )


def _vertel(case: UitsluitingDeelname, template: str, b: Besluit, now: datetime) -> None:
    """The corporation's staff hear of the decision (e-mail still reaches suspended staff)."""
    termijn = deadlines.first_open(case)
    cases.alert_staff(
        case,
        template,
        now,
        CORPORATIE,
        case.deelnemer_id,
        deelnemer=case.deelnemer.naam,
        samenwerkingsverband=case.samenwerkingsverband.naam,
        besluit_datum=b.besloten_op.isoformat(),
        kenmerk=b.kenmerk.strip(),
        motivering=b.redenen.strip(),
        uiterlijk=termijn.last_day.isoformat() if termijn and termijn.last_day else "",
    )


@transaction.atomic
def sluit_tijdelijk_uit(
    actor: Actor, deelnemer_id: int, besluit: Besluit, now: datetime
) -> UitsluitingDeelname:
    """Record the participants' decision to exclude temporarily: the authorisations are
    suspended (ch. 20 para 2) and the improvement-plan term starts."""
    deelnemer = lock(Deelnemer, deelnemer_id)
    _regio_staf(actor, deelnemer)
    if deelnemer.status not in (Deelnemer.Status.ACTIEF, Deelnemer.Status.OPGESCHORT):
        raise NotPossible("Deze deelname is al beëindigd.")
    lopend = UitsluitingDeelname.objects.filter(
        deelnemer=deelnemer, state=UitsluitingDeelnameState.TIJDELIJK
    )
    if lopend.exists():
        raise NotPossible("Er loopt al een tijdelijke uitsluiting van deze deelnemer.")
    _controleer(besluit, now)
    versie = deelnemer.samenwerkingsverband.geldend_protocol(now)
    if versie is None:
        raise NotPossible("Er geldt geen protocolversie.")
    case = UitsluitingDeelname(
        samenwerkingsverband_id=deelnemer.samenwerkingsverband_id,
        protocol_versie=versie,
        deelnemer=deelnemer,
        besloten_op=besluit.besloten_op,
        kenmerk=besluit.kenmerk.strip(),
        redenen=besluit.redenen.strip(),
        geopend_op=now,
        gewijzigd_op=now,
    )
    stamp(case, actor, "tijdelijk uitgesloten (hfst. 20)")
    case.save()
    if deelnemer.status == Deelnemer.Status.ACTIEF:
        wijzig_deelname(actor, deelnemer.pk, Deelnemer.Status.OPGESCHORT, now)
    deadlines.reconcile(case, now)
    _journaal(case, BesluitSoort.TIJDELIJK, besluit, actor, now)
    _vertel(case, "deelname_tijdelijk", besluit, now)
    return case


def _lopend(actor: Actor, pk: int) -> UitsluitingDeelname:
    case = lock(UitsluitingDeelname, pk)
    _regio_staf(actor, case.deelnemer)
    if case.state != UitsluitingDeelnameState.TIJDELIJK:
        raise NotPossible("Over deze uitsluiting is al besloten.")
    return case


def _na_uitsluiting(case: UitsluitingDeelname, besluit: Besluit) -> None:
    if besluit.besloten_op < case.besloten_op:
        raise PolicyError(
            {"besloten_op": ["Dit besluit ligt vóór het besluit tot tijdelijke uitsluiting."]}
        )


@transaction.atomic
def aanvaard_verbeterplan(
    actor: Actor, pk: int, besluit: Besluit, now: datetime
) -> UitsluitingDeelname:
    """The participants accepted the improvement plan: the deelnemer is active again and the
    term is met (late, when it had already passed)."""
    case = _lopend(actor, pk)
    _controleer(besluit, now, kenmerk_verplicht=False)
    _na_uitsluiting(case, besluit)

    def afronden(c: UitsluitingDeelname) -> None:
        c.afgerond_op = now

    guard = cases.samenwerkingsverband
    case = cases.run(
        UitsluitingDeelname, pk, actor, "aanvaard_plan", now, guard, "plan aanvaard", afronden
    )
    wijzig_deelname(actor, case.deelnemer_id, Deelnemer.Status.ACTIEF, now)
    _journaal(case, BesluitSoort.PLAN_AANVAARD, besluit, actor, now)
    _vertel(case, "deelname_plan_aanvaard", besluit, now)
    return case


def termijn(case: UitsluitingDeelname) -> Deadline | None:
    """The improvement-plan term of this exclusion (open, or passed and escalated)."""
    return (
        deadlines.of_case(case)
        .filter(kind=DeadlineKind.DEELNAME_VERBETERPLAN)
        .order_by("-start_at", "-pk")
        .first()
    )


def kan_definitief(case: UitsluitingDeelname, now: datetime) -> str:
    """Why a definitive exclusion cannot be decided yet ("" when it can): ch. 20 allows it only
    when no adequate plan came "binnen redelijke termijn", so not while the term runs."""
    if case.state != UitsluitingDeelnameState.TIJDELIJK:
        return "Over deze uitsluiting is al besloten."
    t = termijn(case)
    if t is not None and now < t.due_at:
        return (
            f"De termijn voor het verbeterplan loopt nog tot en met {t.last_day:%d-%m-%Y}. "
            "Pas daarna kunnen de deelnemers tot definitieve uitsluiting besluiten."
        )
    return ""


@transaction.atomic
def sluit_definitief_uit(
    actor: Actor, pk: int, besluit: Besluit, now: datetime
) -> UitsluitingDeelname:
    """The participants decided the exclusion is definitive: the corporation's staff are told,
    then their authorisations are withdrawn and its signaleringen ended (each person told, then
    purged) through the existing service."""
    case = _lopend(actor, pk)
    waarom = kan_definitief(case, now)
    if waarom:
        raise NotPossible(waarom)
    _controleer(besluit, now)
    t = termijn(case)
    if t is not None and t.last_day and besluit.besloten_op <= t.last_day:
        raise PolicyError(
            {"besloten_op": ["Het besluit ligt niet na het einde van de termijn voor het plan."]}
        )

    def afronden(c: UitsluitingDeelname) -> None:
        c.afgerond_op = now

    guard = cases.samenwerkingsverband
    case = cases.run(
        UitsluitingDeelname, pk, actor, "sluit_definitief_uit", now, guard, "definitief", afronden
    )
    _journaal(case, BesluitSoort.DEFINITIEF, besluit, actor, now)
    _vertel(case, "deelname_definitief", besluit, now)  # told before the accounts close
    wijzig_deelname(actor, case.deelnemer_id, Deelnemer.Status.UITGESLOTEN, now)
    return case


def termijn_verstreken(case: UitsluitingDeelname, t: Deadline, now: datetime) -> None:
    """Enforcement: the term passed. The region is asked to decide; nothing else changes."""
    cases.alert_staff(
        case,
        "deelname_besluit_gevraagd",
        now,
        REGIO,
        None,
        deelnemer=case.deelnemer.naam,
        besluit_datum=case.besloten_op.isoformat(),
        kenmerk=case.kenmerk,
        uiterlijk=t.last_day.isoformat() if t.last_day else "",
    )
