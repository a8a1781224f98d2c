"""What each flow does, as plain functions of `now`: the flows wrap these, tests call both."""

from __future__ import annotations

import logging
from datetime import datetime
from typing import Any

log = logging.getLogger(__name__)


def dispatch_outbox(now: datetime) -> dict[str, Any]:
    """Deliver pending e-mail, queue letters for print, purge ended signaleringen once told."""
    from notifications.delivery import deliver_pending, queue_letters
    from notifications.purging import purge_told

    report = deliver_pending(now)
    letters = queue_letters(now)
    purged = purge_told(now)
    return {
        "sent": report.sent,
        "retried": report.retried,
        "failed": report.failed,
        "letters": letters,
        "purged": len(purged),
    }


def expire_signaleringen(now: datetime) -> dict[str, Any]:
    """End every signalering whose term has run out, in every region (ch. 6.7, 12.4)."""
    from states.models import Samenwerkingsverband
    from states.services.signalering import beeindig_regiodelen, beeindig_verlopen

    regions = list(Samenwerkingsverband.objects.values_list("pk", flat=True))
    region_parts = [pk for swv_id in regions for pk in beeindig_regiodelen(swv_id, now)]
    ended = [pk for swv_id in regions for pk in beeindig_verlopen(swv_id, now)]
    return {"ended": len(ended), "region_parts_ended": len(region_parts)}


def enforce_deadlines(now: datetime) -> dict[str, Any]:
    from states.services.enforcement import enforce

    report = enforce(now)
    return {
        "escalated": report.escalated,
        "caught_up": report.catch_up,
        "stale": report.stale,
        "failed": report.failed,
        "mislukt": report.mislukt[:100],
        "max_late_seconds": int(report.max_late_seconds),
    }


def send_reminders(now: datetime) -> dict[str, Any]:
    from states.services.herinneringen import remind

    return {"reminders": remind(now)}


def retention_purge(now: datetime) -> dict[str, Any]:
    from states.models import ProtocolVersie
    from states.services import retentie
    from states.services.dossier import purge_expired_cases

    # The terms of the newest protocol version in force: retention is a regional choice.
    versie = ProtocolVersie.objects.geldend(now).first()  # never a draft or a future one
    termijnen = versie.beleid.termijnen if versie else {}
    from portal.signin import purge_expired  # the sign-in codes live at the web edge

    return {
        **purge_expired_cases(now),
        **retentie.pas_toe(now, dict(termijnen)),
        "inlogcodes": purge_expired(now),
    }


def failure_digest(now: datetime) -> dict[str, Any]:
    from notifications.digest import send_failure_digest
    from notifications.purging import escalate_unprinted

    return {"reported": send_failure_digest(now), "unprinted_escalated": escalate_unprinted(now)}


def startup_check(now: datetime) -> dict[str, Any]:
    """Anything past due and not yet handled, reported when the flow runner starts."""
    from states.services.enforcement import overdue

    report = overdue(now)
    if report["overdue"]:
        log.warning(
            "%s deadlines past due and not yet handled (oldest %s): catching up",
            report["overdue"],
            report["oldest_due"],
        )
    return report


def open_periodic_reviews(now: datetime) -> dict[str, Any]:
    """Open this half year's access review (ch. 14.1), process check (ch. 8) and data
    verification (ch. 11), and in the first quarter last year's report (ch. 22), wherever they
    are not open yet."""
    from states.services.controle import open_controles
    from states.services.jaarverslag import open_jaarverslagen
    from states.services.toegangstoets import open_toetsen

    return {
        "toegangstoetsen": open_toetsen(now),
        "controles": open_controles(now),
        "jaarverslagen": open_jaarverslagen(now),
    }


JOBS = {
    "dispatch-outbox": dispatch_outbox,
    "expire-signaleringen": expire_signaleringen,
    "enforce-deadlines": enforce_deadlines,
    "send-reminders": send_reminders,
    "retention-purge": retention_purge,
    "failure-digest": failure_digest,
    "open-periodic-reviews": open_periodic_reviews,
}
