"""The flows run for real under Prefect (a test harness server, started once for these tests)."""

from __future__ import annotations

from datetime import timedelta

import pytest
from django.db import connection

from notifications.models import OutboxMessage
from states.models import Deadline
from tests.test_enforcement_load import due_requests


@pytest.mark.flow
@pytest.mark.django_db(transaction=True)
def test_enforce_deadlines_flow_runs_under_prefect(prefect_harness, region, now):
    from workflows.flows import FLOWS

    ids = due_requests(region, 25, now - timedelta(minutes=3))
    connection.close()  # the flow may run in another thread with its own connection
    result = FLOWS["enforce-deadlines"](now=now.isoformat())
    assert result["escalated"] == 25
    assert Deadline.objects.filter(case_id__in=ids, status="missed").count() == 25
    assert OutboxMessage.objects.filter(template="verzoek_vertraagd").count() == 25
    again = FLOWS["enforce-deadlines"](now=(now + timedelta(minutes=5)).isoformat())
    assert again["escalated"] == 0
    assert FLOWS["dispatch-outbox"](now=now.isoformat())["sent"] >= 25


def test_every_served_flow_can_be_found_by_its_entrypoint():
    # A served run re-imports the module in a subprocess and looks the flow up by name; a flow
    # built inside a function would be scheduled but never run.
    from prefect.flows import load_flow_from_entrypoint

    from workflows.flows import FLOWS, SCHEDULES
    from workflows.jobs import JOBS

    assert set(FLOWS) == set(JOBS) == set(SCHEDULES)  # every job is a flow with a schedule
    for name, flow in FLOWS.items():
        loaded = load_flow_from_entrypoint(f"workflows/flows.py:{flow.fn.__name__}")
        assert loaded.name == name
