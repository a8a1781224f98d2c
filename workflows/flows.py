"""The Prefect flows. Each takes an explicit `now` (ISO-8601); scheduled runs pass none and use
the clock at this edge, so the domain below never reads it."""

from __future__ import annotations

from datetime import UTC, datetime
from typing import Any

from prefect import flow

from workflows import jobs
from workflows.django_setup import setup


def _now(now: str | None) -> datetime:
    if not now:
        return datetime.now(UTC)
    moment = datetime.fromisoformat(now)
    if moment.tzinfo is None:
        raise ValueError("now needs a time zone, e.g. 2026-11-23T09:00:00+01:00")
    return moment


@flow(name="dispatch-outbox", log_prints=True)
def dispatch_outbox(now: str | None = None) -> dict[str, Any]:
    setup()
    return jobs.dispatch_outbox(_now(now))


@flow(name="expire-signaleringen", log_prints=True)
def expire_signaleringen(now: str | None = None) -> dict[str, Any]:
    setup()
    return jobs.expire_signaleringen(_now(now))


FLOWS = {f.name: f for f in (dispatch_outbox, expire_signaleringen)}

# Schedules (cron, Europe/Amsterdam). Every flow is idempotent, so runs missed during an outage
# are simply caught up.
SCHEDULES = {
    "dispatch-outbox": "* * * * *",
    "expire-signaleringen": "5 * * * *",
}
