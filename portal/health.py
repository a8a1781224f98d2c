"""Health endpoints for operators and orchestrators (no personal data, no session needed).

- `/health/web`: the database answers and every migration is applied (else 503), so a load
  balancer or a Kubernetes readiness probe stops sending traffic to a replica that cannot work.
- `/health/flows`: whether the scheduled flows keep up: open deadlines past due and not
  escalated after a grace period (enforce-deadlines runs every five minutes), escalations that
  keep failing, and e-mail waiting past its time (dispatch-outbox runs every minute). Counts only.
"""

from __future__ import annotations

from datetime import timedelta

from django.db import DatabaseError, connection
from django.db.migrations.executor import MigrationExecutor
from django.http import HttpRequest, JsonResponse
from django.views.decorators.http import require_GET

from notifications.models import OutboxMessage
from portal import clock
from states.models import Deadline

GRACE = timedelta(minutes=15)  # three enforce runs, fifteen outbox runs


@require_GET
def web(request: HttpRequest) -> JsonResponse:
    checks = {"database": "ok", "migrations": "ok"}
    try:
        with connection.cursor() as cursor:
            cursor.execute("SELECT 1")
        executor = MigrationExecutor(connection)
        if executor.migration_plan(executor.loader.graph.leaf_nodes()):
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
    except DatabaseError:
        return JsonResponse({"status": "fail", "database": "unreachable"}, status=503)
    healthy = not any(figures.values())
    body = {"status": "ok" if healthy else "fail", "grace_minutes": 15, **figures}
    return JsonResponse(body, status=200 if healthy else 503)
