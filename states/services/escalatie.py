"""What the escalation of each kind of deadline does, once enforcement has claimed it: tell the
person of a decision that came late, move the case on through its service (a complaint's four
weeks passing, a removal or a hardship deviation that is due, an access review lapsing), or
alert the staff who answer for it. Enforcement (states.services.enforcement) decides when."""

from __future__ import annotations

from datetime import datetime
from typing import Any

from states.models import Deadline, DeadlineKind, Herstel
from states.roles import Actor, Rol
from states.services import cases, uitsluiting_deelname
from states.services import geschil as geschil_service
from states.services import hardheid as hardheid_service
from states.services import klacht as klacht_service
from states.services import toegangstoets as toegangstoets_service
from states.services import verzoek as verzoek_service


def _alert(case: Any, kind: str, now: datetime, rollen: tuple[str, ...]) -> None:
    cases.alert_staff(
        case,
        "escalatie",
        now,
        rollen,
        cases.bron_id(case),
        key_suffix=f":{kind}",
        termijn=DeadlineKind(kind).label,
    )


def _remove_or_alert(service: Any, case: Any, kind: str, now: datetime, alert: bool) -> None:
    """Remedy overdue: where the decision was removal, remove now; otherwise escalate."""
    if case.besloten_herstel == Herstel.VERWIJDERD:
        service.herstel(
            Actor.automaat(case.samenwerkingsverband_id), case.pk, Herstel.VERWIJDERD, now
        )
    if alert:
        _alert(case, kind, now, (Rol.PRIVACY_OFFICER, Rol.DIRECTIE, Rol.FUNCTIONARIS))


# Kinds whose escalation only alerts staff (when on time; a catch-up sends one summary).
ALERTED: dict[str, tuple[str, ...]] = {
    DeadlineKind.VERZOEK_UITVOEREN: (Rol.PRIVACY_OFFICER, Rol.FUNCTIONARIS),
    DeadlineKind.KLACHT_BEVESTIGEN: (Rol.DIRECTIE,),
    DeadlineKind.DATALEK_MELDEN: (Rol.PRIVACY_OFFICER,),
    DeadlineKind.DATALEK_BETROKKENEN: (Rol.PRIVACY_OFFICER,),
    DeadlineKind.CONTROLE_PROCES: (Rol.MEDEWERKER_SWV, Rol.PRIVACY_OFFICER),
    DeadlineKind.CONTROLE_VERIFICATIE: (Rol.FUNCTIONARIS, Rol.DIRECTIE, Rol.PRIVACY_OFFICER),
    # ch. 22: the report to the participants is late; the region, its privacy officer and every
    # participant's directie (to whom it is owed) are told.
    DeadlineKind.JAARVERSLAG: (Rol.MEDEWERKER_SWV, Rol.PRIVACY_OFFICER, Rol.DIRECTIE),
}


# Decisions owed to the person that came late: the person is told of the delay, staff alerted.
UITBLIJVEN_BESLUIT = {
    DeadlineKind.VERZOEK_BESLISSEN: verzoek_service.uitblijven_besluit,
    DeadlineKind.HARDHEID_BESLISSEN: hardheid_service.uitblijven_besluit,  # ch. 24
}


def escalate(case: Any, deadline: Deadline, now: datetime, alert: bool) -> None:
    """Escalate one claimed deadline of `case`; `alert` is False in a catch-up (one summary)."""
    if deadline.kind == DeadlineKind.DEELNAME_VERBETERPLAN:
        # ch. 20: the region is asked to decide, also in a catch-up (a decision waits on it);
        # the exclusion never becomes definitive by the clock (ADR 0011).
        uitsluiting_deelname.termijn_verstreken(case, deadline, now)
    else:
        _escalate_kind(case, deadline.kind, now, alert)


def _escalate_kind(case: Any, kind: str, now: datetime, alert: bool) -> None:
    if kind in UITBLIJVEN_BESLUIT:
        UITBLIJVEN_BESLUIT[kind](case, now, alert)
    elif kind == DeadlineKind.KLACHT_REAGEREN:
        klacht_service.verstrijk(Actor.automaat(case.samenwerkingsverband_id), case.pk, now)
        if alert:
            _alert(case, kind, now, (Rol.PRIVACY_OFFICER, Rol.DIRECTIE))
    elif kind == DeadlineKind.KLACHT_HERSTEL:
        _remove_or_alert(klacht_service, case, kind, now, alert)
    elif kind == DeadlineKind.GESCHIL_HERSTEL:
        _remove_or_alert(geschil_service, case, kind, now, alert)
    elif kind == DeadlineKind.HARDHEID_TOEPASSEN:  # ch. 24: the decided deviation, applied now
        hardheid_service.termijn_toepassen_verstreken(case, now)
        if alert:
            _alert(case, kind, now, (Rol.PRIVACY_OFFICER, Rol.DIRECTIE, Rol.FUNCTIONARIS))
    elif kind == DeadlineKind.TOEGANGSTOETS:  # ch. 14.1: the unconfirmed lose access
        toegangstoets_service.verloop(Actor.automaat(case.samenwerkingsverband_id), case.pk, now)
    elif alert:
        rollen = ALERTED[kind]
        _alert(case, kind, now, rollen)
