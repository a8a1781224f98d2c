"""What every case machine shares: who may act, the one transition path, notices to the person."""

from __future__ import annotations

from collections.abc import Callable, Iterator
from contextlib import contextmanager
from contextvars import ContextVar
from datetime import datetime
from typing import Any, TypeVar

from django.db import models

from states.clock import local_date
from states.models import Medewerker, Raadpleging
from states.notices import Notice, Recipient, request_notice
from states.roles import Actor, NotAllowed, Rol
from states.services import deadlines
from states.services.common import fire, lock, stamp

C = TypeVar("C", bound=models.Model)
Guard = Callable[[Actor, Any], bool]


def bron_id(case: Any) -> int | None:
    """The corporation a case belongs to: its primaire bron, or the corporation it is about."""
    return getattr(case, "primaire_bron_id", None) or getattr(case, "deelnemer_id", None)


def regio(actor: Actor, case: Any) -> bool:
    return actor.samenwerkingsverband_id == case.samenwerkingsverband_id


def privacy(actor: Actor, case: Any) -> bool:
    return regio(actor, case) and actor.rol in (Rol.PRIVACY_OFFICER, Rol.MEDEWERKER_SWV)


def bron(actor: Actor, case: Any) -> bool:
    """The primaire bron's functionaris, or the privacy officer / samenwerkingsverband."""
    own = actor.rol == Rol.FUNCTIONARIS and actor.deelnemer_id == bron_id(case)
    return privacy(actor, case) or (regio(actor, case) and own)


def samenwerkingsverband(actor: Actor, case: Any) -> bool:
    return regio(actor, case) and actor.rol == Rol.MEDEWERKER_SWV


def eigen_functionaris(actor: Actor, case: Any) -> bool:
    return (
        regio(actor, case)
        and actor.rol == Rol.FUNCTIONARIS
        and actor.deelnemer_id is not None
        and actor.deelnemer_id == bron_id(case)
    )


def directie(actor: Actor, case: Any) -> bool:
    return regio(actor, case) and actor.rol == Rol.DIRECTIE and actor.deelnemer_id == bron_id(case)


def secretaris(actor: Actor, case: Any) -> bool:
    return regio(actor, case) and actor.rol == Rol.SECRETARIS_GC


def indiener(actor: Actor, case: Any) -> bool:
    return actor.rol == Rol.BETROKKENE and getattr(case, "indiener_id", None) == actor.user_id


def automaat(actor: Actor, case: Any) -> bool:
    """The scheduled flows, acting on a deadline the protocol sets."""
    return regio(actor, case) and actor.rol == Rol.AUTOMAAT


def any_of(*guards: Guard) -> Guard:
    return lambda actor, case: any(g(actor, case) for g in guards)


def run(
    model: type[C],
    pk: int,
    actor: Actor,
    name: str,
    now: datetime,
    guard: Guard,
    reason: str = "",
    apply: Callable[[C], None] | None = None,
) -> C:
    """The one transition path: lock, guard, fire, apply, history, deadlines. Call in atomic."""
    case = lock(model, pk)
    if not guard(actor, case):
        raise NotAllowed(f"Deze rol mag '{name}' niet uitvoeren op {case}.")
    fire(case, name)
    if apply is not None:
        apply(case)
    case.gewijzigd_op = now
    stamp(case, actor, reason or name)
    case.save()
    deadlines.reconcile(case, now)
    return case


def log_read(actor: Actor, case: Any, now: datetime) -> None:
    log_reads(actor, [case], now, Raadpleging.Actie.DETAIL)


def log_reads(actor: Actor, rows: list[Any], now: datetime, actie: str) -> None:
    """Every read of a case's personal data: who, when, which case, for what purpose."""
    doel = _doel(actor)
    Raadpleging.objects.bulk_create(
        Raadpleging(
            tijdstip=now,
            user_id=actor.user_id,
            rol=actor.rol,
            deelnemer_id=actor.deelnemer_id,
            signalering_id=getattr(case, "signalering_id", None),
            case_type=case.CASE_TYPE,
            case_id=case.pk,
            actie=actie,
            doel=doel,
        )
        for case in rows
    )


