"""Deadlines follow the state of their case: created, met and cancelled in the transition's
transaction; suspended and extended only as the law allows, each move journalled with why."""

from __future__ import annotations

import math
from collections.abc import Iterable
from datetime import datetime
from typing import Any

from django.db import models

from states import calendar
from states.models import Deadline, DeadlineKind, DeadlineStatus
from states.roles import NotPossible

# kind → (calendar rule, protocol setting with its length, what starts the clock)
TERMS: dict[str, tuple[str, str, str]] = {
    DeadlineKind.VERZOEK_BESLISSEN: ("weken-atw", "beslissen_verzoek_weken", "ontvangst"),
    DeadlineKind.VERZOEK_UITVOEREN: ("weken-atw", "uitvoeren_verzoek_weken", "besluit"),
    DeadlineKind.KLACHT_BEVESTIGEN: ("weken-atw", "klacht_bevestigen_weken", "ontvangst"),
    DeadlineKind.KLACHT_REAGEREN: ("weken-atw", "klacht_reactie_weken", "ontvangst"),
    DeadlineKind.KLACHT_HERSTEL: ("weken-atw", "herstel_weken", "besluit"),
    DeadlineKind.GESCHIL_HERSTEL: ("weken-atw", "herstel_weken", "besluit"),
    DeadlineKind.DATALEK_MELDEN: ("uren", "datalek_melden_uren", "ontdekking"),
    DeadlineKind.DATALEK_BETROKKENEN: ("uren", "datalek_betrokkenen_uren", "hoog_risico"),
    # ch. 24 sets no term: the dispute's own (ADR 0013): four weeks to decide, two to apply.
    DeadlineKind.HARDHEID_BESLISSEN: ("weken-atw", "hardheid_beslissen_weken", "ontvangst"),
    DeadlineKind.HARDHEID_TOEPASSEN: ("weken-atw", "herstel_weken", "besluit"),
    DeadlineKind.TOEGANGSTOETS: ("weken-atw", "toegangstoets_weken", "opening"),
    DeadlineKind.CONTROLE_PROCES: ("weken-atw", "controle_weken", "opening"),
    DeadlineKind.CONTROLE_VERIFICATIE: ("weken-atw", "controle_weken", "opening"),
    # ch. 22 says yearly, not by when: a quarter after the year ends is our own default.
    DeadlineKind.JAARVERSLAG: ("weken-atw", "jaarverslag_weken", "opening"),
    # ch. 20 "binnen redelijke termijn": our own default of six weeks (ADR 0011).
    DeadlineKind.DEELNAME_VERBETERPLAN: ("weken-atw", "verbeterplan_weken", "opening"),
}
# Lengths a protocol version seeded before they existed may lack (ADR 0007).
DEFAULT_LENGTHS = {
    "datalek_betrokkenen_uren": 72,
    "toegangstoets_weken": 4,
    "controle_weken": 4,
    "hardheid_beslissen_weken": 4,
    "jaarverslag_weken": 13,
    "verbeterplan_weken": 6,
}


def _start(case: models.Model, clock: str, now: datetime) -> datetime:
    if clock == "ontvangst":
        return case.ontvangen_op
    if clock == "ontdekking":
        return case.ontdekt_op
    if clock == "hoog_risico":
        return case.hoog_risico_op
    if clock == "opening":
        return case.geopend_op
    return now


def of_case(case: models.Model) -> models.QuerySet[Deadline]:
    return Deadline.objects.filter(case_type=case.CASE_TYPE, case_id=case.pk)


def last_days(case_type: str, case_ids: Iterable[int]) -> dict[int, Any]:
    """The legal last day of each case's deadline, for cases with one deadline in their life
    (the periodic duties), in one query for a page of them."""
    rows = Deadline.objects.filter(case_type=case_type, case_id__in=list(case_ids))
    return dict(rows.values_list("case_id", "last_day"))


def first_open(case: models.Model) -> Deadline | None:
    """The case's earliest open deadline (the date a letter names as "uiterlijk")."""
    known = case.__dict__.get("_open_deadlines")
    if known is None:
        return of_case(case).filter(status=DeadlineStatus.OPEN).order_by("due_at").first()
    still_open = [d for d in known if d.status == DeadlineStatus.OPEN]
    return min(still_open, key=lambda d: (d.due_at, d.pk), default=None)


def remember_open(cases: Iterable[Any], batch: list[Deadline]) -> None:
    """Hand each case of an enforcement batch its open deadlines in one query, so `first_open`
    reads none per case. The batch's own deadlines are the very objects being escalated: one
    marked missed in memory is no longer open for the next letter, as if read back."""
    cases = list(cases)
    if not cases:
        return
    by_case: dict[tuple[str, int], list[Deadline]] = {}
    for deadline in batch:
        by_case.setdefault((deadline.case_type, deadline.case_id), []).append(deadline)
    wanted = models.Q()
    for case_type in {c.CASE_TYPE for c in cases}:
        ids = [c.pk for c in cases if c.CASE_TYPE == case_type]
        wanted |= models.Q(case_type=case_type, case_id__in=ids)
    others = Deadline.objects.filter(wanted, status=DeadlineStatus.OPEN).exclude(
        pk__in=[d.pk for d in batch]
    )
    for deadline in others:
        by_case.setdefault((deadline.case_type, deadline.case_id), []).append(deadline)
    for case in cases:
        case._open_deadlines = by_case.get((case.CASE_TYPE, case.pk), [])


