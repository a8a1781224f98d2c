"""Benchmark: catching up overdue deadlines with one and two worker processes, as two served
flow runs would, at 1×, 10× and 100× the data (1,000 / 10,000 / 100,000 deadlines), against
raw one-row write transactions (psycopg: one UPDATE of a deadline row and one COMMIT each) by
as many processes on the same PostgreSQL in the same run. Issue 11 target: ≥ 1,000
escalations/s with two workers. Not part of the default suite (bin/bench).
"""

from __future__ import annotations

import multiprocessing
import time
from datetime import timedelta

import psycopg
import pytest
from django.db import connection

from benchmarks.conftest import scales
from notifications.models import OutboxMessage
from states.models import Deadline
from states.services import enforcement
from tests.test_enforcement_load import due_requests

RAW_SAMPLE = 10_000  # the baseline's rate does not depend on how many rows are written


def _run(now) -> int:  # noqa: ANN001 - runs in a forked worker
    connection.close()
    try:
        return enforcement.enforce(now).escalated
    finally:
        connection.close()


def _raw(args: tuple[dict, list[int]]) -> int:
    """One-row write transactions: what each escalation cost before, at the least."""
    params, ids = args
    with psycopg.connect(**params) as conn:
        for pk in ids:
            with conn.transaction():
                conn.execute(
                    "UPDATE states_deadline SET escalatie_pogingen = escalatie_pogingen "
                    "WHERE id = %s",
                    (pk,),
                )
    return len(ids)


def _rate(pool_size: int, fn, jobs: list) -> float:  # noqa: ANN001
    connection.close()  # each forked worker opens its own, as served flow runs do
    started = time.perf_counter()
    with multiprocessing.get_context("fork").Pool(pool_size) as pool:
        done = sum(pool.map(fn, jobs))
    return done / (time.perf_counter() - started)


@pytest.mark.django_db(transaction=True)
@pytest.mark.parametrize("workers", [1, 2])
@pytest.mark.parametrize("scale", scales())
def test_bench_catch_up(region, now, workers, scale, record):
    n = 1_000 * scale
    ids = due_requests(region, n, now - timedelta(hours=24))
    deadline_ids = list(
        Deadline.objects.filter(case_id__in=ids).values_list("pk", flat=True)[:RAW_SAMPLE]
    )
    params = connection.get_connection_params()
    params = {
        k: v for k, v in params.items() if k in ("dbname", "host", "port", "user", "password")
    }
    raw = _rate(workers, _raw, [(params, deadline_ids[w::workers]) for w in range(workers)])
    rate = _rate(workers, _run, [now] * workers)
    assert Deadline.objects.filter(case_id__in=ids, status="missed").count() == n
    assert OutboxMessage.objects.filter(template="verzoek_vertraagd").count() == n
    record(
        "enforce-deadlines",
        f"{n:,} deadlines",
        f"escalations/s, {workers} worker(s)",
        rate,
        "/s",
        baseline=raw,
        target="≥ 1,000/s with 2 workers" if workers == 2 else "",
        met=rate >= 1_000 if workers == 2 else None,
    )
