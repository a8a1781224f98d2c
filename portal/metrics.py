"""Prometheus metrics: requests and latencies per view (django-prometheus), and the state of the
work, read from the database at each scrape so every replica reports the same figures: open and
overdue deadlines by kind, failing escalations, the outbox backlog and failed messages.
Counts only, never personal data."""

from __future__ import annotations

import os
from collections.abc import Iterator
from datetime import datetime, timedelta

from django.db import DatabaseError
from django.db.models import Count
from django.http import HttpRequest, HttpResponse
from django.views.decorators.http import require_GET
from prometheus_client import CONTENT_TYPE_LATEST, CollectorRegistry, generate_latest, multiprocess
from prometheus_client.core import REGISTRY, GaugeMetricFamily
from prometheus_client.registry import Collector

from notifications.models import OutboxMessage
from portal import clock
from portal.models import FlowStatus
from states.models import Deadline

NAMES = {
    "signalering_deadlines_open": "Open deadlines, by kind",
    "signalering_deadlines_overdue": "Open deadlines past their due time",
    "signalering_escalations_failing": "Escalations that keep failing",
    "signalering_outbox_backlog": "Messages and letters not yet sent",
    "signalering_outbox_late": "Messages over 15 minutes past their time",
    "signalering_messages_failed": "Messages that failed for good",
    "signalering_flow_seconds_since_success": "Seconds since each flow last succeeded",
    "signalering_flow_consecutive_failures": "Failed runs of each flow since its last success",
    "signalering_flow_last_duration_seconds": "How long each flow's last run took",
}


class WorkCollector(Collector):
    def describe(self) -> Iterator[GaugeMetricFamily]:
        """The names, without touching the database (registration happens at start-up)."""
        for name, help_text in NAMES.items():
            yield GaugeMetricFamily(name, help_text)

    def collect(self) -> Iterator[GaugeMetricFamily]:
        now = clock.now()
        try:
            open_by_kind = _by_kind(Deadline.objects.filter(status="open"))
            overdue_by_kind = _by_kind(Deadline.objects.filter(status="open", due_at__lt=now))
            failing = Deadline.objects.filter(
                status="open", escalatie_mislukt_sinds__isnull=False
            ).count()
            backlog = OutboxMessage.objects.filter(
                status__in=(OutboxMessage.Status.PENDING, OutboxMessage.Status.PRINT_QUEUE)
            ).count()
            late = OutboxMessage.objects.filter(
                status=OutboxMessage.Status.PENDING, next_attempt_at__lt=now - timedelta(minutes=15)
            ).count()
            failed = OutboxMessage.objects.filter(status=OutboxMessage.Status.FAILED).count()
            runs = list(FlowStatus.objects.all())
        except DatabaseError:
            return  # the scrape still answers; /health/web says what is wrong
        yield _gauge("signalering_deadlines_open", "Open deadlines, by kind", open_by_kind)
        yield _gauge(
            "signalering_deadlines_overdue", "Open deadlines past their due time", overdue_by_kind
        )
        yield GaugeMetricFamily(
            "signalering_escalations_failing", "Escalations that keep failing", value=failing
        )
        yield GaugeMetricFamily(
            "signalering_outbox_backlog", "Messages and letters not yet sent", value=backlog
        )
        yield GaugeMetricFamily(
            "signalering_outbox_late",
            "Messages waiting over 15 minutes past their time",
            value=late,
        )
        yield GaugeMetricFamily(
            "signalering_messages_failed", "Messages that failed for good", value=failed
        )
        yield from _flow_gauges(runs, now)


def _flow_gauges(runs: list[FlowStatus], now: datetime) -> Iterator[GaugeMetricFamily]:
    """Per flow; a flow that never succeeded has no 'since success' sample (alert on absence)."""
    since, failures, duration = (
        GaugeMetricFamily(name, NAMES[name], labels=["flow"])
        for name in (
            "signalering_flow_seconds_since_success",
            "signalering_flow_consecutive_failures",
            "signalering_flow_last_duration_seconds",
        )
    )
    for run in sorted(runs, key=lambda r: r.name):
        if run.last_success_at:
            since.add_metric([run.name], max(0.0, (now - run.last_success_at).total_seconds()))
        failures.add_metric([run.name], run.consecutive_failures)
        if run.last_duration_seconds is not None:
            duration.add_metric([run.name], run.last_duration_seconds)
    yield from (since, failures, duration)


def _by_kind(queryset) -> dict[str, int]:  # noqa: ANN001
    return dict(queryset.values_list("kind").annotate(n=Count("pk")).order_by())


def _gauge(name: str, help_text: str, values: dict[str, int]) -> GaugeMetricFamily:
    gauge = GaugeMetricFamily(name, help_text, labels=["kind"])
    for kind, n in sorted(values.items()):
        gauge.add_metric([kind], n)
    return gauge


WORK = WorkCollector()  # one per process, read from the database at each scrape
_registered = False


def register() -> None:
    global _registered
    if not _registered:
        REGISTRY.register(WORK)
        _registered = True


@require_GET
def export(request: HttpRequest) -> HttpResponse:
    """/metrics. With several gunicorn workers (PROMETHEUS_MULTIPROC_DIR set before they start),
    the request counters are every worker's, summed from their files in that directory
    (prometheus_client's multiprocess mode; deploy/gunicorn.conf.py tidies up after a worker);
    the work figures come from the database, so once is right whichever worker answers."""
    if os.environ.get("PROMETHEUS_MULTIPROC_DIR"):
        registry = CollectorRegistry()
        multiprocess.MultiProcessCollector(registry)
        registry.register(WORK)
    else:
        registry = REGISTRY
    return HttpResponse(generate_latest(registry), content_type=CONTENT_TYPE_LATEST)
