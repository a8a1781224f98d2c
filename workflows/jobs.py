"""What each flow does, as plain functions of `now`: the flows wrap these, tests call both."""

from __future__ import annotations

from datetime import datetime
from typing import Any


def dispatch_outbox(now: datetime) -> dict[str, Any]:
    """Deliver pending e-mail; purge ended signaleringen whose removal notice has gone out."""
    from notifications.delivery import deliver_pending
    from notifications.purging import purge_told

    report = deliver_pending(now)
    purged = purge_told(now)
    return {
        "sent": report.sent,
        "retried": report.retried,
        "failed": report.failed,
        "purged": len(purged),
    }


def expire_signaleringen(now: datetime) -> dict[str, Any]:
    """End every signalering whose term has run out, in every region (ch. 6.7, 12.4)."""
    from states.models import Samenwerkingsverband
    from states.services.signalering import beeindig_verlopen

    ended = [
        pk
        for swv_id in Samenwerkingsverband.objects.values_list("pk", flat=True)
        for pk in beeindig_verlopen(swv_id, now)
    ]
    return {"ended": len(ended)}


JOBS = {
    "dispatch-outbox": dispatch_outbox,
    "expire-signaleringen": expire_signaleringen,
}
