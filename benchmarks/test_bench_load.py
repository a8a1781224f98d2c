"""Issue 11, target 5: the portal and the API under load. 50 concurrent users (locust, headless,
a process of its own on loopback, bounded in time) against the production web server: gunicorn
with deploy/gunicorn.conf.py and the production settings (no SIGNALERING_ENV, DEBUG off, HTTPS
behind the proxy's header, static files collected). Per group of requests: requests/s, p50,
p95, and failures, which must be zero; the p95 is compared with /health/web's in the same run.

Data per scale (1× = 10,000 signaleringen with 1,000 registrations, as the match-check
benchmark fills them, and 1,000 open requests with deadlines, as the page benchmark makes them).
Default scales 1 and 10, about 4 minutes (BENCH_SCALES=100 adds 4 minutes of seeding for the
100×). LOAD_SECONDS sets the length of each run (default 60). Figures: docs/benchmarks.md.
"""

from __future__ import annotations

import http.client
import json
import os
import re
import statistics
import subprocess
import sys
import threading
import time
import urllib.request
from datetime import timedelta
from pathlib import Path
from typing import Any

import pytest
from django.conf import settings
from django.db import connection
from django.test import override_settings
from django.utils import timezone

from benchmarks.conftest import record_row, scales
from benchmarks.test_bench_matching import _checks, _fill
from portal import apitokens
from states.models import Deelnemer, Signalering
from tests.conftest import database_url_for_subprocess, staff_client, user
from tests.test_enforcement_load import due_requests
from tests.test_productie_instellingen import production_env
from tests.test_wsgi import free_port

ROOT = Path(__file__).resolve().parent.parent
OUT = ROOT / "var" / "bench" / "load"
USERS = 50
SECONDS = int(os.environ.get("LOAD_SECONDS", "60"))
WORKERS = 3  # WEB_CONCURRENCY of deploy/k8s/configmap.yaml and compose.yaml
APP_NAME = "signalering-web-load"
LOADAVG: dict[int, float] = {}
SECRET_KEY = "load-benchmark-" + os.urandom(16).hex()
STAFF_PAGES = {
    "functionaris": [
        "/medewerker",
        "/medewerker/termijnen",
        "/medewerker/verzoeken",
        "/medewerker/signaleringen",
    ],
    "privacy_officer": [
        "/medewerker",
        "/medewerker/termijnen",
        "/medewerker/verzoeken",
        "/medewerker/signaleringen",
    ],
    "medewerker_swv": ["/medewerker", "/medewerker/signaleringen", "/medewerker/verzoeken"],
}


