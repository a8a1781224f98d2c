"""Reminders before each internal target: the responsible role is told, once per reminder, a
set number of (working) days ahead as the protocol version says."""

from __future__ import annotations

from datetime import datetime, timedelta
from typing import Any

from django.db import transaction

from states.clock import local_date
from states.models import Deadline, DeadlineKind, DeadlineStatus
from states.roles import Rol
from states.services import cases
from states.services.enforcement import CASE_MODELS


def _reminder_day(target: Any, lead: dict[str, int]) -> Any:
    from states.holidays import non_working_reason

    if "dagen" in lead:
        return target - timedelta(days=lead["dagen"])
    day, left = target, lead["werkdagen"]
    while left:
        day -= timedelta(days=1)
        if non_working_reason(day, "atw") is None:
            left -= 1
    return day


REMINDED_ROLES = {
    DeadlineKind.VERZOEK_BESLISSEN: (Rol.FUNCTIONARIS, Rol.PRIVACY_OFFICER),
    DeadlineKind.VERZOEK_UITVOEREN: (Rol.FUNCTIONARIS, Rol.PRIVACY_OFFICER),
    DeadlineKind.KLACHT_BEVESTIGEN: (Rol.DIRECTIE,),
    DeadlineKind.KLACHT_REAGEREN: (Rol.DIRECTIE,),
    DeadlineKind.KLACHT_HERSTEL: (Rol.FUNCTIONARIS, Rol.DIRECTIE),
    DeadlineKind.GESCHIL_HERSTEL: (Rol.FUNCTIONARIS, Rol.DIRECTIE),
    DeadlineKind.HARDHEID_BESLISSEN: (Rol.SECRETARIS_GC, Rol.PRIVACY_OFFICER),
    DeadlineKind.HARDHEID_TOEPASSEN: (Rol.FUNCTIONARIS, Rol.DIRECTIE),
    # The periodic duties remind whoever carries them out (their `beoordelaar_rol`).
    DeadlineKind.TOEGANGSTOETS: (),
    DeadlineKind.CONTROLE_PROCES: (),
    DeadlineKind.CONTROLE_VERIFICATIE: (),
    DeadlineKind.JAARVERSLAG: (),
    # ch. 20: the excluded corporation's directie owes the plan; the region follows it up.
    DeadlineKind.DEELNAME_VERBETERPLAN: (Rol.DIRECTIE, Rol.MEDEWERKER_SWV),
}


def _who(deadline: Deadline, case: Any) -> tuple[tuple[str, ...], int | None]:
    """The roles to remind, and of which corporation (None: region-wide roles)."""
    if hasattr(case, "beoordelaar_rol"):  # a periodic duty: whoever carries it out
        return (case.beoordelaar_rol,), case.deelnemer_id
    return REMINDED_ROLES[deadline.kind], cases.bron_id(case)


def _cases_of(deadlines_: list[Deadline]) -> dict[tuple[str, int], Any]:
    """The cases of these deadlines, one query per case type."""
    found: dict[tuple[str, int], Any] = {}
    for case_type, model in CASE_MODELS.items():
        ids = [d.case_id for d in deadlines_ if d.case_type == case_type]
        for case in model.objects.filter(pk__in=ids).select_related("protocol_versie"):
            found[(case_type, case.pk)] = case
    return found


def _remind_one(deadline: Deadline, case: Any, now: datetime) -> int:
    today, (rollen, bron) = local_date(now), _who(deadline, case)
    sent = []
    for lead in case.protocol_versie.beleid.termijnen.get("herinneringen", []):
        key = "-".join(f"{k}{v}" for k, v in lead.items())
        if key in deadline.reminders_sent or today < _reminder_day(deadline.internal_target, lead):
            continue
        cases.alert_staff(
            case,
            "herinnering",
            now,
            rollen,
            bron,
            key_suffix=f":{deadline.pk}:{key}",
            termijn=DeadlineKind(deadline.kind).label,
            streefdatum=deadline.internal_target.isoformat(),
            uiterlijk=deadline.last_day.isoformat() if deadline.last_day else "",
        )
        sent.append(key)
    if sent:  # save only on change: every save writes a history row
        deadline.reminders_sent = [*deadline.reminders_sent, *sent]
        deadline.save(update_fields=["reminders_sent"])
    return len(sent)


@transaction.atomic
def remind(now: datetime) -> int:
    """Remind the responsible role before each internal target, once per reminder."""
    due_soon = list(
        Deadline.objects.select_for_update(skip_locked=True).filter(
            status=DeadlineStatus.OPEN,
            suspended_since__isnull=True,
            internal_target__isnull=False,
            internal_target__lte=local_date(now) + timedelta(days=14),
            kind__in=list(REMINDED_ROLES),
        )
    )
    found = _cases_of(due_soon)
    return sum(
        _remind_one(d, found[(d.case_type, d.case_id)], now)
        for d in due_soon
        if (d.case_type, d.case_id) in found
    )
