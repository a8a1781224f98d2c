"""Issue 11, target 3: the staff pages stay fast and their query count stays fixed as open
cases grow (1k, 10k, 100k open requests with deadlines; some overdue, some due this week)."""

from __future__ import annotations

import statistics
import time
from datetime import timedelta

import pytest
from django.db import connection
from django.test.utils import CaptureQueriesContext

from benchmarks.conftest import record_row, scales
from tests.conftest import staff_client
from tests.test_enforcement_load import due_requests

TARGET = "p95 < 200 ms"
PAGES = [
    ("wiz-privacy_officer", "/medewerker/termijnen"),
    ("wiz-privacy_officer", "/medewerker"),
    ("tiwos-functionaris", "/medewerker"),
    ("wiz-privacy_officer", "/medewerker/verzoeken"),
    ("wiz-privacy_officer", "/medewerker/verzoek/{case}"),  # the case page of an overdue one
]
BASELINE_SQL = """
    SELECT kind, count(*) FROM states_deadline WHERE status = 'open' GROUP BY kind;
    SELECT id, case_type, case_id, due_at FROM states_deadline
     WHERE status = 'open' ORDER BY due_at LIMIT 25;
"""


def p50_p95(samples: list[float]) -> tuple[float, float]:
    ordered = sorted(samples)
    return statistics.median(ordered), ordered[int(0.95 * (len(ordered) - 1))]


def timed_page(client, url: str, n: int = 30) -> tuple[list[float], int]:
    client.get(url)  # warm-up
    samples = []
    for _ in range(n):
        start = time.perf_counter()
        with CaptureQueriesContext(connection) as queries:
            response = client.get(url)
        samples.append((time.perf_counter() - start) * 1000)
        assert response.status_code == 200, url
    return samples, len(queries)


def timed_sql(n: int = 30) -> list[float]:
    samples = []
    with connection.cursor() as cursor:
        for _ in range(n):
            start = time.perf_counter()
            for statement in BASELINE_SQL.split(";")[:2]:
                cursor.execute(statement)
                cursor.fetchall()
            samples.append((time.perf_counter() - start) * 1000)
    return samples


@pytest.mark.django_db(transaction=True)
def test_staff_pages_at_scale(region, now):
    counts: dict[tuple[str, str], int] = {}
    made, case = 0, None
    for scale in scales():
        want = scale * 1000
        # A fifth overdue, a fifth due this week, the rest later.
        extra = want - made
        overdue = due_requests(region, extra // 5, now - timedelta(days=2))
        case = case if made else overdue[0]
        due_requests(region, extra // 5, now + timedelta(days=3))
        due_requests(region, extra - 2 * (extra // 5), now + timedelta(weeks=3))
        made = want
        with connection.cursor() as cursor:
            cursor.execute("ANALYZE")
        _, baseline = p50_p95(timed_sql())
        for user, path in PAGES:
            url = path.format(case=case)
            samples, queries = timed_page(staff_client(user), url)
            p50, p95 = p50_p95(samples)
            assert counts.setdefault((user, path), queries) == queries, (user, path)
            record_row(
                f"page {path} as {user}",
                f"{want} open",
                "p95",
                p95,
                "ms",
                baseline=baseline,
                target=TARGET,
                met=p95 < 200,
                p50=round(p50, 1),
                queries=queries,
            )
