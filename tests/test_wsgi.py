"""Issue 9: the web app under the production WSGI server (gunicorn, deploy/gunicorn.conf.py),
with bounded database connections: at most one per worker process, whatever the load."""

from __future__ import annotations

import os
import socket
import subprocess
import sys
import time
import urllib.request
from concurrent.futures import ThreadPoolExecutor
from pathlib import Path

import pytest
from django.db import connection
from django.utils import timezone

from portal import apitokens
from tests.conftest import database_url_for_subprocess, user

pytestmark = pytest.mark.django_db(transaction=True)
ROOT = Path(__file__).resolve().parent.parent
WORKERS = 2


def free_port() -> int:
    with socket.socket() as s:
        s.bind(("127.0.0.1", 0))
        return s.getsockname()[1]


@pytest.fixture
def gunicorn(region):
    port = free_port()
    env = {
        **os.environ,
        "DATABASE_URL": database_url_for_subprocess(),
        "SIGNALERING_ENV": "test",
        "WEB_ADDRESS": f"127.0.0.1:{port}",
        "WEB_CONCURRENCY": str(WORKERS),
        "PGAPPNAME": "signalering-web-test",
    }
    process = subprocess.Popen(
        [Path(sys.executable).parent / "gunicorn", "-c", "deploy/gunicorn.conf.py", "portal.wsgi"],
        cwd=ROOT,
        env=env,
        stdout=subprocess.DEVNULL,
        stderr=subprocess.PIPE,
    )
    base = f"http://127.0.0.1:{port}"
    for _ in range(100):
        try:
            urllib.request.urlopen(f"{base}/inloggen", timeout=1)
            break
        except OSError:
            time.sleep(0.2)
    yield base
    process.terminate()
    process.wait(timeout=30)


def web_connections() -> int:
    with connection.cursor() as cursor:
        cursor.execute(
            "SELECT count(*) FROM pg_stat_activity WHERE application_name = %s",
            ["signalering-web-test"],
        )
        return cursor.fetchone()[0]


def test_fifty_parallel_requests_are_served_with_at_most_one_connection_per_worker(gunicorn):
    key = apitokens.issue(user("tiwos-functionaris"), timezone.now())

    def call(n: int) -> int:
        path = "/api/v1/signaleringen" if n % 2 else "/inloggen"
        request = urllib.request.Request(gunicorn + path, headers={"Authorization": f"Token {key}"})
        with urllib.request.urlopen(request, timeout=20) as response:
            return response.status

    with ThreadPoolExecutor(max_workers=25) as pool:
        statuses = list(pool.map(call, range(50)))
    assert statuses == [200] * 50
    assert 1 <= web_connections() <= WORKERS


def test_static_files_and_headers_come_from_the_wsgi_server(gunicorn):
    with urllib.request.urlopen(f"{gunicorn}/static/portal/style.css", timeout=10) as response:
        assert response.status == 200 and b"button" in response.read()
    with urllib.request.urlopen(f"{gunicorn}/inloggen", timeout=10) as response:
        assert "unsafe-inline" not in response.headers["Content-Security-Policy"]
