"""Issue 11: health endpoints an orchestrator probes and an operator reads: the web replica can
work (database, migrations), and the flows keep up (deadlines escalated in time, failing
escalations, e-mail not waiting past its time). Counts only, never personal data."""

from __future__ import annotations

from datetime import timedelta

import pytest
from django.db import connection
from django.test import Client

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
    from portal import clock

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