def _term(case: models.Model, kind: str, now: datetime) -> calendar.Termijn:
    rule, setting, clock = TERMS[kind]
    termijnen = case.protocol_versie.beleid.termijnen
    start = _start(case, clock, now)
    if kind == DeadlineKind.VERZOEK_BESLISSEN and getattr(case, "is_avg_verzoek", False):
        # ch. 15 four weeks and AVG art. 12(3) one month both bind: the earlier applies.
        return calendar.earliest(
            start, termijnen[setting], termijnen.get("avg_beslistermijn_maanden", 1)
        )
    return calendar.compute(rule, start, termijnen.get(setting, DEFAULT_LENGTHS.get(setting)))


def _create(case: models.Model, kind: str, now: datetime) -> Deadline:
    term = _term(case, kind, now)
    return Deadline.objects.create(
        case_type=case.CASE_TYPE,
        case_id=case.pk,
        kind=kind,
        start_at=term.start,
        due_at=term.due_at,
        last_day=term.last_day,
        internal_target=term.internal_target,
        computation=term.journal(),
    )


def reconcile(case: models.Model, now: datetime) -> None:
    """Make the open deadlines exactly what the case's state requires.

    A deadline the new state no longer needs is *met* when the transition fulfils it (late when
    past due), otherwise *cancelled*; one the state needs and lacks is created."""
    required = case.required_deadlines()
    fulfilled = case.FULFILS.get(case.state, set())
    live = list(of_case(case).select_for_update().filter(closed_at__isnull=True))
    for deadline in live:
        if deadline.kind in required:
            continue
        if deadline.status == DeadlineStatus.OPEN:
            deadline.status = (
                DeadlineStatus.MET if deadline.kind in fulfilled else DeadlineStatus.CANCELLED
            )
            deadline.met_late = deadline.status == DeadlineStatus.MET and now >= deadline.due_at
        deadline.closed_at = now
        deadline.save()
    present = {d.kind for d in live if d.kind in required}
    for kind in sorted(required - present):
        _create(case, kind, now)


def _open(case: models.Model, kind: str) -> Deadline:
    deadline = of_case(case).select_for_update().filter(kind=kind, status="open").first()
    if deadline is None:
        raise NotPossible("Er loopt geen termijn van deze soort.")
    return deadline


def _move(deadline: Deadline, term: calendar.Termijn, entry: dict[str, Any]) -> None:
    """A new legal end; the internal target stays where it was: it never moves later."""
    deadline.due_at, deadline.last_day = term.due_at, term.last_day
    deadline.computation = term.journal()
    deadline.journal = [*deadline.journal, entry]
    deadline.save()


def extend(case: models.Model, kind: str, months: int, reason: str, now: datetime) -> Deadline:
    """AVG art. 12(3): extend by further months, with reasons, notified within the first term."""
    deadline = _open(case, kind)
    if not reason.strip():
        raise NotPossible("Een verlenging vereist redenen (art. 12 lid 3 AVG).")
    if now >= deadline.due_at:
        raise NotPossible("Verlengen kan alleen binnen de eerste termijn.")
    if any(e["type"] == "verlenging" for e in deadline.journal):
        raise NotPossible("De termijn is al verlengd.")
    term = calendar.months(deadline.start_at, 1 + months)
    _move(
        deadline,
        term,
        {
            "type": "verlenging",
            "at": now.isoformat(),
            "reason": reason,
            "from": deadline.due_at.isoformat(),
            "to": term.due_at.isoformat(),
        },
    )
    return deadline


def suspend(case: models.Model, kind: str, reason: str, now: datetime) -> Deadline:
    allowed = case.protocol_versie.beleid.termijnen.get("opschorten", [])
    if kind not in allowed:
        raise NotPossible("Deze termijn kan volgens de protocolversie niet worden opgeschort.")
    deadline = _open(case, kind)
    if deadline.suspended_since:
        raise NotPossible("De termijn is al opgeschort.")
    deadline.suspended_since = now
    deadline.journal = [
        *deadline.journal,
        {"type": "opschorting", "at": now.isoformat(), "reason": reason},
    ]
    deadline.save()
    return deadline


def resume(case: models.Model, kind: str, now: datetime) -> Deadline:
    deadline = _open(case, kind)
    if not deadline.suspended_since:
        raise NotPossible("De termijn is niet opgeschort.")
    days = math.ceil((now - deadline.suspended_since).total_seconds() / 86400)
    term = calendar.shifted(
        calendar.Termijn.from_journal(deadline.computation), days, f"{days} dagen opgeschort"
    )
    deadline.suspended_since = None
    _move(deadline, term, {"type": "hervat", "at": now.isoformat(), "days": days})
    return deadline
