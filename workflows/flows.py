"""The Prefect flows. Each takes an explicit `now` (ISO-8601); scheduled runs pass none and use
the clock at this edge, so the domain below never reads it. Thin: they call workflows.jobs.

Each flow is a module-level function: a served run re-imports this module in a subprocess and
finds its flow by name (its entrypoint).
"""

from __future__ import annotations

import functools
import time
from collections.abc import Callable
from datetime import UTC, datetime
from typing import Any

from prefect import Flow, flow

from workflows import jobs
from workflows.django_setup import setup
from workflows.schedules import SCHEDULES  # noqa: F401 - workflows.flows.SCHEDULES


def _now(now: str | None) -> datetime:
    if not now:
        return datetime.now(UTC)
    moment = datetime.fromisoformat(now)
    if moment.tzinfo is None:
        raise ValueError("now needs a time zone, e.g. 2026-11-23T09:00:00+01:00")
    return moment


def recorded(name: str) -> Callable[[Callable[..., Any]], Callable[..., Any]]:
    """Record each run's start, outcome and duration (portal.models.FlowStatus) for
    /health/flows and /metrics: under Prefect and under `manage.py run_flow` (which calls
    the flow's `.fn`, this wrapper) alike. The run's own outcome is unchanged."""

    def decorate(body: Callable[..., Any]) -> Callable[..., Any]:
        @functools.wraps(body)
        def run(*args: Any, **kwargs: Any) -> Any:
            setup()
            from portal import logs

            token = logs.flow.set(name)  # every log line of the run names its flow
            try:
                return _recording(name, body, *args, **kwargs)
            finally:
                logs.flow.reset(token)

        return run

    return decorate


def _recording(name: str, body: Callable[..., Any], *args: Any, **kwargs: Any) -> Any:
    from portal.flowstatus import record_end, record_start

    record_start(name)
    began = time.monotonic()
    try:
        result = body(*args, **kwargs)
    except BaseException as error:
        record_end(name, time.monotonic() - began, error)
        raise
    record_end(name, time.monotonic() - began, None)
    return result


def _run(name: str, now: str | None) -> dict[str, Any]:
    setup()
    return jobs.JOBS[name](_now(now))


@flow(name="dispatch-outbox", log_prints=True)
@recorded("dispatch-outbox")
def dispatch_outbox(now: str | None = None) -> dict[str, Any]:
    """Deliver pending e-mail, queue letters for print, purge ended signaleringen once told."""
    return _run("dispatch-outbox", now)


@flow(name="expire-signaleringen", log_prints=True)
@recorded("expire-signaleringen")
def expire_signaleringen(now: str | None = None) -> dict[str, Any]:
    """End every signalering whose term has run out."""
    return _run("expire-signaleringen", now)


class EscalationFailed(RuntimeError):
    """Some escalations raised: the run ends Failed, so an operator sees it in Prefect. It
    carries the run's report, so what did succeed is still shown."""

    def __init__(self, message: str, report: dict[str, Any]) -> None:
        super().__init__(message, report)
        self.report = report

    def __str__(self) -> str:
        return str(self.args[0])


@flow(name="enforce-deadlines", log_prints=True)
@recorded("enforce-deadlines")
def enforce_deadlines(now: str | None = None) -> dict[str, Any]:
    """Escalate every due deadline exactly once. The others are committed first; a deadline
    whose escalation raised stays open (retried next run) and fails this run."""
    result = _run("enforce-deadlines", now)
    if result["failed"]:
        raise EscalationFailed(
            f"{result['failed']} escalatie(s) mislukt (termijnen {result['mislukt']}); "
            f"{result['escalated']} gelukt. Zie de termijnenpagina en de dagelijkse samenvatting.",
            result,
        )
    return result


@flow(name="send-reminders", log_prints=True)
@recorded("send-reminders")
def send_reminders(now: str | None = None) -> dict[str, Any]:
    """Remind the responsible role before each internal target."""
    return _run("send-reminders", now)


@flow(name="retention-purge", log_prints=True)
@recorded("retention-purge")
def retention_purge(now: str | None = None) -> dict[str, Any]:
    """Erase closed case files past their retention term."""
    return _run("retention-purge", now)


@flow(name="failure-digest", log_prints=True)
@recorded("failure-digest")
def failure_digest(now: str | None = None) -> dict[str, Any]:
    """Report failed messages to the operators, once a day."""
    return _run("failure-digest", now)


@flow(name="open-periodic-reviews", log_prints=True)
@recorded("open-periodic-reviews")
def open_periodic_reviews(now: str | None = None) -> dict[str, Any]:
    """Open the half-yearly access reviews (ch. 14.1), process checks (ch. 8) and data
    verifications (ch. 11) where this half year's are not open yet."""
    return _run("open-periodic-reviews", now)


FLOWS: dict[str, Flow] = {
    f.name: f
    for f in (
        dispatch_outbox,
        expire_signaleringen,
        enforce_deadlines,
        send_reminders,
        retention_purge,
        failure_digest,
        open_periodic_reviews,
    )
}

# The schedules live in workflows.schedules (the web process reads them without Prefect).
