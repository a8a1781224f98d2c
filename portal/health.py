"""Health endpoints for operators and orchestrators (no personal data, no session needed).

- `/health/web`: the database answers and every migration is applied (else 503), so a load
  balancer or a Kubernetes readiness probe stops sending traffic to a replica that cannot work.
- `/health/flows`: whether the scheduled flows keep up: open deadlines past due and not
  escalated after a grace period (enforce-deadlines runs every five minutes), escalations that
  keep failing, and e-mail waiting past its time (dispatch-outbox runs every minute); and, per
  scheduled flow, its last successful run and whether that is late for its schedule
  (portal.flowstatus says how late is late). Counts, times and exception kinds only.
"""

from __future__ import annotations

import functools
from datetime import timedelta

from django.db import DatabaseError, ProgrammingError, connection
from django.db.migrations.loader import MigrationLoader
from django.http import HttpRequest, JsonResponse
from django.views.decorators.http import require_GET

from notifications.models import OutboxMessage
from portal import clock, flowstatus
from states.models import Deadline
from workflows.schedules import SCHEDULES

GRACE = timedelta(minutes=15)  # three enforce runs, fifteen outbox runs


@functools.cache
def _newest_migrations() -> tuple[tuple[str, str], ...]:
    """The newest migration of each app in this release's code: read from disk once per
    process (building the graph took 5 ms a probe), not per request."""
    return tuple(MigrationLoader(None, ignore_no_migrations=True).graph.leaf_nodes())


def _all_applied(cursor) -> bool:  # noqa: ANN001 - a DB-API cursor
    """Migrations apply in order, so the newest of each app recorded means all are."""
    newest = _newest_migrations()
    try:
        cursor.execute(
            "SELECT count(*) FROM django_migrations WHERE (app, name) IN "
            f"({', '.join(['(%s, %s)'] * len(newest))})",
            [part for node in newest for part in node],
        )
    except ProgrammingError:  # no migrations table yet: nothing is applied
        return False
    return cursor.fetchone()[0] == len(newest)


@require_GET
def web(request: HttpRequest) -> JsonResponse:
    checks = {"database": "ok", "migrations": "ok"}
    try:
        with connection.cursor() as cursor:
            if not _all_applied(cursor):
                checks["migrations"] = "not applied"
    except DatabaseError:
        checks["database"] = "unreachable"
        checks["migrations"] = "unknown"
    healthy = all(v == "ok" for v in checks.values())
    return JsonResponse(
        {"status": "ok" if healthy else "fail", **checks}, status=200 if healthy else 503
    )


@require_GET
def flows(request: HttpRequest) -> JsonResponse:
    now = clock.now()
    try:
        figures = {
            "deadlines_overdue_unhandled": Deadline.objects.filter(
                status="open", due_at__lt=now - GRACE, suspended_since__isnull=True
            ).count(),
            "escalations_failing": Deadline.objects.filter(
                status="open", escalatie_mislukt_sinds__isnull=False
            ).count(),
            "outbox_waiting_past_due": OutboxMessage.objects.filter(
                status=OutboxMessage.Status.PENDING,
                channel=OutboxMessage.Channel.EMAIL,
                attempts=0,
                next_attempt_at__lt=now - GRACE,
            ).count(),
        }
        runs = flowstatus.health(SCHEDULES, now)
    except DatabaseError:
        return JsonResponse({"status": "fail", "database": "unreachable"}, status=503)
    healthy = not any(figures.values()) and not any(run.late for run in runs)
    body = {
        "status": "ok" if healthy else "fail",
        "grace_minutes": 15,
        **figures,
        "flows_late": sorted(run.name for run in runs if run.late),
        "flows": {run.name: run.as_json() for run in runs},
    }
    return JsonResponse(body, status=200 if healthy else 503)
