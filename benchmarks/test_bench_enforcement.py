"""Benchmark: catching up 10,000 overdue deadlines with one and two worker processes
(run: bin/bench), as two served flow runs would.

Not part of the default suite; prints its figures. Results are kept in docs/benchmarks.md.
"""

from __future__ import annotations

import multiprocessing
import time
from datetime import timedelta

import pytest
from django.db import connection

from states.services import enforcement
from tests.test_enforcement_load import due_requests


def _run(now) -> int:
    connection.close()
    try:
        return enforcement.enforce(now).escalated
    finally:
        connection.close()


@pytest.mark.django_db(transaction=True)
@pytest.mark.parametrize("workers", [1, 2])
def test_bench_catch_up_10000(region, now, workers):
    due_requests(region, 10_000, now - timedelta(hours=24))
    connection.close()  # each forked worker opens its own, as served flow runs do
    started = time.perf_counter()
    with multiprocessing.get_context("fork").Pool(workers) as pool:
        handled = sum(pool.map(_run, [now] * workers))
    elapsed = time.perf_counter() - started
    print(
        f"\n{workers} worker(s): {handled} deadlines in {elapsed:.1f} s ({handled / elapsed:.0f}/s)"
    )
    assert handled == 10_000
