"""Issue 9, "Show": schemathesis over the OpenAPI document, with a key of every role: no server
error, no answer outside the document (status, content type, body), bounded in time."""

from __future__ import annotations

import pytest
import schemathesis
from django.core.signals import request_finished, request_started
from django.db import close_old_connections
from django.utils import timezone
from hypothesis import HealthCheck, settings
from schemathesis.checks import not_a_server_error
from schemathesis.specs.openapi.checks import (
    content_type_conformance,
    negative_data_rejection,
    response_headers_conformance,
    response_schema_conformance,
    status_code_conformance,
)

from portal import apitokens
from portal.wsgi import application
from tests.conftest import user

ROLLEN = [
    "tiwos-functionaris",
    "tbv-bevrager",
    "tiwos-directie",
    "wiz-medewerker_swv",
    "wiz-privacy_officer",
    "wiz-secretaris_gc",
    "wiz-systeem",
]
CHECKS = [
    not_a_server_error,
    status_code_conformance,
    content_type_conformance,
    response_headers_conformance,
    response_schema_conformance,
    negative_data_rejection,
]


def load(phase: str) -> schemathesis.BaseSchema:
    """The document as the app serves it (generated without the database), for one phase:
    random bodies (fuzzing) or the systematic edges of every field (coverage)."""
    loaded = schemathesis.openapi.from_wsgi("/api/v1/openapi.json?format=json", application)
    phases = loaded.config.phases
    phases.coverage.enabled = phase == "coverage"
    phases.fuzzing.enabled = phase == "fuzzing"
    phases.examples.enabled = phase == "fuzzing"
    return loaded


fuzzing, coverage = load("fuzzing"), load("coverage")


@pytest.fixture
def api_schema(db, region, make_signalering):
    make_signalering("tiwos", "geblokkeerd")  # something to find, match and read
    # The WSGI app is called in this process, inside the test's transaction: like Django's test
    # client, keep the connection open between requests.
    request_started.disconnect(close_old_connections)
    request_finished.disconnect(close_old_connections)
    yield
    request_started.connect(close_old_connections)
    request_finished.connect(close_old_connections)


@pytest.fixture
def keys(api_schema) -> dict[str, str]:
    """A real API key of each role (hashed in the database, as in production)."""
    return {who: apitokens.issue(user(who), timezone.now()) for who in ROLLEN}


SETTINGS = {"deadline": None, "derandomize": True, "suppress_health_check": list(HealthCheck)}


@fuzzing.parametrize()
@settings(max_examples=25, **SETTINGS)
def test_every_operation_answers_as_documented_to_every_role(case, keys):
    for key in keys.values():  # the same request as each role
        case.call_and_validate(headers={"Authorization": f"Token {key}"}, checks=CHECKS)


@coverage.parametrize()
@settings(**SETTINGS)
def test_every_edge_of_every_field_is_answered_as_documented(case, keys):
    """Boundary values, wrong types, missing fields, bad enums: as the privacy officer, who
    sees the most (the random phase above covers every role)."""
    key = keys["wiz-privacy_officer"]
    case.call_and_validate(headers={"Authorization": f"Token {key}"}, checks=CHECKS)


def test_every_operation_documents_its_refusals_and_no_body_is_an_untyped_dict(client):
    document = client.get("/api/v1/openapi.json?format=json").json()
    components = document["components"]["schemas"]
    operations = [
        (path, method, op)
        for path, item in document["paths"].items()
        for method, op in item.items()
        if method in ("get", "post", "patch", "put", "delete")
    ]
    assert len(operations) >= 40
    for path, method, op in operations:
        assert {"400", "401", "403", "404", "409"} <= set(op["responses"]), (path, method)
        bodies = [
            content["schema"]
            for code, answer in op["responses"].items()
            if code.startswith("2")
            for content in answer.get("content", {}).values()
        ]
        bodies += [c["schema"] for c in op.get("requestBody", {}).get("content", {}).values()]
        if path == "/api/v1/openapi.json":  # the document itself is free-form by nature
            continue
        for schema_ in bodies:
            schema_ = schema_.get("items", schema_)
            if "$ref" in schema_:
                schema_ = components[schema_["$ref"].rsplit("/", 1)[1]]
            typed = schema_.get("properties") or schema_.get("format") == "binary"
            assert typed, (path, method, schema_)
