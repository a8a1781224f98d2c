"""Issue 11: enforcement is set-based per batch — a fixed number of statements whatever the
batch holds — and still does, per escalation, what the one-by-one path did: the deadline's
transition with its history row and journal entry, and every notice. Rules in combination:
a complaint both unconfirmed and unanswered (ch. 16) escalated in one batch with requests."""

from __future__ import annotations

from datetime import datetime, timedelta

import pytest
from django.db import connection
from django.test.utils import CaptureQueriesContext

from notifications.models import OutboxMessage
from states.models import Deadline, Klacht
from states.services import enforcement
from tests.test_enforcement_load import due_requests
from tests.test_escalatie_mislukt import breaks_for  # noqa: F401 - fixture

pytestmark = pytest.mark.django_db


def statements_to_enforce(region, n: int, now: datetime) -> int:
    due_requests(region, n, now - timedelta(minutes=10))
    with CaptureQueriesContext(connection) as queries:
        assert enforcement.enforce(now, batch_size=200).escalated == n
    return len(queries)


def test_a_batch_costs_the_same_statements_for_5_and_for_150_deadlines(region, now):
    few = statements_to_enforce(region, 5, now)
    many = statements_to_enforce(region, 150, now + timedelta(minutes=1))
    assert few == many
    # The claim; the cases locked, their region, protocol version and corporation; their
    # other open deadlines; the staff to alert; one UPDATE, one history INSERT, one outbox
    # INSERT; the batch's savepoint and its release (inside the test's transaction).
    assert many == 12


def test_each_escalation_keeps_its_history_row_journal_and_notice(region, now):
    ids = due_requests(region, 30, now - timedelta(minutes=10))
    enforcement.enforce(now)
    for deadline in Deadline.objects.filter(case_id__in=ids):
        [entry] = [e for e in deadline.journal if e["type"] == "escalatie"]
        assert entry["late_seconds"] == 600 and deadline.escalated_at == now
        last = deadline.history.order_by("-history_id").first()
        assert (last.history_type, last.status, last.escalated_at) == ("~", "missed", now)
    told = OutboxMessage.objects.filter(template="verzoek_vertraagd", case_id__in=ids)
    assert sorted(told.values_list("case_id", flat=True)) == sorted(ids)
    assert {m.context["zaak"] for m in told} == {f"verzoek #{i}" for i in ids}
    # On time (ten minutes late): the privacy officer and the directie are alerted per case.
    alerts = OutboxMessage.objects.filter(template="escalatie_verzoek", case_id__in=ids)
    assert alerts.values("case_id").distinct().count() == 30


def test_a_failing_escalation_in_a_batch_writes_nothing_for_its_case(region, now, breaks_for):  # noqa: F811
    ids = due_requests(region, 5, now - timedelta(minutes=3))
    breaks_for({ids[2]})
    report = enforcement.enforce(now)
    assert (report.escalated, report.failed) == (4, 1)
    told = set(
        OutboxMessage.objects.filter(case_type="verzoek", case_id__in=ids).values_list(
            "case_id", flat=True
        )
    )
    assert told == set(ids) - {ids[2]}
    stuck = Deadline.objects.get(case_id=ids[2])
    assert stuck.status == "open" and stuck.journal == []
    assert not stuck.history.filter(status="missed").exists()


def test_complaint_unconfirmed_and_unanswered_escalates_both_in_one_batch_ch16(
    region, make_signalering, betrokkene, now
):
    sig = make_signalering()
    _, person = betrokkene(sig)
    klacht = person.post(
        "/api/v1/klachten",
        {"soort": "a", "signalering": sig.pk, "gronden": "Onterecht."},
        format="json",
    ).json()
    after = datetime.fromisoformat("2026-12-22T00:05:00+01:00")  # past both terms
    ids = due_requests(region, 10, after - timedelta(minutes=5))
    report = enforcement.enforce(after)
    assert (report.escalated, report.failed) == (12, 0)
    assert Klacht.objects.get(pk=klacht["id"]).state == "termijn_verstreken"
    mine = Deadline.objects.filter(case_type="klacht", case_id=klacht["id"])
    assert dict(mine.values_list("kind", "status")) == {
        "klacht_bevestigen": "missed",
        "klacht_reageren": "missed",
    }
    assert all([e["type"] for e in d.journal].count("escalatie") == 1 for d in mine)  # each once
    route = OutboxMessage.objects.filter(case_type="klacht", template="geschillencommissie_route")
    assert route.count() == 1
    assert Deadline.objects.filter(case_id__in=ids, status="missed").count() == 10
