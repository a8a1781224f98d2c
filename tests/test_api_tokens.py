"""Issue 9: API keys are kept hashed, end on a date, can be revoked, and never show in clear."""

from __future__ import annotations

from datetime import timedelta
from io import StringIO

import pytest
from django.core.management import call_command
from django.core.management.base import CommandError
from django.db import connection
from rest_framework.test import APIClient

from portal import apitokens
from portal.models import ApiToken
from tests.conftest import user

pytestmark = pytest.mark.django_db


def client_with(key: str) -> APIClient:
    client = APIClient()
    client.credentials(HTTP_AUTHORIZATION=f"Token {key}")
    return client


def issue(username: str, *args: str) -> str:
    out = StringIO()
    call_command("issue_api_token", username, *args, stdout=out)
    return out.getvalue().strip()


def test_an_issued_key_works_and_only_its_digest_is_stored(region):
    key = issue("casade-bevrager", "--naam", "WoningNet-koppeling")
    assert client_with(key).get("/api/v1/signaleringen").status_code == 200
    assert client_with(key).get("/api/v1/signaleringen", HTTP_AUTHORIZATION=f"Bearer {key}")
    [row] = ApiToken.objects.filter(user=user("casade-bevrager"))
    assert row.digest == apitokens.digest(key) and row.naam == "WoningNet-koppeling"
    with connection.cursor() as cursor:  # nowhere in the database in clear
        cursor.execute("SELECT count(*) FROM authtoken_token")
        assert cursor.fetchone()[0] == 0
        cursor.execute(
            "SELECT count(*) FROM portal_apitoken WHERE row(portal_apitoken)::text ~ %s", [key]
        )
        assert cursor.fetchone()[0] == 0


def test_an_expired_key_answers_as_an_unknown_one(region, now, monkeypatch):
    key = apitokens.issue(user("tiwos-bevrager"), now, days=30)
    assert client_with(key).get("/api/v1/signaleringen").status_code == 200
    monkeypatch.setattr("portal.clock.now", lambda: now + timedelta(days=30, seconds=1))
    expired = client_with(key).get("/api/v1/signaleringen")
    unknown = client_with("sl_" + "x" * 43).get("/api/v1/signaleringen")
    assert expired.status_code == unknown.status_code == 401
    assert expired.json() == unknown.json()


def test_a_revoked_key_stops_at_once_and_others_of_the_user_too_with_all(region, now):
    member = user("tiwos-functionaris")
    first, second = apitokens.issue(member, now), apitokens.issue(member, now)
    one = ApiToken.objects.get(digest=apitokens.digest(first))
    out = StringIO()
    call_command("revoke_api_token", "tiwos-functionaris", "--id", str(one.pk), stdout=out)
    assert "1 sleutel" in out.getvalue()
    assert client_with(first).get("/api/v1/signaleringen").status_code == 401
    assert client_with(second).get("/api/v1/signaleringen").status_code == 200
    call_command("revoke_api_token", "tiwos-functionaris", stdout=StringIO())
    assert client_with(second).get("/api/v1/signaleringen").status_code == 401


def test_a_key_of_a_deactivated_user_is_refused(region, now):
    member = user("tbv-bevrager")
    key = apitokens.issue(member, now)
    member.is_active = False
    member.save()
    assert client_with(key).get("/api/v1/signaleringen").status_code == 401


@pytest.mark.parametrize("days", ["0", "366", "-5"])
def test_a_key_lives_at_most_a_year(region, days):
    with pytest.raises(CommandError):
        issue("tiwos-bevrager", "--days", days)


@pytest.mark.parametrize(
    "header", ["Token", "Token a b", "Token " + "k" * 5000, "Token \x00", "Bearer sl_"]
)
def test_malformed_keys_are_a_401_never_a_500(region, header):
    response = APIClient().get("/api/v1/signaleringen", HTTP_AUTHORIZATION=header)
    assert response.status_code == 401


@pytest.mark.django_db(transaction=True)
def test_migration_moves_old_clear_keys_to_digests_and_deletes_them(region):
    from django.db.migrations.executor import MigrationExecutor

    executor = MigrationExecutor(connection)
    executor.migrate([("portal", "0002_inlogcode_zonder_account")])
    member = user("leystromen-bevrager")
    with connection.cursor() as cursor:  # a key as the old table held it, in clear
        cursor.execute(
            "INSERT INTO authtoken_token (key, created, user_id) VALUES (%s, now(), %s)",
            ["a" * 40, member.pk],
        )
    executor = MigrationExecutor(connection)
    executor.loader.build_graph()
    executor.migrate(executor.loader.graph.leaf_nodes())
    with connection.cursor() as cursor:
        cursor.execute("SELECT count(*) FROM authtoken_token")
        assert cursor.fetchone()[0] == 0
    assert client_with("a" * 40).get("/api/v1/signaleringen").status_code == 200
