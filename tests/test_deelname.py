"""A participant that leaves, is excluded or suspended (ch. 17, 20, 12.4)."""

from __future__ import annotations

import pytest
from django.test import override_settings
from django.utils import timezone
from rest_framework.test import APIClient

from notifications.delivery import deliver_pending
from notifications.purging import purge_told
from portal import apitokens
from states.models import Signalering

pytestmark = pytest.mark.django_db


def token_client(username: str) -> APIClient:
    from tests.conftest import user

    client = APIClient()
    key = apitokens.issue(user(username), timezone.now())
    client.credentials(HTTP_AUTHORIZATION=f"Token {key}")
    return client


@override_settings(EMAIL_BACKEND="anymail.backends.test.EmailBackend")
def test_withdrawal_ends_and_purges_its_signaleringen_and_access_stops(api, make_signalering, now):
    tbv_client = token_client("tbv-functionaris")
    assert tbv_client.get("/api/v1/signaleringen").status_code == 200
    running = make_signalering("tbv", "geblokkeerd")
    concept = make_signalering("tbv", "concept")
    other = make_signalering("tiwos", "geregistreerd")

    response = api("wiz-medewerker_swv").post("/api/v1/deelnemers/tbv/transitions/uittreden")
    assert response.json() == {"code": "tbv", "status": "uitgetreden"}
    assert tbv_client.get("/api/v1/signaleringen").status_code in (401, 403)  # at once
    running.refresh_from_db()
    assert (running.state, running.eindreden) == ("beeindigd", "deelnemer_uitgetreden")
    assert not Signalering.objects.filter(pk=concept.pk).exists()
    deliver_pending(now)
    assert purge_told(now) == [running.pk]
    assert Signalering.objects.get(pk=running.pk).achternaam == ""
    assert Signalering.objects.get(pk=other.pk).state == "geregistreerd"  # others untouched


def test_suspension_blocks_access_without_ending_anything(api, make_signalering):
    sig = make_signalering("tbv", "geregistreerd")
    swv = api("wiz-medewerker_swv")
    swv.post("/api/v1/deelnemers/tbv/transitions/opschorten")
    assert api("tbv-functionaris").get("/api/v1/signaleringen").status_code == 403
    assert Signalering.objects.get(pk=sig.pk).state == "geregistreerd"
    swv.post("/api/v1/deelnemers/tbv/transitions/heractiveren")
    assert api("tbv-functionaris").get("/api/v1/signaleringen").status_code == 200


def test_only_the_samenwerkingsverband_manages_participation(api):
    response = api("tiwos-functionaris").post("/api/v1/deelnemers/tbv/transitions/uittreden")
    assert response.status_code == 403
    again = api("wiz-medewerker_swv")
    again.post("/api/v1/deelnemers/tbv/transitions/uitsluiten")
    assert again.post("/api/v1/deelnemers/tbv/transitions/heractiveren").status_code == 409
