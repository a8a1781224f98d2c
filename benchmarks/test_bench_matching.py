"""Benchmark: the match-check in-process at 10,000, 100,000 and 1,000,000 signaleringen (with a
tenth as many registrations), against the same work as raw SQL on one psycopg cursor in the same
run: the keyed hash, the registration upsert, the indexed lookup and the read-log insert, each
check its own transaction. Issue 11 target: p99 < 10 ms and within 3× of raw; the number of
queries per check does not grow with the data.

Not part of the default suite (run: bin/bench -k matching). Results: docs/benchmarks.md.
"""

from __future__ import annotations

import hashlib
import hmac
import io
import random
import statistics
import time
from datetime import date, timedelta

import pytest
from django.conf import settings
from django.db import connection
from django.test.utils import CaptureQueriesContext

from benchmarks.conftest import record_row, scales
from states.models import Deelnemer
from states.services import matching
from tests.conftest import actor

CHECKS = 2_000
SEEN: dict[str, dict[str, int]] = {}  # queries per check at the first scale run
NAME = "match-check"
TARGET = "p99 < 10 ms and ≤ 3× raw"
# Of every 20 signaleringen: 9 registered, 1 blocked, 9 ended, 1 removed (tombstone, no key).
STATES = ["geregistreerd"] * 9 + ["geblokkeerd"] + ["beeindigd"] * 9 + ["verwijderd"]


def persoon(i: int) -> tuple[str, str, date]:
    """Person i: a surname of letters only (the key ignores digits), so every i is its own."""
    letters = ""
    while True:
        i, rest = divmod(i, 26)
        letters += chr(ord("a") + rest)
        if not i:
            break
    return "Piet", f"Persoon{letters}", date(1950, 1, 1) + timedelta(days=len(letters) * 300)


def _columns(table: str, skip: set[str]) -> list[str]:
    with connection.cursor() as cursor:
        cursor.execute(
            "SELECT column_name FROM information_schema.columns WHERE table_name = %s "
            "ORDER BY ordinal_position",
            [table],
        )
        return [c for (c,) in cursor.fetchall() if c not in skip]


def _copy(cursor, table: str, columns: str, lines) -> None:  # noqa: ANN001
    with cursor.copy(f"COPY {table} ({columns}) FROM STDIN") as copy:
        buffer = io.StringIO()
        for n, line in enumerate(lines, 1):
            buffer.write(line)
            if n % 50_000 == 0:
                copy.write(buffer.getvalue())
                buffer = io.StringIO()
        copy.write(buffer.getvalue())


