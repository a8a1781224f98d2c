"""Enforcement under load and faults: two workers at once, a run killed mid-batch, an outage."""

from __future__ import annotations

import threading
from datetime import datetime, timedelta

import pytest
from django.db import connection

from notifications.models import OutboxMessage
from states import calendar
from states.models import Deadline, Deelnemer, Verzoek
from states.services import enforcement


def due_requests(region, n: int, due_at: datetime) -> list[int]:
    """`n` undecided requests whose four weeks ended at `due_at` (bulk, for speed)."""
    bron = Deelnemer.objects.get(code="tiwos")
    received = due_at - timedelta(weeks=4)
    verzoeken = Verzoek.objects.bulk_create(
        Verzoek(
            samenwerkingsverband=region,
            protocol_versie=region.geldend_protocol(received),
            primaire_bron=bron,
            soort="inzage",
            ontvangen_op=received,
            geregistreerd_op=received,
            kanaal="api",
            indiener_naam=f"Aanvrager {i}",
            indiener_email=f"a{i}@example.org",
            gewijzigd_op=received,
        )
        for i in range(n)
    )
    # How the four weeks were computed, as the case page shows it (the same for every row).
    computation = calendar.compute("weken-atw", received, 4).journal()
    Deadline.objects.bulk_create(
        Deadline(
            case_type="verzoek",
            case_id=v.pk,
            kind="verzoek_beslissen",
            start_at=received,
            due_at=due_at,
            computation=computation,
        )
        for v in verzoeken
    )
    return [v.pk for v in verzoeken]


def assert_each_handled_once(ids: list[int]) -> None:
    deadlines = Deadline.objects.filter(case_type="verzoek", case_id__in=ids)
    assert deadlines.filter(status="missed").count() == len(ids)
    assert all(
        [e["type"] for e in journal].count("escalatie") == 1
        for journal in deadlines.values_list("journal", flat=True)
    )
    told = OutboxMessage.objects.filter(template="verzoek_vertraagd", case_id__in=ids)
    assert told.count() == len(ids)
    assert told.values("case_id").distinct().count() == len(ids)


@pytest.mark.django_db(transaction=True)
def test_two_runs_at_once_over_10000_deadlines_handle_each_exactly_once(region, now):
    # The flows were down for 24 hours while 10,000 deadlines fell due.
    ids = due_requests(region, 10_000, now - timedelta(hours=24))
    assert enforcement.overdue(now)["overdue"] == 10_000  # the start-up check sees them
    reports = []

    def worker():
        try:
            reports.append(enforcement.enforce(now))
        finally:
            connection.close()

    threads = [threading.Thread(target=worker) for _ in range(2)]
    for t in threads:
        t.start()
    for t in threads:
        t.join()

    assert sum(r.escalated for r in reports) == 10_000
    assert all(r.escalated > 0 for r in reports)  # both really worked, on disjoint rows
    assert_each_handled_once(ids)
    late = Deadline.objects.filter(case_id__in=ids).values_list("journal", flat=True)
    assert {j[-1]["late_seconds"] for j in late} == {24 * 3600}
    # Staff get a summary of the outage per run, not ten thousand alerts: the privacy officer
    # and TIWOS's directie and functionaris (whose requests these are); nobody else. Two runs
    # at one timestamp each deliver theirs (the keys carry a run id).
    assert not OutboxMessage.objects.filter(template="escalatie_verzoek").exists()
    summary = OutboxMessage.objects.filter(template="achterstand_samenvatting")
    assert sorted(set(summary.values_list("to_email", flat=True))) == [
        "tiwos-directie@demo.woninginzicht.nl",
        "tiwos-functionaris@demo.woninginzicht.nl",
        "wiz-privacy_officer@demo.woninginzicht.nl",
    ]
    officer = summary.filter(to_email__startswith="wiz-privacy_officer")
    assert officer.count() == 2  # one per run: the second is not dropped
    assert sum(m.context["aantal"] for m in officer) == 10_000
    assert officer.first().context["zaken"][0]["zaak"].startswith("verzoek #")
    assert enforcement.overdue(now)["overdue"] == 0


@pytest.mark.django_db
def test_run_killed_mid_batch_then_rerun_skips_none_and_repeats_none(region, now):
    ids = due_requests(region, 500, now - timedelta(minutes=2))
    handled = 0

    def crash_at_250(deadline):
        nonlocal handled
        handled += 1
        if handled == 250:
            raise KeyboardInterrupt("killed")

    with pytest.raises(KeyboardInterrupt):
        enforcement.enforce(now, batch_size=200, after_each=crash_at_250)
    # The first batch committed; the batch that was cut off left nothing behind.
    assert Deadline.objects.filter(case_id__in=ids, status="missed").count() == 200
    assert OutboxMessage.objects.filter(template="verzoek_vertraagd").count() == 200
    report = enforcement.enforce(now, batch_size=200)
    assert report.escalated == 300
    assert_each_handled_once(ids)
    # On time (two minutes late): the staff were alerted per case, no outage summary.
    assert not OutboxMessage.objects.filter(template="achterstand_samenvatting").exists()
    assert OutboxMessage.objects.filter(template="escalatie_verzoek").exists()


def _enforce_in_process(now) -> int:  # noqa: ANN001 - runs in a forked worker
    connection.close()  # never share the parent's socket
    try:
        return enforcement.enforce(now).escalated
    finally:
        connection.close()


@pytest.mark.django_db(transaction=True)
def test_four_worker_processes_at_once_handle_each_deadline_exactly_once(region, now):
    """Issue 11: several Prefect workers against one PostgreSQL are safe by construction
    (SKIP LOCKED claims, idempotent effects, no in-process state): four processes at once."""
    import multiprocessing

    ids = due_requests(region, 3_000, now - timedelta(hours=2))
    connection.close()  # each forked worker opens its own, as served flow runs do
    with multiprocessing.get_context("fork").Pool(4) as pool:
        handled = pool.map(_enforce_in_process, [now] * 4)
    assert sum(handled) == 3_000
    assert sum(1 for n in handled if n) >= 2  # they really ran side by side on disjoint rows
    assert_each_handled_once(ids)
    assert enforcement.overdue(now)["overdue"] == 0
