"""Issue 11: structured logs an operator can search — one JSON object per line with the time,
level, logger, message, request id and case — that never carry a person's e-mail address or
a BSN-like number, not even in an exception's text."""

from __future__ import annotations

import io
import json
import logging
import logging.config
import os
import subprocess
import sys
from collections.abc import Iterator
from pathlib import Path

import pytest
from django.test import Client

from portal import logs
from tests.conftest import actor, staff_client

ROOT = Path(__file__).resolve().parent.parent


@pytest.fixture
def json_lines() -> Iterator[io.StringIO]:
    """The production console handler (portal.logs.logging_config("json")), writing here."""
    config = logs.logging_config("json", "INFO")["handlers"]["console"]
    stream = io.StringIO()
    handler = logging.StreamHandler(stream)
    handler.addFilter(logs.Context())
    handler.addFilter(logs.Redact())
    handler.setFormatter(logs.JsonFormatter())
    assert config["filters"] == ["context", "redact"]
    root = logging.getLogger()
    root.addHandler(handler)
    try:
        yield stream
    finally:
        root.removeHandler(handler)


def lines(stream: io.StringIO) -> list[dict]:
    return [json.loads(line) for line in stream.getvalue().splitlines()]


def test_an_exception_with_personal_data_is_logged_without_it(json_lines):
    log = logging.getLogger("states.test")
    logs.bind_case("verzoek", 42)
    try:
        raise ValueError("bezorging aan jan.jansen@example.org mislukt, bsn 123456782")
    except ValueError:
        log.exception("versturen aan %s (%s) mislukt", "piet@voorbeeld.nl", 987654321)
    finally:
        logs.case.set(None)
    text = json_lines.getvalue()
    assert "@example.org" not in text and "voorbeeld.nl" not in text
    assert "123456782" not in text and "987654321" not in text
    (line,) = lines(json_lines)
    assert line["message"] == "versturen aan [e-mail] ([number]) mislukt"
    assert "ValueError: bezorging aan [e-mail] mislukt, bsn [number]" in line["exc_info"]
    assert (line["level"], line["logger"]) == ("ERROR", "states.test")
    assert (line["case_type"], line["case_id"]) == ("verzoek", 42)
    assert line["time"].endswith("+00:00")


@pytest.mark.django_db
def test_a_request_logs_json_with_the_id_it_answers_with(json_lines, region):
    response = Client().get("/bestaat-niet/jan@example.org/123456789")
    rid = response["X-Request-ID"]
    assert len(rid) == 32
    (line,) = [x for x in lines(json_lines) if x["logger"] == "django.request"]
    assert line["request_id"] == rid and line["level"] == "WARNING"
    assert "jan@example.org" not in json_lines.getvalue()
    assert "123456789" not in json_lines.getvalue()
    # A proxy's plain id is kept, so its log and ours meet; anything else is replaced.
    kept = Client().get("/health/web", HTTP_X_REQUEST_ID="lb-7f3a9c01")
    assert kept["X-Request-ID"] == "lb-7f3a9c01"
    replaced = Client().get("/health/web", HTTP_X_REQUEST_ID='x"}\n{"level":"CRITICAL"')
    assert len(replaced["X-Request-ID"]) == 32 and "{" not in replaced["X-Request-ID"]
    bsn = Client().get("/health/web", HTTP_X_REQUEST_ID="klant-123456782")
    assert "123456782" not in bsn["X-Request-ID"]


def test_production_logs_are_json_lines_and_development_logs_text():
    code = (
        "import logging, logging.config; from portal import logs;"
        "logging.config.dictConfig(logs.logging_config(logs.default_format(%r), 'INFO'));"
        "logging.getLogger('x').warning('mail %%s', 'a@b.nl')"
    )
    for environment, is_json in (("production", True), ("development", False)):
        out = subprocess.run(
            [sys.executable, "-c", code % environment],
            cwd=ROOT,
            env={**os.environ, "PYTHONPATH": str(ROOT)},
            capture_output=True,
            text=True,
            check=True,
        ).stderr
        assert "a@b.nl" not in out and "mail [e-mail]" in out
        if is_json:
            assert json.loads(out)["level"] == "WARNING"
        else:
            assert out.startswith("20") and "WARNING x" in out


def test_a_log_call_with_wrong_arguments_is_written_masked_and_does_not_raise(json_lines):
    logging.getLogger("states.test").warning("klant %s %s", "jan@example.org")
    (line,) = lines(json_lines)
    assert line["message"] == "klant %s %s (arguments did not fit)"
    assert "jan@example.org" not in json_lines.getvalue()


@pytest.mark.django_db
def test_a_step_on_a_case_logs_its_type_and_id_not_its_people(json_lines, make_signalering, now):
    from states.services import verzoek
    from states.services.intake import Indiening

    sig = make_signalering()
    filed = Indiening(
        naam="Mr. A. Advocaat", kanaal="brief", signalering_id=sig.pk, ontvangen_op=now
    )
    v = verzoek.dien_in(actor("wiz-privacy_officer"), "inzage", filed, now)
    client = staff_client("tiwos-functionaris")
    client.post(f"/medewerker/verzoek/{v.pk}/trek_in", {"bevestigd": "1"})
    again = client.post(f"/medewerker/verzoek/{v.pk}/neem_in_behandeling", {})
    assert again.status_code == 409
    (line,) = [x for x in lines(json_lines) if x["logger"] == "django.request"]
    assert (line["case_type"], line["case_id"]) == ("verzoek", v.pk)
    assert line["request_id"] == again["X-Request-ID"]
    assert "Advocaat" not in json_lines.getvalue()