def log_letter(actor: Actor, case_type: str, case_id: int, now: datetime) -> None:
    """A letter holds personal data too: reading it (PDF or page) is logged like a case read."""
    Raadpleging.objects.create(
        tijdstip=now,
        user_id=actor.user_id,
        rol=actor.rol,
        deelnemer_id=actor.deelnemer_id,
        signalering_id=case_id if case_type == "signalering" else None,
        case_type="" if case_type == "signalering" else case_type[:20],
        case_id=None if case_type == "signalering" else case_id,
        actie=Raadpleging.Actie.BRIEF,
        doel=_doel(actor),
    )


def _doel(actor: Actor) -> str:
    if actor.rol == Rol.PRIVACY_OFFICER:
        return Raadpleging.Doel.TOEZICHT
    if actor.rol == Rol.BETROKKENE:
        return Raadpleging.Doel.VERZOEK_BETROKKENE
    return Raadpleging.Doel.BEHEER


def case_context(case: Any, now: datetime, **extra: Any) -> dict[str, Any]:
    bron_obj = getattr(case, "primaire_bron", None)
    swv = case.samenwerkingsverband
    context = {
        "datum_brief": local_date(now).isoformat(),
        "naam": case.indiener_naam,
        "adres": case.indiener_adres,
        "zaak": f"{case.CASE_TYPE} #{case.pk}",
        "ontvangen_op": local_date(case.ontvangen_op).isoformat(),
        "samenwerkingsverband": swv.naam,
        "fg_contact": swv.fg_contact,
        "primaire_bron": {"naam": bron_obj.naam, "adres": bron_obj.adres, "email": bron_obj.email}
        if bron_obj
        else {"naam": swv.naam, "adres": "", "email": ""},
    }
    open_deadline = deadlines.first_open(case)
    if open_deadline and open_deadline.last_day:
        context["uiterlijk"] = open_deadline.last_day.isoformat()
    return {**context, **extra}


def tell(case: Any, template: str, now: datetime, key_suffix: str = "", **extra: Any) -> None:
    """A notice to the person who filed the case: e-mail, else a letter, else a dated letter."""
    request_notice(
        Notice(
            key=f"{case.CASE_TYPE}:{case.pk}:{template}{key_suffix}",
            template=template,
            case_type=case.CASE_TYPE,
            case_id=case.pk,
            recipient=Recipient(
                naam=case.indiener_naam,
                email=case.indiener_email,
                adres=case.indiener_adres,
                taal=getattr(case, "taal", "nl"),
            ),
            now=now,
            context=case_context(case, now, **extra),
        )
    )


# Within one enforcement batch the same staff are alerted about many cases: inside
# `staff_remembered()` each group is looked up once, not once per case.
_staff_memo: ContextVar[dict[tuple[Any, ...], list[Any]] | None] = ContextVar(
    "staff_memo", default=None
)


@contextmanager
def staff_remembered() -> Iterator[None]:
    token = _staff_memo.set({})
    try:
        yield
    finally:
        _staff_memo.reset(token)


def _staff(swv_id: int, rollen: tuple[str, ...], deelnemer_id: int | None) -> list[Any]:
    """The active users in these roles of the region (of one corporation, if given)."""
    memo, key = _staff_memo.get(), (swv_id, tuple(rollen), deelnemer_id)
    if memo is not None and key in memo:
        return memo[key]
    staff = Medewerker.objects.filter(
        samenwerkingsverband_id=swv_id, rol__in=rollen, user__is_active=True
    ).select_related("user")
    if deelnemer_id is not None:
        staff = staff.filter(models.Q(deelnemer_id=deelnemer_id) | models.Q(deelnemer__isnull=True))
    users = [medewerker.user for medewerker in staff]
    if memo is not None:
        memo[key] = users
    return users


def alert_staff(
    case: Any,
    template: str,
    now: datetime,
    rollen: tuple[str, ...],
    deelnemer_id: int | None = None,
    key_suffix: str = "",
    **extra: Any,
) -> None:
    """Tell staff in the given roles (of one corporation, if given); names no one."""
    for user in _staff(case.samenwerkingsverband_id, rollen, deelnemer_id):
        request_notice(
            Notice(
                key=f"{case.CASE_TYPE}:{case.pk}:{template}{key_suffix}:{user.pk}",
                template=template,
                case_type=case.CASE_TYPE,
                case_id=case.pk,
                recipient=Recipient.staff(user),
                now=now,
                context={
                    "zaak": f"{case.CASE_TYPE} #{case.pk}",
                    "case_id": case.pk,
                    "datum": local_date(now).isoformat(),
                    **extra,
                },
            )
        )