def _fill(region, make_signalering, n: int, now) -> None:
    """n signaleringen copied from one real blocked one (ciphertexts, dates, protocol), each with
    its own identity key as the service computes it, state and primaire bron; n/10 registrations
    (persons n .. 1.1n: none on the list) with their keys."""
    template = make_signalering(state="geblokkeerd")
    bronnen = list(
        Deelnemer.objects.filter(samenwerkingsverband=region).values_list("pk", flat=True)
    )
    varying = {"id", "state", "match_sleutel", "inschrijfnummer", "primaire_bron_id"}
    kept = _columns("states_signalering", varying)
    raw = connection.connection
    with raw.cursor() as cursor:
        cursor.execute(
            "CREATE TEMP TABLE bench_sig (i int, state text, sleutel text, nr text, bron bigint)"
        )
        _copy(
            cursor,
            "bench_sig",
            "i, state, sleutel, nr, bron",
            (
                f"{i}\t{STATES[i % 20]}\t"
                f"{'' if STATES[i % 20] == 'verwijderd' else matching.sleutel_voor(*persoon(i))}"
                f"\tS-{i}\t{bronnen[i % len(bronnen)]}\n"
                for i in range(n)
            ),
        )
        cols = ", ".join(kept)
        cursor.execute(
            f"INSERT INTO states_signalering ({cols}, state, match_sleutel, inschrijfnummer, "
            f"primaire_bron_id) SELECT {', '.join('t.' + c for c in kept)}, b.state, b.sleutel, "
            f"b.nr, b.bron FROM states_signalering t, bench_sig b WHERE t.id = %s",
            [template.pk],
        )
        _copy(
            cursor,
            "states_inschrijving",
            "samenwerkingsverband_id, inschrijfnummer, match_sleutel, bijgewerkt_op",
            (
                f"{region.pk}\tI-{i}\t{matching.sleutel_voor(*persoon(i))}\t{now.isoformat()}\n"
                for i in range(n, n + n // 10)
            ),
        )
        cursor.execute("DROP TABLE bench_sig")
        cursor.execute("ANALYZE states_signalering")
        cursor.execute("ANALYZE states_inschrijving")


def _checks(n: int, seed: int) -> list[tuple[str, str, str, date]]:
    """~10% on the list (some blocked, by their own number), ~30% known registrations (update),
    the rest new applicants (insert); about one in ten repeats an earlier applicant."""
    rng = random.Random(seed)
    done: list[tuple[str, str, str, date]] = []
    for k in range(CHECKS):
        roll = rng.random()
        if done and roll < 0.1:
            done.append(rng.choice(done))
            continue
        if roll < 0.2:
            i = rng.randrange(n)
            nummer = f"S-{i}"
        elif roll < 0.5:
            i = n + rng.randrange(n // 10)
            nummer = f"I-{i}"
        else:
            i = 2 * n + seed * CHECKS + k
            nummer = f"N-{i}"
        done.append((nummer, *persoon(i)))
    return done


def _percentiles(times: list[float]) -> tuple[float, float, float]:
    q = statistics.quantiles(times, n=100, method="inclusive")
    return q[49] * 1000, q[94] * 1000, q[98] * 1000


def _service(checks, now) -> list[float]:
    systeem = actor("wiz-systeem")
    times = []
    for nummer, voornaam, achternaam, geboortedatum in checks:
        started = time.perf_counter()
        matching.match_check(systeem, nummer, voornaam, achternaam, geboortedatum, now)
        times.append(time.perf_counter() - started)
    return times


UPSERT = (
    "INSERT INTO states_inschrijving (samenwerkingsverband_id, inschrijfnummer, match_sleutel, "
    "bijgewerkt_op) VALUES (%s, %s, %s, %s) ON CONFLICT (samenwerkingsverband_id, inschrijfnummer)"
    " DO UPDATE SET bijgewerkt_op = excluded.bijgewerkt_op RETURNING id"
)
LOOKUP = (
    "SELECT id, state, match_sleutel FROM states_signalering WHERE samenwerkingsverband_id = %s "
    "AND ((state IN ('geregistreerd', 'geblokkeerd') AND match_sleutel = %s AND NOT beperkt) "
    "OR (state = 'geblokkeerd' AND inschrijfnummer = %s))"
)
LOG = (
    "INSERT INTO states_raadpleging (tijdstip, user_id, rol, deelnemer_id, signalering_id, "
    "case_type, actie, doel, kenmerk) VALUES (%s, %s, 'systeem', NULL, %s, '', 'match_check', "
    "'toewijzing', %s)"
)


def _raw(checks, now, swv: int) -> list[float]:
    user_id = actor("wiz-systeem").user_id
    key = settings.MATCH_KEY.encode()
    pg = connection.connection
    times = []
    with pg.cursor() as cursor:
        for nummer, voornaam, achternaam, geboortedatum in checks:
            started = time.perf_counter()
            text = f"{achternaam.lower()}|{voornaam[0].lower()}|{geboortedatum.isoformat()}"
            sleutel = hmac.new(key, text.encode(), hashlib.sha256).hexdigest()
            with pg.transaction():
                cursor.execute(UPSERT, (swv, nummer, sleutel, now))
                cursor.fetchone()
                cursor.execute(LOOKUP, (swv, sleutel, nummer))
                for pk, state, gevonden in cursor.fetchall():
                    if state == "geblokkeerd" and gevonden == sleutel:
                        cursor.execute(LOG, (now, user_id, pk, nummer))
            times.append(time.perf_counter() - started)
    return times


def _queries(checks, now) -> dict[str, int]:
    """Statements of one check per path: a new applicant, a known one, one on the list."""
    systeem = actor("wiz-systeem")
    counts = {}
    for path, check in checks.items():
        with CaptureQueriesContext(connection) as ctx:
            matching.match_check(systeem, *check, now)
        counts[path] = len(ctx.captured_queries)
    return counts


@pytest.mark.django_db(transaction=True)
@pytest.mark.parametrize("scale", scales())
def test_bench_match_check(region, make_signalering, now, scale):
    n = scale * 10_000
    started = time.perf_counter()
    _fill(region, make_signalering, n, now)
    print(f"\n{n} signaleringen, {n // 10} registrations in {time.perf_counter() - started:.0f} s")
    _service(_checks(n, 99)[:200], now)  # warm caches and the connection
    service = _service(_checks(n, 1), now)
    raw = _raw(_checks(n, 2), now, region.pk)
    p50, p95, p99 = _percentiles(service)
    raw50, _, raw99 = _percentiles(raw)
    label = f"{scale}× ({n:,} signaleringen)"
    blocked = next(i for i in range(n) if STATES[i % 20] == "geblokkeerd")
    queries = _queries(
        {
            "new": (f"Q-{n}", *persoon(3 * n)),
            "known": (f"I-{n}", *persoon(n)),
            "blocked": (f"S-{blocked}", *persoon(blocked)),
        },
        now,
    )
    met = p99 < 10 and p99 <= 3 * raw99
    record_row(NAME, label, "p50 per check", p50, "ms", raw50)
    record_row(NAME, label, "p95 per check", p95, "ms")
    record_row(NAME, label, "p99 per check", p99, "ms", raw99, TARGET, met)
    for path, count in queries.items():
        record_row(NAME, label, f"queries per check ({path})", count, "queries")
    assert SEEN.setdefault("queries", queries) == queries  # the same at every scale
