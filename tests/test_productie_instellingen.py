"""Production settings, loaded as production loads them (a process of its own, no
SIGNALERING_ENV): `check --deploy` is clean, probes reach the health endpoints over plain HTTP
with a pod IP as Host, and DATABASE_POOLER=pgbouncer adapts the connection settings."""

from __future__ import annotations

import json
import os
import secrets
import subprocess
import sys
from pathlib import Path

import pytest
from cryptography.fernet import Fernet

from tests.conftest import database_url_for_subprocess

ROOT = Path(__file__).resolve().parent.parent


def production_env(database_url: str, **extra: str) -> dict[str, str]:
    # Not what a test process sets for itself either (the browser tests allow async-unsafe
    # database calls): a production process has none of these.
    dropped = ("SIGNALERING_ENV", "DJANGO_DEBUG", "DJANGO_ALLOW_ASYNC_UNSAFE")
    env = {k: v for k, v in os.environ.items() if k not in dropped}
    env.pop("DJANGO_SETTINGS_MODULE", None)
    return {
        **env,
        "DJANGO_SETTINGS_MODULE": "portal.settings",
        "DATABASE_URL": database_url,
        "DJANGO_SECRET_KEY": secrets.token_urlsafe(50),
        "MATCH_KEY": secrets.token_hex(32),
        "FIELD_ENCRYPTION_KEYS": Fernet.generate_key().decode(),
        "ANYMAIL_WEBHOOK_SECRET": f"webhook:{secrets.token_urlsafe(24)}",
        "DJANGO_ALLOWED_HOSTS": "signalering.example.nl",
        **extra,
    }


def run_python(code: str, env: dict[str, str]) -> subprocess.CompletedProcess[str]:
    return subprocess.run(
        [sys.executable, "-c", code], cwd=ROOT, env=env, capture_output=True, text=True, timeout=60
    )


def test_check_deploy_is_clean_under_production_settings():
    env = production_env("postgresql://postgres@127.0.0.1:5432/unused")
    result = subprocess.run(
        [sys.executable, "manage.py", "check", "--deploy", "--fail-level", "WARNING"],
        cwd=ROOT,
        env=env,
        capture_output=True,
        text=True,
        timeout=60,
    )
    assert result.returncode == 0, result.stdout + result.stderr
    assert "no issues" in result.stdout


PROBE = """
import json, django
django.setup()
from django.test import Client
client = Client(HTTP_HOST="10.1.2.3")
print(json.dumps({
    path: client.get(path).status_code
    for path in ("/health/web", "/health/flows", "/inloggen", "/api/v1/signaleringen")
} | {"known host": Client(HTTP_HOST="signalering.example.nl").get("/inloggen").status_code}))
"""


@pytest.mark.django_db
def test_probes_over_plain_http_with_a_pod_ip_reach_health_and_nothing_else():
    result = run_python(PROBE, production_env(database_url_for_subprocess()))
    assert result.returncode == 0, result.stderr
    status = json.loads(result.stdout.strip().splitlines()[-1])
    assert status["/health/web"] == 200  # not 400 (host), not 301 (HTTPS)
    assert status["/health/flows"] in (200, 503)  # answered: its figures decide
    assert status["/inloggen"] == 400
    assert status["/api/v1/signaleringen"] == 400
    assert status["known host"] == 301  # everything else goes to HTTPS


POOLER = """
import json
from django.conf import settings
db = settings.DATABASES["default"]
print(json.dumps([db.get("DISABLE_SERVER_SIDE_CURSORS", False), db["CONN_MAX_AGE"]]))
"""


def test_pgbouncer_pooler_turns_off_server_side_cursors_and_persistent_connections():
    url = "postgresql://postgres@127.0.0.1:6432/signalering"
    direct = run_python(POOLER, production_env(url))
    pooled = run_python(POOLER, production_env(url, DATABASE_POOLER="pgbouncer"))
    assert json.loads(direct.stdout) == [False, 60], direct.stderr
    assert json.loads(pooled.stdout) == [True, 0], pooled.stderr
    wrong = run_python(POOLER, production_env(url, DATABASE_POOLER="pgpool"))
    assert wrong.returncode != 0 and "DATABASE_POOLER" in wrong.stderr
