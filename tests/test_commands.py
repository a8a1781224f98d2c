"""The public commands: seed_demo (idempotent) and issue_api_token."""

from __future__ import annotations

from io import StringIO

import pytest
from django.core.management import CommandError, call_command
from rest_framework.test import APIClient

from states.models import Deelnemer, Medewerker, ProtocolVersie

pytestmark = pytest.mark.django_db


def test_seed_demo_is_idempotent(region):
    counts = (Deelnemer.objects.count(), Medewerker.objects.count(), ProtocolVersie.objects.count())
    out = StringIO()
    call_command("seed_demo", stdout=out)
    call_command("seed_demo", stdout=StringIO())
    assert (
        (
            Deelnemer.objects.count(),
            Medewerker.objects.count(),
            ProtocolVersie.objects.count(),
        )
        == counts
        == (5, 19, 1)
    )
    assert "tiwos-functionaris" in out.getvalue() and "wiz-privacy_officer" in out.getvalue()


def test_issue_api_token_gives_a_working_token(region):
    out = StringIO()
    call_command("issue_api_token", "casade-bevrager", stdout=out)
    client = APIClient()
    client.credentials(HTTP_AUTHORIZATION=f"Token {out.getvalue().strip()}")
    assert client.get("/api/v1/signaleringen").status_code == 200
    with pytest.raises(CommandError):
        call_command("issue_api_token", "niemand")
