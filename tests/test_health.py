"""Issue 11: health endpoints an orchestrator probes and an operator reads: the web replica can
work (database, migrations), and the flows keep up (deadlines escalated in time, failing
escalations, e-mail not waiting past its time). Counts only, never personal data."""

from __future__ import annotations

import os
import subprocess
import sys
from datetime import datetime, timedelta

import pytest
from django.db import connection
from django.test import Client

from portal import clock
from states.services import enforcement
from tests.test_enforcement_load import due_requests

pytestmark = pytest.mark.django_db


def test_the_web_replica_is_ready_when_the_database_answers_and_is_migrated(region):
    response = Client().get("/health/web")
    assert response.status_code == 200
    assert response.json() == {"status": "ok", "database": "ok", "migrations": "ok"}


def test_a_replica_with_an_unapplied_migration_is_not_ready(region):
    with connection.cursor() as cursor:  # rolled back with the test
        cursor.execute(
            "DELETE FROM django_migrations WHERE app = 'states' AND name = "
            "(SELECT max(name) FROM django_migrations WHERE app = 'states')"
        )
    response = Client().get("/health/web")
    assert response.status_code == 503 and response.json()["migrations"] == "not applied"


def test_flows_are_unhealthy_while_a_due_deadline_waits_past_the_grace(region, now):
    assert Client().get("/health/flows").status_code == 200
    due_requests(region, 2, now - timedelta(minutes=20))
    due_requests(region, 1, now - timedelta(minutes=5))  # within the grace: not yet a problem
    response = Client().get("/health/flows")
    assert response.status_code == 503
    assert response.json()["deadlines_overdue_unhandled"] == 2
    assert "Aanvrager" not in response.content.decode()  # counts, no names
    enforcement.enforce(now)
    body = Client().get("/health/flows").json()
    assert body["deadlines_overdue_unhandled"] == 0 and body["status"] == "ok"
    # The notices written now are due now; if nothing sends them, after the grace it shows.
    later = Client()
    with pytest.MonkeyPatch.context() as mp:
        mp.setattr(clock, "now", lambda: now + timedelta(minutes=20))
        body = later.get("/health/flows").json()
    assert body["outbox_waiting_past_due"] > 0 and body["status"] == "fail"


def test_failing_escalations_are_counted(region, now, monkeypatch):
    due_requests(region, 1, now - timedelta(minutes=3))

    def broken(case, deadline, now, alert):  # noqa: ANN001, ANN202
        raise KeyError("sjabloon")

    monkeypatch.setattr(enforcement, "_escalate", broken)
    enforcement.enforce(now)
    body = Client().get("/health/flows").json()
    assert body["escalations_failing"] == 1 and body["status"] == "fail"


def test_metrics_count_the_work_and_the_requests_without_personal_data(region, now):
    due_requests(region, 2, now - timedelta(minutes=20))
    due_requests(region, 3, now + timedelta(days=3))
    client = Client()
    client.get("/health/web")
    text = client.get("/metrics").content.decode()
    assert 'signalering_deadlines_open{kind="verzoek_beslissen"} 5.0' in text
    assert 'signalering_deadlines_overdue{kind="verzoek_beslissen"} 2.0' in text
    assert "signalering_outbox_backlog" in text and "signalering_messages_failed 0.0" in text
    assert "django_http_requests_total_by_view_transport_method_total" in text
    assert "Aanvrager" not in text and "@example.org" not in text


def test_each_flow_reports_its_last_success_and_is_late_past_its_tolerance(region, now):
    from workflows.flows import FLOWS

    body = Client().get("/health/flows").json()
    assert body["flows"]["dispatch-outbox"]["last_success_at"] is None
    assert body["flows_late"] == []  # freshly installed: nothing has run, nothing is late yet
    FLOWS["dispatch-outbox"].fn(now=now.isoformat())  # as manage.py run_flow runs it
    FLOWS["send-reminders"].fn(now=now.isoformat())
    body = Client().get("/health/flows").json()
    assert datetime.fromisoformat(body["flows"]["dispatch-outbox"]["last_success_at"]) == now
    assert body["flows"]["dispatch-outbox"]["tolerance_minutes"] == 12
    assert body["flows"]["send-reminders"]["tolerance_minutes"] == 25 * 60
    with pytest.MonkeyPatch.context() as mp:
        mp.setattr(clock, "now", lambda: now + timedelta(minutes=13))
        response = Client().get("/health/flows")
    # Minute flow: late after 12 minutes; the daily one and those never started: not yet.
    assert response.status_code == 503
    assert response.json()["flows_late"] == ["dispatch-outbox"]


def test_a_failing_flow_counts_its_failures_by_kind_without_the_message(region, now):
    from workflows import jobs
    from workflows.flows import FLOWS

    def broken(moment):  # noqa: ANN001, ANN202
        raise LookupError("jan.jansen@example.org 123456789")

    with pytest.MonkeyPatch.context() as mp:
        mp.setitem(jobs.JOBS, "retention-purge", broken)
        for _ in range(2):
            with pytest.raises(LookupError):
                FLOWS["retention-purge"].fn(now=now.isoformat())
    flow = Client().get("/health/flows").json()["flows"]["retention-purge"]
    assert flow["consecutive_failures"] == 2 and flow["last_failure_kind"] == "LookupError"
    assert flow["last_success_at"] is None
    with pytest.MonkeyPatch.context() as mp:
        mp.setattr(clock, "now", lambda: now + timedelta(hours=26))
        body = Client().get("/health/flows").json()
    # Started but never succeeded: late once its tolerance has passed since the first start.
    assert "retention-purge" in body["flows_late"]
    text = Client().get("/metrics").content.decode()
    assert 'signalering_flow_consecutive_failures{flow="retention-purge"} 2.0' in text
    assert "jan.jansen" not in text and "123456789" not in text


COUNT_IN_A_WORKER = """
import sys
from prometheus_client import Counter
Counter("signalering_probe", "requests in one worker").inc(int(sys.argv[1]))
"""


def test_metrics_sum_the_counters_of_every_worker_process(region, tmp_path, monkeypatch):
    """With PROMETHEUS_MULTIPROC_DIR, each gunicorn worker writes its counters to a file there;
    whichever worker answers /metrics reports them all, and the work figures once."""
    env = {**os.environ, "PROMETHEUS_MULTIPROC_DIR": str(tmp_path)}
    for n in (2, 3):  # two worker processes
        subprocess.run([sys.executable, "-c", COUNT_IN_A_WORKER, str(n)], env=env, check=True)
    monkeypatch.setenv("PROMETHEUS_MULTIPROC_DIR", str(tmp_path))
    response = Client().get("/metrics")
    assert response.status_code == 200
    text = response.content.decode()
    assert "signalering_probe_total 5.0" in text
    assert text.count("# TYPE signalering_deadlines_open gauge") == 1