def _seed(region, make_signalering, betrokkene, now, scale: int) -> None:
    _fill(region, make_signalering, scale * 10_000, now)
    open_requests = scale * 1000  # a fifth overdue, a fifth due this week, the rest later
    due_requests(region, open_requests // 5, now - timedelta(days=2))
    due_requests(region, open_requests // 5, now + timedelta(days=3))
    due_requests(region, open_requests - 2 * (open_requests // 5), now + timedelta(weeks=3))
    for i in range(5):  # people on the list with an account of their own
        sig = make_signalering(achternaam=f"Zwartkruis{chr(ord('a') + i)}")
        betrokkene(sig, username=f"persoon-{i}", email=f"persoon{i}@example.org")
    with connection.cursor() as cursor:
        cursor.execute("ANALYZE")


def _cookie(client: Any) -> str:
    name = settings.SESSION_COOKIE_NAME
    return f"{name}={client.cookies[name].value}"


def _staff() -> list[dict[str, Any]]:
    """Three sessions per member of staff: each functionaris, the privacy officer and the
    region's staff member, each page of their role; a functionaris opens their own
    corporation's signaleringen, the region's staff any."""
    members = [(f"{d}-functionaris", "functionaris", d) for d in _codes()]
    members += [("wiz-privacy_officer", "privacy_officer", None)]
    members += [("wiz-medewerker_swv", "medewerker_swv", None)]
    staff = []
    for username, rol, code in members * 3:
        shown = Signalering.objects.filter(state__in=("geregistreerd", "geblokkeerd"))
        if code:
            shown = shown.filter(primaire_bron__code=code)
        staff.append(
            {
                "cookie": _cookie(staff_client(username)),
                "pages": STAFF_PAGES[rol],
                "signaleringen": list(shown.order_by("?").values_list("pk", flat=True)[:100]),
            }
        )
    return staff


def _codes() -> list[str]:
    return list(Deelnemer.objects.order_by("code").values_list("code", flat=True))


def _persons() -> list[str]:
    from django.test import Client

    cookies = []
    for i in range(5):
        client = Client()
        client.force_login(user_by_name(f"persoon-{i}"))
        cookies.append(_cookie(client))
    return cookies


def user_by_name(username: str) -> Any:
    from django.contrib.auth import get_user_model

    return get_user_model().objects.get(username=username)


def _load_data(scale: int) -> Path:
    """Sessions (signed with the server's key, as after a sign-in with both factors), API keys
    of the allocation system, and 6,000 applicants to check (the match-check benchmark's mix)."""
    n = scale * 10_000
    with override_settings(SECRET_KEY=SECRET_KEY):
        data = {"staff": _staff(), "persons": _persons()}
    data["api_keys"] = [apitokens.issue(user("wiz-systeem"), timezone.now()) for _ in range(4)]
    data["checks"] = [
        {"inschrijfnummer": nr, "voornaam": v, "achternaam": a, "geboortedatum": str(g)}
        for seed in (1, 2, 3)
        for nr, v, a, g in _checks(n, seed)
    ]
    path = OUT / f"data-{scale}.json"
    path.write_text(json.dumps(data))
    return path


def _server_env(port: int, metrics: Path) -> dict[str, str]:
    """Production settings; the data was written with this process's match and field keys."""
    return production_env(
        database_url_for_subprocess(),
        DJANGO_SECRET_KEY=SECRET_KEY,
        MATCH_KEY=settings.MATCH_KEY,
        FIELD_ENCRYPTION_KEYS=",".join(settings.FIELD_ENCRYPTION_KEYS),
        DJANGO_ALLOWED_HOSTS="127.0.0.1",
        DJANGO_BEHIND_TLS_PROXY="1",
        WEB_ADDRESS=f"127.0.0.1:{port}",
        WEB_CONCURRENCY=str(WORKERS),
        PGAPPNAME=APP_NAME,
        PROMETHEUS_MULTIPROC_DIR=str(metrics),
    )


@pytest.fixture(scope="module")
def collected_static() -> None:
    """Production serves collectstatic's folder (WhiteNoise), as the image does."""
    env = _server_env(0, OUT)
    subprocess.run(
        [sys.executable, "manage.py", "collectstatic", "--noinput", "-v", "0"],
        cwd=ROOT,
        env=env,
        check=True,
        timeout=120,
    )


def _start_gunicorn(scale: int) -> tuple[subprocess.Popen, str, Path]:
    port = free_port()
    metrics = OUT / f"metrics-{scale}"
    metrics.mkdir(parents=True, exist_ok=True)
    log = OUT / f"gunicorn-{scale}.log"
    process = subprocess.Popen(
        [Path(sys.executable).parent / "gunicorn", "-c", "deploy/gunicorn.conf.py", "portal.wsgi"],
        cwd=ROOT,
        env=_server_env(port, metrics),
        stdout=log.open("w"),
        stderr=subprocess.STDOUT,
    )
    base = f"http://127.0.0.1:{port}"
    for _ in range(150):
        try:
            with urllib.request.urlopen(f"{base}/health/web", timeout=2) as response:
                if response.status == 200:
                    return process, base, log
        except OSError:
            time.sleep(0.2)
    process.terminate()
    raise AssertionError(f"gunicorn did not answer; see {log}")


def _warm_up(base: str, data: Path) -> None:
    """What a server that has been up a while has done: every page type once per worker (the
    first request of a worker loads the URLs, templates and translations)."""
    loaded = json.loads(data.read_text())
    member = loaded["staff"][0]
    pages = [(p, member["cookie"]) for p in member["pages"]]
    pages += [(f"/medewerker/signaleringen/{member['signaleringen'][0]}", member["cookie"])]
    pages += [("/mijn", loaded["persons"][0]), ("/health/web", "")]
    check = json.dumps(loaded["checks"][0]).encode()
    for _ in range(2 * WORKERS):
        for path, cookie in pages:
            headers = {"X-Forwarded-Proto": "https", "Cookie": cookie}
            urllib.request.urlopen(urllib.request.Request(base + path, headers=headers), timeout=30)
        api = {
            "Authorization": f"Token {loaded['api_keys'][0]}",
            "Content-Type": "application/json",
        }
        request = urllib.request.Request(
            f"{base}/api/v1/match-check", check, {**api, "X-Forwarded-Proto": "https"}
        )
        urllib.request.urlopen(request, timeout=30)


def _redirects_to_https(base: str) -> bool:
    """The production settings are in force: a request that did not come through the TLS proxy
    is sent to HTTPS."""
    host, port = base.removeprefix("http://").split(":")
    connection_ = http.client.HTTPConnection(host, int(port), timeout=10)
    connection_.request("GET", "/inloggen")
    response = connection_.getresponse()
    connection_.close()
    return response.status == 301 and response.headers["Location"].startswith("https://")


def _connections() -> int:
    """The web's client connections: PostgreSQL's parallel query workers carry their leader's
    application name but are not connections (they count against max_worker_processes)."""
    with connection.cursor() as cursor:
        cursor.execute(
            "SELECT count(*) FROM pg_stat_activity WHERE application_name = %s "
            "AND backend_type = 'client backend'",
            [APP_NAME],
        )
        return cursor.fetchone()[0]


def _run_locust(base: str, data: Path, scale: int) -> tuple[list[Any], int, str]:
    """locust in a process of its own for SECONDS; meanwhile the server's database connections
    are counted every half second. Returns the samples, the most connections, locust's output."""
    samples = OUT / f"samples-{scale}.json"
    command = [
        Path(sys.executable).parent / "locust",
        *("-f", "benchmarks/locustfile.py", "--headless", "--only-summary"),
        *("-u", str(USERS), "-r", "10", "-t", f"{SECONDS}s", "--stop-timeout", "10"),
        *("--host", base, "--csv", str(OUT / f"locust-{scale}")),
    ]
    env = {**os.environ, "LOAD_DATA": str(data), "LOAD_SAMPLES": str(samples)}
    most = 0
    with subprocess.Popen(
        command, cwd=ROOT, env=env, stdout=subprocess.PIPE, stderr=subprocess.STDOUT, text=True
    ) as locust:
        output: list[str] = []
        reader = threading.Thread(target=lambda: output.extend(locust.stdout), daemon=True)
        reader.start()
        deadline = time.monotonic() + SECONDS + 60
        while locust.poll() is None:
            most = max(most, _connections())
            if time.monotonic() > deadline:
                locust.kill()
                raise AssertionError("locust did not stop in time")
            time.sleep(0.5)
        reader.join(timeout=10)
    return json.loads(samples.read_text()), most, "".join(output)


def _summary(samples: list[Any], seconds: float) -> dict[str, dict[str, float]]:
    """Per group ("api", "staff", …) and per request name: rps, p50, p95, failures."""
    by: dict[str, list[tuple[float, bool]]] = {}
    for name, ms, failed in samples:
        for key in (name.split()[0], name, "all"):
            by.setdefault(key, []).append((ms, failed))
    figures = {}
    for key, rows in by.items():
        times = sorted(ms for ms, _ in rows)
        figures[key] = {
            "requests": len(rows),
            "rps": len(rows) / seconds,
            "p50": statistics.median(times),
            "p95": times[int(0.95 * (len(times) - 1))],
            "failures": sum(failed for _, failed in rows),
        }
    return figures


SERVER_ERROR = re.compile(
    r'\\" 5\d\d |"level": "(ERROR|CRITICAL)"|WORKER TIMEOUT|Traceback|Worker .* (was sent|exited)'
)


def _server_errors(log: Path) -> list[str]:
    """Lines of the server's log that name an error: a 5xx in the access log, an error logged,
    a worker timed out, killed or exited."""
    return [line for line in log.read_text().splitlines() if SERVER_ERROR.search(line)]


def _record(figures: dict[str, dict[str, float]], scale: int, most: int) -> None:
    """One row for all requests, one per group, one per page of a group of several pages; the
    p95 against /health/web's p95 in the same run."""
    label = f"{scale}× ({scale * 10_000:,} signaleringen, {scale * 1000:,} open)"
    baseline = figures["health"]["p95"]
    groups = [k for k in figures if " " not in k]
    names = [k for k in figures if " " in k]
    several = {g for g in groups if sum(n.split()[0] == g for n in names) > 1}
    for key in sorted(groups) + sorted(n for n in names if n.split()[0] in several):
        f = figures[key]
        record_row(
            f"load {USERS} users: {key}",
            label,
            f"p95 ({f['rps']:.1f} req/s, p50 {f['p50']:.0f} ms, {f['failures']} failed)",
            f["p95"],
            "ms",
            baseline=baseline,
            target="zero errors",
            met=f["failures"] == 0,
            p50=round(f["p50"], 1),
            rps=round(f["rps"], 1),
            requests=f["requests"],
            failures=f["failures"],
            loadavg_before=LOADAVG[scale],
        )
    record_row(f"load {USERS} users: database connections", label, "most", most, "connections",
               target=f"≤ {WORKERS} (workers)", met=most <= WORKERS)  # fmt: skip


@pytest.mark.django_db(transaction=True)
@pytest.mark.parametrize("scale", scales("1,10"))
def test_bench_load_fifty_users(region, make_signalering, betrokkene, now, collected_static, scale):
    OUT.mkdir(parents=True, exist_ok=True)
    started = time.perf_counter()
    _seed(region, make_signalering, betrokkene, now, scale)
    data = _load_data(scale)
    print(f"\nseeded {scale}× in {time.perf_counter() - started:.0f} s")
    LOADAVG[scale] = round(os.getloadavg()[0], 2)  # other work on the machine, for the record
    server, base, log = _start_gunicorn(scale)
    try:
        assert _redirects_to_https(base)
        _warm_up(base, data)
        samples, most, output = _run_locust(base, data, scale)
    finally:
        server.terminate()
        server.wait(timeout=40)
    print(output[-3000:])
    figures = _summary(samples, SECONDS)
    _record(figures, scale, most)
    assert figures["all"]["requests"] > 0 and {"api", "staff", "person", "health"} <= set(figures)
    assert figures["all"]["failures"] == 0, output[-3000:]
    assert _server_errors(log) == [], _server_errors(log)[:5]
    assert 1 <= most <= WORKERS
