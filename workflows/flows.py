"""The Prefect flows. Each takes an explicit `now` (ISO-8601); scheduled runs pass none and use
the clock at this edge, so the domain below never reads it. Thin: they call workflows.jobs."""

from __future__ import annotations

from datetime import UTC, datetime
from typing import Any

from prefect import Flow, flow

from workflows import jobs
from workflows.django_setup import setup


def _now(now: str | None) -> datetime:
    if not now:
        return datetime.now(UTC)
    moment = datetime.fromisoformat(now)
    if moment.tzinfo is None:
        raise ValueError("now needs a time zone, e.g. 2026-11-23T09:00:00+01:00")
    return moment


def _make(name: str) -> Flow:
    job = jobs.JOBS[name]

    def run(now: str | None = None) -> dict[str, Any]:
        setup()
        return job(_now(now))

    run.__doc__ = job.__doc__
    return flow(name=name, log_prints=True)(run)


FLOWS: dict[str, Flow] = {name: _make(name) for name in jobs.JOBS}

# Schedules (cron, Europe/Amsterdam). Every flow is idempotent, so runs missed during an outage
# are simply caught up.
SCHEDULES = {
    "dispatch-outbox": "* * * * *",
    "enforce-deadlines": "*/5 * * * *",
    "send-reminders": "0 7 * * *",
    "expire-signaleringen": "5 * * * *",
    "retention-purge": "30 2 * * *",
    "failure-digest": "0 8 * * *",
}
